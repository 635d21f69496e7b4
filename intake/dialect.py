"""Regional and casual grammar read in the standard forms the rules know.

Writers from Kansai, Kyushu, Chugoku or Tohoku, and casual writers anywhere, end their verbs in the forms of their
region: "名前違っとる" (違っている), "届いてへん" (届いていない), "失くしてもうた" (失くしてしまった), "出さなあかん"
(出さなければならない), "申し込むけん" (申し込むから), "どうすると?" (どうするの?), "なんぼですか" (いくらですか),
"おかんが亡くなって" (母が亡くなって).
The rules match the standard endings ("…になっている", "…ていない", "…てしまった"); reading these endings in their
standard form lets every rule cover them, instead of one pattern per region.

Only endings that cannot be read otherwise are changed: each pattern stands after the verb form it ends (a te-form's
"っ", "し", "い", "ん"; a verb's irrealis kana before "へん") and before what may follow the ending, so that "大変"
in kana ("たいへん"), "返金" ("へんきん") or "取る" after a noun keep their meaning.  The model
(:mod:`intake.model`) reads the text as written; only the rules read it so.

:func:`standard` returns the text read so; :func:`readings` names what was read, for the reasons.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# What may follow an ending: the end of a sentence or a clause, a quote's end, or a sentence-final particle.
_AFTER = r"(?=[。、．，,.!?！？…〜~ー\s)）」』]|$|[のんよねわなでかし](?![ぁ-ん]{2}))"

_PROGRESSIVE = {"る": "いる", "った": "いた", "ります": "います", "りました": "いました", "らん": "いない",
                "らへん": "いない", "って": "いて"}

_READINGS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern), target)
    for pattern, target in (
        # The western progressive: "違っとる", "失くしとった", "書いとります", "死んどる" (…ている, …ていた).
        # Not 取る written in kana after a verb's stem ("受けとった", "乗っとる", "買いとって").
        (r"(?<=[っしいえけせてねめれげべ])(?<!受け)(?<!乗っ)(?<!買い)と(る|った|ります|りました|らん|らへん|って)",
         lambda m: "て" + _PROGRESSIVE[m.group(1)]),
        (r"(?<=ん)ど(る|った|ります|りました|らん|らへん|って)", lambda m: "で" + _PROGRESSIVE[m.group(1)]),
        # Kansai negation: "届いてへん" (…ていない), "せえへん" (しない), "こーへん" (来ない), "わからへん", "使えへん",
        # "できひん" (…ない), "へんかった" (…なかった); not "なんかへん" (something is odd).
        (r"(?:しい|せえ|せー|せ)(?:へ|ひ)ん(?=かった)", "しな"),
        (r"(?:しい|せえ|せー|せ)(?:へ|ひ)ん", "しない"),
        (r"(?:こ(?:え|ー)|け(?:え|ー)|きい)(?:へ|ひ)ん(?=かった)", "来な"),
        (r"(?:こ(?:え|ー)|け(?:え|ー)|きい)(?:へ|ひ)ん", "来ない"),
        (r"(?<=て)へん(?=かった)", "いな"),
        (r"(?<=て)へん" + _AFTER, "いない"),
        (r"(?<!なんか)(?<!何か)(?<=[らかさたなまわばえけせねめれげべ])へん(?=かった)", "な"),
        (r"(?<!なんか)(?<!何か)(?<=[らかさたなまわばえけせねめれげべ])へん" + _AFTER, "ない"),
        (r"(?<=[きみ])ひん(?=かった)", "な"),
        (r"(?<=[きみ])ひん" + _AFTER, "ない"),
        # The Kansai past told: "亡くなってん" (亡くなったんです), "してん".
        (r"(?<=[っしい])てん" + _AFTER, "たんです"),
        # Not so: "住所ちゃうとこ", "ちゃいます" (違う, 違います); not a verb's "…ちゃう" (…てしまう).
        (r"(?<![ぁ-ん])ちゃ(?=う|います|いま|うか)", "違"),
        # Done and regretted: "失くしてもうた", "消してしもた" (…てしまった).
        (r"(?<=[てで])(?:もう|もー|しも|しもう|しもー)た(?!くさん|ぶん)", "しまった"),
        # Must: "出さなあかん", "せなあかん" (…なければならない); else "あかん" is no good (だめ), not a baby.
        (r"(?<=[さかたなまらわがばせ])な(?:あ|ー)?あかん", "なければならない"),
        (r"あかん(?!ぼう|坊)", "だめ"),
        # The copula や after a noun: "渡邊やのに" (なのに), "…やねん" (なんです), "…やけど" (だけど),
        # "…やから" (だから).
        (r"(?<=[一-龥々ァ-ヶーA-Za-z0-9])やのに", "なのに"),
        (r"(?<=[一-龥々ァ-ヶーA-Za-z0-9ん])やねん", "なんです"),
        (r"(?<=[一-龥々ァ-ヶーA-Za-z0-9ん])や(?=けど|から)", "だ"),
        (r"(?<=[いるたん])ねん" + _AFTER, "んです"),
        # Because, in Kyushu, Chugoku and Tohoku: "申し込むけん", "ないけえ" (…から), not "いけん" (no good);
        # but: "ばってん", "だども" (けど).
        (r"(?<=[るたいだうすくつぬむぶぐ])(?<!とい)(?<!ゃい)(?<!はい)(?<!らい)(?:けん|けえ|けぇ)"
         r"(?=[。、,，!！?？\s]|ね|$)", "から"),
        (r"ばってん|(?<=[だた])ども(?=[、,，\s])", "けど"),
        # Asking in Tohoku and Kyushu: "行ってもいいべか" (…でしょうか), "どうすると?" (どうするの?).
        (r"(?<=[いるた])べか", "でしょうか"),
        (r"(?<=[るたい])と(?=[?？])", "の"),
        # Kin called as families call them ("おかんが亡くなって", "じいちゃんの証明書"): 母, 父, 祖父, 祖母.
        (r"おかん(?!じょう|ぼう)|おふくろ|お袋", "母"),
        (r"おとん|おやじ|親父", "父"),
        (r"じいちゃん|じっちゃん|爺ちゃん", "祖父"),
        (r"ばあちゃん|ばっちゃん|婆ちゃん", "祖母"),
        # How much: "なんぼ" (いくら); good: "…たらええ", "ええんですか" (いい).
        (r"なんぼ", "いくら"),
        (r"(?<=たら|れば|ても|でも|って)ええ|ええ(?=んですか|んか|の[?？]|ですか)", "いい"),
        # A request in Kansai: "直してや", "止めてんか" (…てください).
        (r"(?<=て)(?:や|んか)(?=[。!！\s]|$)", "ください"),
    )
)


def standard(text: str) -> str:
    """*text* with regional and casual endings read in their standard forms (see the module docstring)."""
    for pattern, target in _READINGS:
        text = pattern.sub(target, text)
    return text


def readings(text: str) -> list[str]:
    """Reasons naming each ending :func:`standard` reads in another form in *text* (at most three)."""
    found: list[str] = []
    for pattern, target in _READINGS:
        for match in pattern.finditer(text):
            around = text[max(0, match.start() - 4) : match.end() + 2]
            read = target if isinstance(target, str) else target(match)
            found.append(f"dialect: {match.group(0)!r} in {around!r} read as {read!r}")
        text = pattern.sub(target, text)
    return list(dict.fromkeys(found))[:3]

"""Romaji and mixed writing: Japanese key words written in the Latin alphabet, read as Japanese.

Writers who cannot type Japanese (abroad, on a borrowed keyboard) write it in romaji:
"moushikomi wo cancel shitai desu", "chichi ga nakunarimashita. chichi no shoumeisho wo shikkou
shitai desu", "shoumeisho no namae ga chigaimasu".  Bilingual writers put an English key word
inside a Japanese sentence ("申込をcancelしてください", "今月でrevokeしてください"), where no
word boundary sets it apart, and shorten メールアドレス to メアド.  The rules key on the Japanese
words, so those writings are brought to them here, before the spelling folds (:mod:`intake.spelling`).

The romaji fold is bounded so that it cannot fire inside English:

* only a sentence (up to a full stop, a question mark or a line break) that ends or bends a verb
  in romaji (desu, shimasu, shitai, kudasai, …) is read as romaji at all;
* within it, only whole Latin words of a small fixed table are replaced (never a part of a word),
  and a word the table does not list is left as written.

The mixed fold replaces "cancel" and "revoke" only where they touch a Japanese character on one side.
"""

from __future__ import annotations

import re

# A romaji verb ending or polite form: the sign that a sentence is Japanese written in Latin letters.
_ROMAJI_SENTENCE = re.compile(
    r"(?<![A-Za-z])(?:[a-z]*(?:masu|masen|mashita|mashite|mashou|desu|deshita|deshou)"
    r"|shitai|shite|kudasai|onegai(?:shimasu)?|itadakemasu?ka|hoshii)(?![A-Za-z])",
    re.I,
)
# One sentence of a text (its ending kept with it).
_SENTENCE = re.compile(r"[^.?!。？！\n]+[.?!。？！]*")

# Whole romaji words and their Japanese; long vowels in any common spelling (ou, oo, o, ō, oh).
_O = r"(?:ou|oo|oh|o|ō)"
_U = r"(?:uu|u|ū)"
_WORDS: tuple[tuple[str, str], ...] = (
    # The key words of the CA's business.
    (rf"denshi ?sh{_O}meisho", "電子証明書"),
    (rf"sh{_O}meisho", "証明書"),
    (rf"m{_O}shikomisho", "申込書"),
    (rf"m{_O}shikomi", "申込"),
    (rf"m{_O}shikomimashita", "申し込みました"),
    (r"shinsei", "申請"),
    (rf"shikk{_O}", "失効"),
    (r"torikeshi", "取り消し"),
    (r"torikeshite", "取り消して"),
    (r"torisage", "取り下げ"),
    (r"torisagete", "取り下げて"),
    (r"kaiyaku", "解約"),
    (r"kyanseru|cancel", "キャンセル"),
    (r"(?:yamete|tomete)", "止めて"),
    (rf"hakk{_O}", "発行"),
    (r"funshitsu", "紛失"),
    (rf"t{_O}nan", "盗難"),
    (r"nakushimashita|nakushita", "なくしました"),
    (r"nusumaremashita|nusumareta", "盗まれました"),
    (rf"kinky{_U}", "緊急"),
    (rf"shiky{_U}", "至急"),
    (r"himitsu ?kagi", "秘密鍵"),
    (r"pasokon", "パソコン"),
    (r"keitai", "携帯"),
    (r"sumaho", "スマホ"),
    # A death in the family: the relatives and the verb (亡くなる), which the death rules read.
    # (Typed as two words too: "nakunari mashita".)
    (r"nakunari ?mashita", "亡くなりました"),
    (r"nakunatta", "亡くなった"),
    (rf"shib{_O}", "死亡"),
    (r"chichi", "父"),
    (r"haha", "母"),
    (r"otto|shujin", "夫"),
    (r"tsuma", "妻"),
    (r"sofu", "祖父"),
    (r"sobo", "祖母"),
    # A wrong entry: the name, the address and their being wrong.
    (r"namae", "名前"),
    (rf"j{_U}sho", "住所"),
    (r"chigaimasu", "違います"),
    (r"chigatte", "違って"),
    (r"machigatte", "間違って"),
    (r"machigai", "間違い"),
    (r"tadashii", "正しい"),
    (r"teisei", "訂正"),
    (rf"sh{_U}sei", "修正"),
    (r"naoshite", "直して"),
    # A change in the holder's life, which the rules read as a revocation's reason ("kekkon de sei ga kawarimashita").
    (r"kekkon", "結婚"),
    (r"rikon", "離婚"),
    (rf"my{_O}ji", "苗字"),
    (r"sei ga kawari ?mashita", "姓が変わりました"),
    (r"kawari ?mashita", "変わりました"),
    (r"hikkoshi ?mashita|hikkoshita", "引っ越しました"),
    # The grammar around them, so that the rules read a request ("したいです", "してください").
    (r"shitai", "したい"),
    (r"shite", "して"),
    (r"kudasai", "ください"),
    (r"onegai ?shimasu|onegaishimasu", "お願いします"),
    (r"desu", "です"),
    (r"mada", "まだ"),
    (r"wo", "を"),
    (r"ga", "が"),
    (r"no", "の"),
    (r"wa", "は"),
    (r"ni", "に"),
)
_ROMAJI = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"(?P<w{i}>{pattern})" for i, (pattern, _) in enumerate(_WORDS)) + r")(?![A-Za-z])",
    re.I,
)

# An English key word written inside a Japanese sentence, touching a Japanese character.
_JAPANESE = r"[\u3041-\u30ff\u4e00-\u9fff]"
_MIXED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), target)
    for pattern, target in (
        (rf"(?<={_JAPANESE})cancel(?![A-Za-z])|(?<![A-Za-z])cancel(?={_JAPANESE})", "キャンセル"),
        (rf"(?<={_JAPANESE})revoke(?![A-Za-z])|(?<![A-Za-z])revoke(?={_JAPANESE})", "失効"),
        (r"メアド", "メールアドレス"),
    )
)


def _romaji_word(match: re.Match[str]) -> str:
    return _WORDS[int(str(match.lastgroup)[1:])][1]


def _sentence(match: re.Match[str]) -> str:
    sentence = match.group(0)
    if not _ROMAJI_SENTENCE.search(sentence):
        return sentence
    return _ROMAJI.sub(_romaji_word, sentence)


def fold_romaji(text: str) -> str:
    """Return *text* with romaji sentences' key words and mixed-in English key words in Japanese."""
    if _ROMAJI_SENTENCE.search(text):
        text = _SENTENCE.sub(_sentence, text)
    for pattern, target in _MIXED:
        text = pattern.sub(target, text)
    return text

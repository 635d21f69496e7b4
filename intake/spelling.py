"""Spelling folds: the key words of the CA's business brought to one spelling before they are read.

The rules (:mod:`intake.rules`) and the model (:mod:`intake.model`) key on a few words: 失効,
取り消し, キャンセル, 証明書, 紛失, revoke, cancel, certificate, stolen.  Writers outside the
development set spell them otherwise: in kana (しっこう, とりけし, きゃんせる), with the
homophone the input method offered first (執行 for 失効, 粉失 for 紛失), with typing slips
(cancle, certifcate, aplication), and in the forms a non-native writer uses (was stole, is not
yet issue, I loose my laptop).  Folding these to the standard spelling lets one rule cover them
all, instead of one pattern per variant.

Three kinds of fold, each small and listed:

* Japanese: the kana readings and the homophones or slips of the key words (a fixed table);
* English words: a word within one edit (two for long words) of a key word becomes that key
  word, unless it is a real word of its own (cancer, evoke, issues);
* English forms: a base form where a non-native writer means a participle (was stole, not
  yet issue) and a plain "I lose my …" told as what happened (not in an if, when or what-if).

:func:`join_spaced` is a separate step the callers take first: elderly and kana-only writers
put a space between phrases (ぱそこんを　どこかで　なくしました), which Japanese is read without.

:func:`fold` returns the folded text; :func:`folds` lists what was folded, for the reasons.
Texts are NFKC-normalised by the caller first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Kana readings, homophones and slips of the key words.  A homophone is folded only where it
# cannot be the other word: 執行 stays in 執行役員 (an officer's title in a signature).
_JAPANESE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), target)
    for pattern, target in (
        (r"しっこう|シッコウ|失行|失功|失交|執行(?!役|猶予|部|委員|機関|官|者|権|力)", "失効"),
        (r"きゃんせる|キャンセール|キャンセる|キャンセレ(?=ーション)", "キャンセル"),
        (r"とりけ(?=[しすさせそ])", "取り消"),
        (r"とりさげ", "取り下げ"),
        (r"もうしこ(?=[みんむま])", "申し込"),
        (r"でんししょうめいしょ", "電子証明書"),
        (r"しょうめいしょ|証明証|証名書|照明書|正明書|証明所", "証明書"),
        (r"ひみつかぎ|秘密かぎ|秘蜜鍵", "秘密鍵"),
        (r"ふんしつ|粉失|紛室", "紛失"),
        (r"とうなん(?=[にをがで])", "盗難"),
        (r"ろうえい|漏えい", "漏洩"),
        (r"きんきゅう", "緊急"),
        (r"しきゅう(?=[でにお、。])", "至急"),
        (r"はっこう(?=[しさすせ済前後])", "発行"),
        (r"ていせい", "訂正"),
        (r"まちが(?=[いえっう])", "間違"),
        (r"(?<![ま間])ちが(?=って|います|いま|う[。、]|うん|うみたい|うよう|うっぽ)", "違"),
        (r"なお(?=して(?:ほし|欲し|もら|くだ|下さ|いただ|頂))", "直"),
        (r"ノーパソ|ノーPC|の[ーう]とぱそこん", "ノートパソコン"),
        (r"パソコソ|パソコ(?=[をがはにもと])|ぱそこん", "パソコン"),
        (r"ケータイ|けいたい(?=[をがはにもと])", "携帯"),
        (r"すまほ|すまーとふぉん", "スマホ"),
        (r"しりある", "シリアル"),
        # The state's My Number card, whose certificates another body issues ("まいなんばー かーど").
        (r"まいなんばー|マイナンバ(?!ー)", "マイナンバー"),
        # What elderly writers spell in kana around a loss: 盗まれ, 忘れ, 落とし, 見つから, 止めて.
        (r"ぬすま(?=れ)", "盗ま"),
        (r"(?<![わ])わすれ(?=[てたまし])", "忘れ"),
        (r"(?<![^をがはもにで\s])おとし(?=[てたまし])", "落とし"),
        (r"みつか(?=[らりるっ])", "見つか"),
        # Only after a particle or a sentence's start: "もとめて" is 求めて (to seek), not 止めて.
        (r"(?<![^をがはに\s、。])とめ(?=て[くほもい下頂]|たい|られ(?:ます|ませ|る))", "止め"),
        # Used without leave ("かってにつかわれている"): the words of a key misused, in kana.
        (r"(?<![ちさう])かってに", "勝手に"),
        (r"(?<=[がにもは])つかわれ", "使われ"),
        (r"リボーク|リヴォーク", "失効"),
    )
)

# English key words, each with its inflections (a word already in this table is never changed).
_ENGLISH_KEYS = (
    "cancel cancels cancelled canceled cancelling canceling cancellation "
    "revoke revokes revoked revoking revocation "
    "certificate certificates application applications applied "
    "stolen emergency urgent urgently immediately compromised deceased "
    "correction incorrect misspelled withdraw laptop laptops computer"
).split()
_KEYS = frozenset(_ENGLISH_KEYS)
# Real words one edit away from a key word: never folded.
_REAL_WORDS = frozenset(
    "cancer evoke evoked evokes provoke provoked invoke invoked revoker revolt certified certifies "
    "applies apples applet complied replied implied supplied stole stolen stollen urgency emergent "
    "correct corrected corrects correcting collection connection direction election detection "
    "protection selection reflection injection rejection corrections computers commuter computed "
    "withdrew withdrawn deceived deceases decreased compromises compromise laptop "
    # Everyday words two edits from a key word ("I'm currently Kaori Maeda" is not "urgently").
    "currently emergence applicator commuters replication duplication implication".split()
)
_WORD = re.compile(r"[A-Za-z]{5,}")


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance of *a* and *b* (adjacent transpositions count one), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=4096)
def _english_fold(word: str) -> str | None:
    """The key word that *word* (lower case) is a slip of, or None."""
    if word in _KEYS or word in _REAL_WORDS:
        return None
    limit = 2 if len(word) >= 9 else 1
    best: tuple[int, str] | None = None
    for key in _ENGLISH_KEYS:
        if key[0] != word[0] and key[-2:] != word[-2:]:
            continue
        found = _distance(word, key, limit)
        if found <= limit and (best is None or found < best[0]):
            best = (found, key)
    return best[1] if best else None


# A base form where a participle is meant, and "is not yet issue".
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), target)
    for pattern, target in (
        (r"\b(was|were|got|been|be|is|are|has|have|had) (?:stole|steal|stealed|stoled)\b", r"\1 stolen"),
        (r"\b(?:stealed|stoled|stolened)\b", "stolen"),
        (r"\b(?:losted|loosed|loosted)\b", "lost"),
        (r"\bloose\b", "lose"),
        (r"\b(is|are|was|were|been|be|still) (not |not yet |yet not )?(issue|receive|deliver)\b", r"\1 \2\3d"),
        (r"\bnot yet (issue|receive|deliver)\b", r"not yet \1d"),
    )
)
# A sentence that tells a what-if, not what happened.
_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|in case|what happens|suppose|should I)\b", re.I)
_I_LOSE = re.compile(r"\b(I|we) lose\b", re.I)
_SENTENCE = re.compile(r"[^.?!\n]+")


def _fold_english(text: str) -> str:
    for pattern, target in _FORMS:
        text = pattern.sub(target, text)
    # "I lose my laptop at the airport" told as a statement is what happened to a non-native writer.
    text = _SENTENCE.sub(
        lambda s: s.group(0) if _CONDITIONAL.search(s.group(0)) else _I_LOSE.sub(r"\1 lost", s.group(0)), text
    )

    def word(match: re.Match[str]) -> str:
        found = _english_fold(match.group(0).lower())
        return found if found is not None else match.group(0)

    return _WORD.sub(word, text)


# A space between two Japanese characters: elderly and kana-only writers leave one between
# phrases (やまだ　はなこ　です。しょうめいしょを　しっこう　してください); Japanese is read without them.
_JAPANESE_CHAR = r"[\u3001-\u30ff\u4e00-\u9fff\uff01-\uff60]"
_SPACED = re.compile(rf"(?<={_JAPANESE_CHAR})[ \t\u3000]+(?={_JAPANESE_CHAR})")


def join_spaced(text: str) -> str:
    """Remove the spaces between two Japanese characters (not line breaks, not spaces next to Latin words)."""
    return _SPACED.sub("", text)


# A mail client wraps a long Japanese sentence after its comma: "USBメモリを、\nどこかでなくしてしまった" is one
# clause to its writer, and a line that ends with 、 always goes on.
_WRAPPED_AFTER_COMMA = re.compile(rf"、[ \t\u3000]*\n[ \t\u3000]*(?={_JAPANESE_CHAR})")


# A line filled to the paragraph's width that stops inside a sentence was wrapped there ("…出張先でPCを紛失・盗難された
# \n場合に、どのような手順で…": one clause to its writer, a what-if).  Only long lines count: a paragraph's widest line
# must reach _WRAP_WIDTH columns (a Japanese character is two), and a wrapped line must come near it
# (_WRAP_FILLED of it), so that short lines of a list, an address or a chat are never run together.
_WRAP_WIDTH = 50
_WRAP_FILLED = 0.85
# What ends a line that was not wrapped: the end of a sentence, a closing bracket, a colon before a value.
_LINE_END = re.compile(r"[。．.!?！？」』）)】:：]\s*$")
# A kana or kanji: a wrapped line ends with one and its next line begins with one.
_JAPANESE_LETTER = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")


def columns(line: str) -> int:
    """The display width of *line* in a fixed-width font: wide (East Asian) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _join_filled_lines(text: str) -> str:
    """Join each line filled to its paragraph's width that ends inside a Japanese sentence to the next one."""
    lines = text.split("\n")
    widths = [columns(line.rstrip()) for line in lines]
    # A paragraph is a run of lines without a blank one; its widest line gives the width it was wrapped at.
    widest = list(widths)
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or not lines[i].strip():
            widest[start:i] = [max(widths[start:i], default=0)] * (i - start)
            start = i + 1
    out: list[str] = []
    join_next = False
    for i, line in enumerate(lines):
        if join_next:
            out[-1] = out[-1].rstrip() + line.lstrip()
        else:
            out.append(line)
        join_next = (
            i + 1 < len(lines)
            and lines[i + 1].strip() != ""
            and widest[i] >= _WRAP_WIDTH
            and widths[i] >= _WRAP_FILLED * widest[i]
            and _JAPANESE_LETTER.match(line.rstrip()[-1:]) is not None
            and not _LINE_END.search(line)
            and _JAPANESE_LETTER.match(lines[i + 1].lstrip()) is not None
        )
    return "\n".join(out)


def join_wrapped(text: str) -> str:
    """Join the lines of a Japanese sentence that a mail client wrapped: after its comma (、), or at the
    paragraph's width inside a sentence (see :data:`_WRAP_WIDTH`)."""
    return _join_filled_lines(_WRAPPED_AFTER_COMMA.sub("、", text))


# Japanese written in katakana alone, as an old phone or a half-width keyboard leaves it ("ｼﾝｾｲ ﾄﾘｹｼ ｵﾈｶﾞｲｼﾏｽ"):
# read as the same words in hiragana, which the folds above know.  A loanword comes back through them too
# ("きゃんせる" is キャンセル, "ぱそこん" is パソコン).  Only a text of at least _KATAKANA_MIN katakana and
# nearly no other Japanese letter is so written; katakana beside kanji and hiragana are loanwords.
_KATAKANA = re.compile(r"[\u30a1-\u30f6]")
_OTHER_JAPANESE = re.compile(r"[\u3041-\u3096\u4e00-\u9fff]")
_KATAKANA_MIN = 8
_KATAKANA_SHARE = 0.9


def katakana_read(text: str) -> str:
    """*text* with its katakana read as hiragana when the writer wrote Japanese in katakana alone."""
    katakana = len(_KATAKANA.findall(text))
    if katakana < _KATAKANA_MIN or katakana < _KATAKANA_SHARE * (katakana + len(_OTHER_JAPANESE.findall(text))):
        return text
    return _KATAKANA.sub(lambda m: chr(ord(m.group(0)) - 0x60), text)


def fold(text: str) -> str:
    """Return *text* with the key words in their standard spelling (see the module docstring)."""
    for pattern, target in _JAPANESE:
        text = pattern.sub(target, text)
    return _fold_english(text)


def folds(text: str) -> list[str]:
    """Reasons naming each word that :func:`fold` changes in *text* (at most five)."""
    found: list[str] = []
    for pattern, target in _JAPANESE:
        for match in pattern.finditer(text):
            found.append(f"spelling: {match.group(0)!r} read as {target!r}")
    for pattern, _target in _FORMS:
        for match in pattern.finditer(text):
            found.append(f"spelling: {match.group(0)!r} read as {pattern.sub(_target, match.group(0))!r}")
    for match in _WORD.finditer(text):
        key = _english_fold(match.group(0).lower())
        if key is not None:
            found.append(f"spelling: {match.group(0)!r} read as {key!r}")
    return list(dict.fromkeys(found))[:5]

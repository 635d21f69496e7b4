"""A serial typed from paper or read by OCR, with letters that look like digits, read as the digits meant.

A fax gateway's OCR text and a serial copied by eye from a printed form hold letters for the
digits they look like: ``O`` for 0 and ``l`` or ``I`` for 1 ("S/N: 43OEDI6C507E…",
"証明書シリアル番号　5DOABlElE04IC…").  None of them is a hex digit, so without repair the value
breaks into pieces or is lost.  Only a value right after a serial label, or alone on its line
(where a writer sets a copied value off, under a label line or none), is repaired (a word, or
groups of one size parted by spaces or colons: "34OD 9A1l 5BB2 …"), and only one
of a serial's length whose other characters are hex digits (mostly) with a digit among them: a
word elsewhere ("FOLIO", "OIL") is a word.

The fax reader (:mod:`intake.fax`, :mod:`intake.faxocr`) repairs OCR's reads with the same
function, :func:`repaired_word`, and a wider table (:data:`OCR_LOOK_ALIKES`): one rule for what a
look-alike is and when a word of them is a number, two tables for what each source confuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

# The letters that stand for a digit they look like in typed text; the other look-alikes the fax
# reader knows (S for 5, Z for 2) are left out: in typed text they are as likely letters of a word.
TYPED_LOOK_ALIKES: Mapping[str, str] = {"O": "0", "o": "0", "I": "1", "l": "1"}
# The characters OCR reads for a hex digit that are none, and the digit each stands for.  B for 8
# (or D for 0) is not among them: B is a hex digit itself, and a read that differs from another in
# such a character is left to the fax reader's vote (:func:`intake.faxocr.vote`).  Nor is G for 6:
# repaired, it once made a line read whole that then agreed with re-reads sharing a B read for an
# 8, a wrong exact serial (faxgen seed 7, form 0), where unrepaired it was no vote.
OCR_LOOK_ALIKES: Mapping[str, str] = {**TYPED_LOOK_ALIKES, "|": "1", "S": "5", "Z": "2", "z": "2"}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


@lru_cache(maxsize=16)
def _patterns(letters: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The word, groups and alone-on-a-line patterns for values holding the look-alike *letters*.

    A word is of hex digits and look-alikes, of a serial's length, with at least one look-alike.  Groups are of hex
    digits and look-alikes parted by single spaces, colons or hyphens, as a viewer or a form groups a serial ("34OD
    9A1l 5BB2 …", "3O:7F:…", "c8b8-e965-d9ll-6l7b"): pairs, fours or eights, one separator and one size throughout;
    a short last group ("… 39") holds true hex digits only (see :func:`_repaired_groups`), so that a word after the
    value ("… Do") is never read as its last group.  A value alone on its line, as a word or as groups, may stand
    after quote marks or an indent and before a full stop.
    """
    cls = "0-9a-f" + re.escape(letters)
    word = re.compile(rf"(?<![0-9a-z])(?=[0-9a-f]*[{re.escape(letters)}])[{cls}]{{12,40}}(?![0-9a-z])", re.I)
    groups = re.compile(
        rf"(?<![0-9a-z])(?P<first>[{cls}]{{2}}|[{cls}]{{4}}|[{cls}]{{8}})(?P<sep>[ :\-])"
        rf"(?:[{cls}]{{1,8}}(?P=sep))*[{cls}]{{1,8}}(?![0-9a-z])",
        re.I,
    )
    alone = re.compile(rf"^[ \t>|]*(?P<value>[{cls}]+(?:[ :\-][{cls}]+)*)[ \t]*[.。]?[ \t]*$", re.I | re.M)
    return word, groups, alone


# The patterns for typed text, whose look-alikes are O, o, I and l.
_WORD, _GROUPS, _ALONE = _patterns("IOlo")
# What may stand between a serial label and its value.
_GLUE = r"[ \t]*(?:\([^()\n]{0,12}\))?[ \t]*[:：=#]?[ \t]*(?:は[ \t]*)?"
# The share of a typed word's characters that must be true hex digits.
_HEX_SHARE = 0.75


def repaired_word(word: str, alikes: Mapping[str, str], most: int) -> str:
    """Return *word* with its look-alikes made digits, when it is a number written with a few of them.

    The word must hold only hex digits and look-alikes of *alikes*, at least one look-alike and
    at most *most* of them; else it is a word, or a code, and is returned as it is.  The result
    has the length of *word*.
    """
    alike = sum(ch in alikes for ch in word)
    if not 0 < alike <= most or not all(ch in _HEX_DIGITS or ch in alikes for ch in word):
        return word
    return "".join(alikes.get(ch, ch) for ch in word)


# A writer who says which letter of a copied value is which digit ("Sは5、lは1の読み間違いです", "l→1、S→5、O→0 に
#読み替えてください", "（O=ゼロ、S=ゴ）", "「S」に見える文字は「5」です", "the l is a 1 and the O is a zero").  Only
# letters that are no hex digit are read so: a B said to be an 8 may be a true B elsewhere in the value.
_DIGIT_WORDS: Mapping[str, str] = {
    "ゼロ": "0", "零": "0", "zero": "0", "イチ": "1", "一": "1", "one": "1", "ニ": "2", "二": "2", "two": "2",
    "ゴ": "5", "五": "5", "five": "5", "ロク": "6", "六": "6", "six": "6", "ナナ": "7", "七": "7", "seven": "7",
    "キュウ": "9", "九": "9", "nine": "9",
}
_TOLD_LETTERS = "OoQIlSsZzGgTq"
_DIGIT = r"(?P<digit>\d(?![\d])|" + "|".join(_DIGIT_WORDS) + ")"
_TOLD = re.compile(
    r"(?<![0-9A-Za-z])[「『\"'“‘]?(?P<letter>[" + _TOLD_LETTERS + r"])(?![0-9A-Za-z])[」』\"'”’]?"
    # The letter's name may follow in brackets ("「l」（エル）"), and the place it shows in ("「S」と出ているところは").
    r"(?:[(（][^()（）\n]{1,6}[)）])?"
    r"(?:(?:に見える|と出ている|と出てる|と表示され(?:ている|てる)|と読める)(?:文字|の|もの|ところ|箇所|部分)?"
    r"|(?:の)?(?:文字|字))?[ \t]*"
    r"(?:は|が|→|->|=|を|:|\bis\b(?:[ \t]+(?:actually|really|meant\s+to\s+be))?|\bshould\s+be\b|\bmeans\b"
    r"|\bstands\s+for\b)"
    r"[ \t]*(?:全部|すべて|全て)?[ \t]*(?:(?:a|an|the)[ \t]+)?(?:数字の)?[「『\"'“‘]?" + _DIGIT,
    re.I,
)
# Words that say a value was copied by a machine or by eye from a picture or paper, where OCR's look-alikes are
# expected ("OCRしたところ", "写真から読み取り", "スキャン", "文字起こし", "read from a screenshot").
_TRANSCRIBED = re.compile(
    r"OCR|文字起こし|読み取り|読みとり|スキャン|読み間違|認識ミス|誤認識|書き写|写真から|画像から|スクショから"
    r"|\bscann(?:ed|er)\b|\bscreenshot\b|\bphoto\b|\btranscrib",
    re.I,
)


def told_look_alikes(text: str) -> dict[str, str]:
    """The letters the writer says stand for digits in a value they copied, each with its digit."""
    told: dict[str, str] = {}
    for found in _TOLD.finditer(text):
        letter, digit = found.group("letter"), found.group("digit")
        digit = _DIGIT_WORDS.get(digit.lower(), _DIGIT_WORDS.get(digit, digit))
        if letter.upper() in "OQ" and digit != "0" or letter in "IlL" and digit != "1":
            continue
        told[letter] = digit
        if letter.upper() in "SZO":
            told[letter.swapcase()] = digit
    return told


def repaired(text: str, label: re.Pattern[str]) -> str:
    """Return *text* with the look-alike letters of each value right after *label*, or alone on its line, made digits.

    A writer who copies a serial onto a line of its own (under "The serial number is:", above
    "↑これがシリアル番号です", or with no label at all) sets it off as a label does.  A writer who
    says the value was read by OCR or from a picture, or which letter is which digit, may have any
    value of the text hold them, in a table's row too: then every value is read, with OCR's look-alikes
    and those the writer names.  The text keeps its length, so positions found in the result hold in
    *text* too.
    """
    told = told_look_alikes(text)
    transcribed = bool(told) or bool(_TRANSCRIBED.search(text))
    alikes = {**(OCR_LOOK_ALIKES if transcribed else TYPED_LOOK_ALIKES), **told}
    letters = "".join(sorted(ch for ch in alikes if ch.isalpha()))
    word_at, groups_at, alone = (_WORD, _GROUPS, _ALONE) if not transcribed else _patterns(letters)
    out = text
    starts = [_glue_end(text, found.end()) for found in label.finditer(text)]
    starts += [line.start("value") for line in alone.finditer(text)]
    if transcribed:
        starts += [found.start() for found in word_at.finditer(text)]
        starts += [found.start() for found in groups_at.finditer(text)]
    for start in sorted(set(starts)):
        word = word_at.match(text, start)
        if word is None:
            out = _repaired_groups(out, text, start, groups_at, alikes)
            continue
        value = word.group(0)
        if not re.search(r"\d", value):
            continue
        # At least three characters in four are true hex digits.
        most = int(len(value) * (1 - _HEX_SHARE))
        out = out[: word.start()] + repaired_word(value, alikes, most) + out[word.end() :]
    return out


def _glue_end(text: str, at: int) -> int:
    """Where the value after a label ending at *at* starts: past the colon, spaces and a particle."""
    glue = re.compile(_GLUE).match(text, at)
    return glue.end() if glue else at


def _repaired_groups(
    out: str, text: str, start: int, groups_at: re.Pattern[str] = _GROUPS, alikes: Mapping[str, str] = TYPED_LOOK_ALIKES
) -> str:
    """Return *out* with the look-alikes of the grouped value of *text* at *start* made digits, if it is one.

    The groups must have one size (the last may be shorter, of true hex digits only) and hold
    together a serial's length; the look-alikes stand among the digits as in a whole word.
    """
    groups = groups_at.match(text, start)
    if groups is None:
        return out
    sep = groups.group("sep")
    words = groups.group(0).split(sep)
    size = len(words[0])
    if len(words[-1]) < size and not all(ch in _HEX_DIGITS for ch in words[-1]):
        words = words[:-1]  # A word after the value ("… Do"), not its short last group.
    if any(len(w) != size for w in words[:-1]) or len(words[-1]) > size:
        return out
    value = "".join(words)
    if not 12 <= len(value) <= 40 or not re.search(r"\d", value):
        return out
    repaired_value = repaired_word(value, alikes, int(len(value) * (1 - _HEX_SHARE)))
    if repaired_value == value:
        return out
    # The digits go back into their groups, so that the text keeps its length.
    digits = iter(repaired_value)
    written = sep.join(words)
    grouped = "".join(ch if ch == sep else next(digits) for ch in written)
    return out[: groups.start()] + grouped + out[groups.start() + len(written) :]

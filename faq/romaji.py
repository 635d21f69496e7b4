"""Japanese typed in Latin letters (romaji), read back as hiragana.

Some applicants write Japanese without a Japanese input method: on a borrowed phone, abroad,
or because they learnt Japanese by ear ("ryoukin ikura desu ka"). The FAQ matcher reads
kana well but such a question looks like English with unknown words to it. :func:`reading`
recognises a question written entirely in romaji and gives its hiragana, which the matcher
then reads as Japanese.

Every common spelling is accepted: Hepburn (shi, chi, tsu, fu, ja), Kunrei (si, ti, tu, hu,
zi), the long vowels as typed on a keyboard (ou, uu) or with a macron, doubled consonants
for the small tsu, and "n" or "n'" for the syllabic n. English is left alone: a question is
taken as romaji only when every word spells out in syllables and at least one longer word is
not a common English word, because English has few words that are also romaji ("to", "no",
"made", "take") and almost every English sentence has one that is not ("the", "what").
"""

from __future__ import annotations

import re
import unicodedata

# Syllables, longest spelling first at each position (the parser tries 3, 2, then 1 letters).
_SYLLABLES: dict[str, str] = {
    "a": "あ", "i": "い", "u": "う", "e": "え", "o": "お",
    "ka": "か", "ki": "き", "ku": "く", "ke": "け", "ko": "こ",
    "ga": "が", "gi": "ぎ", "gu": "ぐ", "ge": "げ", "go": "ご",
    "sa": "さ", "si": "し", "shi": "し", "su": "す", "se": "せ", "so": "そ",
    "za": "ざ", "zi": "じ", "ji": "じ", "zu": "ず", "ze": "ぜ", "zo": "ぞ",
    "ta": "た", "ti": "ち", "chi": "ち", "tu": "つ", "tsu": "つ", "te": "て", "to": "と",
    "da": "だ", "di": "ぢ", "du": "づ", "de": "で", "do": "ど",
    "na": "な", "ni": "に", "nu": "ぬ", "ne": "ね", "no": "の",
    "ha": "は", "hi": "ひ", "hu": "ふ", "fu": "ふ", "he": "へ", "ho": "ほ",
    "ba": "ば", "bi": "び", "bu": "ぶ", "be": "べ", "bo": "ぼ",
    "pa": "ぱ", "pi": "ぴ", "pu": "ぷ", "pe": "ぺ", "po": "ぽ",
    "ma": "ま", "mi": "み", "mu": "む", "me": "め", "mo": "も",
    "ya": "や", "yu": "ゆ", "yo": "よ",
    "ra": "ら", "ri": "り", "ru": "る", "re": "れ", "ro": "ろ",
    "wa": "わ", "wo": "を",
    "kya": "きゃ", "kyu": "きゅ", "kyo": "きょ", "gya": "ぎゃ", "gyu": "ぎゅ", "gyo": "ぎょ",
    "sha": "しゃ", "shu": "しゅ", "sho": "しょ", "sya": "しゃ", "syu": "しゅ", "syo": "しょ",
    "ja": "じゃ", "ju": "じゅ", "jo": "じょ", "zya": "じゃ", "zyu": "じゅ", "zyo": "じょ",
    "jya": "じゃ", "jyu": "じゅ", "jyo": "じょ",
    "cha": "ちゃ", "chu": "ちゅ", "cho": "ちょ", "tya": "ちゃ", "tyu": "ちゅ", "tyo": "ちょ",
    "nya": "にゃ", "nyu": "にゅ", "nyo": "にょ", "hya": "ひゃ", "hyu": "ひゅ", "hyo": "ひょ",
    "bya": "びゃ", "byu": "びゅ", "byo": "びょ", "pya": "ぴゃ", "pyu": "ぴゅ", "pyo": "ぴょ",
    "mya": "みゃ", "myu": "みゅ", "myo": "みょ", "rya": "りゃ", "ryu": "りゅ", "ryo": "りょ",
    "fa": "ふぁ", "fi": "ふぃ", "fe": "ふぇ", "fo": "ふぉ", "je": "じぇ", "che": "ちぇ", "she": "しぇ",
}
# Macrons (Hepburn's long vowels) are typed out as the vowel doubled, as a keyboard would.
_MACRONS = str.maketrans({"ā": "aa", "ī": "ii", "ū": "uu", "ē": "ee", "ō": "ou", "â": "aa", "î": "ii",
                          "û": "uu", "ê": "ee", "ô": "ou"})
_WORD = re.compile(r"[a-z']+")
# Anything other than letters, apostrophes, spaces and sentence punctuation means not romaji.
_ONLY_LETTERS = re.compile(r"[a-z'\s?!.,~ー-]+")
_CONSONANTS = set("bcdfghjklmpqrstvwxyz")
# Common English words that also spell out in syllables. A question whose longer words are
# all among these is taken as English.
_ENGLISH = frozenset("""
a i me we he be go do so no to on in an are age ago amie bike cake came dame date due fine
gone hate hide home hope june kite late make made mine more name note nine one rope rose
safe sake same site size some take tame time tone tune use wake wine wise woke zone
""".split())


def _word_reading(word: str) -> str | None:
    """The hiragana of one romaji *word*, or None when it does not spell out in syllables."""
    out: list[str] = []
    position = 0
    while position < len(word):
        rest = word[position:]
        if rest[0] == "'":
            position += 1
            continue
        # The syllabic n: "n" before a consonant (other than y), before "'", or at the end.
        if rest[0] == "n" and (len(rest) == 1 or rest[1] == "'" or (rest[1] in _CONSONANTS and rest[1] != "y")):
            out.append("ん")
            position += 1
            continue
        # A doubled consonant is the small tsu ("kk", "tt", "ss", "pp"; "tch" as in "matcha").
        if len(rest) > 1 and rest[0] in _CONSONANTS and rest[0] != "n" and (rest[1] == rest[0] or rest[:3] == "tch"):
            out.append("っ")
            position += 1
            continue
        for size in (3, 2, 1):
            kana = _SYLLABLES.get(rest[:size])
            if kana is not None:
                # "zu" after "tsu" is almost always づ (手続き, 続く), as a keyboard cannot tell.
                if kana == "ず" and out and out[-1] == "つ":
                    kana = "づ"
                out.append(kana)
                position += size
                break
        else:
            return None
    return "".join(out)


def reading(text: str) -> str | None:
    """The hiragana reading of *text* when it is Japanese written in romaji, else None."""
    folded = unicodedata.normalize("NFKC", text).lower().translate(_MACRONS)
    if not folded.strip() or not _ONLY_LETTERS.fullmatch(folded):
        return None
    words = _WORD.findall(folded)
    if len(words) < 2:
        return None
    readings = [_word_reading(word) for word in words]
    if any(r is None for r in readings):
        return None
    if not any(len(word) >= 4 and word not in _ENGLISH for word in words):
        return None
    return " ".join(r for r in readings if r)

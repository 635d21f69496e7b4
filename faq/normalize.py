"""Text normalisation shared by indexing and querying.

Japanese users type the same word in many shapes: full- or half-width letters and kana,
several wave dashes and long-vowel marks, katakana where the FAQ uses hiragana.  Everything
that reaches the index goes through :func:`normalize` first so those shapes compare equal.
"""

from __future__ import annotations

import re
import unicodedata

# Wave dashes and tildes that NFKC leaves distinct are folded into one ASCII tilde.
_WAVES = str.maketrans({c: "~" for c in "\u301c\uff5e\u223c\u223e\u2053\u02dc"})
# Dashes written after kana in place of the long-vowel mark are folded into "ー".
_LONG_VOWEL = re.compile(r"(?<=[\u3041-\u30ff])[\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff70]")
# Punctuation and symbols carry no meaning for retrieval; they become spaces.
_PUNCT = re.compile(r"[\s\u3000、。，．,.!?！？「」『』（）()\[\]【】・:;：；\"'`/\\|<>＜＞*+=#@&%$^~…→]+")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def normalize(text: str) -> str:
    """Return *text* in the canonical form used for matching (NFKC, lower case, folded marks)."""
    text = unicodedata.normalize("NFKC", text).translate(_WAVES)
    text = _LONG_VOWEL.sub("ー", text)
    text = text.lower()
    return _PUNCT.sub(" ", text).strip()


def katakana_to_hiragana(text: str) -> str:
    """Map katakana letters to hiragana, leaving the long-vowel mark and other text alone."""
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def hiragana_to_katakana(text: str) -> str:
    """Map hiragana letters to katakana, leaving other text alone."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def detect_language(text: str) -> str:
    """Guess "ja" when the text contains any kana or kanji, otherwise "en"."""
    return "ja" if _JAPANESE.search(unicodedata.normalize("NFKC", text)) else "en"

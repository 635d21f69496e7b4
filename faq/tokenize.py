"""Word segmentation for Japanese and English, with a choice of morphological analyser.

A :class:`Tokenizer` turns normalised text into content-word lemmas and a katakana reading.
Lemmas let "盗まれた" match "盗む"; readings let "しっこう" typed in kana match "失効".
SudachiPy (dictionary ``core``) is preferred, fugashi with unidic-lite is the alternative,
and :class:`NullTokenizer` keeps the engine working with character n-grams alone.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Protocol

from faq.normalize import hiragana_to_katakana, katakana_to_hiragana

_ASCII_WORD = re.compile(r"[a-z0-9]+")
_JA_RUN = re.compile(r"[^\x00-\x7f]+")
# Parts of speech whose words carry meaning; particles and auxiliaries are dropped.
_CONTENT_POS = ("名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞", "連体詞")

EN_STOPWORDS = frozenset(
    """a an the i me my we our you your it its is are was were be been am do does did
    to of in on for with at by from and or but if can could would should will shall may
    might must there this that these those what which who whom how when where why have has
    had not no so as about into please any some get got just than then""".split()
)
# Words that fill English questions without naming a topic: pronouns, the pieces that contractions
# leave ("don't" is read as "don" and "t"), greetings and verbs of asking.  Left in, they let a long
# story match any example phrasing that happens to share them, and they count as unknown content.
EN_FILLERS = frozenset(
    """im ive don doesn didn isn aren wasn won t s m ve ll d re they them their he she
    his her him us also very really still even already something anything
    thing things hi hello thanks thank know tell let like want wanted need needed wondering
    wonder question ask asking help hey okay ok sure actually maybe bit lot yes""".split()
)


@dataclass(frozen=True, slots=True)
class Tokens:
    """Content-word lemmas and the katakana reading of the Japanese parts of one text."""

    lemmas: list[str]
    reading: str


@dataclass(frozen=True, slots=True)
class Morpheme:
    """One word of an analyser's segmentation: its text, hiragana reading, part of speech and span."""

    surface: str
    reading: str
    pos: str
    begin: int
    end: int


class Tokenizer(Protocol):
    """Anything that can segment normalised text."""

    name: str

    def tokenize(self, text: str) -> Tokens: ...


def english_words(text: str) -> list[str]:
    """Lower-case ASCII words minus stop words, with a light plural/tense stemmer."""
    words = []
    for word in _ASCII_WORD.findall(text):
        if word in EN_STOPWORDS or word in EN_FILLERS:
            continue
        words.append(stem(word))
    return words


def stem(word: str) -> str:
    """Strip the commonest English suffixes so "revoked" and "revoke" meet ("copies" and "copy" too)."""
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class NullTokenizer:
    """No analyser: English words only, Japanese left to the character n-grams."""

    name = "none"

    def tokenize(self, text: str) -> Tokens:
        return Tokens(english_words(text), hiragana_to_katakana("".join(_JA_RUN.findall(text))))


class SudachiTokenizer:
    """SudachiPy in split mode B, using each morpheme's normalised form as the lemma.

    A Sudachi tokenizer refuses concurrent use, so each thread gets its own from the shared
    dictionary (the web chat and the Telegram bot call the engine from worker threads).
    """

    name = "sudachi"

    def __init__(self) -> None:
        from sudachipy import Dictionary, SplitMode

        self._dictionary: Any = Dictionary(dict="core")
        self._mode = SplitMode.B
        self._local = threading.local()
        self._tokenizer()

    def _tokenizer(self) -> Any:
        tok = getattr(self._local, "tok", None)
        if tok is None:
            tok = self._local.tok = self._dictionary.tokenizer(mode=self._mode)
        return tok

    def tokenize(self, text: str) -> Tokens:
        lemmas = english_words(text)
        reading: list[str] = []
        tok = self._tokenizer()
        for run in _JA_RUN.findall(text):
            for m in tok.tokenize(run):
                pos = m.part_of_speech()[0]
                reading.append(m.reading_form() if pos != "補助記号" else "")
                if pos in _CONTENT_POS and len(m.surface()) > 0:
                    lemmas.append(m.normalized_form())
        return Tokens(lemmas, "".join(reading))

    def morphemes(self, text: str) -> list[Morpheme]:
        """Every word of *text* with its reading in hiragana and its span (for :mod:`faq.respell`)."""
        if not text:
            return []
        return [
            Morpheme(m.surface(), katakana_to_hiragana(m.reading_form()), m.part_of_speech()[0], m.begin(), m.end())
            for m in self._tokenizer().tokenize(text)
        ]


class FugashiTokenizer:
    """MeCab through fugashi with the unidic-lite dictionary, using UniDic lemmas (one tagger per thread)."""

    name = "fugashi"

    def __init__(self) -> None:
        import fugashi

        self._factory: Any = fugashi.Tagger
        self._local = threading.local()
        self._tagger()

    def _tagger(self) -> Any:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            tagger = self._local.tagger = self._factory()
        return tagger

    def tokenize(self, text: str) -> Tokens:
        lemmas = english_words(text)
        reading: list[str] = []
        tagger = self._tagger()
        for run in _JA_RUN.findall(text):
            for w in tagger(run):
                feature = w.feature
                reading.append(feature.kana or hiragana_to_katakana(w.surface))
                if feature.pos1 in _CONTENT_POS:
                    lemma = feature.lemma or w.surface
                    # UniDic lemmas may carry an English gloss after a hyphen ("キャンセル-cancel").
                    lemmas.append(lemma.split("-")[0])
        return Tokens(lemmas, "".join(reading))


def make_tokenizer(name: str = "auto") -> Tokenizer:
    """Build the named tokenizer; "auto" tries Sudachi, then fugashi, then none."""
    choices: dict[str, type[SudachiTokenizer] | type[FugashiTokenizer] | type[NullTokenizer]] = {
        "sudachi": SudachiTokenizer,
        "fugashi": FugashiTokenizer,
        "none": NullTokenizer,
    }
    if name != "auto":
        return choices[name]()
    factories: list[type[SudachiTokenizer] | type[FugashiTokenizer]] = [SudachiTokenizer, FugashiTokenizer]
    for factory in factories:
        try:
            return factory()
        except Exception:  # noqa: BLE001 - a missing optional analyser is not an error.
            continue
    return NullTokenizer()

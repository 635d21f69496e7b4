"""Turning a text into weighted retrieval features.

Five families of features are combined: character bigrams and trigrams (robust to typos and
unknown words), content-word lemmas from the tokenizer (robust to inflection), the first letters
of English words (so "renewal" meets "renew"), bigrams of the katakana reading (so kana
typed for kanji still matches) and synonym concepts (so "キャンセル" meets "取り消し" and
"stolen" meets "紛失").
"""

from __future__ import annotations

import re
from collections import Counter

from faq.normalize import hiragana_to_katakana, normalize
from faq.tokenize import Tokenizer

_ASCII = re.compile(r"^[\x00-\x7f]+$")
# ASCII terms match whole words; kana or kanji right next to them count as a boundary.
_LB = r"(?<![a-z0-9])"
_RB = r"(?![a-z0-9])"
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]+")
# English adverbs that writers slip into a set phrase ("what can I actually do", "what exactly can I
# do"); they are skipped when English synonyms are looked for, so the phrase still meets its concept.
_EN_FILLERS = re.compile(_LB + r"(?:actually|exactly|really|basically) +")

# Relative weights of the feature families, chosen on the example phrasings.
WEIGHTS = {"c2": 1.0, "c3": 1.0, "w": 1.6, "r": 0.4, "s": 2.2, "p": 0.5}
# English words of at least PREFIX_FROM letters also give their first PREFIX_LENGTH letters.
PREFIX_FROM = 5
PREFIX_LENGTH = 5


class SynonymMatcher:
    """Finds the canonical concepts mentioned in a normalised text."""

    def __init__(self, groups: list[tuple[str, list[str]]]) -> None:
        ja: list[tuple[str, str]] = []
        en: dict[str, str] = {}
        for canonical, variants in groups:
            canon = normalize(canonical)
            for variant in [canonical, *variants]:
                v = normalize(variant)
                if not v:
                    continue
                if _ASCII.match(v):
                    en.setdefault(v, canon)
                else:
                    ja.append((v, canon))
                    # Variants written in hiragana also match their katakana spelling.
                    kata = hiragana_to_katakana(v)
                    if kata != v:
                        ja.append((kata, canon))
        # Longer variants are tried first so "大至急" wins over "至急".
        ja.sort(key=lambda p: -len(p[0]))
        self._ja = dict(reversed(ja))
        self._ja_re = re.compile("|".join(re.escape(v) for v, _ in ja)) if ja else None
        phrases = sorted(en, key=len, reverse=True)
        self._en_re = re.compile(_LB + "(" + "|".join(re.escape(p) for p in phrases) + ")" + _RB) if phrases else None
        self._en = en

    def rewrite(self, norm: str) -> tuple[str, list[str]]:
        """Replace Japanese variants by their canonical term; return the text and the concepts found."""
        found: dict[str, None] = {}

        def _canon(match: re.Match[str]) -> str:
            canon = self._ja[match.group(0)]
            found[canon] = None
            return canon

        text = self._ja_re.sub(_canon, norm) if self._ja_re is not None else norm
        if self._en_re is not None:
            for match in self._en_re.finditer(_EN_FILLERS.sub("", norm)):
                found[self._en[match.group(1)]] = None
        return text, list(found)


class TermSpotter:
    """Tells whether a normalised text mentions any of a list of terms (whole words for ASCII)."""

    def __init__(self, terms: list[str]) -> None:
        norms = sorted({normalize(t) for t in terms if normalize(t)}, key=len, reverse=True)
        parts = [re.escape(t) if not _ASCII.match(t) else _LB + re.escape(t) + _RB for t in norms]
        self._re = re.compile("|".join(parts)) if parts else None

    def found(self, text: str) -> bool:
        """True when *text* mentions one of the terms."""
        return self._re is not None and self._re.search(normalize(text)) is not None


class Analyzer:
    """Builds the feature bag of a text."""

    def __init__(self, tokenizer: Tokenizer, synonyms: SynonymMatcher) -> None:
        self.tokenizer = tokenizer
        self.synonyms = synonyms

    def features(self, text: str) -> Counter[str]:
        """Return raw feature counts (before IDF weighting) for *text*."""
        norm = normalize(text)
        counts: Counter[str] = Counter()
        norm, concepts = self.synonyms.rewrite(norm)
        for concept in concepts:
            counts["s:" + concept] += 1
        for run in _NON_ASCII_RUN.findall(norm):
            # Katakana and hiragana spellings of the same word meet in one n-gram space.
            run = hiragana_to_katakana(run)
            for n, key in ((2, "c2:"), (3, "c3:")):
                for i in range(len(run) - n + 1):
                    counts[key + run[i : i + n]] += 1
        tokens = self.tokenizer.tokenize(norm)
        for lemma in tokens.lemmas:
            counts["w:" + lemma] += 1
            # English has no character n-grams; the first letters of a word of five letters or more
            # let "renewal" meet "renew" and "expiry" meet "expiration".
            if len(lemma) >= PREFIX_FROM and _ASCII.match(lemma):
                counts["p:" + lemma[:PREFIX_LENGTH]] += 1
        reading = tokens.reading
        for i in range(len(reading) - 1):
            counts["r:" + reading[i : i + 2]] += 1
        return counts

"""The English side of the lexical signal: filler words, suffixes and word beginnings."""

from __future__ import annotations

from faq.analysis import Analyzer, SynonymMatcher
from faq.tokenize import NullTokenizer, english_words, stem


def _features(text: str) -> set[str]:
    return set(Analyzer(NullTokenizer(), SynonymMatcher([])).features(text))


def test_english_fillers_are_not_content_words() -> None:
    # A story told around the question brings pronouns, contraction pieces and asking verbs;
    # only the words that name the topic should remain.
    words = english_words("Hi, I'm wondering whether they'd help me; I don't know how to renew it")
    assert words == ["whether", "renew"]


def test_english_ies_and_ied_endings_become_y() -> None:
    assert stem("copies") == "copy"
    assert stem("applied") == "apply"
    assert stem("certificates") == "certificat"


def test_english_word_beginnings_join_related_forms() -> None:
    # "renewal" and "renew" share no whole word, but they share their first five letters.
    assert "w:renew" not in _features("renewal")
    assert _features("renewal") & _features("renew") == {"p:renew"}
    assert "p:expir" in _features("expiry") & _features("expiration")
    # Short English words and Japanese give none.
    assert not any(f.startswith("p:") for f in _features("fee for a card"))
    assert not any(f.startswith("p:") for f in _features("証明書の更新"))

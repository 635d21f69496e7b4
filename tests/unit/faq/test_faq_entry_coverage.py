"""The share of a question that the entry it lands on speaks of (faq.entrycoverage, feature entry_coverage)."""

from __future__ import annotations

from collections import Counter

import pytest

from faq.engine import ANSWER_DOC_WEIGHT, FaqEngine
from faq.entrycoverage import NO_CONTENT_SHARE, EntryVocabulary
from faq.fusion import FEATURES, FusionParams, Signals, features, fuse


def test_faq_entry_vocabulary_weighs_the_words_each_entry_knows() -> None:
    vocabulary = EntryVocabulary()
    vocabulary.add("a", ["w:fee", "w:certificate", "c:fe"])
    vocabulary.add("a", ["w:bank"])
    vocabulary.add("b", ["w:passport"])
    question = Counter({"w:fee": 1, "w:passport": 1, "w:lost": 1, "c:fe": 3})
    weights = {"w:fee": 1.0, "w:passport": 3.0, "w:lost": 1.0}
    # Only content words count (the character n-gram is ignored), weighted by their IDF.
    assert vocabulary.shares(question, lambda f: weights[f]) == pytest.approx({"a": 0.2, "b": 0.6})


def test_faq_entry_vocabulary_half_covers_a_question_without_content_words(lexical: FaqEngine) -> None:
    vocabulary = EntryVocabulary()
    vocabulary.add("a", ["w:fee"])
    assert vocabulary.shares(Counter({"c:ab": 1}), lambda f: 1.0) == {"a": NO_CONTENT_SHARE}
    # A made-up name read as particles leaves no content word: not as covered as a real question.
    made_up = lexical.signals("ぷよりんって何")
    assert set(made_up.entry_coverage.values()) == {NO_CONTENT_SHARE} and NO_CONTENT_SHARE < 1.0


def test_faq_entry_coverage_feature_is_the_chosen_entrys() -> None:
    # The semantic signal chooses b, which knows little of the question, although a knows it all.
    s = Signals(
        "en", {"a": 0.30}, 1.0, False, semantic={"a": 0.80, "b": 0.95}, entry_coverage={"a": 1.0, "b": 0.25}
    )
    ranked = fuse(s, FusionParams("score", 0.5, 0.78))
    assert ranked[0][0] == "b"
    assert features(s, ranked)["entry_coverage"] == 0.25
    assert "entry_coverage" in FEATURES
    # Signals measured without it (an old engine, a test) count the choice as covered.
    plain = Signals("en", {"a": 0.30}, 1.0, False, semantic={"a": 0.80})
    assert features(plain, fuse(plain, FusionParams()))["entry_coverage"] == 1.0


def test_faq_a_near_miss_is_less_covered_by_its_entry_than_an_asked_question(lexical: FaqEngine) -> None:
    asked = lexical.signals("証明書の有効期間はどのくらいですか")
    near = lexical.signals("パスポートの有効期間はどのくらいですか")
    top = max(asked.lexical, key=lambda k: asked.lexical[k])
    assert asked.entry_coverage[top] == pytest.approx(1.0)
    assert near.entry_coverage[top] < 0.8
    # Every entry is measured, whether or not the question shares a word with it.
    assert set(near.entry_coverage) == {e.id for e in lexical.knowledge.entries}


def test_faq_entry_vocabulary_leaves_the_answers_out(lexical: FaqEngine) -> None:
    entry = lexical.knowledge.entries[0]
    answer_only = set(lexical.analyzer.features(entry.answer)) - lexical.entry_vocabulary.words[entry.id]
    assert ANSWER_DOC_WEIGHT < 1.0
    assert any(f.startswith("w:") for f in answer_only)

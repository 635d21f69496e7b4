"""Kana typed for the FAQ's kanji nouns is written back in kanji; grammar in hiragana is left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faq.engine import FaqEngine
from faq.respell import unlengthen

CASES = json.loads((Path(__file__).resolve().parents[2] / "data" / "faq" / "respell.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def lexical() -> FaqEngine:
    engine = FaqEngine.load(embedder="none", tokenizer="sudachi")
    assert engine.respeller is not None
    return engine


@pytest.mark.parametrize(("text", "kanji"), CASES["respelled"])
def test_faq_respell_writes_kana_spellings_of_faq_nouns_in_kanji(lexical: FaqEngine, text: str, kanji: str) -> None:
    assert lexical.respeller is not None
    assert lexical.respeller.respell(text) == kanji


@pytest.mark.parametrize("text", CASES["unchanged"])
def test_faq_respell_leaves_grammar_and_english_alone(lexical: FaqEngine, text: str) -> None:
    assert lexical.respeller is not None
    assert lexical.respeller.respell(text) == text


@pytest.mark.parametrize(("kana", "kanji"), CASES["same_entry"])
def test_faq_kana_question_reaches_the_entry_of_its_kanji_spelling(lexical: FaqEngine, kana: str, kanji: str) -> None:
    answer = lexical.ask(kana)
    assert answer.faq_id is not None
    assert answer.faq_id == lexical.ask(kanji).faq_id


@pytest.mark.parametrize(("text", "kanji"), CASES["slips"])
def test_faq_respell_writes_kanji_slips_of_faq_compounds_as_the_faq_does(
    lexical: FaqEngine, text: str, kanji: str
) -> None:
    assert lexical.respeller is not None
    assert lexical.respeller.respell(text) == kanji


@pytest.mark.parametrize("text", CASES["slips_kept"])
def test_faq_respell_leaves_known_words_lone_homophones_and_unrelated_compounds(lexical: FaqEngine, text: str) -> None:
    assert lexical.respeller is not None
    assert lexical.respeller.respell(text) == text


def test_faq_respell_believes_the_words_a_kana_question_spaces(lexical: FaqEngine) -> None:
    # The analyser reads a lone "りてん" as two auxiliaries; typed as a word of its own (before
    # a noun's particle) it is the FAQ's 利点.  A spaced word ending in に is still grammar.
    assert lexical.respeller is not None
    assert lexical.respeller.respell("しょうめいしょの りてんは？") == "証明書の 利点は？"
    assert lexical.respeller.respell("りてん って なに") == "利点 って なに"
    assert lexical.respeller.respell("つかえ ないように したい") == "つかえ ないように したい"
    assert lexical.respeller.respell("作家として活動していて") == "作家として活動していて"


def test_faq_romaji_is_read_as_kana_and_then_respelled(lexical: FaqEngine) -> None:
    assert lexical.prepare("koushin no tetsuzuki") == "更新 の 手続き"


def test_faq_unlengthen_reads_the_long_vowel_mark_as_its_vowel() -> None:
    # The mark becomes the vowel it lengthens (o-row kana take う); the length never changes.
    assert unlengthen("りょーきん") == "りょうきん"
    assert unlengthen("めーる") == "めえる"
    assert unlengthen("ーあ") == "ーあ"


def test_faq_engine_without_an_analyser_reading_words_does_not_respell() -> None:
    engine = FaqEngine.load(embedder="none", tokenizer="none")
    assert engine.respeller is None
    assert engine.prepare("しょうめいしょ") == "しょうめいしょ"

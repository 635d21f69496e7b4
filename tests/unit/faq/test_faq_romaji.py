"""Japanese typed in romaji is read as hiragana, English is left alone, and the engine answers it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faq.engine import FaqEngine
from faq.romaji import reading

CASES = json.loads((Path(__file__).resolve().parents[2] / "data" / "faq" / "romaji.json").read_text("utf-8"))


@pytest.mark.parametrize(("text", "kana"), CASES["readings"])
def test_faq_romaji_reading_spells_japanese_in_kana(text: str, kana: str) -> None:
    assert reading(text) == kana


@pytest.mark.parametrize("text", CASES["not_romaji"])
def test_faq_romaji_reading_leaves_english_and_mixed_text_alone(text: str) -> None:
    assert reading(text) is None


def test_faq_romaji_question_is_answered_as_its_kana_in_japanese(lexical: FaqEngine) -> None:
    # The same question in kana and in romaji reaches the same entry, answered in Japanese.
    kana = lexical.ask("りょうきん いくら ですか")
    romaji = lexical.ask("ryoukin ikura desu ka")
    assert kana.faq_id == "general-04"
    assert romaji.faq_id == "general-04" and romaji.language == "ja"

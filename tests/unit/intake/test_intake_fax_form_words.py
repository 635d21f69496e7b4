"""Which words of a faxed form make it an emergency form (intake.fax.form_from_words, issue intent27).

On a form whose title reads as the plain revocation form, a printed instruction about emergencies
("※緊急失効の場合は…") asks for nothing; a ticked box, an emergency or a loss told on the form, an
emergency title, or a title not read still make an emergency.  An emergency option whose box is
left empty has left the text before, when the page was read (intake.faxcheck): a box as OCR
reads it decides nothing here.
The cases in ``tests/data/intents/fax_form_words.json`` were written for this test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.fax import form_from_words

DATA = json.loads((Path(__file__).resolve().parents[2] / "data" / "intents" / "fax_form_words.json").read_text("utf-8"))


@pytest.mark.parametrize("case", DATA["plain"], ids=lambda c: c["kind"])
def test_instructions_and_empty_options_ask_for_nothing(case: dict[str, Any]) -> None:
    assert form_from_words(case["text"], case["title"])[0] == case["title"]


@pytest.mark.parametrize("case", DATA["boxes_read_by_ocr"], ids=lambda c: c["kind"])
def test_a_box_as_ocr_reads_it_decides_nothing(case: dict[str, Any]) -> None:
    # Which option is unticked was decided from the boxes' ink when the page was read
    # (intake.faxcheck.unticked_options): an emergency option still in the text stays one.
    assert form_from_words(case["text"], case["title"])[0] == "emergency_revocation"

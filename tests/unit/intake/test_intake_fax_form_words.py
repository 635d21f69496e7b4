"""Which words of a faxed form make it an emergency form (intake.fax.form_from_words, issue intent27).

On a form whose title reads as the plain revocation form, a printed instruction about emergencies
("※緊急失効の場合は…") or an emergency option whose box is empty asks for nothing; a ticked box, an
emergency or a loss told on the form, an emergency title, or a title not read still make an emergency.
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

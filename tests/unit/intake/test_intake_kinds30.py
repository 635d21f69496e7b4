"""Kinds of wording the intent rules misread before branch intent30 (intake.rules, intake.wishes, intake.classify).

A loss told in kana or in the colloquial perfect ("iPhoneおとしちゃいました"), a phone named by its make or kind, a
key file put where anyone may read it, a thing found while a device is still missing, a denial of handing the key
over, an entry struck out to be corrected (取り消し・訂正), thanks with the form just sent, a mail to another office
or from a job seeker, and a serial of another issuer's certificate.  The cases in ``tests/data/intents/kinds30.json``
were written for this test; so were those of ``kinds34.json`` (see ``test_intake_kinds34.py``), read here too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.classify import classify_parts
from intake.quoting import split_body

INTENTS = Path(__file__).resolve().parents[2] / "data" / "intents"
DATA = json.loads((INTENTS / "kinds30.json").read_text("utf-8"))
# The later rounds' cases and twins (branch rules34, kinds34.json) are read by the same two tests.
LATER = [json.loads((INTENTS / name).read_text("utf-8")) for name in ("kinds34.json",)]
CASES = [*DATA["cases"], *(case for data in LATER for case in data["cases"])]
TWINS = [*DATA["twins"], *(case for data in LATER for case in data["twins"])]


def _rules_alone(case: dict[str, Any]) -> Any:
    split = split_body(case["text"])
    return classify_parts(case.get("subject", ""), split.new_text, split.quoted_text, use_model=False)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["kind"])
def test_kinds_of_wording_from_the_rules_alone(case: dict[str, Any]) -> None:
    result = _rules_alone(case)
    assert result.intent == case["intent"], result.reasons


@pytest.mark.parametrize("case", TWINS, ids=lambda c: c["kind"])
def test_their_twins_keep_their_reading(case: dict[str, Any]) -> None:
    result = _rules_alone(case)
    assert result.intent == case["intent"], result.reasons


@pytest.mark.parametrize("case", DATA["not_possible"], ids=lambda c: c["kind"])
def test_a_denied_handing_over_is_no_possible_emergency(case: dict[str, Any]) -> None:
    split = split_body(case["text"])
    result = classify_parts(case.get("subject", ""), split.new_text, split.quoted_text)
    assert result.intent == case["intent"], result.reasons
    assert not result.possible_emergency, result.reasons
    assert any(reason.startswith("not happened:") for reason in result.reasons), result.reasons

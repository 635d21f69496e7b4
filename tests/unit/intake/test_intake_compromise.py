"""Whose key a told compromise puts at risk (intake.compromise, issue 26): a denial's scope, another
service's password, a product the CA does not deal in, a device that held no certificate, an example in
a question, a key said to be safe; and the compromises the rule did not read (a PC resold unwiped, a
handbag snatched).

The cases in ``tests/data/intents/compromise_scope.json`` were written for this test.  A mail that is no
emergency must be neither read nor worked as one, with the models' vote and with the rules alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake import compromise
from intake.classify import _check_all, _norm, classify_parts, classify_text
from intake.quoting import split_body

DATA = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "intents" / "compromise_scope.json").read_text("utf-8")
)


@pytest.mark.parametrize("case", DATA["not_emergencies"], ids=lambda c: c["kind"])
def test_no_emergency_with_the_models(case: dict[str, Any]) -> None:
    result = classify_text(case["text"], case.get("subject", ""))
    assert result.intent == case["intent"], result.reasons
    assert not result.read_as, result.reasons


@pytest.mark.parametrize("case", DATA["not_emergencies"], ids=lambda c: c["kind"])
def test_no_emergency_from_the_rules_alone(case: dict[str, Any]) -> None:
    split = split_body(case["text"])
    result = classify_parts(case.get("subject", ""), split.new_text, split.quoted_text, use_model=False)
    assert result.intent == case["intent"], result.reasons
    if "rule" in case:
        assert any(reason.startswith(case["rule"] + ":") for reason in result.reasons), result.reasons


@pytest.mark.parametrize("case", DATA["emergencies"], ids=lambda c: c["kind"])
def test_emergencies_stay_or_become_emergencies(case: dict[str, Any]) -> None:
    assert classify_text(case["text"], case.get("subject", "")).intent == "emergency_revocation"
    split = split_body(case["text"])
    result = classify_parts(case.get("subject", ""), split.new_text, split.quoted_text, use_model=False)
    assert result.intent == "emergency_revocation", result.reasons


def test_a_dropped_compromise_is_told_as_another_key() -> None:
    text = _norm("My password for a travel booking site was stolen. Please revoke my certificate, I retire.")
    hits = _check_all(text)
    assert hits["compromise"] == []
    assert any("another service" in reason for reason in hits["others_key"])


def test_a_sentence_does_not_end_at_an_abbreviation() -> None:
    text = "Which cases count? E.g. a laptop stolen vs. an employee leaving. Thanks."
    assert compromise._sentence(text, "laptop stolen") == " E.g. a laptop stolen vs. an employee leaving."

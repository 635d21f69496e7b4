"""False emergencies and whose key a told compromise puts at risk, over three sets of written cases.

* ``false_emergencies.json`` (issue 11, stop 20): a denied loss, a footer, a device found again, a loss
  only asked about, another issuer's card, a job lost; and their twins that stay emergencies.
* ``compromise_scope.json`` (intake.compromise, issue 26): a denial's scope, another service's password,
  a product the CA does not deal in, a device that held no certificate, an example in a question, a key
  said to be safe; and the compromises the rule did not read (a PC resold unwiped, a handbag snatched).
* ``denial_scope.json`` (whosekey28): a denial cancels only the compromise it refers to; a theft told
  beside a denial of another certificate or device stays an emergency.
* ``falarm28.json``: another CA's certificate, a device only meant to hold one, no certificate of ours held,
  the procedure named as what a contact detail serves or as a word read, a machine given back in a hurry.

A mail that is no emergency must be neither read nor worked as one, with the models' vote and with the
rules alone, and must give its intent; a case that names a rule must give a reason of it.  Each file keeps
the checks it was written with (:class:`CaseFile`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from intake import compromise
from intake.classify import _check_all, _norm, classify_parts, classify_text
from intake.quoting import split_body

INTENTS = Path(__file__).resolve().parents[2] / "data" / "intents"


@dataclass(frozen=True)
class CaseFile:
    """One file of written cases and the checks it was written with."""

    name: str
    # The models' reading must leave ``read_as`` empty: the mail is not worked as an emergency either.
    not_worked_as_one: bool
    # The rules alone read an emergency with its subject (the older file gives them none).
    rules_see_subject: bool


FILES = (
    CaseFile("false_emergencies.json", not_worked_as_one=False, rules_see_subject=False),
    CaseFile("compromise_scope.json", not_worked_as_one=True, rules_see_subject=True),
    CaseFile("denial_scope.json", not_worked_as_one=True, rules_see_subject=True),
    CaseFile("falarm28.json", not_worked_as_one=True, rules_see_subject=True),
)


def _cases(kind: str) -> list[Any]:
    """Every case of *kind* in :data:`FILES`, each with its file, named "file: kind"."""
    params = []
    for source in FILES:
        data = json.loads((INTENTS / source.name).read_text("utf-8"))
        for case in data[kind]:
            params.append(pytest.param(source, case, id=f"{source.name.removesuffix('.json')}: {case['kind']}"))
    return params


@pytest.mark.parametrize(("source", "case"), _cases("not_emergencies"))
def test_no_emergency_with_the_models(source: CaseFile, case: dict[str, Any]) -> None:
    result = classify_text(case["text"], case.get("subject", ""))
    assert result.intent != "emergency_revocation", result.reasons
    assert result.intent == case["intent"], result.reasons
    if source.not_worked_as_one:
        assert not result.read_as, result.reasons


@pytest.mark.parametrize(("source", "case"), _cases("not_emergencies"))
def test_no_emergency_from_the_rules_alone(source: CaseFile, case: dict[str, Any]) -> None:
    split = split_body(case["text"])
    result = classify_parts(case.get("subject", ""), split.new_text, split.quoted_text, use_model=False)
    assert result.intent == case["intent"], result.reasons
    if "rule" in case:
        assert any(reason.startswith(case["rule"] + ":") for reason in result.reasons), result.reasons


@pytest.mark.parametrize(("source", "case"), _cases("emergencies"))
def test_emergencies_stay_or_become_emergencies(source: CaseFile, case: dict[str, Any]) -> None:
    assert classify_text(case["text"], case.get("subject", "")).intent == "emergency_revocation"
    split = split_body(case["text"])
    subject = case.get("subject", "") if source.rules_see_subject else ""
    result = classify_parts(subject, split.new_text, split.quoted_text, use_model=False)
    assert result.intent == "emergency_revocation", result.reasons


def test_a_dropped_compromise_is_told_as_another_key() -> None:
    text = _norm("My password for a travel booking site was stolen. Please revoke my certificate, I retire.")
    hits = _check_all(text)
    assert hits["compromise"] == []
    assert any("another service" in reason for reason in hits["others_key"])


def test_a_sentence_does_not_end_at_an_abbreviation() -> None:
    text = "Which cases count? E.g. a laptop stolen vs. an employee leaving. Thanks."
    assert compromise._sentence(text, "laptop stolen") == " E.g. a laptop stolen vs. an employee leaving."

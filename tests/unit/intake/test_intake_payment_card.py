"""A payment card told beside a lost machine, key card or key (intake.classify, issue intent27).

The rule for another's key drops a compromise told beside words of another issuer's card; a credit
card or a bank's card is lost beside a key of ours as often as alone, so a machine, a token or the
key lost with it is still an emergency.  The cases in ``tests/data/intents/payment_card.json`` were
written for this test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.classify import classify_parts
from intake.quoting import split_body

DATA = json.loads((Path(__file__).resolve().parents[2] / "data" / "intents" / "payment_card.json").read_text("utf-8"))


@pytest.mark.parametrize("case", DATA["emergencies"], ids=lambda c: c["kind"])
def test_a_loss_beside_a_payment_card_is_an_emergency_from_the_rules(case: dict[str, Any]) -> None:
    split = split_body(case["text"])
    result = classify_parts(case.get("subject", ""), split.new_text, split.quoted_text, use_model=False)
    assert result.intent == "emergency_revocation", result.reasons
    assert not any(reason.startswith("not ours:") for reason in result.reasons), result.reasons

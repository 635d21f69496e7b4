"""Words that the rest of the mail decides (stop intent28).

A loss told beside a serial and nothing else is the certificate's own; a bank's cash card and its PIN
are the bank's unless a machine or key of ours is named too; a holder in a care home is alive; an
application to the CA is called off though another product is named as the reason; and a form's empty
incident box beside a ticked one is a reason the writer did not choose.  The cases in
``tests/data/intents/whole_mail_words.json`` were written for this test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.classify import classify_parts, classify_text
from intake.rules import HOLDER_ALIVE, NOT_OURS, OUR_APPLICATION
from intake.wishes import denied_incidents, unticked_incidents, wanted_only

DATA = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "intents" / "whole_mail_words.json").read_text("utf-8")
)


@pytest.mark.parametrize("case", DATA["cases"], ids=lambda c: c["kind"])
def test_with_the_models(case: dict[str, Any]) -> None:
    result = classify_text(case["text"], case["subject"])
    assert result.intent == case["intent"], result.reasons
    if "worked_as" in case:
        assert result.read_as == case["worked_as"], result.reasons


@pytest.mark.parametrize("case", DATA["cases"], ids=lambda c: c["kind"])
def test_with_the_rules_alone(case: dict[str, Any]) -> None:
    result = classify_parts(case["subject"], case["text"], "", use_model=False)
    assert result.intent == case.get("rules_intent", case["intent"]), result.reasons
    for name, value in case.get("signals", {}).items():
        assert getattr(result.signals, name) is value, name
    if "rule" in case:
        assert any(reason.startswith(case["rule"] + ":") for reason in result.reasons), result.reasons


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("キャッシュカードを落としました。暗証番号を見られたかも", True),
        ("I lost my debit card at the station", True),
        ("財布ごとキャッシュカードを盗まれました", True),
        # A machine, a bag or the key named beside the card keeps the loss ours: the card is then only beside it.
        ("ノートPCとキャッシュカードを盗まれました", False),
        ("鞄ごとキャッシュカードを盗まれました", False),
        ("My laptop and my cash card were stolen", False),
        ("PCとクレジットカードを盗まれました", False),
        ("鞄ごとクレジットカードを盗まれました", False),
    ],
)
def test_a_bank_card_is_anothers_only_without_a_key_holder(text: str, theirs: bool) -> None:
    # The bank's card is "not ours" to the rules; whose key is at risk is decided with every payment card.
    assert NOT_OURS.check(text) or not theirs
    result = classify_parts("", text, "", use_model=False)
    assert (result.intent != "emergency_revocation") is theirs, (result.intent, result.reasons)


@pytest.mark.parametrize(
    ("text", "alive"),
    [
        ("母は認知症で介護施設に入所しております", True),
        ("My father is in a nursing home now", True),
        ("介護施設に入所していた父が亡くなりました", False),
        ("入院中の母は先月永眠いたしました", False),
        ("My father, who was in a care home, passed away", False),
    ],
)
def test_a_holder_is_read_alive_only_with_no_word_of_a_death(text: str, alive: bool) -> None:
    assert bool(HOLDER_ALIVE.check(text)) is alive


@pytest.mark.parametrize(
    ("text", "ours"),
    [
        ("御社への申込は取り消させてください", True),
        ("御社に先月、発行申込書を送りました", True),
        ("I want to withdraw my application to iPROVE", True),
        ("ジムの申込を取り消したい", False),
        ("御社のホームページを見ました", False),
    ],
)
def test_an_application_to_the_ca(text: str, ours: bool) -> None:
    assert bool(OUR_APPLICATION.check(text)) is ours


@pytest.mark.parametrize(
    ("text", "unticked"),
    [
        ("失効理由: □鍵の危殆化 ■記載事項の変更 □その他", ["□鍵の危殆化"]),
        ("失効理由: [ ] 紛失 [x] 退職", ["[ ] 紛失"]),
        # No box ticked: a fax's boxes may be read empty when they are not; nothing is denied.
        ("失効理由: □鍵の危殆化 □記載事項の変更", []),
        # An incident ticked keeps every incident word of the form.
        ("失効理由: ■鍵の危殆化 □紛失", []),
    ],
)
def test_an_empty_incident_box_beside_a_ticked_one_is_not_chosen(text: str, unticked: list[str]) -> None:
    assert unticked_incidents(text) == unticked
    for option in unticked:
        assert option in denied_incidents(text)
        assert option not in wanted_only(text)

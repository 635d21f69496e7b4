"""The reply rules of :mod:`core.replypolicy`: reduced for senders not established, withheld for machine-sent mail."""

from __future__ import annotations

from core.replypolicy import NEUTRAL_ACK, ReplyRule, plan_reply

VERIFIED = {"verified": True}


def test_a_machine_sent_request_gets_no_automatic_reply_even_from_an_established_sender() -> None:
    plan = plan_reply("ack", {"tag": "MDG-00001"}, sender_auth=VERIFIED, address="a@example.jp",
                      applicant_known=True, callback_confirmed=False,
                      auto_submitted=["Auto-Submitted: auto-generated"])
    assert plan.withheld and plan.rule is ReplyRule.AUTO_SUBMITTED_SOURCE
    assert "Auto-Submitted: auto-generated" in plan.reason and plan.context == {}


def test_after_the_callback_the_case_is_written_to_as_usual() -> None:
    plan = plan_reply("ack", {"tag": "MDG-00001"}, sender_auth=None, address="a@example.jp",
                      applicant_known=True, callback_confirmed=True,
                      auto_submitted=["Auto-Submitted: auto-generated"])
    assert not plan.withheld and plan.rule is None and plan.template == "ack"


def test_an_operators_own_reply_is_never_withheld() -> None:
    plan = plan_reply("reply:ack", {"tag": "MDG-00001"}, sender_auth=None, address="a@example.jp",
                      applicant_known=False, callback_confirmed=False,
                      auto_submitted=["Auto-Submitted: auto-generated"])
    assert not plan.withheld and plan.template == "reply:ack"


def test_a_person_not_established_still_gets_the_neutral_acknowledgement() -> None:
    plan = plan_reply("ack", {"tag": "MDG-00001"}, sender_auth=None, address="a@example.jp",
                      applicant_known=False, callback_confirmed=False)
    assert not plan.withheld and plan.template == NEUTRAL_ACK
    assert plan.rule is ReplyRule.UNESTABLISHED_SENDER

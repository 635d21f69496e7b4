"""The "possible emergency" flag: raised on credible evidence, never on denials, what-ifs or machines."""

from __future__ import annotations

from email.message import EmailMessage

from intake.classify import POSSIBLE_CONFIDENCE, PROMOTED_PREFIX, classify, classify_text
from intake.parse import parse_message
from intake.possemerg import (
    PROMOTE_THRESHOLD,
    REASON_PREFIX,
    THRESHOLD,
    EmergencyEvidence,
    judge,
    vote_rank,
    works_as_emergency,
)


def _vote(emergency: float, top: str = "revocation") -> dict[str, float]:
    """A fused vote where *top* takes most of what the emergency leaves."""
    rest = 1.0 - emergency
    vote = {"cancellation": 0.0, "revocation": 0.0, "emergency_revocation": emergency, "death_notice": 0.0,
            "correction": 0.0, "faq": 0.0, "other": 0.0}
    vote[top] = rest * 0.8
    vote["other" if top != "other" else "faq"] = rest * 0.2
    return vote


def test_an_emergency_second_in_the_vote_above_the_threshold_is_flagged() -> None:
    reason = judge(EmergencyEvidence("revocation", _vote(THRESHOLD + 0.05)))
    assert reason.startswith(REASON_PREFIX) and "revocation" in reason


def test_an_emergency_below_the_threshold_is_not_flagged() -> None:
    assert judge(EmergencyEvidence("revocation", _vote(THRESHOLD - 0.01))) == ""


def test_an_emergency_third_in_the_vote_is_not_flagged_whatever_its_probability() -> None:
    vote = {"revocation": 0.4, "faq": 0.32, "emergency_revocation": 0.28}
    assert vote_rank(vote) == 2
    assert judge(EmergencyEvidence("revocation", vote), threshold=0.1) == ""


def test_an_emergency_already_decided_is_not_a_possible_one() -> None:
    evidence = EmergencyEvidence("emergency_revocation", _vote(0.9, top="faq"), compromise=("compromise: 'x'",))
    assert judge(evidence) == ""


def test_a_compromise_the_rules_saw_but_did_not_act_on_is_flagged_without_the_vote() -> None:
    evidence = EmergencyEvidence("faq", {}, compromise=("compromise: 'タブレットを落と'",))
    assert "タブレット" in judge(evidence)


def test_a_denied_incident_or_a_what_if_question_is_not_flagged() -> None:
    assert judge(EmergencyEvidence("revocation", _vote(0.45), denied=("漏えい等はありません",))) == ""
    what_if = EmergencyEvidence("faq", _vote(0.45, top="faq"), compromise=("compromise: 'x'",), question_only=True)
    assert judge(what_if) == ""


def test_a_compromise_the_rules_saw_makes_a_flagged_message_an_emergency() -> None:
    assert works_as_emergency(EmergencyEvidence("faq", {}, compromise=("compromise: 'タブレットを落と'",)))


def test_the_vote_makes_a_flagged_message_an_emergency_only_from_its_own_threshold() -> None:
    assert works_as_emergency(EmergencyEvidence("revocation", _vote(PROMOTE_THRESHOLD + 0.01)))
    below = EmergencyEvidence("revocation", _vote(PROMOTE_THRESHOLD - 0.01))
    assert not works_as_emergency(below)
    # What is not flagged is never made an emergency, however sure the vote.
    assert not works_as_emergency(EmergencyEvidence("revocation", _vote(0.9), denied=("紛失はしていません",)))
    assert not works_as_emergency(EmergencyEvidence("faq", _vote(0.9, top="faq"), question_only=True))


def test_a_laptop_left_on_a_bus_told_as_a_question_is_worked_as_an_emergency() -> None:
    result = classify_text("おととい、バスに仕事用のノートパソコンを置き忘れたようです。証明書の扱いはどうなりますか？")
    assert (result.intent, result.read_as) == ("emergency_revocation", "faq")
    assert result.possible_emergency
    assert result.confidence == POSSIBLE_CONFIDENCE
    assert any(r.startswith(REASON_PREFIX) for r in result.reasons)
    # The last reason is the decision that made it an emergency, naming what it was read as.
    assert result.reasons[-1].startswith(PROMOTED_PREFIX) and "read otherwise as faq" in result.reasons[-1]


def test_a_plain_what_if_about_a_stolen_laptop_is_not_flagged() -> None:
    result = classify_text("もしノートPCが盗まれたときは、どのような手続きになりますか？事前に確認しておきたいです。")
    assert result.intent == "faq"
    assert not result.possible_emergency


def test_a_writer_who_says_nothing_leaked_is_not_flagged() -> None:
    result = classify_text("機種変更のため古い証明書を失効させたいです。鍵の紛失や漏えいは一切ございません。")
    assert result.intent == "revocation"
    assert not result.possible_emergency


def test_a_plain_fee_question_is_not_flagged() -> None:
    result = classify_text("証明書の更新手数料はいくらでしょうか。")
    assert not result.possible_emergency


def _auto_reply(body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "office@example.co.jp"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = "自動応答: 不在のお知らせ"
    msg["Auto-Submitted"] = "auto-replied"
    msg.set_content(body)
    return bytes(msg)


def test_an_auto_reply_is_never_flagged() -> None:
    body = ("ただいま不在です。おととい、バスに仕事用のノートパソコンを置き忘れたようです。"
            "証明書の扱いはどうなりますか？")
    # The same words from a person are worked as an emergency: flagged and promoted, or (since the
    # voters learnt from dev sets 16 and 17 and writer t12) voted one outright.
    person = classify_text(body)
    assert person.intent == "emergency_revocation"
    machine = classify(parse_message(_auto_reply(body)))
    assert not machine.possible_emergency
    # The auto-reply is not worked as an emergency, and nothing says it was.
    assert machine.intent != "emergency_revocation" and machine.read_as == ""
    assert not any(r.startswith((REASON_PREFIX, PROMOTED_PREFIX)) for r in machine.reasons)
    # The caller's verdict is believed when it gives one.
    assert not classify(parse_message(_auto_reply(body)), automated="auto_reply").possible_emergency


def test_the_writers_own_mishap_is_flagged_by_the_vote_but_not_made_an_emergency() -> None:
    deleted = EmergencyEvidence("faq", _vote(0.6, top="faq"), trouble=("trouble: '証明書を削除して'",))
    assert judge(deleted)
    assert not works_as_emergency(deleted)
    # A compromise the rules saw still makes it one, whatever else went wrong.
    stolen = EmergencyEvidence("faq", _vote(0.6, top="faq"), compromise=("compromise: '盗まれ'",),
                               trouble=("trouble: '使えなくなっ'",))
    assert works_as_emergency(stolen)


def test_a_device_found_again_is_no_compromise_evidence() -> None:
    result = classify_text("出張先でノートパソコンをなくしましたが、翌日ホテルで見つかりました。"
                           "今後のために手順を知りたいです。")
    assert (result.intent, result.possible_emergency) == ("faq", False), result.reasons


def test_a_how_to_question_about_a_request_stays_a_question() -> None:
    for text in ("証明書を失効する方法を教えてください。", "申込を取り消す手順はどうなっていますか。"):
        result = classify_text(text)
        assert result.intent == "faq", (text, result.reasons)

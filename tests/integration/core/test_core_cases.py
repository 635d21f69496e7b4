"""Case handling through the real container: intake jobs, workflow, signing, outbox, on both databases."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from collections.abc import Iterator
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from core import workflow as wf
from core.cases import NewCase
from core.container import Container
from core.models import (
    Applicant,
    Application,
    AuditEvent,
    CallbackTask,
    Case,
    HumanTask,
    InboundMessage,
    OutboundMail,
)
from core.operators import create_operator
from core.ports import FixedClock
from core.reasons import Kind as ReasonKind
from core.reasons import parse as parse_reason
from core.services.actors import Actor
from core.services.cases import ManualRequest
from core.settings import Settings
from dashboard import queries
from madoguchi.app import build_container
from madoguchi.intake_adapter import SenderChecks, interpret
from madoguchi.sample import load_sample_data
from signing.models import CaCertificate
from tests.conftest import free_port
from tests.templatedb import migrate_fresh

T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


class Sink:
    """A real SMTP server that keeps what it receives (our outgoing relay in tests)."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.refuse = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "550 5.1.1 no such user"
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def relay() -> Iterator[tuple[Sink, int]]:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield sink, port
    controller.stop()


@pytest.fixture
def c(database_url: str, tmp_path: Path, relay: tuple[Sink, int]) -> Iterator[Container]:
    migrate_fresh(database_url)
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url, relay_host="127.0.0.1",
                        relay_port=relay[1])
    container = build_container(settings, clock=FixedClock(T0))
    container.ca.init("Test CA", T0)
    load_sample_data(container)
    yield container
    container.dispose()


def mail(sender: str, subject: str, body: str, **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = subject
    for k, v in headers.items():
        msg[k.replace("_", "-")] = v
    msg.set_content(body)
    return bytes(msg)


def deliver(c: Container, raw: bytes) -> InboundMessage:
    msg_id = int(c.store.store("x@example.org", ["support@madoguchi.test"], raw, "127.0.0.1"))
    c.queue().run_pending()
    with c.factory() as s:
        msg = s.get(InboundMessage, msg_id)
        assert msg is not None
        return msg


def case_of(c: Container, msg: InboundMessage) -> Case:
    with c.factory() as s:
        case = s.get(Case, msg.case_id)
        assert case is not None
        return case


def operators(c: Container) -> tuple[int, int]:
    with c.factory() as s, s.begin():
        a, _, _ = create_operator(s, "op-a", "operator", T0)
        b, _, _ = create_operator(s, "op-b", "supervisor", T0)
        return a.id, b.id


def confirm_and_approve(c: Container, tag: str, a: int, b: int, run: bool = True) -> None:
    with c.factory() as s:
        case = s.execute(select(Case).where(Case.tag == tag)).scalar_one()
        task = s.execute(select(CallbackTask).where(CallbackTask.case_id == case.id,
                                                    CallbackTask.status == "pending")).scalar_one()
    c.actions.record_callback(Actor(a, "op-a", "operator"), task.id, "reached_confirmed", "ok")
    c.actions.decide(Actor(b, "op-b", "supervisor"), tag, "approved", "")
    if run:
        c.queue().run_pending()


def test_cancellation_before_steps_complete_is_carried_out(c: Container, relay: tuple[Sink, int]) -> None:
    a, b = operators(c)
    msg = deliver(c, mail("ichiro.takahashi@example.ne.jp", "申込の取り消し",
                          "先日お送りした発行申込を取り消したいです。住民票の写しは返却してください。"))
    case = case_of(c, msg)
    assert case.kind == "cancellation" and case.state == "awaiting_callback"
    confirm_and_approve(c, case.tag, a, b)
    with c.factory() as s:
        case = s.get(Case, case.id)
        assert case is not None and case.state == "cancelled"
        app = s.get(Application, case.application_id)
        assert app is not None and app.status == "cancelled"
        assert s.execute(select(HumanTask).where(HumanTask.case_id == case.id)).scalar_one().kind.startswith(
            "return_residence")
    subjects = [m for m in relay[0].messages if case.tag.encode() in m]
    # The acknowledgement to an unauthenticated sender names no case; the result follows the callback.
    assert len(subjects) == 1 and len(relay[0].messages) == 2


def test_cancellation_after_all_steps_is_refused_with_explanation(c: Container, relay: tuple[Sink, int]) -> None:
    msg = deliver(c, mail("taro.yamada@example.jp", "申込のキャンセル",
                          "申込を取り消したいのですが可能でしょうか。申込を取り消してください。"))
    case = case_of(c, msg)
    assert case.kind == "cancellation" and case.state == "refused"
    with c.factory() as s:
        assert s.execute(select(CallbackTask).where(CallbackTask.case_id == case.id)).first() is None
        out = s.execute(select(OutboundMail).where(OutboundMail.case_id == case.id)).scalar_one()
        # The sender is not authenticated (no DKIM), so the refusal goes out as the neutral reply and
        # the case records the rule; the operator sees the refusal and its reason on the case.
        assert out.template == "ack_unverified" and out.status == "sent"
        reduced = s.execute(select(AuditEvent).where(AuditEvent.case_id == case.id,
                                                     AuditEvent.action == "reply_reduced")).scalar_one()
        assert reduced.detail["asked"] == "refused_cancellation_too_late"
        opened = s.get(Case, case.id)
        assert opened is not None and any(r.startswith("reply rule reply-unestablished-sender") for r in opened.reasons)
    sent = relay[0].messages[-1].decode()
    assert "Auto-Submitted: auto-replied" in sent and "X-Madoguchi-Loop" in sent


def test_retried_revocation_job_reuses_the_first_crl_number(c: Container) -> None:
    a, b = operators(c)
    with c.factory() as s:
        cert = s.execute(select(CaCertificate).where(CaCertificate.email == "taro.yamada@example.jp")).scalar_one()
        serial = cert.serial.hex
    msg = deliver(c, mail("taro.yamada@example.jp", "緊急失効",
                          f"PCを盗まれました。至急失効してください。シリアル {serial}"))
    case = case_of(c, msg)
    assert case.kind == "emergency_revocation"
    confirm_and_approve(c, case.tag, a, b, run=False)
    # The worker checks the register once (execute_case) and queues the act itself (carry_out).
    queue = c.queue()
    check_job = queue.claim()
    assert check_job is not None
    queue.run(check_job)
    # The signing module revokes, then the worker "dies" before recording it: run the act again.
    first_crl = c.signer.revoke(cert.serial.value, "keyCompromise", None, T0)
    queue.run_pending()
    with c.factory() as s:
        case = s.get(Case, case.id)
        assert case is not None and case.state == "revoked" and case.crl_number == first_crl


def test_duplicates_auto_replies_bounces_and_replies_open_no_new_case(c: Container, relay: tuple[Sink, int]) -> None:
    body = "証明書の有効期間を教えてください。"
    first = deliver(c, mail("someone@example.org", "質問", body, Message_ID="<q1@example.org>"))
    again = deliver(c, mail("someone@example.org", "質問", body, Message_ID="<q1@example.org>"))
    assert first.status == "processed" and again.status == "duplicate" and again.case_id == first.case_id
    case = case_of(c, first)
    auto = deliver(c, mail("someone@example.org", f"自動応答: [{case.tag}] 不在", "不在です。",
                           Auto_Submitted="auto-replied"))
    assert auto.status == "automated"
    reply = deliver(c, mail("someone@example.org", f"Re: [{case.tag}] 回答", "ありがとうございました。"))
    assert reply.status == "processed" and reply.case_id == case.id
    with c.factory() as s:
        assert len(s.execute(select(Case)).scalars().all()) == 1


def test_outbox_permanent_failure_is_recorded(c: Container, relay: tuple[Sink, int]) -> None:
    relay[0].refuse = True
    msg = deliver(c, mail("taro.yamada@example.jp", "申込のキャンセル", "申込を取り消してください。"))
    with c.factory() as s:
        out = s.execute(select(OutboundMail).where(OutboundMail.case_id == msg.case_id)).scalar_one()
        assert out.status == "failed" and "550" in (out.last_error or "")


def test_emergency_from_unknown_sender_waits_for_an_operator(c: Container) -> None:
    msg = deliver(c, mail("stranger@example.net", "緊急失効", "PCを盗まれました。至急失効してください。"))
    case = case_of(c, msg)
    assert case.kind == "emergency_revocation" and case.state == "needs_triage"
    with c.factory() as s:
        assert s.execute(select(CallbackTask)).first() is None
        assert s.execute(select(Applicant).where(Applicant.email == "stranger@example.net")).first() is None


def test_renewal_notice_once_per_certificate_before_expiry(c: Container, relay: tuple[Sink, int]) -> None:
    assert isinstance(c.clock, FixedClock)
    assert c.handlers.renewal_notices(c.clock.now()) == 0  # Nothing expires within 30 days yet.
    with c.factory() as s:
        not_after = min(cert.not_after for cert in s.execute(select(CaCertificate)).scalars())
    later = not_after - dt.timedelta(days=20)
    c.clock.advance(later - c.clock.now())
    sent = c.handlers.renewal_notices(later)
    assert sent == 3  # The three issued sample certificates share one validity period.
    assert c.handlers.renewal_notices(later) == 0  # Never twice.
    c.queue().run_pending()
    with c.factory() as s:
        rows = s.execute(select(OutboundMail).where(OutboundMail.template == "renewal_notice")).scalars().all()
        assert {r.status for r in rows} == {"sent"} and len(rows) == 3
    bodies = [email.message_from_bytes(m, policy=email.policy.default).get_body().get_content()  # type: ignore[union-attr]
              for m in relay[0].messages]
    # Each notice links to a renewal application: a new, open application pre-filled from the old one.
    with c.factory() as s:
        renewals = s.execute(select(Application).where(Application.renewal_of_id.is_not(None))).scalars().all()
        assert len(renewals) == 3
        for renewal in renewals:
            old = s.get(Application, renewal.renewal_of_id)
            assert old is not None and renewal.reference != old.reference and renewal.status == "open"
            assert (renewal.applicant_id, renewal.cert_type, renewal.registration_number,
                    renewal.requested_count) == (old.applicant_id, old.cert_type, old.registration_number,
                                                 old.requested_count)
            assert renewal.steps == []
            link = f"{c.settings.public_base_url}/apply/?reference={renewal.reference}"
            assert sum(link in b and "更新のお申込み" in b and "renewal application" in b for b in bodies) == 1


def test_a_flood_of_the_same_request_is_one_case_with_one_acknowledgement(c: Container) -> None:
    for n in range(8):
        deliver(c, mail("hanako.sato@example.co.jp", f"緊急失効 {n}", f"PCを盗まれました。至急失効してください。{n}",
                        Message_ID=f"<flood{n}@example.co.jp>"))
    with c.factory() as s:
        cases = s.execute(select(Case).where(Case.reply_to == "hanako.sato@example.co.jp")).scalars().all()
        # The sender is not authenticated (no DKIM): the acknowledgement is the neutral one (core.replypolicy).
        acks = s.execute(select(OutboundMail).where(OutboundMail.template.in_(("ack", "ack_unverified"))
                                                    )).scalars().all()
        replies = s.execute(select(AuditEvent).where(AuditEvent.action == "reply_received")).scalars().all()
    assert len(cases) == 1 and len(acks) == 1 and len(replies) == 7


def test_acknowledgements_are_rate_limited_per_address(c: Container) -> None:
    with c.factory() as s, s.begin():
        acks = [c.cases.outbox.queue(s, case_id=None, template="ack", to_addr="hanako.sato@example.co.jp",
                                     context={"tag": f"MDG-00000{n}", "kind": "emergency_revocation", "name": "佐藤"},
                                     language="ja", now=T0) for n in range(8)]
        assert sum(a.status == "pending" for a in acks) == 5 and sum(a.status == "suppressed" for a in acks) == 3


def test_operator_example_phrasing_counts_after_refresh(c: Container) -> None:
    from faq.store import add_example

    phrase = "ポンチョ色のフクロウは何羽いますか"  # Nonsense that no FAQ entry answers.
    assert c.faq.ask(phrase, "ja").faq_id is None
    assert c.faq.refresh() is False  # Nothing changed yet.
    add_example(c.factory, faq_id="general-03", language="ja", text=phrase, created_by="op-a")
    assert c.faq.refresh() is True
    assert c.faq.ask(phrase, "ja").faq_id == "general-03"


def test_approval_rechecks_the_register_a_second_case_on_a_revoked_certificate_is_refused(
    c: Container, relay: tuple[Sink, int]
) -> None:
    """Two cases on one certificate: once the first revoked it, approving the second is refused, not re-run."""
    a, b = operators(c)
    with c.factory() as s:
        cert = s.execute(select(CaCertificate).where(CaCertificate.email == "taro.yamada@example.jp")).scalar_one()
        serial = cert.serial.hex
    first = case_of(c, deliver(c, mail("taro.yamada@example.jp", "緊急失効",
                                       f"ノートPCを紛失しました。至急失効してください。シリアル {serial}")))
    # The same holder also wrote to a colleague, who typed that request in as a case of its own.
    second_tag = c.actions.manual_intake(Actor(a, "op-a", "operator"), ManualRequest(
        kind=wf.Kind.EMERGENCY_REVOCATION, channel="email", applicant_email="taro.yamada@example.jp",
        summary="転送: PC紛失、至急止めてほしい", serials=(serial,)))
    with c.factory() as s:
        second = s.execute(select(Case).where(Case.tag == second_tag)).scalar_one()
    assert first.state == second.state == "awaiting_callback"
    confirm_and_approve(c, first.tag, a, b)
    confirm_and_approve(c, second.tag, a, b)
    with c.factory() as s:
        done = s.get(Case, first.id)
        refused = s.get(Case, second.id)
        assert done is not None and done.state == "revoked"
        assert refused is not None and refused.state == "refused"
        templates = [m.template for m in s.execute(select(OutboundMail).where(OutboundMail.case_id == refused.id))
                     .scalars()]
        assert "refused_already_revoked" in templates and "result_revoked" not in templates
        events = s.execute(select(AuditEvent).where(AuditEvent.case_id == refused.id, AuditEvent.action == "Approved")
                           ).scalars().all()
        assert [e.detail.get("rule") for e in events] == ["already-revoked"]


def test_follow_ups_join_the_open_case_and_a_reply_reopens_a_finished_one(c: Container) -> None:
    """No second case for the same holder and certificate; a reply to a closed case brings it back."""
    _a, b = operators(c)
    with c.factory() as s:
        cert = s.execute(select(CaCertificate).where(CaCertificate.email == "taro.yamada@example.jp")).scalar_one()
        serial = cert.serial.hex
    first = case_of(c, deliver(c, mail("taro.yamada@example.jp", "緊急失効のお願い",
                                       f"ICカードを紛失しました。至急失効してください。シリアル {serial}")))
    # A second mail about the same card, without the case tag, with the serial written differently.
    grouped = " ".join(serial[i:i + 4] for i in range(0, len(serial), 4))
    again = deliver(c, mail("taro.yamada@example.jp", "再送：証明書を止めてください",
                            f"先ほどの件です。急いでいます。シリアル番号 {grouped}"))
    assert again.case_id == first.id
    # A plain reply without tag or references joins the only open case of that sender.
    reply = deliver(c, mail("taro.yamada@example.jp", "Re: 緊急失効のお願い", "日中はこの携帯に出られます。"))
    assert reply.case_id == first.id
    # Closed by an operator; then the customer writes back: the case returns to the queue.
    c.actions.close(Actor(b, "op-b", "supervisor"), first.tag, "顧客と電話で解決")
    back = deliver(c, mail("taro.yamada@example.jp", f"Re: [{first.tag}] 緊急失効のお願い", "まだ止まっていません。"))
    assert back.case_id == first.id
    with c.factory() as s:
        case = s.get(Case, first.id)
        assert case is not None and case.state == "needs_triage"
        actions = [e.action for e in s.execute(select(AuditEvent).where(AuditEvent.case_id == first.id)).scalars()]
        assert actions.count("reply_received") == 3 and "Reopened" in actions


def _open(c: Container, new: NewCase) -> Case:
    with c.factory() as s, s.begin():
        case = c.cases.open_case(s, new)
        s.expunge(case)
        return case


def test_serial_candidates_are_used_only_when_they_are_the_applicants_certificate(c: Container) -> None:
    with c.factory() as s:
        cert = s.execute(select(CaCertificate).where(CaCertificate.email == "taro.yamada@example.jp")).scalar_one()
        serial = cert.serial.hex
    base = NewCase(kind=wf.Kind.EMERGENCY_REVOCATION, channel="email", reply_to="taro.yamada@example.jp",
                   summary="PCを紛失しました")
    # A bare hex string that is exactly the holder's serial is confirmed by the register.
    sure = _open(c, replace(base, serial_candidates=("deadbeef", serial)))
    assert sure.serials == [serial] and sure.state == "awaiting_callback"
    assert any("read loosely" in r for r in sure.reasons)
    # A part of it is never used silently: the case says the serial is unclear and lists what is on record.
    partial = _open(c, replace(base, serials=(serial[:8],), summary="別件"))
    assert partial.state == "needs_triage" and partial.certificate_id is None
    assert any(r.startswith("serial unclear") and serial in r for r in partial.reasons)


def test_an_unread_fax_is_worked_first(c: Container) -> None:
    _open(c, NewCase(kind=wf.Kind.FAQ, channel="email", reply_to="someone@example.org", subject="料金",
                     summary="料金は？"))
    fax = _open(c, NewCase(kind=wf.Kind.OTHER, channel="email", reply_to="fax-gw@example.net",
                           subject="FAX受信 2ページ", fax_unread=True))
    assert (fax.urgency, fax.subject, fax.state) == ("fax_unread", "FAX受信 2ページ", "needs_triage")
    assert fax.deadline_at - fax.created_at == dt.timedelta(hours=4)
    with c.factory() as s:
        first = queries.queue(s, queries.QueueFilter())[0][0]
    assert first.tag == fax.tag


def test_a_possible_emergency_keeps_its_kind_and_is_worked_with_the_emergencies(c: Container) -> None:
    assert isinstance(c.clock, FixedClock)
    ordinary = _open(c, NewCase(kind=wf.Kind.REVOCATION, channel="email", reply_to="someone@example.org",
                                subject="証明書の失効", summary="使わなくなったので失効してください"))
    # Opened later, its deadline would still come after the ordinary case's if only deadlines counted.
    c.clock.advance(dt.timedelta(hours=21))
    possible = _open(c, NewCase(kind=wf.Kind.REVOCATION, channel="email", reply_to="other@example.org",
                                subject="証明書について", summary="鞄ごと見当たりません。失効をお願いします",
                                possible_emergency=True))
    assert (possible.urgency, possible.subject) == ("possible_emergency", "証明書について")
    assert ordinary.urgency is None
    assert possible.kind == "revocation"
    assert possible.deadline_at - possible.created_at == dt.timedelta(hours=4)
    assert ordinary.deadline_at - ordinary.created_at == dt.timedelta(hours=24)
    assert ordinary.deadline_at < possible.deadline_at
    with c.factory() as s:
        order = [case.tag for case, _applicant in queries.queue(s, queries.QueueFilter())]
    assert order.index(possible.tag) < order.index(ordinary.tag)
    # The classifier works a possible emergency as one: the case is an emergency that still carries
    # the mark, so that the operator confirms the incident on the call back.
    worked = _open(c, NewCase(kind=wf.Kind.EMERGENCY_REVOCATION, channel="email", reply_to="third@example.org",
                              subject="PCのこと", summary="PCが見当たりません", possible_emergency=True))
    assert (worked.kind, worked.urgency) == ("emergency_revocation", "possible_emergency")


def test_a_mail_that_may_be_an_emergency_is_not_answered_from_the_faq(c: Container,
                                                                     relay: tuple[Sink, int]) -> None:
    body = "おととい、バスに仕事用のノートパソコンを置き忘れたようです。証明書の扱いはどうなりますか？"
    # The subject names no device: a subject that does ("ノートパソコンのこと") tips the voters into reading
    # an emergency outright (since they learnt from writers t13 and t14), which is also worked as an
    # emergency but without the mark this test is about.
    case = case_of(c, deliver(c, mail("stranger@example.net", "証明書について", body)))
    assert case.kind == "emergency_revocation" and case.faq_id is None
    assert (case.urgency, case.subject) == ("possible_emergency", "証明書について")
    assert case.deadline_at - case.created_at == dt.timedelta(hours=4)
    assert any(r.startswith("possible emergency: ") for r in case.reasons)
    with c.factory() as s:
        answers = s.execute(select(OutboundMail).where(OutboundMail.case_id == case.id,
                                                       OutboundMail.template.startswith("faq_answer"))).scalars().all()
    assert answers == []


def summary_bounce(returned_subject: str, returned_text: str) -> bytes:
    """A bounce that returns only a summary of our mail (subject and text), not its Message-ID."""
    msg = EmailMessage()
    msg["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.jp>"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = "Undelivered Mail Returned to Sender"
    msg["Auto-Submitted"] = "auto-replied"
    msg.set_content(
        "This is the mail system at host mx.example.jp.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients.\n\n"
        "<taro.yamada@example.jp>: host mx.example.jp said: 550 5.1.1 User unknown\n\n"
        f"--- summary of the returned message ---\nSubject: {returned_subject}\n\n{returned_text}\n")
    return bytes(msg)


def test_a_bounce_without_the_original_message_id_finds_its_case(c: Container, relay: tuple[Sink, int]) -> None:
    with c.factory() as s:
        taro = s.execute(select(Applicant).where(Applicant.email == "taro.yamada@example.jp")).scalar_one()
        serial = str(s.execute(select(CaCertificate).where(CaCertificate.email == taro.email)).scalars().first()
                     .serial)  # type: ignore[union-attr]
    first = case_of(c, deliver(c, mail("taro.yamada@example.jp", "緊急失効のお願い",
                                       f"PCを盗まれました。至急失効してください。シリアル番号: {serial}")))
    assert first.certificate_id is not None
    # By the case tag in what came back.
    tagged = deliver(c, summary_bounce(f"[{first.tag}] 受付のお知らせ", "お問い合わせを受け付けました。"))
    assert tagged.status == "automated" and tagged.case_id == first.id
    # By the certificate it names, when one case is about that certificate.
    named = deliver(c, summary_bounce("受付のお知らせ", f"シリアル番号: {serial} の失効を受け付けました。"))
    assert named.status == "automated" and named.case_id == first.id
    with c.factory() as s:
        matched = [e.detail["matched_by"] for e in s.execute(
            select(AuditEvent).where(AuditEvent.action == "bounce_received").order_by(AuditEvent.seq)).scalars()]
        assert matched == ["case_tag", "serial"]
        assert len(s.execute(select(Case)).scalars().all()) == 1
    # A bounce naming nothing we know stays unattached.
    stray = deliver(c, summary_bounce("Hello", "nothing of ours"))
    assert stray.status == "automated" and stray.case_id is None


def test_the_cores_own_reasons_are_written_as_their_kinds(c: Container) -> None:
    # The dashboard reads these by their kind (core.reasons), never by their words.
    with c.factory() as s:
        cert = s.execute(select(CaCertificate).where(CaCertificate.email == "taro.yamada@example.jp")).scalar_one()
        serial = cert.serial.hex
    base = NewCase(kind=wf.Kind.REVOCATION, channel="email", reply_to="taro.yamada@example.jp", summary="失効したい")
    loose = _open(c, replace(base, serial_candidates=(serial,)))
    assert (ReasonKind.SERIAL_LOOSE, {"serial": serial}) in map(parse_reason, loose.reasons)
    unclear = _open(c, replace(base, serials=("0badc0de",)))
    assert ReasonKind.SERIAL_UNCLEAR in [p[0] for p in map(parse_reason, unclear.reasons) if p]
    fax = _open(c, replace(base, channel="fax", fax_unread=True, reply_to=""))
    assert ReasonKind.FAX_PAGES_UNREAD in [p[0] for p in map(parse_reason, fax.reasons) if p]
    a, _ = operators(c)
    tag = c.actions.manual_intake(Actor(a, "op-a", "operator"), ManualRequest(kind=wf.Kind.REVOCATION, channel="post",
                                                                              summary="郵送の失効請求"))
    with c.factory() as s:
        manual = s.execute(select(Case).where(Case.tag == tag)).scalar_one()
        assert parse_reason(manual.reasons[0]) == (ReasonKind.MANUAL_INTAKE, {"who": "op-a"})
    refused = case_of(c, deliver(c, mail("taro.yamada@example.jp", "申込の取消",
                                         "申込を取り消してください。よろしくお願いします。")))
    assert (ReasonKind.REPLY_RULE, {"rule": "reply-unestablished-sender"}) in map(parse_reason, refused.reasons)


def test_our_own_mail_coming_back_is_said_as_such() -> None:
    raw = mail("support@madoguchi.test", "Re: お問い合わせ", "自動送信です。", X_Madoguchi_Loop="madoguchi.test")
    seen = interpret(raw, "madoguchi.test", SenderChecks(dns=lambda name: None))
    assert seen.automated == "auto_reply" and parse_reason(seen.reasons[0]) == (ReasonKind.OWN_LOOP, {})

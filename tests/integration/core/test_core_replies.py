"""Writing to the customer: replies, mail templates edited by admins, mail for manual intake and
one acknowledgement per case (SQLite and PostgreSQL, a real SMTP relay, the real worker)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core import workflow as wf
from core.cases import NewCase
from core.container import Container
from core.models import AuditEvent, CallbackTask, Case, InboundMessage, Job, MailTemplateEdit, OutboundMail
from core.operators import create_operator
from core.outbox import ACK_TEMPLATES
from core.ports import FixedClock
from core.services.actors import Actor, NotPermitted
from core.services.cases import ManualRequest
from core.services.mailtemplates import TemplateRejected
from core.services.replies import ReplyRefused
from core.settings import Settings
from dashboard.conversation import thread
from madoguchi.app import build_container
from madoguchi.sample import load_sample_data
from tests.conftest import free_port
from tests.templatedb import migrate_fresh

T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
TARO = "taro.yamada@example.jp"
MX = "mx.madoguchi.test"


class Sink:
    """A real SMTP server that keeps what it receives (our outgoing relay), or refuses it."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.refuse = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "550 5.1.1 no such user"
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def relay() -> Iterator[Sink]:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.port = port  # type: ignore[attr-defined]
    yield sink
    controller.stop()


@pytest.fixture
def c(database_url: str, tmp_path: Path, relay: Sink) -> Iterator[Container]:
    migrate_fresh(database_url)
    # The receiving MTA's verdicts (Authentication-Results of mx.madoguchi.test) are trusted, so
    # the applicant's own mail counts as authenticated and gets the full acknowledgement.
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url, relay_host="127.0.0.1",
                        relay_port=relay.port, trusted_authserv_id=MX)  # type: ignore[attr-defined]
    container = build_container(settings, clock=FixedClock(T0))
    container.ca.init("Test CA", T0)
    load_sample_data(container)
    yield container
    container.dispose()


def actors(c: Container) -> tuple[Actor, Actor, Actor]:
    with c.factory() as s, s.begin():
        a, _, _ = create_operator(s, "op-a", "operator", T0)
        b, _, _ = create_operator(s, "op-b", "supervisor", T0)
        d, _, _ = create_operator(s, "op-admin", "admin", T0)
        return Actor(a.id, "op-a", "operator"), Actor(b.id, "op-b", "supervisor"), Actor(d.id, "op-admin", "admin")


def mail(sender: str, subject: str, body: str, **headers: str) -> bytes:
    msg = EmailMessage()
    domain = sender.rpartition("@")[2].rstrip(">")
    msg["Authentication-Results"] = f"{MX}; dkim=pass header.d={domain}; dmarc=pass header.from={domain}"
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


def case_by_tag(c: Container, tag: str) -> Case:
    with c.factory() as s:
        return s.execute(select(Case).where(Case.tag == tag)).scalar_one()


def mails_of(c: Container, case_id: int) -> list[OutboundMail]:
    with c.factory() as s:
        return list(s.execute(select(OutboundMail).where(OutboundMail.case_id == case_id)
                              .order_by(OutboundMail.id)).scalars())


def parsed(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def text_of(raw: bytes) -> str:
    part = parsed(raw).get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def pending_task(c: Container, case_id: int) -> int:
    with c.factory() as s:
        return s.execute(select(CallbackTask.id).where(CallbackTask.case_id == case_id,
                                                       CallbackTask.status == "pending")).scalar_one()


def test_reply_threads_under_the_applicants_mail_is_audited_and_sent(c: Container, relay: Sink) -> None:
    operator, _, _ = actors(c)
    first = deliver(c, mail(TARO, "緊急失効のお願い", "PCを盗まれました。至急失効してください。",
                            Message_ID="<first@example.jp>"))
    follow = deliver(c, mail(TARO, "Re: 緊急失効のお願い", "追記です。会社のPCでした。",
                             Message_ID="<second@example.jp>", In_Reply_To="<first@example.jp>",
                             References="<first@example.jp>"))
    assert follow.case_id == first.case_id
    case = case_by_tag(c, case_by_id(c, first.case_id))
    draft = c.replies.draft(case.tag, "reply")
    assert draft.to_addr == TARO and draft.in_reply_to == "<second@example.jp>"
    assert "山田 太郎 様" in draft.body and case.tag in draft.body
    body = draft.body + "\n\nお電話でご説明した件、承知いたしました。"
    preview = c.replies.preview(case.tag, "reply", draft.subject, body)

    outbound_id = c.replies.send(operator, case.tag, "reply", draft.subject, body)
    with c.factory() as s:
        row = s.get(OutboundMail, outbound_id)
        assert row is not None and row.status == "pending" and row.template == "reply:reply"
        queued = parsed(row.raw)
        # One transaction: the outbox row, its delivery job and the audit event.
        audit = s.execute(select(AuditEvent).where(AuditEvent.action == "reply_queued")).scalar_one()
        assert audit.detail["outbound_id"] == outbound_id and audit.actor == "op-a"
        assert s.execute(select(Job).where(Job.dedupe_key == f"mail:{outbound_id}")).scalar_one()
    assert queued["Subject"] == f"[{case.tag}] {draft.subject}"
    assert queued["In-Reply-To"] == "<second@example.jp>"
    assert queued["References"].split() == ["<first@example.jp>", "<second@example.jp>"]
    assert queued["Auto-Submitted"] is None  # A person wrote it.
    assert "お電話でご説明した件" in text_of(row.raw)
    # The preview is exactly what was queued, but for the Message-ID and Date.
    shown = parsed(preview)
    for header in ("From", "To", "Subject", "In-Reply-To", "References"):
        assert shown[header] == queued[header]
    assert text_of(preview) == text_of(row.raw)

    c.queue().run_pending()
    delivered = [parsed(m) for m in relay.messages]
    assert any(m["Message-ID"] == queued["Message-ID"] for m in delivered)
    with c.factory() as s:
        entries = thread(s, s.get(Case, case.id))  # type: ignore[arg-type]
    assert [e.direction for e in entries][:2] == ["in", "in"]
    out = [e for e in entries if e.direction == "out"]
    assert {e.template for e in out} == {"ack", "reply"}
    assert all(e.status == "sent" for e in out)
    assert [e.at for e in entries] == sorted(e.at for e in entries)


def case_by_id(c: Container, case_id: int | None) -> str:
    with c.factory() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.tag


def test_a_refused_reply_shows_as_failed_with_the_relays_error(c: Container, relay: Sink) -> None:
    operator, _, _ = actors(c)
    first = deliver(c, mail(TARO, "質問", "証明書の有効期間を教えてください。"))
    tag = case_by_id(c, first.case_id)
    relay.refuse = True
    c.replies.send(operator, tag, "reply", "ご質問の件", "回答いたします。")
    c.queue().run_pending()
    with c.factory() as s:
        entries = thread(s, s.execute(select(Case).where(Case.tag == tag)).scalar_one())
    reply = next(e for e in entries if e.by_operator)
    assert reply.status == "failed" and "550" in reply.last_error and reply.problem


def test_reply_refusals(c: Container) -> None:
    operator, _, _ = actors(c)
    first = deliver(c, mail(TARO, "質問", "証明書の有効期間を教えてください。"))
    tag = case_by_id(c, first.case_id)
    with pytest.raises(ReplyRefused) as empty:
        c.replies.send(operator, tag, "reply", "件名", "   ")
    assert empty.value.code == "empty"
    with pytest.raises(ReplyRefused) as unknown:
        c.replies.draft(tag, "no_such_template")
    assert unknown.value.code == "template"
    # A chat case has nobody to mail.
    # (Chats open request cases only through the one-time link; here the case service opens one
    # as that link's confirmation does, with no address to write to.)
    with c.factory() as s, s.begin():
        chat_tag = c.cases.open_case(s, NewCase(kind=wf.Kind.EMERGENCY_REVOCATION, channel="webchat", reply_to="",
                                                subject="webchat: chat request", summary="緊急失効をお願いします",
                                                language="ja")).tag
    with pytest.raises(ReplyRefused) as nobody:
        c.replies.send(operator, chat_tag, "reply", "件名", "本文")
    assert nobody.value.code == "no_address"
    # Subjects are one header line whatever is typed: no header injection.
    outbound_id = c.replies.send(operator, tag, "reply", "件名\r\nBcc: evil@example.net", "本文")
    with c.factory() as s:
        row = s.get(OutboundMail, outbound_id)
        assert row is not None
        assert parsed(row.raw)["Bcc"] is None


def test_one_acknowledgement_per_case_after_reopen_and_reclassify(c: Container) -> None:
    """Regression: every re-run of the opening rules used to queue the acknowledgement again.

    A case whose request was denied at the callback, reopened and reclassified (or linked
    again) went through ``_open`` once more, and so did a revocation whose documents were
    checked (``ack_documents`` then ``ack``): the applicant got the same acknowledgement twice,
    seconds apart.  Now the outbox keeps one acknowledgement per case (``ack:<case id>``).
    """
    operator, supervisor, _ = actors(c)
    first = deliver(c, mail(TARO, "緊急失効", "PCを盗まれました。至急失効してください。"))
    case = case_by_tag(c, case_by_id(c, first.case_id))
    assert case.state == "awaiting_callback"
    c.actions.record_callback(operator, pending_task(c, case.id), "requester_denied", "本人は依頼していない")
    c.actions.reopen(supervisor, case.tag, "本人から再度の依頼")
    c.actions.reclassify(operator, case.tag, wf.Kind.EMERGENCY_REVOCATION)
    assert case_by_tag(c, case.tag).state == "awaiting_callback"
    acks = [m for m in mails_of(c, case.id) if m.template in ACK_TEMPLATES]
    assert len(acks) == 1 and acks[0].dedupe_key == f"ack:{case.id}"

    # The database itself refuses a second acknowledgement row for the case.
    with pytest.raises(IntegrityError), c.factory() as s, s.begin():
        s.add(OutboundMail(case_id=case.id, template="ack", to_addr=TARO, subject="x", message_id="<dup@x>",
                           raw=b"x", status="pending", created_at=T0, dedupe_key=f"ack:{case.id}"))


def test_revocation_with_documents_is_acknowledged_once(c: Container) -> None:
    operator, _, _ = actors(c)
    first = deliver(c, mail(TARO, "失効請求", "証明書が不要になったので失効してください。"))
    case = case_by_tag(c, case_by_id(c, first.case_id))
    assert case.state == "awaiting_documents"
    c.actions.record_documents(operator, case.tag, wf.REQUIRED_DOCUMENTS[wf.Kind(case.kind)])
    assert case_by_tag(c, case.tag).state == "awaiting_callback"
    assert [m.template for m in mails_of(c, case.id)] == ["ack_documents"]


def test_manual_fax_intake_mails_the_applicant_on_record(c: Container) -> None:
    operator, _, _ = actors(c)
    tag = c.actions.manual_intake(operator, ManualRequest(kind=wf.Kind.EMERGENCY_REVOCATION, channel="fax",
                                                          applicant_email=TARO.upper(), summary="FAXで緊急失効の依頼"))
    case = case_by_tag(c, tag)
    sent = mails_of(c, case.id)
    assert [(m.template, m.to_addr) for m in sent] == [("ack", TARO)]
    assert f"[{tag}]" in sent[0].subject
    # A letter from nobody on record: no address, no mail.
    other = c.actions.manual_intake(operator, ManualRequest(kind=wf.Kind.REVOCATION, channel="post",
                                                            summary="郵送の失効請求"))
    assert mails_of(c, case_by_tag(c, other).id) == []


def test_admin_edits_a_template_which_is_used_audited_and_reset(c: Container) -> None:
    operator, _, admin = actors(c)
    subject, body = "受付しました（編集版） / Received", "{{ name }} 様\n受付番号 {{ tag }}（{{ kind_ja }}）\n"
    assert c.templates.preview(subject, body)[1].startswith("山田 太郎 様")
    with pytest.raises(NotPermitted):
        c.templates.save(operator, "ack", subject, body)
    with pytest.raises(TemplateRejected):
        c.templates.save(admin, "ack", subject, "{{ nmae }} 様")  # a misspelt field
    with pytest.raises(TemplateRejected):
        c.templates.save(admin, "ack", subject, "{{ name.__class__.__mro__ }}")  # the sandbox refuses
    with pytest.raises(TemplateRejected):
        c.templates.save(admin, "ack", subject, "{% if %}")  # does not parse
    c.templates.save(admin, "ack", subject, body)
    assert c.templates.get("ack").edited

    first = deliver(c, mail(TARO, "緊急失効", "PCを盗まれました。至急失効してください。"))
    ack = mails_of(c, int(first.case_id or 0))[0]
    assert "受付しました（編集版）" in ack.subject
    assert "緊急失効" in text_of(ack.raw) and "iPROVE CA局" in text_of(ack.raw)  # the signature stays

    c.templates.reset(admin, "ack")
    assert not c.templates.get("ack").edited
    with c.factory() as s:
        assert s.execute(select(func.count()).select_from(MailTemplateEdit)).scalar_one() == 0
        actions = [a for (a,) in s.execute(select(AuditEvent.action).where(
            AuditEvent.action.in_(("mail_template_edited", "mail_template_reset"))).order_by(AuditEvent.seq))]
    assert actions == ["mail_template_edited", "mail_template_reset"]
    assert c.audit.verify(c.factory()).ok

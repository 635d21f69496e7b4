"""A mail that reads like an automatic reply but reports a key at risk still opens a case.

Auto-replies and bounces are never answered and open no case.  The detector decides some of them
from the wording alone ("Out of office", "出張中のため…"), which a person in trouble may write too.
When nothing but the wording says a mail is automatic and the mail reports a lost or stolen key,
it opens a case worked with an emergency's urgency, sends no automatic reply, and the audit log
records that the verdict was overruled.  A header sign (Auto-Submitted) keeps the verdict, and an
out-of-office reply that only says "for urgent matters" opens nothing.

The mails go through the real intake SMTP server (aiosmtpd, driven by smtplib) into the real
container on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlalchemy import select

from core.container import Container
from core.models import Applicant, AuditEvent, CallbackTask, Case, InboundMessage, OutboundMail
from core.ports import FixedClock
from core.reasons import Kind as ReasonKind
from core.reasons import parse as parse_reason
from core.settings import Settings
from core.urgency import Urgency
from intake.smtp import build_controller
from madoguchi.app import build_container
from madoguchi.sample import load_sample_data
from tests.conftest import free_port
from tests.templatedb import migrate_fresh

T0 = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)

# A person abroad who starts with the words of an out-of-office note: the subject begins with the
# label auto-replies use, and the text says the writer is out of the office.
AWAY_BUT_STOLEN = (
    "Out of office - laptop stolen",
    "I am currently out of the office on a business trip and will be back on 14 December.\n"
    "My laptop was stolen at the airport this morning. It holds my e-signature certificate and its key.\n"
    "Please revoke the certificate at once.\n",
)
# A real out-of-office reply with no header sign, answering our mail about a revocation.
PLAIN_OUT_OF_OFFICE = (
    "Automatic reply: Re: Your revocation request",
    "Thank you for your email. I am out of the office until 6 January with limited access to email.\n"
    "For urgent matters please contact my colleague at the front desk.\n",
)


@pytest.fixture
def c(database_url: str, tmp_path: Path) -> Iterator[Container]:
    migrate_fresh(database_url)
    # The relay is never reached: no test here queues mail that must be delivered.
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url, relay_host="127.0.0.1",
                        relay_port=free_port())
    container = build_container(settings, clock=FixedClock(T0))
    container.ca.init("Test CA", T0)
    load_sample_data(container)
    yield container
    container.dispose()


def _applicant(c: Container) -> Applicant:
    with c.factory() as s:
        applicant = s.execute(select(Applicant).where(Applicant.phone != "").order_by(Applicant.id)).scalars().first()
        assert applicant is not None
        return applicant


def _send(c: Container, sender: str, subject: str, body: str, **headers: str) -> InboundMessage:
    """Send one mail through the real SMTP server, run the jobs, and return the stored message."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "support@madoguchi.test", subject
    msg["Message-ID"] = make_msgid(domain="example.jp")
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    port = free_port()
    controller = build_controller(c.store, "127.0.0.1", port, ["madoguchi.test"], 1_000_000)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            assert client.send_message(msg) == {}
    finally:
        controller.stop()
    c.queue().run_pending()
    with c.factory() as s:
        stored = s.execute(select(InboundMessage).where(InboundMessage.message_id == msg["Message-ID"])).scalar_one()
        s.expunge(stored)
        return stored


def test_a_key_at_risk_worded_like_an_auto_reply_opens_an_urgent_case(c: Container) -> None:
    person = _applicant(c)
    stored = _send(c, person.email, *AWAY_BUT_STOLEN)
    assert stored.status == "processed" and stored.case_id is not None
    assert stored.parsed["automated"] == "auto_reply"  # The detector's verdict is kept on record.
    with c.factory() as s:
        case = s.get(Case, stored.case_id)
        assert case is not None
        assert case.kind == "emergency_revocation" and case.urgency == Urgency.POSSIBLE_EMERGENCY.value
        assert case.applicant_id == person.id
        kinds = [read[0] for r in case.reasons if (read := parse_reason(r)) is not None]
        assert ReasonKind.AUTOMATED_OVERRULED in kinds
        # The phone call goes to the number on record, as for any emergency.
        task = s.execute(select(CallbackTask).where(CallbackTask.case_id == case.id)).scalar_one()
        assert task.phone == person.phone
        # It may still be an auto-reply, and those are never answered automatically.
        assert s.execute(select(OutboundMail).where(OutboundMail.case_id == case.id)).scalars().all() == []
        actions = s.execute(select(AuditEvent.action).where(AuditEvent.case_id == case.id)).scalars().all()
        assert "automated_verdict_overruled" in actions


def test_the_same_words_with_a_header_sign_stay_automated(c: Container) -> None:
    stored = _send(c, _applicant(c).email, *AWAY_BUT_STOLEN, Auto_Submitted="auto-replied")
    assert stored.status == "automated" and stored.case_id is None
    with c.factory() as s:
        assert s.execute(select(Case)).scalars().all() == []


def test_an_out_of_office_reply_that_only_says_urgent_opens_nothing(c: Container) -> None:
    stored = _send(c, _applicant(c).email, *PLAIN_OUT_OF_OFFICE)
    assert stored.status == "automated" and stored.case_id is None
    with c.factory() as s:
        assert s.execute(select(Case)).scalars().all() == []

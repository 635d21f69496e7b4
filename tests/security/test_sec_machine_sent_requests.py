"""A request in mail its program marked machine-sent opens a case but gets no automatic reply (RFC 3834).

Contact forms and fax gateways mark their mail ``Auto-Submitted``.  What they carry is a person's
request, so a case is opened; answering the mail automatically would write to a form script's or a
gateway's address (backscatter, loops), so the acknowledgement is withheld under rule
``reply-auto-submitted-source`` and an operator answers.  Mail goes through the real SMTP intake.
"""

from __future__ import annotations

from email.mime.text import MIMEText

from dashboard_support import add_holder
from security_support import Deliver
from sqlalchemy import select

from core.container import Container
from core.models import AuditEvent, Case, OutboundMail

FORM_TEXT = (
    "お問い合わせフォームからの送信\n\n"
    "お名前: 岡田 一郎\nメールアドレス: okada@example.co.jp\n"
    "お問い合わせ内容:\n先週発行された証明書の住所の番地が違っています（3-12 が正しいです）。訂正をお願いします。\n"
)


def _form_mail(*, marked: bool) -> bytes:
    message = MIMEText(FORM_TEXT, "plain", "utf-8")
    message["From"] = "okada@example.co.jp"
    message["To"] = "support@madoguchi.test"
    message["Subject"] = "Webサイトからのお問い合わせ"
    message["Message-ID"] = f"<form-{int(marked)}@shop.example.jp>"
    if marked:
        message["Auto-Submitted"] = "auto-generated"
    return message.as_bytes()


def test_a_form_relay_marked_auto_submitted_opens_a_case_and_gets_no_automatic_reply(
    container: Container, deliver: Deliver
) -> None:
    add_holder(container, email="okada@example.co.jp", name="岡田 一郎")
    case = deliver(_form_mail(marked=True))
    assert case is not None and case.kind == "correction"
    with container.factory() as s:
        assert s.execute(select(OutboundMail)).scalars().all() == []
        stored = s.get(Case, case.id)
        assert stored is not None and stored.sender_auth is not None
        assert stored.sender_auth["no_auto_reply"] == ["Auto-Submitted: auto-generated"]
        assert any(r.startswith("reply rule reply-auto-submitted-source") for r in stored.reasons)
        withheld = s.execute(select(AuditEvent).where(AuditEvent.action == "reply_withheld")).scalar_one()
    assert withheld.case_id == case.id and withheld.detail["rule"] == "reply-auto-submitted-source"


def test_the_same_request_without_the_mark_is_acknowledged(container: Container, deliver: Deliver) -> None:
    """The control: the same words from a person's own mail client get the (neutral) acknowledgement."""
    add_holder(container, email="okada@example.co.jp", name="岡田 一郎")
    case = deliver(_form_mail(marked=False))
    assert case is not None and case.kind == "correction"
    with container.factory() as s:
        rows = s.execute(select(OutboundMail).where(OutboundMail.case_id == case.id)).scalars().all()
        assert [r.to_addr for r in rows] == ["okada@example.co.jp"]
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "reply_withheld")).first() is None

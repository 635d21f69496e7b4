"""The durable outbox: mails are composed and stored with the state change, sent later by a job.

Every mail we send carries ``Auto-Submitted: auto-replied`` (RFC 3834), our own loop header and
a Message-ID on our domain, so other systems' auto-responders stay quiet and our intake can
recognise our own mail coming back. Acknowledgements are rate-limited per address.
"""

from __future__ import annotations

import datetime as dt
import uuid
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.jobs import enqueue
from core.models import OutboundMail

LOOP_HEADER = "X-Madoguchi-Loop"
ACK_TEMPLATES = frozenset({"ack", "ack_documents"})
ACK_LIMIT_PER_HOUR = 5


def compose(*, to_addr: str, subject: str, body: str, mail_from: str, mail_domain: str, now: dt.datetime,
            in_reply_to: str | None = None) -> EmailMessage:
    """Build the message with the headers that prevent mail loops."""
    msg = EmailMessage()
    msg["From"] = mail_from
    msg["To"] = to_addr
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = f"<{uuid.uuid4().hex}@{mail_domain}>"
    msg["Auto-Submitted"] = "auto-replied"
    msg[LOOP_HEADER] = mail_domain
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(body, charset="utf-8")
    return msg


def queue_mail(session: Session, *, case_id: int | None, template: str, to_addr: str, subject: str, body: str,
               now: dt.datetime, mail_from: str, mail_domain: str,
               ack_limit: int = ACK_LIMIT_PER_HOUR) -> OutboundMail:
    """Store a composed mail and enqueue its delivery in the caller's transaction."""
    msg = compose(to_addr=to_addr, subject=subject, body=body, mail_from=mail_from, mail_domain=mail_domain,
                  now=now)
    status = "pending"
    if template in ACK_TEMPLATES:
        recent = session.execute(
            select(func.count(OutboundMail.id)).where(
                OutboundMail.to_addr == to_addr,
                OutboundMail.template.in_(ACK_TEMPLATES),
                OutboundMail.created_at > now - dt.timedelta(hours=1),
                OutboundMail.status != "suppressed",
            )
        ).scalar_one()
        if recent >= ack_limit:
            status = "suppressed"
    row = OutboundMail(case_id=case_id, template=template, to_addr=to_addr, subject=subject,
                       message_id=str(msg["Message-ID"]), raw=bytes(msg), status=status, created_at=now)
    session.add(row)
    session.flush()
    if status == "pending":
        enqueue(session, "send_mail", {"outbound_id": row.id}, now=now, dedupe_key=f"mail:{row.id}")
    return row

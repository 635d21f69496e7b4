"""The durable outbox: mails are composed and stored with the state change, sent later by a job.

Mails are composed by the mail channel's composer (in production
:func:`intake.outgoing.compose_reply`, texts in :mod:`intake.texts`, plugged in by the
composition root), which adds ``Auto-Submitted: auto-replied`` (RFC 3834), our loop header and a Message-ID on our
domain, so other systems' auto-responders stay quiet and our intake recognises our own mail
coming back. Acknowledgements are rate-limited per address.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.jobs import enqueue
from core.models import OutboundMail
from core.ports import MailComposer

ACK_TEMPLATES = frozenset({"ack", "ack_documents"})
ACK_LIMIT_PER_HOUR = 5


class Outbox:
    """Composes mails with the channel's composer and queues them in the caller's transaction."""

    def __init__(self, compose: MailComposer, mail_from: str, mail_domain: str,
                 ack_limit: int = ACK_LIMIT_PER_HOUR) -> None:
        self.compose, self.mail_from, self.mail_domain, self.ack_limit = compose, mail_from, mail_domain, ack_limit

    def queue(self, session: Session, *, case_id: int | None, template: str, to_addr: str,
              context: dict[str, Any], language: str, now: dt.datetime) -> OutboundMail:
        """Compose a mail, store it and enqueue its delivery in the caller's transaction.

        An acknowledgement beyond the hourly limit per address is stored as ``suppressed``
        (never sent), so a mail loop or a flood cannot make us send without end.
        """
        msg = self.compose(template, to_addr, str(context.get("tag") or ""), language, context, None, [],
                           self.mail_domain, self.mail_from)
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
            if recent >= self.ack_limit:
                status = "suppressed"
        row = OutboundMail(case_id=case_id, template=template, to_addr=to_addr, subject=str(msg["Subject"]),
                           message_id=str(msg["Message-ID"]), raw=bytes(msg), status=status, created_at=now)
        session.add(row)
        session.flush()
        if status == "pending":
            enqueue(session, "send_mail", {"outbound_id": row.id}, now=now, dedupe_key=f"mail:{row.id}")
        return row

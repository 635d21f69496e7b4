"""The durable outbox: mails are composed and stored with the state change, sent later by a job.

Mails are composed by the mail channel's composer (in production
:func:`intake.outgoing.compose_reply`, texts in :mod:`intake.texts`, plugged in by the
composition root), which adds ``Auto-Submitted: auto-replied`` (RFC 3834), our loop header and a Message-ID on our
domain, so other systems' auto-responders stay quiet and our intake recognises our own mail
coming back. Automatic replies (acknowledgements, FAQ answers, immediate refusals: mails nobody
decided to send) are rate-limited per recipient and globally, so forged senders cannot turn us
into a backscatter source: beyond a limit they are stored as ``suppressed`` and never sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.jobs import enqueue
from core.models import OutboundMail
from core.ports import MailComposer

ACK_TEMPLATES = frozenset({"ack", "ack_documents", "ack_unverified"})
#: Mails sent without any operator's decision, straight from an incoming message.
AUTO_TEMPLATES = ACK_TEMPLATES | frozenset({
    "faq_answer", "faq_answer_public", "chat_link", "documents_missing", "refused_cancellation_too_late",
    "refused_already_revoked", "refused_correction_too_late"})
ACK_LIMIT_PER_HOUR = 5
GLOBAL_AUTO_LIMIT_PER_HOUR = 200


class Outbox:
    """Composes mails with the channel's composer and queues them in the caller's transaction."""

    def __init__(self, compose: MailComposer, mail_from: str, mail_domain: str,
                 ack_limit: int = ACK_LIMIT_PER_HOUR, global_limit: int = GLOBAL_AUTO_LIMIT_PER_HOUR) -> None:
        self.compose, self.mail_from, self.mail_domain, self.ack_limit = compose, mail_from, mail_domain, ack_limit
        self.global_limit = global_limit

    def queue(self, session: Session, *, case_id: int | None, template: str, to_addr: str,
              context: dict[str, Any], language: str, now: dt.datetime) -> OutboundMail:
        """Compose a mail, store it and enqueue its delivery in the caller's transaction.

        An automatic reply beyond the hourly limit per recipient (``ack_limit``) or for everyone
        (``global_limit``) is stored as ``suppressed`` (never sent), so a mail loop, a flood or
        forged senders cannot make us send without end.
        """
        msg = self.compose(template, to_addr, str(context.get("tag") or ""), language, context, None, [],
                           self.mail_domain, self.mail_from)
        status = "pending"
        if template in AUTO_TEMPLATES:
            def recent(*where: Any) -> int:
                return int(session.execute(select(func.count(OutboundMail.id)).where(
                    OutboundMail.template.in_(AUTO_TEMPLATES), OutboundMail.created_at > now - dt.timedelta(hours=1),
                    OutboundMail.status != "suppressed", *where)).scalar_one())

            if recent(OutboundMail.to_addr == to_addr) >= self.ack_limit or recent() >= self.global_limit:
                status = "suppressed"
        row = OutboundMail(case_id=case_id, template=template, to_addr=to_addr, subject=str(msg["Subject"]),
                           message_id=str(msg["Message-ID"]), raw=bytes(msg), status=status, created_at=now)
        session.add(row)
        session.flush()
        if status == "pending":
            enqueue(session, "send_mail", {"outbound_id": row.id}, now=now, dedupe_key=f"mail:{row.id}")
        return row

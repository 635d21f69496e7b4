"""The durable outbox: mails are composed and stored with the state change, sent later by a job.

Mails are composed by the mail channel's composer (in production
:func:`intake.outgoing.compose_reply`, Jinja2 templates in ``intake/mail_templates/``, an
admin's edit from ``mail_template_edits`` first; plugged in by the composition root), which
adds ``Auto-Submitted: auto-replied`` (RFC 3834; not on a reply an operator wrote), our loop
header and a Message-ID on our domain, so other systems' auto-responders stay quiet and our
intake recognises our own mail coming back. Automatic replies (acknowledgements, FAQ answers,
immediate refusals: mails nobody decided to send) are rate-limited per recipient and globally,
so forged senders cannot turn us
into a backscatter source: beyond a limit they are stored as ``suppressed`` and never sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.jobs import enqueue
from core.models import MailTemplateEdit, OutboundMail
from core.ports import MailComposer

ACK_TEMPLATES = frozenset({"ack", "ack_documents", "ack_unverified"})
#: Mails sent without any operator's decision, straight from an incoming message.
AUTO_TEMPLATES = ACK_TEMPLATES | frozenset({
    "faq_answer", "faq_answer_public", "chat_link", "documents_missing", "refused_cancellation_too_late",
    "refused_already_revoked", "refused_correction_too_late"})
ACK_LIMIT_PER_HOUR = 5
#: An operator's reply is stored as ``reply:<template it started from>``; it is not automatic.
REPLY_PREFIX = "reply:"
GLOBAL_AUTO_LIMIT_PER_HOUR = 200


class Outbox:
    """Composes mails with the channel's composer and queues them in the caller's transaction."""

    def __init__(self, compose: MailComposer, mail_from: str, mail_domain: str,
                 ack_limit: int = ACK_LIMIT_PER_HOUR, global_limit: int = GLOBAL_AUTO_LIMIT_PER_HOUR) -> None:
        self.compose, self.mail_from, self.mail_domain, self.ack_limit = compose, mail_from, mail_domain, ack_limit
        self.global_limit = global_limit

    def queue(self, session: Session, *, case_id: int | None, template: str, to_addr: str,
              context: dict[str, Any], language: str, now: dt.datetime, text: tuple[str, str] | None = None,
              in_reply_to: str | None = None, references: Sequence[str] = ()) -> OutboundMail | None:
        """Compose a mail, store it and enqueue its delivery in the caller's transaction.

        The template's text is an admin's edit when there is one (``mail_template_edits``),
        else the shipped file; *text* instead is a subject and body an operator wrote (a reply).
        An acknowledgement is sent once per case: a second one is not queued (None is returned),
        and the unique ``dedupe_key`` makes that a database constraint.
        An automatic reply beyond the hourly limit per recipient (``ack_limit``) or for everyone
        (``global_limit``) is stored as ``suppressed`` (never sent), so a mail loop, a flood or
        forged senders cannot make us send without end.
        """
        dedupe_key = f"ack:{case_id}" if template in ACK_TEMPLATES and case_id is not None else None
        if dedupe_key is not None and session.execute(
                select(OutboundMail.id).where(OutboundMail.dedupe_key == dedupe_key)).first() is not None:
            return None
        source = None
        if text is None:
            edit = session.get(MailTemplateEdit, template)
            source = (edit.subject, edit.body) if edit is not None else None
        kind = template.removeprefix(REPLY_PREFIX)
        msg = self.compose(kind, to_addr, str(context.get("tag") or ""), language, context, in_reply_to,
                           list(references), self.mail_domain, self.mail_from, source=source, text=text,
                           auto=template in AUTO_TEMPLATES or not template.startswith(REPLY_PREFIX))
        status = "pending"
        if template in AUTO_TEMPLATES:
            def recent(*where: Any) -> int:
                return int(session.execute(select(func.count(OutboundMail.id)).where(
                    OutboundMail.template.in_(AUTO_TEMPLATES), OutboundMail.created_at > now - dt.timedelta(hours=1),
                    OutboundMail.status != "suppressed", *where)).scalar_one())

            if recent(OutboundMail.to_addr == to_addr) >= self.ack_limit or recent() >= self.global_limit:
                status = "suppressed"
        row = OutboundMail(case_id=case_id, template=template, to_addr=to_addr, subject=str(msg["Subject"]),
                           message_id=str(msg["Message-ID"]), raw=bytes(msg), status=status, created_at=now,
                           dedupe_key=dedupe_key)
        session.add(row)
        session.flush()
        if status == "pending":
            enqueue(session, "send_mail", {"outbound_id": row.id}, now=now, dedupe_key=f"mail:{row.id}")
        return row

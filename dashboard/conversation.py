"""The conversation of a case: every mail and chat message in and out, in time order.

:func:`conversation_values` is what the case page needs for ``_conversation.html`` (the
thread and the reply composer's template list); bodies are decoded by :mod:`dashboard.mailview`
and shown as text (the templates escape them), never as HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.cases import CaseService
from core.models import Case, InboundMessage, OutboundMail
from core.outbox import REPLY_PREFIX
from dashboard import mailview

#: Chat channels: their messages are stored as text, not as mail.
CHAT_CHANNELS = frozenset({"telegram", "webchat"})
#: Statuses of an outgoing mail that mean it did not (yet) reach the customer.
PROBLEM_STATUSES = frozenset({"failed", "bounced", "suppressed"})
#: Statuses with a label (``conv_status_<status>``); any other shows as "other".
STATUSES = frozenset({"pending", "sent", *PROBLEM_STATUSES})
#: Channels with a label (``channel_<channel>``); another is shown as it is stored.
CHANNELS = frozenset({"email", "telegram", "webchat", "fax", "post", "phone"})
#: Most messages shown in one thread (the newest are kept).
MAX_SHOWN = 200


@dataclass(frozen=True)
class Entry:
    """One message of the thread, incoming or outgoing."""

    direction: str  # "in" | "out"
    at: dt.datetime
    channel: str
    sender: str
    recipient: str
    subject: str
    body: str
    message_id: str
    in_reply_to: str
    #: Outgoing mail only: pending | sent | failed | bounced | suppressed, the last error, attempts.
    status: str = ""
    last_error: str = ""
    attempts: int = 0
    #: Outgoing mail: the template it came from, and whether an operator wrote it.
    template: str = ""
    by_operator: bool = False
    ident: str = ""

    @property
    def channel_known(self) -> bool:
        return self.channel in CHANNELS

    @property
    def status_key(self) -> str:
        return self.status if self.status in STATUSES else "other"

    @property
    def problem(self) -> bool:
        return self.status in PROBLEM_STATUSES


#: Headers the thread shows.
THREAD_HEADERS = ("From", "To", "Subject", "In-Reply-To")


def _inbound(msg: InboundMessage) -> Entry:
    parsed = msg.parsed or {}
    if msg.channel in CHAT_CHANNELS:
        text = str(parsed.get("text") or mailview.clean(msg.raw.decode("utf-8", "replace")))
        return Entry("in", msg.received_at, msg.channel, str(parsed.get("from_name") or msg.peer or msg.mail_from),
                     "", "", text, "", "", ident=f"in-{msg.id}")
    heads, body = mailview.quick_view(msg.raw, THREAD_HEADERS)
    text = str(parsed.get("text") or body)
    return Entry("in", msg.received_at, msg.channel, heads.get("From") or msg.mail_from, heads.get("To", ""),
                 heads.get("Subject", ""), text, msg.message_id or "", heads.get("In-Reply-To", ""),
                 ident=f"in-{msg.id}")


def _outbound(mail: OutboundMail) -> Entry:
    heads, body = mailview.quick_view(mail.raw, THREAD_HEADERS)
    return Entry("out", mail.created_at, "email", heads.get("From", ""), mail.to_addr, mail.subject, body,
                 mail.message_id, heads.get("In-Reply-To", ""),
                 status=mail.status, last_error=mail.last_error or "", attempts=mail.attempts,
                 template=mail.template.removeprefix(REPLY_PREFIX),
                 by_operator=mail.template.startswith(REPLY_PREFIX), ident=f"out-{mail.id}")


def thread(session: Session, case: Case) -> list[Entry]:
    """The case's messages in and out, oldest first."""
    ids = [case.inbound_message_id] if case.inbound_message_id else []
    inbound = session.execute(
        select(InboundMessage).where(or_(InboundMessage.case_id == case.id, InboundMessage.id.in_(ids)))
        .order_by(InboundMessage.id.desc()).limit(MAX_SHOWN)
    ).scalars()
    outbound = session.execute(
        select(OutboundMail).where(OutboundMail.case_id == case.id).order_by(OutboundMail.id.desc()).limit(MAX_SHOWN)
    ).scalars()
    entries = [_inbound(m) for m in inbound] + [_outbound(m) for m in outbound]
    entries.sort(key=lambda e: (e.at, e.direction == "out", e.ident))
    return entries[-MAX_SHOWN:]


def conversation_values(session: Session, case: Case, cases: CaseService, templates: tuple[str, ...]
                        ) -> dict[str, Any]:
    """The values ``_conversation.html`` needs on the case page."""
    return {"conversation": thread(session, case), "reply_templates": templates,
            "reply_address": cases.reply_address(session, case)}

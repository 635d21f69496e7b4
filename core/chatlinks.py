"""Requests written in a chat: no case for an unidentified person, a one-time link to the address on record.

A chat account (a browser, a Telegram id) identifies nobody.  So a request written in a chat
opens no case; the chat explains the procedure and asks for the registered email address:

1. :meth:`ChatLinks.remember_request` keeps the request text (one waiting request per chat user);
2. :meth:`ChatLinks.request_link` queues a job (:meth:`ChatLinks.mail_link`) that looks the address
   up; only when it belongs to an applicant on record is a one-time link mailed there through the
   outbox.  The chat's answer, and the work done before it, are the same either way, so the chat
   does not reveal who is a customer.  The token is random (256 bits),
   only its SHA-256 is stored, it expires after :data:`LINK_TTL` and works once;
3. :meth:`ChatLinks.confirm` (the POST behind the link's page) opens the request case for that
   applicant with the chat's text attached; the callback still goes to the registered number.

Every step that creates rows is limited per client and in all (:mod:`core.limits`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from core import limits
from core import workflow as wf
from core.cases import CaseService, NewCase
from core.jobs import enqueue
from core.limits import RowLimiter
from core.models import ChatRequest, InboundMessage
from core.ports import Clock

#: How long a mailed link works.
LINK_TTL: Final = dt.timedelta(minutes=30)
#: How long after the request an address may be given for it.
PENDING_TTL: Final = dt.timedelta(hours=1)
#: The job that looks the address up and mails the link.
LINK_JOB: Final = "chat_link"
#: The path of the link's page (served by the chat channel).
LINK_PATH: Final = "/chat/link/"


class LinkAnswer(StrEnum):
    """What the chat may tell the writer after an address was given."""

    SENT_IF_KNOWN = "sent_if_known"  # The same answer whether the address is on record or not.
    NO_REQUEST = "no_request"  # No request is waiting for this chat user.
    LIMITED = "limited"  # Too many link requests.


class LinkRefused(Exception):
    """The link cannot open a case: ``reason`` is unknown, used or expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LinkView:
    """What the link's page shows before the request is sent."""

    intent: str
    text: str
    language: str
    state: str  # "ready", "used" or "expired"


@dataclass(frozen=True)
class Confirmed:
    """The case opened by following a link."""

    tag: str
    intent: str
    language: str


def token_hash(token: str) -> str:
    """The stored form of a link token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ChatLinks:
    """The three steps of a chat request (see the module docstring)."""

    def __init__(self, factory: sessionmaker[Session], cases: CaseService, clock: Clock, limiter: RowLimiter,
                 public_base_url: str,
                 read_text: Callable[[str], tuple[Sequence[str], Sequence[str], bool]]) -> None:
        self.factory, self.cases, self.clock, self.limiter = factory, cases, clock, limiter
        self.public_base_url = public_base_url.rstrip("/")
        # (reasons, serials, possible emergency) the classifier reads in a text, recorded on the case when it opens.
        self.read_text = read_text

    def remember_request(self, channel: str, external_user: str, client: str, text: str, intent: str,
                         language: str) -> bool:
        """Keep the request until the writer gives an address; False when the limits refuse it."""
        if not self.limiter.allow_all([(limits.CHAT_REQUEST_PER_CLIENT, f"{channel}:{client}"),
                                       (limits.CHAT_REQUEST_PER_CHANNEL, channel)]):
            return False
        now = self.clock.now()
        with self.factory() as session, session.begin():
            # One waiting request per chat user: a newer one replaces the older.
            session.execute(delete(ChatRequest).where(
                ChatRequest.channel == channel, ChatRequest.external_user == external_user[:128],
                ChatRequest.token_hash.is_(None)))
            session.add(ChatRequest(channel=channel, external_user=external_user[:128], intent=intent,
                                    text=text, language=language, created_at=now))
        return True

    def request_link(self, channel: str, external_user: str, client: str, address: str,
                     language: str) -> LinkAnswer:
        """Queue the mailing of a one-time link to *address*; the answer never says whether it is on record.

        The address is looked up, and the link mailed, by the ``chat_link`` job
        (:meth:`mail_link`), not here: the chat answers after the same work whether or not the
        address belongs to a customer, so not even the answer's timing tells who is one.
        """
        address = address.strip()
        if not self.limiter.allow_all([(limits.LINK_PER_CLIENT, f"{channel}:{client}"),
                                       (limits.LINK_PER_ADDRESS, address.lower()),
                                       (limits.LINK_PER_CHANNEL, channel)]):
            return LinkAnswer.LIMITED
        now = self.clock.now()
        with self.factory() as session, session.begin():
            waiting = session.execute(
                select(ChatRequest).where(
                    ChatRequest.channel == channel, ChatRequest.external_user == external_user[:128],
                    ChatRequest.token_hash.is_(None), ChatRequest.created_at > now - PENDING_TTL)
                .order_by(ChatRequest.id.desc()).limit(1).with_for_update()
            ).scalar_one_or_none()
            if waiting is None:
                return LinkAnswer.NO_REQUEST
            enqueue(session, LINK_JOB, {"chat_request": waiting.id, "address": address[:320],
                                        "actor": f"{channel}:{external_user}"[:64]}, now=now, max_attempts=3)
        return LinkAnswer.SENT_IF_KNOWN

    def mail_link(self, payload: dict[str, Any]) -> None:
        """The ``chat_link`` job: mail the link when the address belongs to an applicant, else do nothing."""
        now = self.clock.now()
        with self.factory() as session, session.begin():
            waiting = session.get(ChatRequest, int(payload["chat_request"]), with_for_update=True)
            if waiting is None or waiting.token_hash is not None or waiting.created_at <= now - PENDING_TTL:
                return  # Already linked by an earlier address, or too old.
            applicant = self.cases.match_applicant(session, str(payload["address"]))
            if applicant is None:
                return  # Nothing is mailed: the chat gave the same answer as for a customer.
            token = secrets.token_urlsafe(32)
            waiting.token_hash = token_hash(token)
            waiting.applicant_id = applicant.id
            waiting.expires_at = now + LINK_TTL
            link = f"{self.public_base_url}{LINK_PATH}{token}"
            self.cases.outbox.queue(session, case_id=None, template="chat_link", to_addr=applicant.email,
                                    context={"link": link, "minutes": str(int(LINK_TTL.total_seconds() // 60))},
                                    language=waiting.language, now=now)
            self.cases.audit.append(session, at=now, actor=str(payload.get("actor", "chat"))[:64],
                                    action="chat_link_sent",
                                    detail={"chat_request": waiting.id, "applicant_id": applicant.id,
                                            "intent": waiting.intent, "expires_at": waiting.expires_at.isoformat()})

    def purge(self) -> int:
        """Forget requests nobody gave an address for in time, and links that expired unused a day ago."""
        now = self.clock.now()
        with self.factory() as session, session.begin():
            result = session.execute(delete(ChatRequest).where(
                ChatRequest.case_id.is_(None),
                ((ChatRequest.token_hash.is_(None) & (ChatRequest.created_at < now - PENDING_TTL))
                 | (ChatRequest.expires_at < now - dt.timedelta(days=1)))))
            return int(getattr(result, "rowcount", 0) or 0)

    def view(self, token: str) -> LinkView | None:
        """The request behind *token* for its page (no change), or None for an unknown token."""
        now = self.clock.now()
        with self.factory() as session:
            row = session.execute(select(ChatRequest).where(ChatRequest.token_hash == token_hash(token))
                                  ).scalar_one_or_none()
            if row is None:
                return None
            state = "used" if row.used_at else "expired" if row.expires_at is None or row.expires_at <= now else "ready"
            return LinkView(intent=row.intent, text=row.text, language=row.language, state=state)

    def confirm(self, token: str) -> Confirmed:
        """Open the request case behind *token*, once; raises :class:`LinkRefused` otherwise."""
        now = self.clock.now()
        digest = token_hash(token)
        with self.factory() as session, session.begin():
            row = session.execute(select(ChatRequest).where(ChatRequest.token_hash == digest).with_for_update()
                                  ).scalar_one_or_none()
            if row is None or row.applicant_id is None:
                raise LinkRefused("unknown")
            if row.used_at is not None:
                raise LinkRefused("used")
            if row.expires_at is None or row.expires_at <= now:
                raise LinkRefused("expired")
            # The conditional update makes the link single-use even where row locks are not taken (SQLite).
            taken = session.execute(update(ChatRequest).where(ChatRequest.id == row.id, ChatRequest.used_at.is_(None))
                                    .values(used_at=now).execution_options(synchronize_session=False))
            if int(getattr(taken, "rowcount", 0) or 0) != 1:
                raise LinkRefused("used")
            reasons, serials, possible = self.read_text(row.text)
            raw = row.text.encode("utf-8")
            # The chat message is kept like a mail, so operators see exactly what was written.
            msg = InboundMessage(channel=row.channel, received_at=row.created_at,
                                 mail_from=f"{row.channel}:{row.external_user}"[:320], rcpt_tos=[], peer="",
                                 raw=raw, sha256=hashlib.sha256(raw).hexdigest(), status="processed",
                                 parsed={"text": row.text, "new_text": row.text, "from_name": "", "subject": "",
                                         "language": row.language})
            session.add(msg)
            session.flush()
            case = self.cases.open_case(session, NewCase(
                kind=wf.Kind(row.intent), channel=row.channel, reply_to="",
                subject=f"{row.channel}: chat request"[:500], summary=row.text[:2000], language=row.language,
                reasons=(*reasons, "chat: the writer followed the one-time link mailed to the applicant's "
                                   "registered address"),
                serials=tuple(serials), inbound_message_id=msg.id, applicant_id=row.applicant_id,
                possible_emergency=possible,
            ), actor=f"{row.channel}:{row.external_user}"[:64])
            msg.case_id = case.id
            row.case_id = case.id
            return Confirmed(tag=case.tag, intent=row.intent, language=row.language)

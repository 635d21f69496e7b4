"""Durable storage of inbound messages: the SMTP server answers 250 only after this commits.

Storing a message and enqueueing its processing happen in one transaction, so a message is
either not accepted at all (the client gets 451 and retries) or stored and certain to be
processed. Parsing happens later, in the worker, so a message that breaks the parser is
kept and quarantined instead of being refused or lost.
"""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session, sessionmaker

from core.jobs import enqueue
from core.models import InboundMessage
from core.ports import Clock


class DatabaseMessageStore:
    """Implements ``intake.smtp.MessageStore`` on the shared database."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self.factory, self.clock = factory, clock

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str, channel: str = "email") -> str:
        now = self.clock.now()
        with self.factory() as session, session.begin():
            msg = InboundMessage(channel=channel, received_at=now, mail_from=mail_from, rcpt_tos=list(rcpt_tos),
                                 peer=peer[:64], raw=raw, sha256=hashlib.sha256(raw).hexdigest(), status="stored")
            session.add(msg)
            session.flush()
            enqueue(session, "process_inbound", {"message_id": msg.id}, now=now, dedupe_key=f"inbound:{msg.id}")
            return str(msg.id)

    def replay(self, message_id: int) -> None:
        """Put a quarantined message back into processing (after a parser fix)."""
        now = self.clock.now()
        with self.factory() as session, session.begin():
            msg = session.get(InboundMessage, message_id, with_for_update=True)
            if msg is None:
                raise LookupError(f"no inbound message {message_id}")
            if msg.status != "quarantined":
                raise ValueError(f"message {message_id} is {msg.status}, not quarantined")
            msg.status, msg.error = "stored", None
            enqueue(session, "process_inbound", {"message_id": msg.id}, now=now,
                    dedupe_key=f"inbound:{msg.id}:replay:{int(now.timestamp() * 1000)}")

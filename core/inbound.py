"""Durable storage of inbound messages: the SMTP server answers 250 only after this commits.

Storing a message and enqueueing its processing happen in one transaction, so a message is
either not accepted at all (the client gets 451 and retries) or stored and certain to be
processed. Parsing happens later, in the worker, so a message that breaks the parser is
kept and quarantined instead of being refused or lost.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session, sessionmaker

from core.jobs import enqueue
from core.models import InboundMessage, Job
from core.ports import Clock

# Built once: the statements of the SMTP hot path (see DatabaseMessageStore.store).
_MESSAGES: Table = InboundMessage.__table__  # type: ignore[assignment]
_JOBS: Table = Job.__table__  # type: ignore[assignment]
_INSERT_MESSAGE = insert(_MESSAGES).returning(_MESSAGES.c.id)
_INSERT_JOB = insert(_JOBS)


class DatabaseMessageStore:
    """Implements ``intake.smtp.MessageStore`` on the shared database."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self.factory, self.clock = factory, clock

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str, channel: str = "email") -> str:
        now = self.clock.now()
        digest = hashlib.sha256(raw).hexdigest()
        # This is the SMTP server's hot path: two plain INSERTs in one short transaction,
        # without ORM unit-of-work overhead, so the commit's fsync is most of the cost.
        with self.factory() as session, session.begin():
            conn = session.connection()
            msg_id = conn.execute(_INSERT_MESSAGE, {
                "channel": channel, "received_at": now, "mail_from": mail_from, "rcpt_tos": list(rcpt_tos),
                "peer": peer[:64], "raw": raw, "sha256": digest, "status": "stored"}).scalar_one()
            conn.execute(_INSERT_JOB, {
                "kind": "process_inbound", "payload": {"message_id": msg_id}, "dedupe_key": f"inbound:{msg_id}",
                "status": "pending", "attempts": 0, "max_attempts": 8, "run_at": now, "created_at": now})
            return str(msg_id)

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

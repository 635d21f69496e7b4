"""Durable storage of inbound messages: the SMTP server answers 250 only after this commits.

Storing a message and enqueueing its processing happen in one transaction, so a message is
either not accepted at all (the client gets 451 and retries) or stored and certain to be
processed. Parsing happens later, in the worker, so a message that breaks the parser is
kept and quarantined instead of being refused or lost.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session, sessionmaker

from core.jobs import enqueue
from core.models import InboundMessage, Job
from core.ports import Clock

# Built once: the statements of the SMTP hot path (see DatabaseMessageStore.store).
_MESSAGES: Table = InboundMessage.__table__  # type: ignore[assignment]
_JOBS: Table = Job.__table__  # type: ignore[assignment]
_INSERT_MESSAGE = insert(_MESSAGES).returning(_MESSAGES.c.id, sort_by_parameter_order=True)
_INSERT_JOB = insert(_JOBS)


@dataclass
class _Pending:
    """One message waiting for the committer; ``result`` is resolved once its fate is known."""

    params: dict[str, Any]
    result: Future[str] = field(default_factory=Future)


class DatabaseMessageStore:
    """Implements ``intake.smtp.MessageStore`` on the shared database, with group commit.

    Each SMTP session thread hands its message to one committer thread and waits. The
    committer writes everything that is waiting in one transaction (one fsync), then wakes
    the waiters: each caller still returns only after its own row is committed, but
    concurrent connections share the cost of the commit. If the transaction fails, every
    message in it gets the error (the SMTP server answers 451 and the client retries).
    """

    def __init__(self, factory: sessionmaker[Session], clock: Clock, batch_max: int = 256) -> None:
        self.factory, self.clock, self.batch_max = factory, clock, batch_max
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._committer: threading.Thread | None = None

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str, channel: str = "email") -> str:
        """Store one message; return its id once it is committed (raise if it was not)."""
        return self.submit(mail_from, rcpt_tos, raw, peer, channel).result()

    def submit(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str,
               channel: str = "email") -> Future[str]:
        """Hand one message to the committer; the future resolves once it is committed.

        The SMTP server awaits this future directly, so no thread waits per connection.
        """
        pending = _Pending({
            "channel": channel, "received_at": self.clock.now(), "mail_from": mail_from,
            "rcpt_tos": list(rcpt_tos), "peer": peer[:64], "raw": raw,
            "sha256": hashlib.sha256(raw).hexdigest(), "status": "stored"})
        self._ensure_committer()
        self._queue.put(pending)
        return pending.result

    def _ensure_committer(self) -> None:
        with self._lock:
            if self._committer is None or not self._committer.is_alive():
                self._committer = threading.Thread(target=self._commit_forever, name="inbound-committer",
                                                   daemon=True)
                self._committer.start()

    def _commit_forever(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self.batch_max:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._commit(batch)

    def _commit(self, batch: list[_Pending]) -> None:
        try:
            # This is the SMTP server's hot path: plain prebuilt INSERTs, no ORM unit of work,
            # so the commit's fsync is most of the cost.
            with self.factory() as session, session.begin():
                conn = session.connection()
                ids = conn.execute(_INSERT_MESSAGE, [item.params for item in batch]).scalars().all()
                conn.execute(_INSERT_JOB, [{
                    "kind": "process_inbound", "payload": {"message_id": message_id},
                    "dedupe_key": f"inbound:{message_id}", "status": "pending", "attempts": 0,
                    "max_attempts": 8, "run_at": item.params["received_at"],
                    "created_at": item.params["received_at"]} for item, message_id in zip(batch, ids, strict=True)])
        except BaseException as exc:  # noqa: BLE001 - every waiter must learn that its message failed.
            for item in batch:
                item.result.set_exception(exc)
            return
        # Only now, after the commit, is any sender told that its message is safe.
        for item, message_id in zip(batch, ids, strict=True):
            item.result.set_result(str(message_id))

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

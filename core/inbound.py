"""Durable storage of inbound messages: the SMTP server answers 250 only after this commits.

Storing a message and enqueueing its processing happen in one transaction, so a message is
either not accepted at all (the client gets 451 and retries) or stored and certain to be
processed. Parsing happens later, in the worker, so a message that breaks the parser is
kept and quarantined instead of being refused or lost.
"""

from __future__ import annotations

import asyncio
import hashlib
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, Table, bindparam, insert
from sqlalchemy.engine.interfaces import Dialect

from core.jobs import enqueue
from core.models import InboundMessage, Job
from core.ports import Clock
from dbkit.db import make_sessionmaker

_MESSAGES: Table = InboundMessage.__table__  # type: ignore[assignment]
_JOBS: Table = Job.__table__  # type: ignore[assignment]
_MESSAGE_COLUMNS = ("id", "channel", "received_at", "mail_from", "rcpt_tos", "peer", "raw", "sha256", "status")
_JOB_COLUMNS = ("kind", "payload", "dedupe_key", "status", "attempts", "max_attempts", "run_at", "created_at")


class DriverInsert:
    """A multi-row INSERT compiled by SQLAlchemy for one dialect and run on the driver's cursor.

    This is the SMTP server's hot path. The SQL text, the parameter order and each column's
    conversion (UTC timestamps, JSON) come from the table's SQLAlchemy definition, so the rows
    are exactly what the ORM would write. A whole batch is one statement: the committer thread
    calls into the driver a handful of times per batch, not once per row, which matters because
    every such call gives the interpreter lock to the SMTP event loop and must wait to get it back.
    """

    def __init__(self, table: Table, columns: Sequence[str], dialect: Dialect) -> None:
        self.table, self.columns, self.dialect = table, tuple(columns), dialect
        self._converters: dict[str, Callable[[Any], Any] | None] = {
            name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns}
        self._compiled: dict[int, tuple[str, bool]] = {}

    def converter(self, column: str) -> Callable[[Any], Any]:
        """The driver-level conversion of *column*'s values (the identity when there is none)."""
        processor = self._converters[column]
        return processor if processor is not None else _identity

    def statement(self, rows: int) -> tuple[str, bool]:
        """The SQL for *rows* rows, and whether its parameters are positional (else named)."""
        cached = self._compiled.get(rows)
        if cached is None:
            names = [[f"r{index}_{name}" for name in self.columns] for index in range(rows)]
            values = [{name: bindparam(bound, type_=self.table.c[name].type)
                       for name, bound in zip(self.columns, row_names, strict=True)} for row_names in names]
            compiled = insert(self.table).values(values).compile(dialect=self.dialect)
            if compiled.positional and list(compiled.positiontup or ()) != [n for row in names for n in row]:
                raise RuntimeError(f"unexpected parameter order for {self.table.name}")
            cached = self._compiled[rows] = (compiled.string, bool(compiled.positional))
        return cached

    def execute(self, cursor: Any, rows: list[tuple[Any, ...]]) -> None:
        """Insert *rows*: tuples of converted values in column order, with one statement."""
        sql, positional = self.statement(len(rows))
        if positional:
            cursor.execute(sql, [value for row in rows for value in row])
        else:
            cursor.execute(sql, {f"r{index}_{name}": value for index, row in enumerate(rows)
                                 for name, value in zip(self.columns, row, strict=True)})


def _identity(value: Any) -> Any:
    return value


@dataclass(eq=False)
class _Pending:
    """One message waiting for the committer, and whoever waits for its fate.

    A caller on an event loop waits on an ``asyncio.Future`` of that loop (``loop`` is set);
    any other caller waits on a ``concurrent.futures.Future``.
    """

    params: dict[str, Any]
    loop: asyncio.AbstractEventLoop | None = None
    waiter: Future[str] | asyncio.Future[str] = field(default_factory=Future)


def _settle(outcomes: list[tuple[_Pending, int | None]], error: BaseException | None) -> None:
    """Resolve waiters with their ids, or all with *error* (on their own event loop, or any thread)."""
    for item, message_id in outcomes:
        if item.waiter.done():
            continue  # An SMTP session that went away cancelled its wait; the row stays stored.
        if error is not None:
            item.waiter.set_exception(error)
        else:
            item.waiter.set_result(str(message_id))


class DatabaseMessageStore:
    """Implements ``intake.smtp.MessageStore`` on the shared database, with group commit.

    Callers hand their message to one committer thread and wait. The committer writes
    everything that is waiting in one transaction (one fsync), then wakes the waiters: each
    caller still learns its id only after its own row is committed, but concurrent
    connections share the cost of the commit. If the transaction fails, every message in it
    gets the error (the SMTP server answers 451 and the client retries).

    Waiters on an event loop are woken with one ``call_soon_threadsafe`` per batch and loop,
    not one per message. When messages arrived while the previous batch was being written
    (several senders are active), the committer first waits ``commit_delay`` seconds so that
    the next commit covers more of them; a lone sender is never delayed.
    """

    def __init__(self, engine: Engine, clock: Clock, batch_max: int = 256, commit_delay: float = 0.001) -> None:
        self.engine, self.clock, self.batch_max, self.commit_delay = engine, clock, batch_max, commit_delay
        self.factory = make_sessionmaker(engine)
        dialect = engine.dialect
        self._sqlite = dialect.name == "sqlite"
        self._insert_message = DriverInsert(_MESSAGES, _MESSAGE_COLUMNS, dialect)
        self._insert_job = DriverInsert(_JOBS, _JOB_COLUMNS, dialect)
        self._to_time = self._insert_message.converter("received_at")
        self._to_json = self._insert_message.converter("rcpt_tos")
        self._to_payload = self._insert_job.converter("payload")
        # The job's times reuse the message's converted time, which is only right while all
        # three columns have the same type.
        if {type(_JOBS.c.run_at.type), type(_JOBS.c.created_at.type)} != {type(_MESSAGES.c.received_at.type)}:
            raise TypeError("inbound_messages.received_at and the jobs' times must share one type")
        if self._sqlite:
            self._next_ids = "SELECT coalesce(max(id), 0) + 1 FROM inbound_messages"
        elif dialect.name == "postgresql":
            # Ids come from the column's own sequence, so other processes inserting at the
            # same time never collide with ours.
            self._next_ids = ("SELECT nextval(pg_get_serial_sequence('inbound_messages', 'id'))"
                              " FROM generate_series(1, %(count)s)")
        else:
            raise NotImplementedError(f"no inbound store for {dialect.name}")
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._committer: threading.Thread | None = None

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str, channel: str = "email") -> str:
        """Store one message; return its id once it is committed (raise if it was not)."""
        pending = _Pending(self._params(mail_from, rcpt_tos, raw, peer, channel))
        self._enqueue(pending)
        assert isinstance(pending.waiter, Future)
        return pending.waiter.result()

    def store_async(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str,
                    channel: str = "email") -> asyncio.Future[str]:
        """Hand one message to the committer from a running event loop; await the result.

        The SMTP server awaits this directly, so no thread waits per connection.
        """
        loop = asyncio.get_running_loop()
        pending = _Pending(self._params(mail_from, rcpt_tos, raw, peer, channel), loop, loop.create_future())
        self._enqueue(pending)
        return pending.waiter  # type: ignore[return-value]

    def _params(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str, channel: str) -> dict[str, Any]:
        return {"channel": channel, "received_at": self.clock.now(), "mail_from": mail_from,
                "rcpt_tos": list(rcpt_tos), "peer": peer[:64], "raw": raw}

    def _enqueue(self, pending: _Pending) -> None:
        with self._lock:
            if self._committer is None or not self._committer.is_alive():
                self._committer = threading.Thread(target=self._commit_forever, name="inbound-committer",
                                                   daemon=True)
                self._committer.start()
        self._queue.put(pending)

    def close(self) -> None:
        """Commit what is already queued, then stop the committer thread."""
        with self._lock:
            committer, self._committer = self._committer, None
        if committer is not None and committer.is_alive():
            self._queue.put(None)
            committer.join()

    def _commit_forever(self) -> None:
        # Whether more messages arrived while the previous batch was being written: the sign
        # that several senders are active, so waiting a moment lets one commit cover more.
        busy = False
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stopping = self._drain(batch)
            if (busy or len(batch) > 1) and not stopping and self.commit_delay > 0:
                # As PostgreSQL's commit_delay: with several senders active, one commit (one
                # fsync) then covers more of them. A lone sender is never delayed.
                time.sleep(self.commit_delay)
                stopping = self._drain(batch)
            ids: list[int] | None = None
            error: BaseException | None = None
            try:
                ids = self._write(batch)
            except BaseException as exc:  # noqa: BLE001 - every waiter must learn that its message failed.
                error = exc
            busy = not self._queue.empty()
            # Only now, after the commit, is any sender told that its message is safe.
            self._wake(batch, ids, error)
            if stopping:
                return

    def _drain(self, batch: list[_Pending]) -> bool:
        """Add what is queued to *batch* (up to its limit); return True if asked to stop."""
        while len(batch) < self.batch_max:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return False
            if item is None:
                return True
            batch.append(item)
        return False

    def _write(self, batch: list[_Pending]) -> list[int]:
        """Insert the batch's messages and their processing jobs in one committed transaction."""
        # A pooled connection, returned after every batch: on SQLite the pool holds the one
        # write connection, which the worker shares.
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            if self._sqlite:
                # SQLite connections run in autocommit mode (see dbkit.db); the write lock is
                # taken at the start, as every other writer does. PostgreSQL begins implicitly.
                cursor.execute("BEGIN IMMEDIATE")
            ids = self._allocate_ids(cursor, len(batch))
            messages: list[tuple[Any, ...]] = []
            jobs: list[tuple[Any, ...]] = []
            to_time, to_json, to_payload = self._to_time, self._to_json, self._to_payload
            for item, message_id in zip(batch, ids, strict=True):
                params = item.params
                # The tuples follow _MESSAGE_COLUMNS and _JOB_COLUMNS. Each value is converted
                # once; the job's two times are the message's own.
                received = to_time(params["received_at"])
                # The hash is computed here, off the event loop (hashlib lets other threads run).
                messages.append((message_id, params["channel"], received, params["mail_from"],
                                 to_json(params["rcpt_tos"]), params["peer"], params["raw"],
                                 hashlib.sha256(params["raw"]).hexdigest(), "stored"))
                jobs.append(("process_inbound", to_payload({"message_id": message_id}), f"inbound:{message_id}",
                             "pending", 0, 8, received, received))
            self._insert_message.execute(cursor, messages)
            self._insert_job.execute(cursor, jobs)
            cursor.close()
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()
        return ids

    def _allocate_ids(self, cursor: Any, count: int) -> list[int]:
        """Ids for *count* new messages, allocated inside the batch's transaction."""
        if self._sqlite:
            # This transaction holds SQLite's write lock, so nobody else inserts meanwhile.
            cursor.execute(self._next_ids)
            first = int(cursor.fetchone()[0])
            return list(range(first, first + count))
        cursor.execute(self._next_ids, {"count": count})
        return [int(row[0]) for row in cursor.fetchall()]

    @staticmethod
    def _wake(batch: list[_Pending], ids: list[int] | None, error: BaseException | None) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Pending, int | None]]] = {}
        plain: list[tuple[_Pending, int | None]] = []
        for index, item in enumerate(batch):
            outcome = (item, ids[index] if ids is not None else None)
            if item.loop is None:
                plain.append(outcome)
            else:
                by_loop.setdefault(item.loop, []).append(outcome)
        _settle(plain, error)
        for loop, outcomes in by_loop.items():
            try:
                loop.call_soon_threadsafe(_settle, outcomes, error)
            except RuntimeError:
                pass  # The loop has closed: nobody is waiting any more, and the rows are stored.

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

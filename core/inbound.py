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
import select
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, String, Table, bindparam, insert
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.pool import PoolProxiedConnection

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


# The interpreter's switch interval while a committer runs: how long, at most, the committer
# waits for the interpreter lock after a database call while the event loop is busy.
SWITCH_INTERVAL = 0.0005

# The values every new message and its processing job start with, on both databases.
_MESSAGE_STATUS = "stored"
_JOB_KIND, _JOB_STATUS, _JOB_ATTEMPTS, _JOB_MAX_ATTEMPTS = "process_inbound", "pending", 0, 8
# The columns a PostgreSQL batch passes as arrays, one element per message; the id comes from
# the table's sequence inside the statement.
_BATCH_ARRAYS = ("channel", "received_at", "mail_from", "rcpt_tos", "peer", "raw", "sha256")


class PostgresBatchInsert:
    """One PostgreSQL statement that stores a whole batch: its messages, their jobs, their ids.

    Each column of the batch is sent as one array parameter, so the statement text is the
    same for every batch size and psycopg prepares it once. In the statement, a materialised
    CTE draws one id per message from the table's own sequence (other processes inserting at
    the same time never collide with it), two data-modifying CTEs insert the messages and the
    jobs, and the ids come back in the batch's order. Sent on a connection in autocommit mode
    the statement is its own transaction, so the whole batch is written and committed in one
    round trip to the server instead of one per statement and one for the commit.

    The arrays are sent in binary and cast to the columns' base types (``text``, not ``varchar(n)``, so that an
    over-long value fails on insert as it does through the ORM instead of being cut short).
    The job's payload is written as the same JSON text the ORM writes (``json.dumps``).

    A batch of one message (every message of a lone sender) uses :attr:`single_sql` instead:
    the same two inserts with one value per column, which the server runs in about half the
    time. Both statements are prepared on the connection on first use.
    """

    def __init__(self, messages: Table, jobs: Table, dialect: Dialect) -> None:
        def array_type(name: str) -> str:
            column_type = messages.c[name].type
            base = "TEXT" if isinstance(column_type, String) else column_type.compile(dialect=dialect)
            return f"{base}[]"

        self._converters: dict[str, Callable[[Any], Any]] = {}
        for name in _BATCH_ARRAYS:
            processor = messages.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            self._converters[name] = processor if processor is not None else _identity
        # The arrays go in psycopg's binary format (``%b``): no text quoting and escaping of each
        # element and no hex text for the raw bytes, which halves the committer's CPU time per
        # message in a batch of eight.
        arrays = ", ".join(f"%({name})b::{array_type(name)}" for name in _BATCH_ARRAYS)
        given = ", ".join(_BATCH_ARRAYS)
        payload = """('{"message_id": ' || id || '}')::json"""
        self.sql = (
            f"WITH batch AS MATERIALIZED ("
            f" SELECT nextval(pg_get_serial_sequence('{messages.name}', 'id')) AS id, given.*"
            f" FROM unnest({arrays}) WITH ORDINALITY AS given({given}, position)),"
            f" stored AS (INSERT INTO {messages.name} (id, {given}, status)"
            f" SELECT id, {given}, %(message_status)s::text FROM batch),"
            f" queued AS (INSERT INTO {jobs.name}"
            f" (kind, payload, dedupe_key, status, attempts, max_attempts, run_at, created_at)"
            f" SELECT %(job_kind)s::text, {payload},"
            f" 'inbound:' || id, %(job_status)s::text, %(job_attempts)s::integer,"
            f" %(job_max_attempts)s::integer, received_at, received_at FROM batch)"
            f" SELECT id FROM batch ORDER BY position"
        )
        # A batch of one message, the case of a lone sender, takes a plainer statement with
        # one value per column: the server plans and runs it in about half the time of the
        # array statement (no unnest, no materialised CTE, no sort), which is a good part of
        # what a lone sender waits for besides the WAL flush.
        values = ", ".join(f"%({name})s::{array_type(name)[:-2]}" for name in _BATCH_ARRAYS)
        self.single_sql = (
            f"WITH stored AS (INSERT INTO {messages.name} ({given}, status)"
            f" VALUES ({values}, %(message_status)s::text) RETURNING id, received_at),"
            f" queued AS (INSERT INTO {jobs.name}"
            f" (kind, payload, dedupe_key, status, attempts, max_attempts, run_at, created_at)"
            f" SELECT %(job_kind)s::text, {payload},"
            f" 'inbound:' || id, %(job_status)s::text, %(job_attempts)s::integer,"
            f" %(job_max_attempts)s::integer, received_at, received_at FROM stored)"
            f" SELECT id FROM stored"
        )
        self._constants = {"message_status": _MESSAGE_STATUS, "job_kind": _JOB_KIND, "job_status": _JOB_STATUS,
                           "job_attempts": _JOB_ATTEMPTS, "job_max_attempts": _JOB_MAX_ATTEMPTS}

    def converter(self, column: str) -> Callable[[Any], Any]:
        """The driver-level conversion of *column*'s values (the identity when there is none)."""
        return self._converters[column]

    def statement(self, batch: Sequence[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
        """The SQL and its parameters that store *batch* (the store's message parameters)."""
        to_time, to_json = self._converters["received_at"], self._converters["rcpt_tos"]
        if len(batch) == 1:
            (params,) = batch
            # The hash is computed here, off the event loop (hashlib lets other threads run).
            return self.single_sql, {
                "channel": params["channel"], "received_at": to_time(params["received_at"]),
                "mail_from": params["mail_from"], "rcpt_tos": to_json(params["rcpt_tos"]), "peer": params["peer"],
                "raw": params["raw"], "sha256": hashlib.sha256(params["raw"]).hexdigest(), **self._constants}
        columns: dict[str, Any] = {name: [] for name in _BATCH_ARRAYS}
        for params in batch:
            columns["channel"].append(params["channel"])
            columns["received_at"].append(to_time(params["received_at"]))
            columns["mail_from"].append(params["mail_from"])
            columns["rcpt_tos"].append(to_json(params["rcpt_tos"]))
            columns["peer"].append(params["peer"])
            columns["raw"].append(params["raw"])
            columns["sha256"].append(hashlib.sha256(params["raw"]).hexdigest())
        columns.update(self._constants)
        return self.sql, columns

    def execute(self, cursor: Any, batch: Sequence[dict[str, Any]]) -> list[int]:
        """Store *batch* on a psycopg cursor in autocommit mode; return the new ids in order."""
        sql, parameters = self.statement(batch)
        cursor.execute(sql, parameters, prepare=True)
        return self._ids(cursor.fetchall(), len(batch))

    @staticmethod
    def _ids(rows: list[Any], expected: int) -> list[int]:
        if len(rows) != expected:
            raise RuntimeError(f"stored {len(rows)} messages for a batch of {expected}")
        return [int(row[0]) for row in rows]


def _quiet(driver: Any) -> bool:
    """Whether an idle psycopg connection is open and has nothing waiting to be read."""
    if driver is None or driver.closed:
        return False
    poller = select.poll()
    poller.register(driver.fileno(), select.POLLIN)
    return not poller.poll(0)


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

    On SQLite a batch is two multi-row INSERTs between ``BEGIN IMMEDIATE`` and ``COMMIT`` on
    the pool's one write connection, checked out per batch because the worker shares it. On
    PostgreSQL a batch is one prepared statement (:class:`PostgresBatchInsert`; a plainer one
    for a batch of one) in autocommit mode, one round trip to the server, on a connection that
    the committer keeps while mail keeps coming and returns to the pool after ``hold_idle``
    seconds without any.

    Writing from the event loop instead (a psycopg ``AsyncConnection``, or the committer's
    statement run there directly) was measured and was slower for a lone sender on this
    project's test machine than the hand-off to this thread, so every caller goes through it.

    The committer gives up the interpreter lock in every database call, and in the commit
    delay's sleep, and must take it back from the event loop, which keeps it while several
    sessions keep it busy until the interpreter's switch interval has passed (5 ms by
    default). So that a batch is not held up by that interval several times over, starting
    the committer lowers the process's switch interval to ``switch_interval`` (0.5 ms) when it
    is longer; ``None`` leaves it alone.
    """

    def __init__(self, engine: Engine, clock: Clock, batch_max: int = 256, commit_delay: float = 0.001,
                 hold_idle: float = 5.0, switch_interval: float | None = SWITCH_INTERVAL) -> None:
        self.engine, self.clock, self.batch_max, self.commit_delay = engine, clock, batch_max, commit_delay
        self.hold_idle, self.switch_interval = hold_idle, switch_interval
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
        self._batch_insert: PostgresBatchInsert | None = None
        if dialect.name == "postgresql":
            self._batch_insert = PostgresBatchInsert(_MESSAGES, _JOBS, dialect)
        elif not self._sqlite:
            raise NotImplementedError(f"no inbound store for {dialect.name}")
        # The PostgreSQL connection the committer keeps between batches (only it touches this).
        self._held: PoolProxiedConnection | None = None
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
                if self.switch_interval is not None and sys.getswitchinterval() > self.switch_interval:
                    sys.setswitchinterval(self.switch_interval)
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
        try:
            while True:
                first = self._next_message()
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
        finally:
            self._release()

    def _next_message(self) -> _Pending | None:
        """Wait for the next message (None: asked to stop); give back a held connection when idle."""
        if self._held is not None:
            try:
                return self._queue.get(timeout=self.hold_idle)
            except queue.Empty:
                self._release()
        return self._queue.get()

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
        if self._batch_insert is not None:
            return self._write_postgresql(self._batch_insert, batch)
        return self._write_sqlite(batch)

    def _write_postgresql(self, statement: PostgresBatchInsert, batch: list[_Pending]) -> list[int]:
        """The batch as one autocommitted statement on the held connection: one round trip.

        ``execute`` returns only after the server's ReadyForQuery, which it sends after the
        statement's implicit transaction has committed (with ``synchronous_commit`` on, after
        the WAL is flushed); a failed commit arrives as an error and raises here.
        """
        connection = self._hold()
        try:
            cursor = connection.cursor()
            try:
                return statement.execute(cursor, [item.params for item in batch])
            finally:
                cursor.close()
        except BaseException:
            # Whatever went wrong (a refused row or a lost server), the next batch starts on a
            # connection known to be good rather than guessing at the state of this one.
            self._discard()
            raise

    def _hold(self) -> PoolProxiedConnection:
        """The committer's PostgreSQL connection, checked out (and pinged) once, in autocommit mode.

        A connection that has something to read while no statement is running has been told
        something by the server, in practice that it is being closed (a restart, an
        administrator's ``pg_terminate_backend``): it is dropped and a fresh one checked out,
        without a round trip to find out.
        """
        held = self._held
        if held is not None and not _quiet(held.driver_connection):
            self._discard()
            held = None
        if held is None:
            held = self.engine.raw_connection()
            driver = held.driver_connection
            assert driver is not None
            if driver.info.transaction_status != 0:  # The pool's ping may have begun one.
                driver.rollback()
            driver.autocommit = True
            self._held = held
        return held

    def _release(self) -> None:
        """Give the held connection back to the pool as the pool lent it (not in autocommit)."""
        held, self._held = self._held, None
        if held is None:
            return
        try:
            if held.driver_connection is not None:
                held.driver_connection.autocommit = False
            held.close()
        except Exception:  # noqa: BLE001 - a connection that cannot be returned is dropped instead.
            held.invalidate()

    def _discard(self) -> None:
        """Close the held connection for good (the pool opens a new one when asked)."""
        held, self._held = self._held, None
        if held is not None:
            held.invalidate()

    def _write_sqlite(self, batch: list[_Pending]) -> list[int]:
        """Two multi-row INSERTs between ``BEGIN IMMEDIATE`` and ``COMMIT``."""
        # A pooled connection, returned after every batch: on SQLite the pool holds the one
        # write connection, which the worker shares.
        connection = self.engine.raw_connection()
        try:
            cursor: Any = connection.cursor()
            # SQLite connections run in autocommit mode (see dbkit.db); the write lock is
            # taken at the start, as every other writer does.
            cursor.execute("BEGIN IMMEDIATE")
            # This transaction holds SQLite's write lock, so nobody else inserts meanwhile.
            cursor.execute("SELECT coalesce(max(id), 0) + 1 FROM inbound_messages")
            first = int(cursor.fetchone()[0])
            ids = list(range(first, first + len(batch)))
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
                                 hashlib.sha256(params["raw"]).hexdigest(), _MESSAGE_STATUS))
                jobs.append((_JOB_KIND, to_payload({"message_id": message_id}), f"inbound:{message_id}",
                             _JOB_STATUS, _JOB_ATTEMPTS, _JOB_MAX_ATTEMPTS, received, received))
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

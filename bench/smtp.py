"""Benchmark of the intake SMTP server against a bare aiosmtpd sink.

Run ``.venv/bin/python bench/smtp.py [--messages N] [--store module:factory]``.  For 1 and
16 concurrent client connections it measures messages per second through

* a bare aiosmtpd sink (a handler that answers 250 and keeps nothing), and
* the intake server with a durable store (by default Madoguchi's own store on SQLite in WAL
  mode with ``synchronous=FULL``: the message and its processing job are committed and
  fsync'd before the 250 is sent),

in the same run and prints the ratio: the median over several rounds of the ratio within each
round, where a round is one sink run and one intake run back to back.  By default the client
process runs on the last CPU and the servers on the others, as if the client were remote;
``--no-pin`` lets them share all CPUs.  A store factory given with ``--store`` must be a
callable taking the path of a scratch directory and returning a ``MessageStore``.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import multiprocessing
import os
import queue
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.smtp_client import SinkHandler, drive, free_port  # noqa: E402
from intake.smtp import MessageStore, build_controller  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "mail" / "outlook_revocation_01.eml"


class SqliteStore:
    """Durable SQLite store with group commit.

    Writers queue their message and wait; one committer thread inserts everything queued
    so far in one transaction (one fsync) and then wakes the writers.  Each caller returns
    only after its own row is committed, so the store is exactly as durable as one commit
    per message, but concurrent connections share fsyncs.
    """

    def __init__(self, directory: Path) -> None:
        self.conn = sqlite3.connect(directory / "bench.sqlite3", check_same_thread=False, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("CREATE TABLE mail (id INTEGER PRIMARY KEY, mail_from TEXT, rcpt TEXT, raw BLOB, peer TEXT)")
        self.pending: queue.Queue[tuple[tuple[str, str, bytes, str], list[Any], threading.Event]] = queue.Queue()
        self.thread = threading.Thread(target=self._commit_loop, daemon=True)
        self.thread.start()

    def _commit_loop(self) -> None:
        while True:
            batch = [self.pending.get()]
            while True:
                try:
                    batch.append(self.pending.get_nowait())
                except queue.Empty:
                    break
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                for row, result, _done in batch:
                    cur = self.conn.execute("INSERT INTO mail (mail_from, rcpt, raw, peer) VALUES (?, ?, ?, ?)", row)
                    result.append(str(cur.lastrowid))
                self.conn.execute("COMMIT")
            except Exception as exc:  # noqa: BLE001 - every waiter of a failed batch gets the error.
                self.conn.execute("ROLLBACK") if self.conn.in_transaction else None
                for _row, result, _done in batch:
                    result[:] = [exc]
            for _row, _result, done in batch:
                done.set()

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        result: list[Any] = []
        done = threading.Event()
        self.pending.put(((mail_from, "\n".join(rcpt_tos), raw, peer), result, done))
        done.wait()
        if isinstance(result[0], Exception):
            raise result[0]
        return str(result[0])

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM mail").fetchone()[0])


class PlainSqliteStore:
    """One transaction (one fsync) per message, serialised: the simplest durable store."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "plain.sqlite3"
        self.lock = threading.Lock()
        self.conn = sqlite3.connect(self.path, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("CREATE TABLE mail (id INTEGER PRIMARY KEY, mail_from TEXT, rcpt TEXT, raw BLOB, peer TEXT)")

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        with self.lock, self.conn:
            cur = self.conn.execute(
                "INSERT INTO mail (mail_from, rcpt, raw, peer) VALUES (?, ?, ?, ?)",
                (mail_from, "\n".join(rcpt_tos), raw, peer),
            )
        return str(cur.lastrowid)

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM mail").fetchone()[0])


class ProductStore:
    """Madoguchi's own store: the migrated database, one inbound row and one job per message.

    On SQLite in the scratch directory by default; with ``--postgresql ADMIN_URL`` on a new
    PostgreSQL database created for the run (and dropped afterwards) on that server.
    """

    def __init__(self, directory: Path) -> None:
        from core.inbound import DatabaseMessageStore
        from core.migrate import upgrade
        from core.ports import SystemClock
        from dbkit.db import make_engine

        self.scratch_database: str | None = None
        if POSTGRESQL_ADMIN_URL:
            self.scratch_database = f"madoguchi_bench_{uuid.uuid4().hex[:10]}"
            _postgresql_admin(f'CREATE DATABASE "{self.scratch_database}"')
            url = _scratch_url(self.scratch_database)
        else:
            url = f"sqlite:///{directory / 'madoguchi.sqlite3'}"
        upgrade(url)
        if self.scratch_database:
            # Every run starts from the same state: the new tables vacuumed and analysed, and
            # the pages written by CREATE DATABASE and the migrations flushed by a checkpoint
            # now rather than by one that might start during the measurement.
            _postgresql_admin("VACUUM (ANALYZE)", url)
            _postgresql_admin("CHECKPOINT")
        self.engine = make_engine(url)
        self.inner = DatabaseMessageStore(self.engine, SystemClock())
        if COMMIT_DELAY is not None:
            self.inner.commit_delay = COMMIT_DELAY

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        return self.inner.store(mail_from, rcpt_tos, raw, peer)

    def store_async(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> Awaitable[str]:
        return self.inner.store_async(mail_from, rcpt_tos, raw, peer)

    def count(self) -> int:
        from sqlalchemy import text

        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM inbound_messages")).scalar_one())

    def dispose(self) -> None:
        self.inner.close()
        self.engine.dispose()
        if self.scratch_database:
            _postgresql_admin(f'DROP DATABASE IF EXISTS "{self.scratch_database}" WITH (FORCE)')


class PostgresFloorStore:
    """The least a durable PostgreSQL store can do: one autocommitted row per message, inline.

    Each message is one ``INSERT`` of its raw bytes into a table with no index but its key,
    run on the event loop itself on one held connection, so there is no thread hand-off and
    no processing job. It is a peer, not a product: it blocks the loop (so it is only run for
    one connection) and queues nothing. One connection's intake cannot be faster than this on
    the same server and disk, so ``intake / floor`` says how much of the gap to the sink is
    Madoguchi's and how much is the committed write.
    """

    def __init__(self, directory: Path) -> None:
        import psycopg
        from sqlalchemy import make_url

        self.scratch_database = f"madoguchi_floor_{uuid.uuid4().hex[:10]}"
        _postgresql_admin(f'CREATE DATABASE "{self.scratch_database}"')
        url = make_url(_scratch_url(self.scratch_database))
        # libpq reads the same URL without SQLAlchemy's driver name (``?host=`` included).
        self.conn = psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False),
                                    autocommit=True)
        self.conn.execute("CREATE TABLE mail (id bigserial PRIMARY KEY, mail_from text, rcpt text, raw bytea, "
                          "peer text)")
        _postgresql_admin("CHECKPOINT")

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        row = self.conn.execute("INSERT INTO mail (mail_from, rcpt, raw, peer) VALUES (%s, %s, %s, %s) RETURNING id",
                                (mail_from, "\n".join(rcpt_tos), raw, peer)).fetchone()
        assert row is not None
        return str(row[0])

    async def store_async(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        return self.store(mail_from, rcpt_tos, raw, peer)

    def count(self) -> int:
        row = self.conn.execute("SELECT count(*) FROM mail").fetchone()
        return int(row[0]) if row else 0

    def dispose(self) -> None:
        self.conn.close()
        _postgresql_admin(f'DROP DATABASE IF EXISTS "{self.scratch_database}" WITH (FORCE)')


def _scratch_url(database: str) -> str:
    """The admin URL with another database, keeping its options (``?host=/var/run/postgresql`` for the socket)."""
    from sqlalchemy import make_url

    assert POSTGRESQL_ADMIN_URL is not None
    return make_url(POSTGRESQL_ADMIN_URL).set(database=database).render_as_string(hide_password=False)


def _postgresql_admin(statement: str, url: str | None = None) -> None:
    from sqlalchemy import create_engine, text

    assert POSTGRESQL_ADMIN_URL is not None
    admin = create_engine(url or POSTGRESQL_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(statement))
    finally:
        admin.dispose()


def postgresql_commit_latency_ms(rounds: int = 200) -> float:
    """Median time of one committed (WAL-flushed) PostgreSQL insert of a mail-sized row, over the bench's URL."""
    from sqlalchemy import text

    from dbkit.db import make_engine

    database = f"madoguchi_probe_{uuid.uuid4().hex[:10]}"
    _postgresql_admin(f'CREATE DATABASE "{database}"')
    engine = make_engine(_scratch_url(database), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE TABLE t (id serial PRIMARY KEY, x bytea)"))
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                conn.execute(text("INSERT INTO t (x) VALUES (:x)"), {"x": b"x" * 3300})
                times.append(time.perf_counter() - start)
    finally:
        engine.dispose()
        _postgresql_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return statistics.median(times) * 1000


CLIENT_CPUS: set[int] | None = None
COMMIT_DELAY: float | None = None
POSTGRESQL_ADMIN_URL: str | None = None


def _client(port: int, connections: int, messages: int, raw: bytes, cpus: set[int] | None = None) -> float:
    """Run in a separate process so the client does not share the server's GIL."""
    if cpus:
        os.sched_setaffinity(0, cpus)
    asyncio.run(drive(port, connections, max(connections, messages // 10), raw))  # warm-up
    return asyncio.run(drive(port, connections, messages, raw))


def measure(controller: Controller, port: int, connections: int, messages: int, raw: bytes) -> float:
    controller.start()
    try:
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            return float(pool.apply(_client, (port, connections, messages, raw, CLIENT_CPUS)))
    finally:
        controller.stop()


def commit_latency_ms(directory: Path, rounds: int = 200) -> float:
    """Median time of one fsync'd SQLite commit of a mail-sized row on this disk."""
    conn = sqlite3.connect(directory / "probe.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (x BLOB)")
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t VALUES (?)", (b"x" * 3300,))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return statistics.median(times) * 1000


def load_factory(spec: str | None) -> Callable[[Path], MessageStore]:
    if not spec:
        return ProductStore
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def run_sink(connections: int, messages: int, raw: bytes) -> float:
    port = free_port()
    return measure(Controller(SinkHandler(), hostname="127.0.0.1", port=port), port, connections, messages, raw)


def run_intake(factory: Callable[[Path], MessageStore], connections: int, messages: int,
               raw: bytes) -> tuple[float, int | None]:
    with tempfile.TemporaryDirectory() as tmp:
        store = factory(Path(tmp))
        port = free_port()
        controller = build_controller(store, "127.0.0.1", port, ["ca.example.jp"], 10_000_000)
        rate = measure(controller, port, connections, messages, raw)
        stored = store.count() if hasattr(store, "count") else None
        dispose = getattr(store, "dispose", None)
        if callable(dispose):
            dispose()
    return rate, stored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000, help="messages per measurement")
    parser.add_argument("--store", help="store factory as module:callable (default: Madoguchi's own store)")
    parser.add_argument("--group-commit", action="store_true", help="use the group-commit SQLite store instead")
    parser.add_argument("--rounds", type=int, default=7, help="sink/intake pairs per connection count")
    parser.add_argument("--plain", action="store_true", help="use one fsync'd commit per message instead")
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 16], help="connection counts to measure")
    parser.add_argument("--pin", action=argparse.BooleanOptionalAction, default=True,
                        help="client on the last CPU, servers on the others, as if the client were remote "
                             "(default; --no-pin lets them share all CPUs)")
    parser.add_argument("--commit-delay", type=float, help="seconds the product store waits to grow a batch")
    parser.add_argument("--postgresql", metavar="ADMIN_URL",
                        help="run Madoguchi's store on a scratch database on this PostgreSQL server, e.g. "
                             "postgresql+psycopg://postgres@127.0.0.1:5432/postgres, or over the unix socket "
                             "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql")
    args = parser.parse_args(argv)
    global COMMIT_DELAY, POSTGRESQL_ADMIN_URL  # noqa: PLW0603 - settings read by ProductStore.
    COMMIT_DELAY, POSTGRESQL_ADMIN_URL = args.commit_delay, args.postgresql
    cpus = sorted(os.sched_getaffinity(0))
    if args.pin and len(cpus) >= 2:
        global CLIENT_CPUS  # noqa: PLW0603 - read by measure() when it starts the client process.
        CLIENT_CPUS = {cpus[-1]}
        os.sched_setaffinity(0, set(cpus[:-1]))
    placement = (f"client on CPU {cpus[-1]}, servers on CPU(s) {','.join(map(str, cpus[:-1]))}"
                 if CLIENT_CPUS else f"client and servers share CPU(s) {','.join(map(str, cpus))}")
    factory = PlainSqliteStore if args.plain else SqliteStore if args.group_commit else load_factory(args.store)
    raw = SAMPLE.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    with tempfile.TemporaryDirectory() as tmp:
        latency = commit_latency_ms(Path(tmp))
    engine_name = "PostgreSQL" if args.postgresql else "SQLite"
    print(f"message size {len(raw)} bytes, {args.messages} messages per run, store {factory.__name__}"
          + (f" on {engine_name}" if factory is ProductStore else ""))
    print(f"fsync'd SQLite commit on this disk: median {latency:.2f} ms; {placement}")
    if args.postgresql:
        # The bound for one connection then uses the PostgreSQL commit (round trip and WAL flush).
        latency = postgresql_commit_latency_ms()
        print(f"committed PostgreSQL insert of a mail-sized row: median {latency:.2f} ms")
    print(f"{args.rounds} rounds; each round runs the sink and the intake server back to back (in alternating order)")
    print("and its ratio is taken from that pair, so that drift in the machine's load cancels out.")
    # With PostgreSQL, one connection is also run against the floor store (the least any
    # durable store on this server and disk can cost) in the same rounds.
    floor_factory = PostgresFloorStore if args.postgresql and factory is ProductStore else None
    print(f"{'conns':>5} {'sink msg/s':>11} {'intake msg/s':>13} {'ratio':>6} {'ratio range':>12} {'1-conn bound':>13}")
    for connections in args.connections:
        sinks: list[float] = []
        intakes: list[float] = []
        ratios: list[float] = []
        floors: list[float] = []
        stored = None
        for round_ in range(args.rounds):
            if round_ % 2 == 0:
                sink = run_sink(connections, args.messages, raw)
                intake, stored = run_intake(factory, connections, args.messages, raw)
            else:
                intake, stored = run_intake(factory, connections, args.messages, raw)
                sink = run_sink(connections, args.messages, raw)
            sinks.append(sink)
            intakes.append(intake)
            ratios.append(intake / sink)
            if floor_factory is not None and connections == 1:
                floors.append(run_intake(floor_factory, connections, args.messages, raw)[0] / sink)
        sink_median, intake_median = statistics.median(sinks), statistics.median(intakes)
        # One connection waits for every commit, so it cannot beat 1 / (sink time + commit time).
        bound = (1 / (1 / sink_median + latency / 1000) / sink_median if connections == 1 else float("nan"))
        print(
            f"{connections:>5} {sink_median:>11.0f} {intake_median:>13.0f} {statistics.median(ratios):>6.2f}"
            f" {min(ratios):>5.2f}-{max(ratios):<6.2f} {bound:>13.2f}"
            + (f"   ({stored} rows stored in the last run)" if stored is not None else "")
        )
        if floors:
            print(f"{'':>5} floor store (one committed row, inline): ratio {statistics.median(floors):.2f}"
                  f" ({min(floors):.2f}-{max(floors):.2f}); intake reaches"
                  f" {statistics.median(ratios) / statistics.median(floors):.2f} of it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Batches of the inbound store seen from the SMTP client, on real SQLite and PostgreSQL.

The store commits the messages of concurrent senders together (on PostgreSQL as one
statement, on a connection it keeps between batches). These tests hold the database's write
lock so that a known set of messages piles up into one batch, put a message the database
refuses (a trigger) into it, and check what every sender was told: the whole batch is
answered 451 and nothing of it is stored, every 250 names a stored row, and once the senders
retry every good message is stored exactly once. They also check that a held PostgreSQL
connection closed by the server is replaced without failing a message, that it goes back
to the pool when mail stops, and that the job's payload is the JSON text the ORM writes.
"""

from __future__ import annotations

import datetime as dt
import json
import smtplib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from core.inbound import DatabaseMessageStore
from core.models import InboundMessage, Job
from core.ports import FixedClock
from intake.smtp import build_controller
from tests.conftest import free_port

T0 = dt.datetime(2026, 11, 30, 4, 0, 0, tzinfo=dt.UTC)
POISON = "poison@example.jp"

SQLITE_POISON = (f"CREATE TRIGGER refuse_poison BEFORE INSERT ON inbound_messages WHEN NEW.mail_from = '{POISON}'"
                 " BEGIN SELECT RAISE(ABORT, 'poisoned message'); END")
POSTGRESQL_POISON = (
    "CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    f" IF NEW.mail_from = '{POISON}' THEN RAISE EXCEPTION 'poisoned message'; END IF; RETURN NEW; END $$;"
    " CREATE TRIGGER refuse_poison BEFORE INSERT ON inbound_messages"
    " FOR EACH ROW EXECUTE FUNCTION refuse_poison()")


def _engine(factory: sessionmaker[Session]) -> Engine:
    engine = factory.kw["bind"]
    assert isinstance(engine, Engine)
    return engine


def _body(sender: str, attempt: int) -> bytes:
    return (f"From: {sender}\r\nSubject: batch test\r\nX-Attempt: {attempt}\r\n\r\n"
            f"お問い合わせ {sender}\r\n").encode()


@contextmanager
def _write_lock(engine: Engine) -> Iterator[None]:
    """Hold the database's write lock from another connection, so that the store's writes wait."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        assert database is not None
        plain = sqlite3.connect(database, isolation_level=None)
        plain.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            plain.execute("ROLLBACK")
            plain.close()
        return
    locker = create_engine(engine.url, poolclass=NullPool)
    with locker.connect() as conn:
        conn.execute(text("LOCK TABLE inbound_messages IN EXCLUSIVE MODE"))
        try:
            yield
        finally:
            conn.rollback()
    locker.dispose()


class Sender(threading.Thread):
    """One SMTP client sending one message; records the reply and signals just before DATA."""

    def __init__(self, port: int, mail_from: str, attempt: int) -> None:
        super().__init__(daemon=True)
        self.port, self.mail_from, self.attempt = port, mail_from, attempt
        self.raw = _body(mail_from, attempt)
        self.at_data = threading.Event()
        self.reply: tuple[int, bytes] | None = None

    def run(self) -> None:
        with smtplib.SMTP("127.0.0.1", self.port, timeout=120) as client:
            assert client.ehlo()[0] == 250
            assert client.mail(self.mail_from)[0] == 250
            assert client.rcpt("ca@ca.example.jp")[0] == 250
            self.at_data.set()
            code, reply = client.data(self.raw)
            self.reply = (code, reply)
            client.quit()


def _wait(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_a_refused_message_fails_its_whole_batch_with_451_and_retries_store_each_message_once(
        session_factory: sessionmaker[Session]) -> None:
    engine = _engine(session_factory)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(SQLITE_POISON)
        else:
            conn.exec_driver_sql(POSTGRESQL_POISON)
    store = DatabaseMessageStore(engine, FixedClock(T0))
    port = free_port()
    controller = build_controller(store, "127.0.0.1", port, ["ca.example.jp"], 1_000_000)
    controller.start()
    senders = [f"good{i}@example.jp" for i in range(10)]
    replies: dict[str, list[tuple[int, bytes, bytes]]] = {sender: [] for sender in [*senders, POISON]}
    try:
        with _write_lock(engine):
            # The first message is taken alone into a batch, which then waits for the lock ...
            first = Sender(port, senders[0], 0)
            first.start()
            assert first.at_data.wait(30)
            time.sleep(0.5)
            # ... while nine good messages and the refused one queue up behind it.
            crowd = [Sender(port, sender, 0) for sender in [*senders[1:], POISON]]
            for sender in crowd:
                sender.start()
            for sender in crowd:
                assert sender.at_data.wait(30)
            time.sleep(1.0)
            assert all(sender.reply is None for sender in [first, *crowd]), "a message was answered under the lock"
        for sender in [first, *crowd]:
            sender.join(120)
            assert sender.reply is not None
            replies[sender.mail_from].append((*sender.reply, sender.raw))
        assert first.reply is not None and first.reply[0] == 250
        poisoned = next(sender for sender in crowd if sender.mail_from == POISON)
        assert poisoned.reply is not None and poisoned.reply[0] == 451
        # The good messages that shared the refused message's batch were refused with it.
        assert sum(1 for sender in crowd if sender.reply is not None and sender.reply[0] == 451) >= 2
        # Every sender retries after a 451, as a mail server does, until the message is accepted.
        for attempt in range(1, 6):
            retrying = [Sender(port, sender, attempt) for sender in senders if replies[sender][-1][0] != 250]
            for sender in retrying:
                sender.start()
            for sender in retrying:
                sender.join(120)
                assert sender.reply is not None
                replies[sender.mail_from].append((*sender.reply, sender.raw))
        retried = Sender(port, POISON, 1)
        retried.start()
        retried.join(120)
        assert retried.reply is not None and retried.reply[0] == 451
    finally:
        controller.stop()
        store.close()

    with session_factory() as session:
        stored = {row.id: row for row in session.scalars(select(InboundMessage))}
        jobs = list(session.scalars(select(Job)))
    accepted = {int(reply.decode().rsplit(" ", 1)[1]): raw for sender in senders
                for code, reply, raw in replies[sender] if code == 250}
    # Each good sender ended with exactly one 250, its last answer.
    assert all([code for code, _r, _raw in replies[sender]].count(250) == 1 for sender in senders)
    assert all(replies[sender][-1][0] == 250 for sender in senders)
    assert all(code == 451 for sender in senders for code, _r, _raw in replies[sender][:-1])
    # Exactly the accepted messages are stored, under the ids they were accepted as, each once,
    # each with one job; nothing that was answered 451 is stored, the refused message least of all.
    assert {message_id: row.raw for message_id, row in stored.items()} == accepted
    assert sorted(job.payload["message_id"] for job in jobs) == sorted(accepted)
    assert POISON not in {row.mail_from for row in stored.values()}
    assert len({row.mail_from for row in stored.values()}) == len(senders)


def test_payload_is_the_json_text_the_orm_writes(session_factory: sessionmaker[Session]) -> None:
    store = DatabaseMessageStore(_engine(session_factory), FixedClock(T0))
    try:
        ids = [int(store.store("a@example.jp", ["ca@ca.example.jp"], _body("a@example.jp", i), "peer"))
               for i in range(3)]
    finally:
        store.close()
    with session_factory() as session:
        texts: dict[str, str] = dict(session.execute(text("SELECT CAST(payload AS TEXT), dedupe_key FROM jobs")).all())
    assert texts == {json.dumps({"message_id": i}): f"inbound:{i}" for i in ids}


def _postgresql_only(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the committer keeps a connection between batches on PostgreSQL only")


def test_a_held_connection_closed_by_the_server_is_replaced_without_a_451(
        session_factory: sessionmaker[Session]) -> None:
    engine = _engine(session_factory)
    _postgresql_only(engine)
    store = DatabaseMessageStore(engine, FixedClock(T0), hold_idle=60)
    port = free_port()
    controller = build_controller(store, "127.0.0.1", port, ["ca.example.jp"], 1_000_000)
    controller.start()
    admin = create_engine(engine.url, poolclass=NullPool)
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            client.sendmail("a@example.jp", ["ca@ca.example.jp"], _body("a@example.jp", 1))
            assert engine.pool.checkedout() == 1  # type: ignore[attr-defined]

            def others() -> list[Any]:
                with admin.connect() as conn:
                    return list(conn.execute(text(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        " AND pid <> pg_backend_pid()")).scalars())

            # The administrator (or a restart) ends every other session, the held one among them.
            with admin.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                  " WHERE datname = current_database() AND pid <> pg_backend_pid()"))
            _wait(lambda: not others(), "the sessions to end")
            client.mail("a@example.jp")
            client.rcpt("ca@ca.example.jp")
            code, reply = client.data(_body("a@example.jp", 2))
            assert code == 250, reply
    finally:
        controller.stop()
        store.close()
        admin.dispose()
    with session_factory() as session:
        assert len(list(session.scalars(select(InboundMessage)))) == 2


def test_the_held_connection_goes_back_to_the_pool_when_mail_stops(session_factory: sessionmaker[Session]) -> None:
    engine = _engine(session_factory)
    _postgresql_only(engine)
    store = DatabaseMessageStore(engine, FixedClock(T0), hold_idle=0.2)
    try:
        store.store("a@example.jp", ["ca@ca.example.jp"], _body("a@example.jp", 1), "peer")
        assert engine.pool.checkedout() == 1  # type: ignore[attr-defined]
        _wait(lambda: engine.pool.checkedout() == 0, "the connection to go back")  # type: ignore[attr-defined]
        # The connection it gave back is usable by others as the pool lent it (not in autocommit),
        # and the next message checks one out again.
        with session_factory() as session:
            assert session.connection().connection.driver_connection.autocommit is False  # type: ignore[union-attr]
        assert store.store("a@example.jp", ["ca@ca.example.jp"], _body("a@example.jp", 2), "peer")
    finally:
        store.close()
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def _rows(session_factory: sessionmaker[Session]) -> tuple[dict[int, InboundMessage], dict[int, Job]]:
    with session_factory() as session:
        messages = {row.id: row for row in session.scalars(select(InboundMessage))}
        jobs = {job.payload["message_id"]: job for job in session.scalars(select(Job))}
    return messages, jobs


def test_a_lone_message_and_a_batch_store_the_same_rows(session_factory: sessionmaker[Session]) -> None:
    """On PostgreSQL a lone message is written with a one-row statement and a batch with the
    array statement: the same messages stored either way give the same rows and jobs."""
    engine = _engine(session_factory)
    store = DatabaseMessageStore(engine, FixedClock(T0))
    senders = [f"same{i}@example.jp" for i in range(8)]

    def send(sender: str) -> int:
        return int(store.store(sender, ["ca@ca.example.jp", sender], _body(sender, 0),
                               f"192.0.2.7:{len(sender)}"))

    try:
        # One after another: every message is a batch of one.
        alone = {sender: send(sender) for sender in senders}
        # All at once behind the write lock: after the first, they pile up into one batch.
        with _write_lock(engine):
            results: dict[str, int] = {}
            threads = [threading.Thread(target=lambda s=sender: results.__setitem__(s, send(s)))
                       for sender in senders]
            for thread in threads:
                thread.start()
            time.sleep(1.0)
            assert not results, "a message was answered under the lock"
        for thread in threads:
            thread.join(60)
    finally:
        store.close()
    messages, jobs = _rows(session_factory)
    assert len(messages) == len(jobs) == 2 * len(senders)

    def message_columns(message_id: int) -> tuple[Any, ...]:
        row = messages[message_id]
        return (row.channel, row.received_at, row.mail_from, row.rcpt_tos, row.peer, row.raw, row.sha256,
                row.message_id, row.status, row.error, row.parsed, row.case_id)

    def job_columns(message_id: int) -> tuple[Any, ...]:
        job = jobs[message_id]
        return (job.kind, job.status, job.attempts, job.max_attempts, job.run_at, job.locked_by, job.created_at)

    for sender in senders:
        assert message_columns(alone[sender]) == message_columns(results[sender])
        assert job_columns(alone[sender]) == job_columns(results[sender])
        for message_id in (alone[sender], results[sender]):
            assert jobs[message_id].payload == {"message_id": message_id}
            assert jobs[message_id].dedupe_key == f"inbound:{message_id}"


def test_a_lone_refused_message_is_answered_451_and_stores_nothing(session_factory: sessionmaker[Session]) -> None:
    """The one-row statement fails as the batch does: 451, nothing stored, and the next message is stored."""
    engine = _engine(session_factory)
    with engine.begin() as conn:
        conn.exec_driver_sql(SQLITE_POISON if engine.dialect.name == "sqlite" else POSTGRESQL_POISON)
    store = DatabaseMessageStore(engine, FixedClock(T0))
    port = free_port()
    controller = build_controller(store, "127.0.0.1", port, ["ca.example.jp"], 1_000_000)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            with pytest.raises(smtplib.SMTPDataError) as refused:
                client.sendmail(POISON, ["ca@ca.example.jp"], _body(POISON, 1))
            assert refused.value.smtp_code == 451
            client.rset()
            assert client.mail("good@example.jp")[0] == 250
            assert client.rcpt("ca@ca.example.jp")[0] == 250
            code, reply = client.data(_body("good@example.jp", 1))
            assert code == 250, reply
    finally:
        controller.stop()
        store.close()
    messages, jobs = _rows(session_factory)
    assert [row.mail_from for row in messages.values()] == ["good@example.jp"]
    assert list(jobs) == list(messages) == [int(reply.decode().rsplit(" ", 1)[1])]

"""What storing a mail costs on the wire to PostgreSQL, counted from libpq's trace.

A lone sender's mail, received over SMTP, must be stored with exactly one round trip to the
server: one prepared statement in autocommit mode that writes the message and its job and
returns the id, and no BEGIN, COMMIT, SAVEPOINT, SELECT or re-preparation beside it. A batch of
mails from concurrent senders must take one round trip for the whole batch. On SQLite there is
no wire; the test only runs on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import smtplib

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from core.inbound import DatabaseMessageStore
from core.models import InboundMessage, Job
from core.ports import FixedClock
from dbkit.wiretrace import RECEIVED, SENT, WireTrace
from intake.smtp import build_controller
from tests.conftest import free_port

T0 = dt.datetime(2026, 11, 30, 4, 0, 0, tzinfo=dt.UTC)
MAILS = 10


def _postgresql_engine(factory: sessionmaker[Session]) -> Engine:
    engine = factory.kw["bind"]
    assert isinstance(engine, Engine)
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no wire protocol to count")
    return engine


def _body(number: int) -> bytes:
    return f"From: a@example.jp\r\nSubject: wire {number}\r\n\r\nお問い合わせ {number}\r\n".encode()


def test_a_lone_senders_mail_is_stored_in_one_round_trip(session_factory: sessionmaker[Session]) -> None:
    engine = _postgresql_engine(session_factory)
    trace = WireTrace(engine)
    store = DatabaseMessageStore(engine, FixedClock(T0), hold_idle=60)
    port = free_port()
    controller = build_controller(store, "127.0.0.1", port, ["ca.example.jp"], 1_000_000)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            # The first mail checks out the connection and prepares the statement.
            client.sendmail("a@example.jp", ["ca@ca.example.jp"], _body(0))
            trace.mark()
            for number in range(1, MAILS + 1):
                client.sendmail("a@example.jp", ["ca@ca.example.jp"], _body(number))
            counts = trace.counts()
    finally:
        controller.stop()
        store.close()
        trace.close()
    assert counts[(RECEIVED, "ReadyForQuery")] == MAILS, counts
    assert counts[(SENT, "Sync")] == MAILS, counts
    # Executions of the prepared statement only: nothing parsed again, no simple queries
    # (BEGIN, COMMIT, SAVEPOINT) and no second statement.
    assert counts[(SENT, "Execute")] == MAILS, counts
    assert counts[(SENT, "Parse")] == 0 and counts[(SENT, "Query")] == 0, counts
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(InboundMessage)) == MAILS + 1
        assert session.scalar(select(func.count()).select_from(Job)) == MAILS + 1


def test_a_batch_of_concurrent_mails_is_stored_in_one_round_trip(session_factory: sessionmaker[Session]) -> None:
    engine = _postgresql_engine(session_factory)
    trace = WireTrace(engine)
    # A long commit delay lets every message of the gather below join one batch.
    store = DatabaseMessageStore(engine, FixedClock(T0), hold_idle=60, commit_delay=0.2)
    try:
        store.store("a@example.jp", ["ca@ca.example.jp"], _body(0), "peer")
        trace.mark()

        async def together() -> list[str]:
            return list(await asyncio.gather(*(store.store_async("a@example.jp", ["ca@ca.example.jp"],
                                                                 _body(number), "peer")
                                               for number in range(1, MAILS + 1))))

        ids = asyncio.run(together())
        counts = trace.counts()
    finally:
        store.close()
        trace.close()
    assert len(set(ids)) == MAILS
    # The committer may take the first message alone before the others are queued; the rest
    # then go together, so at most two round trips for the ten messages.
    assert 1 <= counts[(RECEIVED, "ReadyForQuery")] <= 2, counts
    assert counts[(SENT, "Query")] == 0, counts

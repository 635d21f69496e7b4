"""Audit chain and job queue against real SQLite and PostgreSQL databases."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import text

from core.audit import AuditLog
from core.jobs import JobQueue, RetryLater, enqueue
from core.models import Job
from core.ports import FixedClock

T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def factory(session_factory: Any) -> Any:
    return session_factory


def test_audit_chain_verifies_and_detects_edit_and_delete(factory: Any) -> None:
    log = AuditLog(b"k" * 32)
    with factory() as s, s.begin():
        for i in range(5):
            log.append(s, at=T0 + dt.timedelta(seconds=i), actor="alice", action="x", detail={"i": i, "名": "山田"})
    with factory() as s:
        assert log.verify(s).ok and log.verify(s).checked == 5
    with factory() as s, s.begin():
        s.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    with factory() as s:
        res = log.verify(s)
        assert not res.ok and "seq 3" in res.message
    with factory() as s, s.begin():
        s.execute(text("UPDATE audit_events SET actor = 'alice' WHERE seq = 3"))
    with factory() as s:
        assert log.verify(s).ok
    with factory() as s, s.begin():
        s.execute(text("DELETE FROM audit_events WHERE seq = 5"))
    with factory() as s:
        assert not log.verify(s).ok
    # A different key (an attacker recomputing hashes) does not verify either.
    with factory() as s:
        assert not AuditLog(b"z" * 32).verify(s).ok


def test_job_retries_with_backoff_then_fails(factory: Any) -> None:
    clock = FixedClock(T0)
    calls: list[int] = []

    def flaky(payload: dict[str, Any]) -> None:
        calls.append(payload["n"])
        raise RuntimeError("relay down")

    with factory() as s, s.begin():
        enqueue(s, "flaky", {"n": 1}, now=T0, max_attempts=3)
    q = JobQueue(factory, clock, {"flaky": flaky}, "w1")
    assert q.run_pending() == 1
    assert q.run_pending() == 0  # Backing off: not runnable yet.
    for _ in range(2):
        clock.advance(dt.timedelta(hours=1))
        q.run_pending()
    with factory() as s:
        job = s.query(Job).one()
        assert job.status == "failed" and job.attempts == 3 and "relay down" in (job.last_error or "")
    assert calls == [1, 1, 1]


def test_retry_later_does_not_count_as_attempt(factory: Any) -> None:
    clock = FixedClock(T0)

    def later(payload: dict[str, Any]) -> None:
        raise RetryLater(dt.timedelta(minutes=5), "not yet")

    with factory() as s, s.begin():
        enqueue(s, "later", {}, now=T0, max_attempts=1)
    q = JobQueue(factory, clock, {"later": later}, "w1")
    q.run_pending()
    with factory() as s:
        job = s.query(Job).one()
        assert job.status == "pending" and job.attempts == 0 and job.run_at == T0 + dt.timedelta(minutes=5)


def test_stale_running_job_is_reclaimed(factory: Any) -> None:
    clock = FixedClock(T0)
    seen: list[str] = []
    with factory() as s, s.begin():
        enqueue(s, "k", {}, now=T0)
    dead = JobQueue(factory, clock, {"k": lambda p: seen.append("dead")}, "dead-worker")
    assert dead.claim() is not None  # Claimed, then the worker "dies" without running it.
    live = JobQueue(factory, clock, {"k": lambda p: seen.append("live")}, "live-worker")
    assert live.run_pending() == 0
    clock.advance(dt.timedelta(minutes=6))
    assert live.run_pending() == 1
    assert seen == ["live"]


def test_concurrent_workers_run_each_job_once(factory: Any) -> None:
    clock = FixedClock(T0)
    with factory() as s, s.begin():
        for i in range(200):
            enqueue(s, "count", {"i": i}, now=T0)
    runs: Counter[int] = Counter()
    lock = threading.Lock()

    def count(payload: dict[str, Any]) -> None:
        with lock:
            runs[payload["i"]] += 1

    queues = [JobQueue(factory, clock, {"count": count}, f"w{n}") for n in range(4)]
    threads = [threading.Thread(target=q.run_pending) for q in queues]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(runs) == list(range(200))
    assert set(runs.values()) == {1}
    with factory() as s:
        assert s.query(Job).filter(Job.status == "done").count() == 200

"""Jobs that fail for good: kept with their error and time, audited, then retried or discarded
(the service functions shared by the CLI and the dashboard), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from core.audit import AuditLog
from core.jobs import JobQueue, enqueue
from core.models import AuditEvent, Job
from core.notify import QueueNotifier
from core.ports import FixedClock
from core.services import jobs as job_service

T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


class Flaky:
    """A handler that raises until it is told the outside world works again."""

    def __init__(self) -> None:
        self.broken = True
        self.ran: list[dict[str, Any]] = []

    def __call__(self, payload: dict[str, Any]) -> None:
        if self.broken:
            raise ConnectionError("HSM not reachable")
        self.ran.append(payload)


def fail_for_good(factory: Any, clock: FixedClock, queue: JobQueue) -> Job:
    """Run the queue, jumping the clock past each backoff, until the job is failed."""
    for _ in range(20):
        queue.run_pending()
        with factory() as s:
            job = s.execute(select(Job)).scalars().one()
            if job.status == "failed":
                return job
            clock.advance(job.run_at - clock.now())
    raise AssertionError("the job never failed")


@pytest.fixture
def setup(session_factory: Any) -> tuple[Any, FixedClock, JobQueue, Flaky, AuditLog, QueueNotifier]:
    clock, audit, notifier, handler = FixedClock(T0), AuditLog(b"k" * 32), QueueNotifier(), Flaky()
    queue = JobQueue(session_factory, clock, {"execute_case": handler}, "w1",
                     on_failed=job_service.FailureRecorder(audit, notifier))
    with session_factory() as s, s.begin():
        enqueue(s, "execute_case", {"case_id": 7, "effect": "RevokeCertificate"}, now=T0, dedupe_key="execute:7",
                max_attempts=4)
    return session_factory, clock, queue, handler, audit, notifier


def test_failed_job_keeps_error_attempts_and_time_and_is_audited(setup: Any) -> None:
    factory, clock, queue, _handler, audit, notifier = setup
    job = fail_for_good(factory, clock, queue)
    assert job.attempts == 4 and job.finished_at == clock.now()
    assert "ConnectionError: HSM not reachable" in (job.last_error or "")
    assert notifier.version == 1  # Operators' screens were told.
    with factory() as s:
        events = s.execute(select(AuditEvent).where(AuditEvent.action == "job_failed")).scalars().all()
        shown = [(e.case_id, e.actor, e.detail["job_id"], e.detail["attempts"]) for e in events]
        assert shown == [(7, "system", job.id, 4)]
        assert events[0].detail["error"] == "ConnectionError: HSM not reachable"
        found = job_service.failed_job_of_case(s, 7)
        assert found is not None and found.id == job.id and found.failed_at == clock.now()
        assert job_service.failed_job_of_case(s, 8) is None
        assert [v.id for v in job_service.failed_jobs(s)] == [job.id]
        assert job_service.failed_counts(s) == job_service.FailedCounts(total=1, emergency=0)  # No such case row.
        assert audit.verify(s).ok


def test_retry_resets_the_same_row_so_the_dedupe_key_queues_it_again(setup: Any) -> None:
    factory, clock, queue, handler, audit, _notifier = setup
    job = fail_for_good(factory, clock, queue)
    clock.advance(dt.timedelta(minutes=5))
    with factory() as s, s.begin():
        view = job_service.retry_job(s, job.id, actor="bob", now=clock.now(), audit=audit)
        assert (view.status, view.attempts, view.run_at) == ("pending", 0, clock.now())
        # Enqueuing the same work again finds the same, now pending, row.
        assert enqueue(s, "execute_case", {"case_id": 7}, now=clock.now(), dedupe_key="execute:7").id == job.id
    with factory() as s, s.begin(), pytest.raises(job_service.JobNotFailed):
        job_service.retry_job(s, job.id, actor="bob", now=clock.now(), audit=audit)
    handler.broken = False
    assert queue.run_pending() == 1
    with factory() as s:
        done = s.get(Job, job.id)
        assert done is not None and (done.status, done.attempts, done.last_error) == ("done", 1, None)
        retried = s.execute(select(AuditEvent).where(AuditEvent.action == "job_retried")).scalar_one()
        assert (retried.actor, retried.case_id, retried.detail["attempts"]) == ("bob", 7, 4)
        assert audit.verify(s).ok
    assert handler.ran == [{"case_id": 7, "effect": "RevokeCertificate"}]


def test_discard_needs_a_reason_and_releases_the_dedupe_key(setup: Any) -> None:
    factory, clock, queue, _handler, audit, _notifier = setup
    job = fail_for_good(factory, clock, queue)
    with factory() as s, s.begin(), pytest.raises(job_service.ReasonRequired):
        job_service.discard_job(s, job.id, actor="dave", now=clock.now(), reason="  ", audit=audit)
    with factory() as s, s.begin(), pytest.raises(job_service.JobNotFound):
        job_service.discard_job(s, job.id + 100, actor="dave", now=clock.now(), reason="x", audit=audit)
    with factory() as s, s.begin():
        view = job_service.discard_job(s, job.id, actor="dave", now=clock.now(), reason="手動で失効済み", audit=audit)
        assert view.status == "discarded"
    with factory() as s, s.begin():
        assert job_service.failed_jobs(s) == []
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "job_discarded")).scalar_one()
        assert (event.actor, event.case_id, event.detail["reason"], event.detail["dedupe_key"]) == (
            "dave", 7, "手動で失効済み", "execute:7")
        again = enqueue(s, "execute_case", {"case_id": 7}, now=clock.now(), dedupe_key="execute:7")
        assert again.id != job.id and again.status == "pending"
    with factory() as s:
        assert [(v.id, v.status) for v in job_service.list_jobs(s)] == [(again.id, "pending")]
        assert audit.verify(s).ok

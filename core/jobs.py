"""A database-backed job queue: enqueue inside a business transaction, run at least once.

Workers claim jobs with ``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several
``serve`` processes share the queue and each job is claimed by one of them. On SQLite the
``BEGIN IMMEDIATE`` write lock gives the same guarantee inside one database file.
Handlers run outside any transaction of the queue's (they may call the signing module or an
SMTP relay) and must be idempotent, because a crash between their work and the commit that
marks the job done makes the job run again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from core import logcontext
from core import queueversion as _queueversion  # noqa: F401 - keeps the queue version moving.
from core.models import Case, Job
from core.ports import Clock

log = logging.getLogger(__name__)

#: A handler gets the job's payload; it opens its own transactions and must be idempotent.
Handler = Callable[[dict[str, Any]], None]
#: Called inside the transaction that marks a job failed for good (audit it, tell operators).
FailureHook = Callable[[Session, Job], None]

#: A job that has been "running" longer than this is assumed to belong to a dead worker.
STALE_AFTER = dt.timedelta(minutes=5)


class RetryLater(Exception):
    """Raised by a handler that wants to run again later without counting as an error."""

    def __init__(self, delay: dt.timedelta, reason: str = "") -> None:
        super().__init__(reason)
        self.delay = delay


def enqueue(session: Session, kind: str, payload: dict[str, Any], *, now: dt.datetime,
            run_at: dt.datetime | None = None, dedupe_key: str | None = None, max_attempts: int = 8) -> Job:
    """Add a job inside the caller's transaction (it commits with the state change that caused it)."""
    if dedupe_key is not None:
        existing = session.execute(select(Job).where(Job.dedupe_key == dedupe_key)).scalar_one_or_none()
        if existing is not None:
            return existing
    job = Job(kind=kind, payload=payload, dedupe_key=dedupe_key, status="pending", attempts=0,
              max_attempts=max_attempts, run_at=run_at or now, created_at=now)
    session.add(job)
    session.flush()
    return job


def backoff(attempts: int) -> dt.timedelta:
    """Exponential backoff: 2 s, 4 s, 8 s ... capped at one hour."""
    return dt.timedelta(seconds=min(3600, 2 ** max(1, attempts)))


@dataclass
class JobQueue:
    """Claims and runs jobs; one instance per worker thread."""

    factory: sessionmaker[Session]
    clock: Clock
    handlers: dict[str, Handler]
    worker_id: str
    stale_after: dt.timedelta = STALE_AFTER
    #: Records a job that used up its attempts, in the same transaction (see core.services.jobs).
    on_failed: FailureHook | None = None

    def claim(self) -> int | None:
        """Mark the oldest runnable job as ours and return its id (committed before it runs)."""
        now = self.clock.now()
        with self.factory() as session, session.begin():
            query = (
                select(Job)
                .where(
                    or_(
                        (Job.status == "pending") & (Job.run_at <= now),
                        (Job.status == "running") & (Job.locked_at < now - self.stale_after),
                    )
                )
                .order_by(Job.run_at, Job.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            job = session.execute(query).scalar_one_or_none()
            if job is None:
                return None
            job.status, job.locked_by, job.locked_at = "running", self.worker_id, now
            job.attempts += 1
            return job.id

    def run(self, job_id: int) -> str:
        """Run one claimed job; return its final status."""
        with self.factory() as session:
            job = session.get(Job, job_id)
            if job is None or job.status != "running" or job.locked_by != self.worker_id:
                return "lost"
            kind, payload = job.kind, dict(job.payload)
            case = session.get(Case, payload["case_id"]) if isinstance(payload.get("case_id"), int) else None
            context = {"job_id": job_id, "job_kind": kind, "inbound_message_id": payload.get("message_id"),
                       "case_id": payload.get("case_id"), "case_tag": case.tag if case is not None else None}
        with logcontext.bound(**context):
            return self._run_bound(job_id, kind, payload)

    def _run_bound(self, job_id: int, kind: str, payload: dict[str, Any]) -> str:
        try:
            handler = self.handlers.get(kind)
            if handler is None:
                raise LookupError(f"no handler for job kind {kind!r}")
            # The handler opens its own transactions: it may call the signing module or an
            # SMTP relay, which must not happen while this worker holds a database lock.
            handler(payload)
        except RetryLater as exc:
            return self._reschedule(job_id, exc.delay, str(exc), count=False)
        except Exception as exc:  # noqa: BLE001 - every failure is recorded on the job.
            log.warning("job %s (%s) failed: %s", job_id, kind, exc)
            return self._reschedule(job_id, None, "".join(traceback.format_exception(exc))[-4000:], count=True)
        with self.factory() as session, session.begin():
            job = session.get(Job, job_id, with_for_update=True)
            if job is not None and job.locked_by == self.worker_id:
                # locked_by stays as a record of which worker ran the job.
                job.status, job.finished_at, job.last_error = "done", self.clock.now(), None
        log.info("job %s (%s) done", job_id, kind)
        return "done"

    def _reschedule(self, job_id: int, delay: dt.timedelta | None, error: str, *, count: bool) -> str:
        with self.factory() as session, session.begin():
            job = session.get(Job, job_id, with_for_update=True)
            if job is None:
                return "lost"
            now = self.clock.now()
            job.last_error = error
            job.locked_by = job.locked_at = None
            if not count:
                job.attempts -= 1
            if count and job.attempts >= job.max_attempts:
                # Kept with its attempts, last error and time until an operator retries or discards it.
                job.status, job.finished_at = "failed", now
                if self.on_failed is not None:
                    self.on_failed(session, job)
                return "failed"
            job.status = "pending"
            job.run_at = now + (delay if delay is not None else backoff(job.attempts))
            return "retry"

    def run_pending(self, limit: int = 1000) -> int:
        """Run runnable jobs until none is left (or *limit*); return how many ran."""
        ran = 0
        while ran < limit:
            job_id = self.claim()
            if job_id is None:
                break
            self.run(job_id)
            ran += 1
        return ran


class Worker(threading.Thread):
    """A background thread that keeps draining the queue until stopped."""

    def __init__(self, queue: JobQueue, poll_seconds: float, tick: Callable[[], None] | None = None) -> None:
        super().__init__(name=f"worker-{queue.worker_id}", daemon=True)
        self.queue, self.poll_seconds, self.tick = queue, poll_seconds, tick
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                if self.tick is not None:
                    self.tick()
                ran = self.queue.run_pending(limit=50)
            except Exception:  # noqa: BLE001 - the worker must survive a database hiccup.
                log.exception("worker loop error")
                ran = 0
            if ran == 0:
                self._stop_event.wait(self.poll_seconds)

    def stop(self) -> None:
        self._stop_event.set()

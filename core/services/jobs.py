"""Jobs that failed for good, and what operators do with them (GNU Mailman's shunt queue).

A job that used up its attempts stays in the ``jobs`` table with status ``failed``, its
attempts, its last error and the time it failed (``finished_at``); :class:`FailureRecorder`
writes a ``job_failed`` audit event (with the case, when the payload names one) in the same
transaction and tells operators' screens. From there an operator either

* retries it: the same row goes back to ``pending`` with attempts 0 and ``run_at`` now, so its
  dedupe key (e.g. ``execute:{case_id}``) keeps pointing at it and the work runs again; or
* discards it, with a reason: the row becomes ``discarded`` and lets go of its dedupe key.

Both are audited. The CLI (``madoguchi jobs ...``) and the dashboard call these functions;
permission checks (supervisors and admins on the dashboard) stay in the channels.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import workflow as wf
from core.audit import AuditLog
from core.cases import CaseService
from core.models import Case, Job
from core.ports import Notifier

log = logging.getLogger(__name__)

FAILED = "failed"
DISCARDED = "discarded"
#: Statuses listed by default: everything that is not finished one way or another.
OPEN_STATUSES = ("pending", "running", FAILED)
#: Longest discard reason kept in the audit log.
MAX_REASON = 2000


class JobNotFound(LookupError):
    """No job has this id."""


class JobNotFailed(ValueError):
    """The job is not (or no longer) failed: someone else retried or discarded it, or it never failed."""

    def __init__(self, job_id: int, status: str) -> None:
        super().__init__(f"job {job_id} is {status}, not failed")
        self.status = status


class ReasonRequired(ValueError):
    """Discarding a job needs a reason for the audit log."""


@dataclass(frozen=True)
class JobView:
    """One job as operators see it, with the case it works on (if any)."""

    id: int
    kind: str
    status: str
    attempts: int
    max_attempts: int
    last_error: str | None
    run_at: dt.datetime
    finished_at: dt.datetime | None
    case_id: int | None
    case_tag: str | None
    case_kind: str | None
    case_state: str | None

    @property
    def failed_at(self) -> dt.datetime | None:
        return self.finished_at if self.status == FAILED else None

    @property
    def error_summary(self) -> str:
        return error_summary(self.last_error)

    @property
    def emergency(self) -> bool:
        return self.case_kind == wf.Kind.EMERGENCY_REVOCATION.value

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "status": self.status, "attempts": self.attempts,
            "max_attempts": self.max_attempts, "last_error": self.last_error, "error": self.error_summary,
            "run_at": self.run_at.isoformat(), "failed_at": self.failed_at.isoformat() if self.failed_at else None,
            "case_id": self.case_id, "case_tag": self.case_tag, "case_kind": self.case_kind,
            "emergency": self.emergency,
        }


@dataclass(frozen=True)
class FailedCounts:
    """For the navigation: failed jobs, and how many of them hold up an emergency revocation."""

    total: int
    emergency: int


def error_summary(error: str | None) -> str:
    """The last line of a job's error (a traceback ends with the exception itself), shortened."""
    lines = [line.strip() for line in (error or "").splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def case_id_of(payload: dict[str, Any]) -> int | None:
    """The case a job works on, when its payload names one."""
    value = payload.get("case_id")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _views(session: Session, jobs: list[Job]) -> list[JobView]:
    ids = {cid for cid in (case_id_of(job.payload) for job in jobs) if cid is not None}
    cases: dict[int, tuple[str, str, str]] = {}
    if ids:
        rows = session.execute(select(Case.id, Case.tag, Case.kind, Case.state).where(Case.id.in_(ids))).all()
        cases = {row[0]: (row[1], row[2], row[3]) for row in rows}
    views = []
    for job in jobs:
        cid = case_id_of(job.payload)
        tag, kind, state = cases.get(cid, (None, None, None)) if cid is not None else (None, None, None)
        views.append(JobView(id=job.id, kind=job.kind, status=job.status, attempts=job.attempts,
                             max_attempts=job.max_attempts, last_error=job.last_error, run_at=job.run_at,
                             finished_at=job.finished_at, case_id=cid, case_tag=tag, case_kind=kind,
                             case_state=state))
    return views


def list_jobs(session: Session, statuses: tuple[str, ...] = OPEN_STATUSES, limit: int = 200) -> list[JobView]:
    """Jobs in *statuses*, newest first."""
    jobs = list(session.execute(
        select(Job).where(Job.status.in_(statuses)).order_by(Job.id.desc()).limit(limit)
    ).scalars())
    return _views(session, jobs)


def failed_jobs(session: Session, case_id: int | None = None, limit: int = 500) -> list[JobView]:
    """Failed jobs (of one case, if given): emergency revocations first, then the latest failure first."""
    query = select(Job).where(Job.status == FAILED)
    if case_id is not None:
        query = query.where(Job.payload["case_id"].as_integer() == case_id)
    jobs = list(session.execute(query.order_by(Job.finished_at.desc(), Job.id.desc()).limit(limit)).scalars())
    views = _views(session, jobs)
    return sorted(views, key=lambda v: not v.emergency)  # A stable sort keeps the time order within each group.


def failed_job_of_case(session: Session, case_id: int) -> JobView | None:
    """The failed job holding up *case_id*, if there is one."""
    found = failed_jobs(session, case_id=case_id, limit=1)
    return found[0] if found else None


def failed_by_case(session: Session) -> dict[int, JobView]:
    """Failed jobs keyed by the case they work on (for the queue rows)."""
    return {v.case_id: v for v in reversed(failed_jobs(session)) if v.case_id is not None}


def emergency_alerts(failed: dict[int, JobView]) -> list[JobView]:
    """Failed jobs that hold up an emergency revocation (the work queue shows them at the top)."""
    return [v for v in failed.values() if v.emergency]


def failed_counts(session: Session) -> FailedCounts:
    views = failed_jobs(session)
    return FailedCounts(total=len(views), emergency=sum(v.emergency for v in views))


def _locked_failed(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id, with_for_update=True)
    if job is None:
        raise JobNotFound(f"no job {job_id}")
    if job.status != FAILED:
        raise JobNotFailed(job_id, job.status)
    return job


def _detail(job: Job) -> dict[str, Any]:
    return {"job_id": job.id, "kind": job.kind, "attempts": job.attempts,
            "error": error_summary(job.last_error), "dedupe_key": job.dedupe_key}


def retry_job(session: Session, job_id: int, *, actor: str, now: dt.datetime, audit: AuditLog) -> JobView:
    """Put a failed job back in the queue: pending, attempts 0, runnable now; same row, same dedupe key."""
    job = _locked_failed(session, job_id)
    detail = _detail(job)
    job.status, job.attempts, job.run_at = "pending", 0, now
    job.locked_by = job.locked_at = job.finished_at = None
    audit.append(session, at=now, actor=actor, action="job_retried", case_id=case_id_of(job.payload), detail=detail)
    session.flush()
    return _views(session, [job])[0]


def discard_job(session: Session, job_id: int, *, actor: str, now: dt.datetime, reason: str,
                audit: AuditLog, cases: CaseService | None = None) -> JobView:
    """Give up on a failed job, with a reason kept in the audit log; its dedupe key is released.

    With *cases*, a case that was waiting for this job in EXECUTING is closed as abandoned (the
    register was not changed, so it can be reopened and approved again).
    """
    reason = reason.strip()
    if not reason:
        raise ReasonRequired("a reason is required to discard a job")
    job = _locked_failed(session, job_id)
    detail = {**_detail(job), "reason": reason[:MAX_REASON],
              "failed_at": job.finished_at.isoformat() if job.finished_at else None}
    job.status, job.finished_at, job.dedupe_key = DISCARDED, now, None
    audit.append(session, at=now, actor=actor, action="job_discarded", case_id=case_id_of(job.payload),
                 detail=detail)
    case_id = case_id_of(job.payload)
    case = session.get(Case, case_id, with_for_update=True) if case_id is not None and cases else None
    if cases is not None and case is not None and case.state == wf.State.EXECUTING.value:
        cases.apply(session, case, wf.Abandoned(0), actor=actor, detail={"note": reason[:MAX_REASON]})
    session.flush()
    return _views(session, [job])[0]


@dataclass(frozen=True)
class FailureRecorder:
    """The queue's ``on_failed`` hook: audit ``job_failed`` and tell operators, in the failing transaction."""

    audit: AuditLog
    notifier: Notifier

    def __call__(self, session: Session, job: Job) -> None:
        case_id = case_id_of(job.payload)
        at = job.finished_at
        assert at is not None
        self.audit.append(session, at=at, actor="system", action="job_failed", case_id=case_id,
                          detail={"job_id": job.id, "kind": job.kind, "attempts": job.attempts,
                                  "error": error_summary(job.last_error)})
        case = session.get(Case, case_id) if case_id is not None else None
        log.error("job %s (%s) failed after %s attempts%s: %s", job.id, job.kind, job.attempts,
                  f" for case {case.tag}" if case else "", error_summary(job.last_error))
        self.notifier.publish("job_failed", case.tag if case else None)

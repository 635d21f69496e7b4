"""The queue version: one counter that moves whenever the work queue may look different.

A transaction that adds, changes or deletes a :class:`core.models.Case`, or moves a
:class:`core.models.Job` into or out of the ``failed`` state, bumps the single row of
``queue_version`` just before it commits (so in the same transaction, and as its last lock).
The dashboard's live-update poll then reads that one row by its primary key (:func:`current`),
so the poll costs the same with a thousand or a hundred thousand cases; before, it counted and
scanned the cases table on every poll.

The listener is registered on SQLAlchemy's :class:`~sqlalchemy.orm.Session` class when this
module is imported (``core.cases`` and ``core.jobs`` import it), so every process and every
session factory that changes cases keeps the counter moving, whichever entry point it serves.
A rolled-back transaction bumps nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session, UOWTransaction

from core.models import Case, Job, QueueVersion

#: The job state the queue shows on a case's row (実行失敗); entering or leaving it changes the row.
FAILED = "failed"


def _job_failure_changed(job: Job) -> bool:
    """Whether this flush moves *job* into or out of the failed state."""
    history = inspect(job).attrs.status.history
    return any(value == FAILED for value in (*history.added, *history.deleted))


def _touches_queue(session: Session) -> bool:
    """Whether the objects about to be (or just) flushed change what the queue shows."""
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Case):
            return True
        if isinstance(obj, Job) and (obj in session.new and obj.status == FAILED or _job_failure_changed(obj)):
            return True
    return False


def _remember(session: Session, _flush_context: UOWTransaction, _instances: Any) -> None:
    # Decided before each flush, while attribute histories still show what changes.
    if _touches_queue(session):
        session.info["queue_version_bump"] = True


def _bump(session: Session) -> None:
    # Everything still pending is flushed first, so its changes are counted too.
    session.flush()
    if session.info.pop("queue_version_bump", False):
        # The row is created by migration 0007.  The update locks it as the transaction's very
        # last step, after the case rows and the audit head: always the same order, so two
        # writers can wait for each other here but never deadlock.
        session.connection().execute(
            update(QueueVersion).where(QueueVersion.id == 1).values(value=QueueVersion.value + 1))


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop("queue_version_bump", None)


event.listen(Session, "before_flush", _remember)
event.listen(Session, "before_commit", _bump)
event.listen(Session, "after_rollback", _forget)


def current(session: Session) -> int:
    """The current queue version: one row read by its primary key."""
    value = session.execute(select(QueueVersion.value).where(QueueVersion.id == 1)).scalar_one_or_none()
    return int(value or 0)

"""Read-only queries behind the dashboard pages: the work queue, its counts and fingerprint, the timeline.

The queue is read a page at a time (``limit``/``offset`` over the open cases, which the index
``ix_cases_state_deadline`` finds); the fingerprint the live-update poll compares is the
one-row queue version (:mod:`core.queueversion`), so polling does not grow with the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from core import queueversion
from core import workflow as wf
from core.models import Applicant, AuditEvent, Case, Operator
from signing.models import CaCertificate
from signing.serials import InvalidSerial, Serial

#: States shown in the queue by default: everything that still needs a human or the worker.
QUEUE_STATES = (
    wf.State.NEW.value,
    wf.State.NEEDS_TRIAGE.value,
    wf.State.AWAITING_DOCUMENTS.value,
    wf.State.AWAITING_CALLBACK.value,
    wf.State.AWAITING_APPROVAL.value,
    wf.State.EXECUTING.value,
)


@dataclass(frozen=True)
class QueueFilter:
    """What the operator asked to see; empty strings mean "any"."""

    kind: str = ""
    state: str = ""
    q: str = ""
    #: "mine": cases the operator *me* owns; "unassigned": cases nobody owns; "": everyone's.
    owner: str = ""
    me: int | None = None
    limit: int = 100
    offset: int = 0


#: The owner filters of the queue.
OWNER_FILTERS = ("mine", "unassigned")


@dataclass(frozen=True)
class QueueCounts:
    """The counts shown in the navigation: open cases nobody owns, mine, and past their deadline."""

    unassigned: int
    mine: int
    overdue: int
    total: int


def serial_query(text: str) -> Serial | None:
    """The serial an operator typed into the search box, in any written form, or None."""
    try:
        return Serial.parse(text)
    except InvalidSerial:
        return None


def queue(session: Session, f: QueueFilter) -> list[tuple[Case, Applicant | None]]:
    """Cases ordered by urgency: emergency revocations and cases marked urgent first, then the nearest
    deadline, then age.

    Two steps keep a page cheap with many open cases: the ordering and paging run over narrow
    rows (ids and sort keys, no joins unless the operator searches), then only the page's cases
    and their applicants are loaded.
    """
    query = select(Case.id)
    if f.state and f.state in {s.value for s in wf.State}:
        query = query.where(Case.state == f.state)
    else:
        query = query.where(Case.state.in_(QUEUE_STATES))
    if f.kind and f.kind in {k.value for k in wf.Kind}:
        query = query.where(Case.kind == f.kind)
    if f.owner == "mine":
        query = query.where(Case.owner_id == (f.me if f.me is not None else -1))
    elif f.owner == "unassigned":
        query = query.where(Case.owner_id.is_(None))
    q = f.q.strip()
    if q:
        query = (query.outerjoin(Applicant, Applicant.id == Case.applicant_id)
                 .outerjoin(CaCertificate, CaCertificate.id == Case.certificate_id))
        like = f"%{q}%"
        serial = serial_query(q)
        conditions = [
            Case.tag.ilike(like), Case.reply_to.ilike(like), Case.subject.ilike(like),
            Applicant.name.ilike(like), Applicant.name_kana.ilike(like), Applicant.email.ilike(like),
        ]
        if serial is not None:
            # A part of a serial finds it too: keys are the canonical digits, zero-padded.
            conditions += [CaCertificate.serial_hex.like(f"%{serial.hex}%"),
                           cast(Case.serials, String).like(f"%{serial.hex}%")]
        query = query.where(or_(*conditions))
    # Emergencies first, and with them every case marked urgent (core.urgency): faxes nobody has
    # read yet (emergency forms come by fax) and cases the classifier found possibly an emergency.
    urgency = sql_case((Case.kind == wf.Kind.EMERGENCY_REVOCATION.value, 0),
                       (Case.urgency.is_not(None), 0), else_=1)
    query = query.order_by(urgency, Case.deadline_at, Case.created_at, Case.id)
    ids = list(session.execute(query.offset(max(0, f.offset)).limit(f.limit)).scalars())
    if not ids:
        return []
    loaded = {row[0].id: (row[0], row[1]) for row in session.execute(
        select(Case, Applicant).outerjoin(Applicant, Applicant.id == Case.applicant_id).where(Case.id.in_(ids))
    ).all()}
    return [loaded[i] for i in ids if i in loaded]


def counts(session: Session, me: int, now: dt.datetime) -> QueueCounts:
    """Open cases nobody owns, owned by *me*, and overdue at *now*: one pass over the open cases."""
    one = 1
    row = session.execute(
        select(
            func.coalesce(func.sum(sql_case((Case.owner_id.is_(None), one), else_=0)), 0),
            func.coalesce(func.sum(sql_case((Case.owner_id == me, one), else_=0)), 0),
            func.coalesce(func.sum(sql_case((Case.deadline_at < now, one), else_=0)), 0),
            func.count(Case.id),
        ).where(Case.state.in_(QUEUE_STATES))
    ).one()
    return QueueCounts(unassigned=int(row[0]), mine=int(row[1]), overdue=int(row[2]), total=int(row[3]))


def fingerprint(session: Session) -> str:
    """What the live-update poll compares: the queue version, which moves whenever a case is added
    or changes, or a job fails, is retried or discarded (:mod:`core.queueversion`).  One row."""
    return f"v{queueversion.current(session)}"


def owner_names(session: Session, ids: set[int]) -> dict[int, str]:
    """Display names of the operators owning the listed cases."""
    if not ids:
        return {}
    rows = session.execute(select(Operator.id, Operator.display_name, Operator.username).where(Operator.id.in_(ids)))
    return {row[0]: row[1] or row[2] for row in rows}


def timeline(session: Session, case_id: int) -> list[AuditEvent]:
    """Everything that happened to a case, oldest first."""
    return list(session.execute(
        select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.seq)
    ).scalars())

"""Read-only queries behind the dashboard pages: the work queue, its fingerprint, the timeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from core import workflow as wf
from core.cases import FAX_UNREAD
from core.models import Applicant, AuditEvent, Case, Job
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
    limit: int = 200


def serial_query(text: str) -> Serial | None:
    """The serial an operator typed into the search box, in any written form, or None."""
    try:
        return Serial.parse(text)
    except InvalidSerial:
        return None


def queue(session: Session, f: QueueFilter) -> list[tuple[Case, Applicant | None]]:
    """Cases ordered by urgency: emergency revocations first, then the nearest deadline, then age."""
    query = (
        select(Case, Applicant)
        .outerjoin(Applicant, Applicant.id == Case.applicant_id)
        .outerjoin(CaCertificate, CaCertificate.id == Case.certificate_id)
    )
    if f.state and f.state in {s.value for s in wf.State}:
        query = query.where(Case.state == f.state)
    else:
        query = query.where(Case.state.in_(QUEUE_STATES))
    if f.kind and f.kind in {k.value for k in wf.Kind}:
        query = query.where(Case.kind == f.kind)
    q = f.q.strip()
    if q:
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
    # Emergencies first, and with them faxes nobody has read yet (emergency forms come by fax).
    urgency = sql_case((Case.kind == wf.Kind.EMERGENCY_REVOCATION.value, 0),
                       (Case.subject.startswith(FAX_UNREAD), 0), else_=1)
    query = query.order_by(urgency, Case.deadline_at, Case.created_at, Case.id).limit(f.limit)
    return [(row[0], row[1]) for row in session.execute(query).all()]


def fingerprint(session: Session) -> str:
    """A short digest that changes whenever an open case is added, changes or leaves the queue,
    or a job fails, is retried or discarded."""
    row = session.execute(
        select(func.count(Case.id), func.max(Case.updated_at), func.max(Case.id)).where(Case.state.in_(QUEUE_STATES))
    ).one()
    total = session.execute(select(func.count(Case.id), func.max(Case.updated_at))).one()
    # A job that fails for good changes what a row shows (実行失敗) without changing its case.
    failed = session.execute(select(func.count(Job.id), func.max(Job.finished_at)).where(Job.status == "failed")).one()
    material = f"{row[0]}|{row[1]}|{row[2]}|{total[0]}|{total[1]}|{failed[0]}|{failed[1]}"
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def timeline(session: Session, case_id: int) -> list[AuditEvent]:
    """Everything that happened to a case, oldest first."""
    return list(session.execute(
        select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.seq)
    ).scalars())

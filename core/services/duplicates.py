"""Open cases that may be the same request: same applicant, or the same certificate.

The case page suggests linking or merging them (one lost IC card must not become four cases).
Read-only; merging itself is :meth:`core.services.cases.CaseActions.merge`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core import workflow as wf
from core.models import Case

#: States in which a case still waits for work (a duplicate can be merged into it).
_OPEN = tuple(s.value for s in wf.BEFORE_APPROVAL | {wf.State.EXECUTING})
#: At most this many suggestions are shown.
LIMIT = 10


@dataclass(frozen=True)
class Duplicate:
    """Another open case and why it looks like the same request."""

    tag: str
    kind: str
    state: str
    same_applicant: bool
    same_certificate: bool


def open_duplicates(session: Session, case: Case) -> list[Duplicate]:
    """Other open cases of the same applicant or about the same certificate, oldest first."""
    conditions = []
    if case.applicant_id is not None:
        conditions.append(Case.applicant_id == case.applicant_id)
    if case.certificate_id is not None:
        conditions.append(Case.certificate_id == case.certificate_id)
    if not conditions:
        return []
    rows = session.execute(
        select(Case).where(or_(*conditions), Case.id != case.id, Case.state.in_(_OPEN))
        .order_by(Case.created_at, Case.id).limit(LIMIT)
    ).scalars()
    return [Duplicate(other.tag, other.kind, other.state,
                      same_applicant=case.applicant_id is not None and other.applicant_id == case.applicant_id,
                      same_certificate=case.certificate_id is not None and other.certificate_id == case.certificate_id)
            for other in rows]

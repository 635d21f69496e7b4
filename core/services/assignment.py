"""Use cases of the shift queue: an operator takes a case ("assign to me") or gives it back.

Each method runs in its own transaction, locks the case row, records an audit event
(``CaseAssigned`` / ``CaseReleased``) and returns the case tag.  Only cases that are not
finished can be taken.  Anyone may take a case (also from a colleague who is away; the audit
event names the previous owner); a case is released by its owner or by a supervisor or admin.
The same methods serve the dashboard, the JSON API and the CLI.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from core import workflow as wf
from core.audit import AuditLog
from core.models import Case, Operator
from core.ports import Clock
from core.services.actors import Actor, NotPermitted
from core.services.cases import locked_case


class CaseAssignment:
    """Taking and releasing cases; the owner is ``cases.owner_id``."""

    def __init__(self, factory: sessionmaker[Session], audit: AuditLog, clock: Clock) -> None:
        self.factory, self.audit, self.clock = factory, audit, clock

    @staticmethod
    def _locked(session: Session, tag: str) -> Case:
        return locked_case(session, tag)

    def assign_to_me(self, actor: Actor, tag: str) -> str:
        """Make *actor* the owner of the case *tag* (idempotent when they own it already)."""
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            if wf.State(case.state) in wf.TERMINAL:
                raise wf.TransitionError(wf.Rule.CASE_FINISHED, "a finished case has no owner")
            if case.owner_id == actor.operator_id:
                return case.tag
            previous = case.owner_id
            self._set_owner(session, case, actor, actor.operator_id, "CaseAssigned",
                            {"owner_id": actor.operator_id, "owner": actor.username, "previous_owner_id": previous,
                             "previous_owner": self._username(session, previous)})
            return case.tag

    def release(self, actor: Actor, tag: str) -> str:
        """Give the case *tag* back to the queue (its owner, or a supervisor or admin)."""
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            if case.owner_id is None:
                return case.tag
            if case.owner_id != actor.operator_id and not actor.can_approve:
                raise NotPermitted("only the owner, a supervisor or an admin can release a case")
            previous = case.owner_id
            self._set_owner(session, case, actor, None, "CaseReleased",
                            {"previous_owner_id": previous, "previous_owner": self._username(session, previous)})
            return case.tag

    @staticmethod
    def _username(session: Session, operator_id: int | None) -> str | None:
        if operator_id is None:
            return None
        op = session.get(Operator, operator_id)
        return op.username if op is not None else None

    def _set_owner(self, session: Session, case: Case, actor: Actor, owner_id: int | None, action: str,
                   detail: dict[str, object]) -> None:
        now = self.clock.now()
        case.owner_id = owner_id
        case.updated_at = now
        self.audit.append(session, at=now, actor=actor.username, action=action, case_id=case.id, detail=detail)

"""Who performs a use case: an operator (with their role) or the system itself."""

from __future__ import annotations

from dataclasses import dataclass

from core import workflow as wf
from core.operators import can_approve


class NotPermitted(wf.TransitionError):
    """The actor's role does not allow the action (rule ``approver-role``)."""

    def __init__(self, detail: str = "approval needs a supervisor or an admin") -> None:
        super().__init__(wf.Rule.APPROVER_ROLE, detail)


class NotFound(LookupError):
    """The case, task or applicant named by the caller does not exist."""


@dataclass(frozen=True)
class Actor:
    """The operator behind an action, as every entry point identifies them."""

    operator_id: int
    username: str
    role: str

    @property
    def can_approve(self) -> bool:
        """Supervisors and admins approve, reject and close cases that are under way."""
        return can_approve(self.role)

    def require_approver(self) -> None:
        """Raise :class:`NotPermitted` unless the actor may approve."""
        if not self.can_approve:
            raise NotPermitted()

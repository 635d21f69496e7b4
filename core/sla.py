"""Service levels of the help desk: how long each kind of request may take, and how close a case is.

The target per kind is the one :class:`core.cases.CaseService` uses for ``deadline_at`` when it
opens a case (emergency revocations 4 hours, everything else 24 hours; a case marked urgent, an
unread fax or a possible emergency, is given the emergency's 4 hours whatever its kind).  A case is *due soon*
in the last quarter of its target (the last hour of an emergency, the last six hours of the
rest) and *overdue* once its deadline has passed.  Pure functions; no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from core import workflow as wf
from core.cases import DEFAULT_TARGET, TARGET

Level = Literal["overdue", "due_soon", "ok"]
#: The share of the target left when a case counts as due soon.
DUE_SOON_SHARE = 4


def target(kind: str, urgency: str | None = None) -> dt.timedelta:
    """How long a case of *kind* (with the urgency mark *urgency*, if any) may take from its opening to its end."""
    if urgency:
        # A marked case was opened with the emergency's target (see CaseService.open_case).
        return TARGET[wf.Kind.EMERGENCY_REVOCATION]
    try:
        return TARGET.get(wf.Kind(kind), DEFAULT_TARGET)
    except ValueError:
        return DEFAULT_TARGET


def due_soon_window(kind: str, urgency: str | None = None) -> dt.timedelta:
    """How long before its deadline a case of *kind* (and *urgency*) counts as due soon."""
    return target(kind, urgency) / DUE_SOON_SHARE


@dataclass(frozen=True)
class Sla:
    """Where one case stands against its deadline."""

    level: Level
    #: Time left until the deadline; negative once it has passed.
    remaining: dt.timedelta

    @property
    def countdown(self) -> str:
        """``H:MM`` left (or overdue by), e.g. ``3:05``; days are counted in hours."""
        seconds = abs(int(self.remaining.total_seconds()))
        if self.remaining.total_seconds() < 0:
            # Overdue by part of a minute still counts as a started minute.
            seconds = abs(int(self.remaining.total_seconds() // 60 * 60))
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02d}"


def sla_of(kind: str, deadline_at: dt.datetime, now: dt.datetime, urgency: str | None = None) -> Sla:
    """The service level of a case of *kind* (and urgency mark *urgency*) with *deadline_at*, seen at *now*."""
    remaining = deadline_at - now
    if remaining <= dt.timedelta(0):
        return Sla("overdue", remaining)
    if remaining <= due_soon_window(kind, urgency):
        return Sla("due_soon", remaining)
    return Sla("ok", remaining)

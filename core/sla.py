"""Service levels of the help desk: how long each kind of request may take, and how close a case is.

The target per kind is the one :class:`core.cases.CaseService` uses for ``deadline_at`` when it
opens a case (emergency revocations 4 hours, everything else 24 hours; a case marked urgent, an
unread fax or a possible emergency, is given the emergency's 4 hours whatever its kind).  A case is
*due soon* in the last quarter of the target it was opened with (the time from its opening to its
deadline, which never changes: the last hour of an emergency or a marked case, the last six hours
of the rest, whatever the case was reclassified to since) and *overdue* once its deadline has
passed.  Pure functions; no I/O.
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


def target(kind: str) -> dt.timedelta:
    """How long a case of *kind* may take from its opening to its end."""
    try:
        return TARGET.get(wf.Kind(kind), DEFAULT_TARGET)
    except ValueError:
        return DEFAULT_TARGET


def due_soon_window(case_target: dt.timedelta) -> dt.timedelta:
    """How long before its deadline a case opened with *case_target* counts as due soon."""
    return case_target / DUE_SOON_SHARE


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


def sla_of(opened_at: dt.datetime, deadline_at: dt.datetime, now: dt.datetime) -> Sla:
    """The service level of a case opened at *opened_at* with *deadline_at*, seen at *now*."""
    remaining = deadline_at - now
    if remaining <= dt.timedelta(0):
        return Sla("overdue", remaining)
    if remaining <= due_soon_window(deadline_at - opened_at):
        return Sla("due_soon", remaining)
    return Sla("ok", remaining)

"""Calendar arithmetic for validity periods (1 year 1 month for subscriber certificates)."""

from __future__ import annotations

import calendar
import datetime as dt

LEAF_VALIDITY_MONTHS = 13


def require_aware(when: dt.datetime, name: str = "now") -> dt.datetime:
    """Return *when* in UTC, refusing naive datetimes (a naive time in a CA is a bug)."""
    if when.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware")
    return when.astimezone(dt.UTC)


def add_months(when: dt.datetime, months: int) -> dt.datetime:
    """Add calendar months, clamping the day to the target month's length.

    The months are added in one step, so 2024-01-31 + 13 months is 2025-02-28 and
    2024-02-29 + 13 months is 2025-03-29 (the day is only clamped when it must be).
    """
    index = when.month - 1 + months
    year = when.year + index // 12
    month = index % 12 + 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day)


def leaf_validity(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Return (notBefore, notAfter) of a subscriber certificate issued at *now*.

    notBefore is *now* truncated to whole seconds (DER times carry no fractions);
    notAfter is exactly one year and one month later on the calendar.
    """
    not_before = require_aware(now).replace(microsecond=0)
    return not_before, add_months(not_before, LEAF_VALIDITY_MONTHS)

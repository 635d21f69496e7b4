"""Service levels per kind: 4 hours for emergency revocations, 24 hours for the rest; due soon in
the last quarter, overdue once the deadline has passed; the countdown as hours and minutes."""

from __future__ import annotations

import datetime as dt

import pytest

from core import workflow as wf
from core.sla import due_soon_window, sla_of, target

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)


def test_targets_per_kind() -> None:
    assert target(wf.Kind.EMERGENCY_REVOCATION.value) == dt.timedelta(hours=4)
    for kind in wf.Kind:
        if kind is not wf.Kind.EMERGENCY_REVOCATION:
            assert target(kind.value) == dt.timedelta(hours=24)
    assert target("no-such-kind") == dt.timedelta(hours=24)
    assert due_soon_window(target("emergency_revocation")) == dt.timedelta(hours=1)
    assert due_soon_window(target("revocation")) == dt.timedelta(hours=6)


@pytest.mark.parametrize(("kind", "left", "level", "countdown"), [
    ("emergency_revocation", dt.timedelta(hours=4), "ok", "4:00"),
    ("emergency_revocation", dt.timedelta(hours=1, seconds=1), "ok", "1:00"),
    ("emergency_revocation", dt.timedelta(hours=1), "due_soon", "1:00"),
    ("emergency_revocation", dt.timedelta(minutes=3, seconds=59), "due_soon", "0:03"),
    ("emergency_revocation", dt.timedelta(0), "overdue", "0:00"),
    ("emergency_revocation", -dt.timedelta(seconds=20), "overdue", "0:01"),
    ("emergency_revocation", -dt.timedelta(hours=26, minutes=5), "overdue", "26:05"),
    ("revocation", dt.timedelta(hours=6, minutes=1), "ok", "6:01"),
    ("revocation", dt.timedelta(hours=5, minutes=59), "due_soon", "5:59"),
    ("cancellation", dt.timedelta(hours=24), "ok", "24:00"),
])
def test_level_and_countdown(kind: str, left: dt.timedelta, level: str, countdown: str) -> None:
    # Opened with its kind's target before the deadline.
    sla = sla_of(NOW + left - target(kind), NOW + left, NOW)
    assert sla.level == level
    assert sla.countdown == countdown
    assert sla.remaining == left


URGENT = dt.timedelta(hours=4)


@pytest.mark.parametrize(("kind", "opened_with", "left", "level"), [
    # A possible emergency or an unread fax was opened with four hours: 3:59 left is not yet due soon.
    ("faq", URGENT, dt.timedelta(hours=3, minutes=59), "ok"),
    ("other", URGENT, dt.timedelta(hours=3, minutes=59), "ok"),
    ("faq", URGENT, dt.timedelta(minutes=59), "due_soon"),
    # Without a mark the same 3:59 is the last quarter of an ordinary day's target.
    ("faq", None, dt.timedelta(hours=3, minutes=59), "due_soon"),
])
def test_a_marked_case_is_judged_by_the_emergency_target(
    kind: str, opened_with: dt.timedelta | None, left: dt.timedelta, level: str
) -> None:
    case_target = opened_with or target(kind)
    assert sla_of(NOW + left - case_target, NOW + left, NOW).level == level


def test_a_reclassified_case_keeps_the_target_it_was_opened_with() -> None:
    # Opened as an emergency (four hours), reclassified as a question: 3:59 left is still not due soon.
    assert sla_of(NOW - dt.timedelta(minutes=1), NOW + dt.timedelta(hours=3, minutes=59), NOW).level == "ok"

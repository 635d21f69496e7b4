"""The login rules that need no database: back-off growth and roles."""

from __future__ import annotations

import datetime as dt

from core.models import Operator
from core.operators import can_approve
from dashboard.auth import BASE_DELAY, FREE_FAILURES, MAX_DELAY, lockout_delay, totp_required


def test_first_failures_are_free_then_the_delay_doubles_up_to_a_cap() -> None:
    assert [lockout_delay(n) for n in range(FREE_FAILURES + 1)] == [None] * (FREE_FAILURES + 1)
    assert lockout_delay(FREE_FAILURES + 1) == BASE_DELAY
    assert lockout_delay(FREE_FAILURES + 2) == BASE_DELAY * 2
    assert lockout_delay(FREE_FAILURES + 3) == BASE_DELAY * 4
    # Never a permanent lock-out, however many failures pile up.
    assert lockout_delay(10_000) == MAX_DELAY <= dt.timedelta(minutes=15)


def test_roles() -> None:
    assert not can_approve("operator") and can_approve("supervisor") and can_approve("admin")
    operator = Operator(username="a", role="operator", password_hash="x", totp_secret=None)
    assert not totp_required(operator)
    operator.totp_secret = "JBSWY3DPEHPK3PXP"
    assert totp_required(operator)
    assert totp_required(Operator(username="b", role="supervisor", password_hash="x", totp_secret=None))

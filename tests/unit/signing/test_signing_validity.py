"""Validity arithmetic (1 year 1 month) and serial numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from signing import der
from signing.serials import Serial, random_serial
from signing.validity import add_months, leaf_validity

UTC = dt.UTC


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.datetime(2026, 1, 15, 10, 0, 0, tzinfo=UTC), dt.datetime(2027, 2, 15, 10, 0, 0, tzinfo=UTC)),
        (dt.datetime(2026, 1, 31, 10, 0, 0, tzinfo=UTC), dt.datetime(2027, 2, 28, 10, 0, 0, tzinfo=UTC)),
        (dt.datetime(2027, 1, 31, 0, 0, 0, tzinfo=UTC), dt.datetime(2028, 2, 29, 0, 0, 0, tzinfo=UTC)),
        (dt.datetime(2028, 2, 29, 0, 0, 0, tzinfo=UTC), dt.datetime(2029, 3, 29, 0, 0, 0, tzinfo=UTC)),
        (dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC), dt.datetime(2028, 1, 31, 23, 59, 59, tzinfo=UTC)),
        (dt.datetime(2026, 11, 30, 0, 0, 0, tzinfo=UTC), dt.datetime(2027, 12, 30, 0, 0, 0, tzinfo=UTC)),
        (dt.datetime(2026, 8, 31, 0, 0, 0, tzinfo=UTC), dt.datetime(2027, 9, 30, 0, 0, 0, tzinfo=UTC)),
    ],
)
def test_leaf_validity_is_one_year_one_month(start: dt.datetime, end: dt.datetime) -> None:
    assert leaf_validity(start + dt.timedelta(microseconds=500)) == (start, end)


def test_add_months_across_years() -> None:
    start = dt.datetime(2026, 5, 31, tzinfo=UTC)
    assert add_months(start, 1) == dt.datetime(2026, 6, 30, tzinfo=UTC)
    assert add_months(start, 9) == dt.datetime(2027, 2, 28, tzinfo=UTC)
    assert add_months(start, 120) == dt.datetime(2036, 5, 31, tzinfo=UTC)


def test_leaf_validity_converts_to_utc_and_refuses_naive() -> None:
    jst = dt.timezone(dt.timedelta(hours=9))
    nb, na = leaf_validity(dt.datetime(2026, 2, 1, 5, 0, tzinfo=jst))
    assert nb == dt.datetime(2026, 1, 31, 20, 0, tzinfo=UTC)
    assert na == dt.datetime(2027, 2, 28, 20, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        leaf_validity(dt.datetime(2026, 1, 1))


def test_serials_are_random_positive_and_short() -> None:
    serials = [random_serial() for _ in range(2000)]
    assert len(set(serials)) == len(serials)
    assert all(0 < s < 2**128 for s in serials)
    assert max(len(der.integer(s)) - 2 for s in serials) <= 17
    # With 2000 draws the top bit is set about half the time: both DER sizes occur.
    assert any(s >= 2**127 for s in serials) and any(s < 2**127 for s in serials)
    assert Serial(255).key == "0" * 38 + "ff"
    with pytest.raises(ValueError):
        Serial(0)

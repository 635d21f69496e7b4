"""Scratch database URLs (dbkit.scratch): the database part is replaced, whatever the URL's form."""

from __future__ import annotations

import pytest
from sqlalchemy import make_url

from dbkit.scratch import scratch_url


@pytest.mark.parametrize(
    ("admin", "expected"),
    [
        ("postgresql+psycopg://postgres@127.0.0.1:5432/test", "postgresql+psycopg://postgres@127.0.0.1:5432/t1"),
        (
            "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql",
            "postgresql+psycopg://postgres@/t1?host=%2Fvar%2Frun%2Fpostgresql",
        ),
        ("postgresql+psycopg://u:s%40cret@db.example:6543/adm", "postgresql+psycopg://u:s%40cret@db.example:6543/t1"),
    ],
)
def test_the_database_is_replaced_and_the_rest_kept(admin: str, expected: str) -> None:
    url = scratch_url(admin, "t1")
    assert url == expected
    assert make_url(url).query == make_url(admin).query
    assert make_url(url).password == make_url(admin).password


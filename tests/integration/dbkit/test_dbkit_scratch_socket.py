"""A scratch database made through PostgreSQL's Unix socket (dbkit.scratch), on the local server."""

from __future__ import annotations

import glob

from sqlalchemy import create_engine, make_url, text

from dbkit.scratch import scratch_postgres_database
from tests.conftest import ensure_postgres


def test_a_socket_url_makes_a_usable_scratch_database() -> None:
    # The local PostgreSQL listens on its Unix socket (Debian: /var/run/postgresql) besides 127.0.0.1.
    ensure_postgres()
    assert glob.glob("/var/run/postgresql/.s.PGSQL.*"), "the local PostgreSQL has no socket"
    admin = "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql"
    with scratch_postgres_database(admin, "madoguchi_sock") as url:
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_database()")).scalar() == make_url(url).database
        engine.dispose()

"""Scratch PostgreSQL databases: created empty under a unique name, dropped afterwards.

Tests and benchmarks each need a brand-new database they can fill and throw away.  The one
helper here creates it through an administrative connection (``CREATE DATABASE`` cannot run
inside a transaction, hence AUTOCOMMIT), yields its URL, and on the way out ends any session
still connected to it before dropping it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text


def scratch_url(admin_url: str, name: str) -> str:
    """*admin_url* with its database replaced by *name*; the query (``?host=/var/run/postgresql``) is kept.

    The URL is parsed rather than cut at its last "/", which in a socket URL is inside the query.
    """
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def scratch_postgres_database(admin_url: str, prefix: str = "madoguchi_scratch") -> Iterator[str]:
    """Create an empty database beside *admin_url*'s, yield its URL, and drop it afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield scratch_url(admin_url, name)
        finally:
            with admin.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                             {"n": name})
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        admin.dispose()

"""Shared fixtures: real databases (SQLite and PostgreSQL) created fresh for each test run."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_ADMIN_URL = os.environ.get("MADOGUCHI_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parent.parent


def ensure_postgres() -> None:
    """Start the local PostgreSQL cluster if it is down; fail loudly if it cannot start."""
    probe = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True)
    if probe.returncode == 0:
        return
    versions = os.listdir("/etc/postgresql")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", "start"], check=True
    )


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """Create a brand-new PostgreSQL database, yield its URL, and drop it afterwards."""
    ensure_postgres()
    name = f"madoguchi_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: one SQLite file, or one new PostgreSQL schema-less database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'madoguchi.sqlite3'}"
        return
    with fresh_postgres_database() as url:
        yield url

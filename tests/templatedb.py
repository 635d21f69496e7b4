"""Migrated test databases copied from a template instead of running every Alembic migration again.

Running the migrations costs about a second of wall time per test on PostgreSQL and half a second
on SQLite, and the integration suite builds a fresh database for almost every test.  The result
is always the same schema, so each pytest process migrates one template per backend once (a
SQLite file, a PostgreSQL database) and copies it into each test's fresh database: the SQLite
backup API for a file, ``CREATE DATABASE ... TEMPLATE`` for PostgreSQL.  The copy holds exactly
what the migrations produce (``alembic_version`` included); each test still gets its own
database, so nothing is shared between tests.

:func:`migrate_fresh` is a drop-in for ``core.migrate.upgrade(url)`` in fixtures: a database
that is not empty (a test that restarts on its own data, or a template that cannot be used)
is simply upgraded as before.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import tempfile
import threading
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from core.migrate import upgrade

PG_ADMIN_URL = os.environ.get("MADOGUCHI_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

_lock = threading.Lock()
_sqlite_template: Path | None = None
_pg_template: str | None = None


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database."""
    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None


def _sqlite_template_file() -> Path:
    """This process's migrated SQLite template (made on first use, removed at exit)."""
    global _sqlite_template
    if _sqlite_template is None:
        directory = Path(tempfile.mkdtemp(prefix="madoguchi-template-"))
        path = directory / "template.sqlite3"
        upgrade(f"sqlite:///{path}")
        atexit.register(_remove_sqlite_template, directory, path)
        _sqlite_template = path
    return _sqlite_template


def _remove_sqlite_template(directory: Path, path: Path) -> None:
    for leftover in directory.iterdir():
        leftover.unlink()
    directory.rmdir()


def _copy_sqlite_template(target: Path) -> None:
    """Copy the template into *target* page by page (consistent whatever journal mode it uses)."""
    source = sqlite3.connect(_sqlite_template_file())
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()


def _pg_admin_url(url: str) -> str:
    """The administrative database beside *url* (the one scratch databases are created from)."""
    return make_url(url).set(database=make_url(PG_ADMIN_URL).database).render_as_string(hide_password=False)


def _pg_template_name(url: str) -> str:
    """This process's migrated PostgreSQL template database (made on first use, dropped at exit)."""
    global _pg_template
    if _pg_template is None:
        name = f"madoguchi_tpl_{uuid.uuid4().hex[:10]}"
        admin = create_engine(_pg_admin_url(url), isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        template_url = make_url(url).set(database=name).render_as_string(hide_password=False)
        atexit.register(_drop_pg_template, _pg_admin_url(url), name)
        upgrade(template_url)
        _pg_template = name
    return _pg_template


def _drop_pg_template(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                         {"n": name})
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    except DBAPIError:
        pass  # The server is gone already; nothing to clean.
    finally:
        admin.dispose()


def _pg_is_empty(url: str) -> bool:
    """True when the database at *url* has no relation of its own (a freshly created database)."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            count = conn.execute(text(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
            )).scalar_one()
    finally:
        engine.dispose()
    return int(count) == 0


def _recreate_pg_from_template(url: str) -> bool:
    """Replace the empty database at *url* with a copy of the template; False when it cannot."""
    name = make_url(url).database
    if not name or not _pg_is_empty(url):
        return False
    template = _pg_template_name(url)
    admin = create_engine(_pg_admin_url(url), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            try:
                # Fails (and drops nothing) when anyone is connected to it: then migrate in place.
                conn.execute(text(f'DROP DATABASE "{name}"'))
            except DBAPIError:
                return False
            try:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            except DBAPIError:
                # The template could not be copied: give the test its empty database back.
                conn.execute(text(f'CREATE DATABASE "{name}"'))
                return False
    finally:
        admin.dispose()
    return True


def migrate_fresh(url: str) -> None:
    """Bring the database at *url* to the latest schema, by copying the template when it is empty."""
    with _lock:
        backend = make_url(url).get_backend_name()
        if backend == "sqlite":
            path = _sqlite_path(url)
            if path is not None and (not path.exists() or path.stat().st_size == 0):
                path.parent.mkdir(parents=True, exist_ok=True)
                _copy_sqlite_template(path)
                return
        elif backend == "postgresql" and _recreate_pg_from_template(url):
            return
    upgrade(url)

"""Database plumbing: the declarative base, engine creation and sessions.

SQLite (in WAL mode) is the embedded default; PostgreSQL is used when the URL says so.
Every package that persists something declares its tables on :class:`Base` so that one
Alembic history covers the whole schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC that always comes back timezone-aware.

    SQLite has no time zone support, so naive values read back are declared UTC here.
    Naive values written are refused, because a naive time in a CA is a bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base shared by all Madoguchi tables."""

    metadata = MetaData(naming_convention=NAMING)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets the dashboard read while the worker writes; a busy timeout turns
    # short lock contention into waiting instead of errors.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for *url*, with the SQLite pragmas applied when relevant."""
    if url.startswith("sqlite"):
        # SQLite has one writer at a time. Writers queue for the single pooled connection
        # (a fair wait in the pool) instead of spinning in SQLite's busy handler; readers
        # use their own engine (make_read_sessionmaker).
        kwargs.setdefault("pool_size", 1)
        kwargs.setdefault("max_overflow", 0)
        kwargs.setdefault("pool_timeout", 120)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)

        # pysqlite's own transaction handling defers BEGIN; we issue BEGIN IMMEDIATE
        # ourselves so that two writers serialise at the start instead of failing late.
        @event.listens_for(engine, "connect")
        def _no_autobegin(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn: Any) -> None:
            # Read-only sessions (see make_read_sessionmaker) begin deferred, so that
            # they never hold the single write lock while a request is being served.
            deferred = conn.get_execution_options().get("madoguchi_read_only", False)
            conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory used by services."""
    return sessionmaker(engine, expire_on_commit=False)


def make_read_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Return a session factory for reads only.

    On SQLite it has its own small pool and begins deferred transactions, so readers never
    wait for, or hold, the single write connection.
    """
    if engine.dialect.name == "sqlite":
        reader = make_engine(str(engine.url), pool_size=4, max_overflow=4)
        return sessionmaker(reader.execution_options(madoguchi_read_only=True), expire_on_commit=False)
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Run a unit of work: commit on success, roll back on any exception."""
    with factory() as session, session.begin():
        yield session

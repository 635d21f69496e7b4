"""Alembic environment: migrations run online against the configured URL."""

from __future__ import annotations

from alembic import context

from core.schema import metadata
from dbkit.db import make_engine

config = context.config
target_metadata = metadata()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or ""
    sqlite = url.startswith("sqlite")
    engine = make_engine(url)
    with engine.connect() as connection:
        if sqlite:
            # Batch migrations rebuild tables (copy, drop, rename); with foreign keys enforced,
            # dropping a table that others reference fails.  SQLite's documented procedure:
            # switch enforcement off outside the transaction, check every key before commit.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=sqlite, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:10]}")
    engine.dispose()


run_migrations_online()

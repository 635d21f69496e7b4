"""Alembic environment: migrations run online against the configured URL."""

from __future__ import annotations

from alembic import context

from core.schema import metadata
from dbkit.db import make_engine

config = context.config
target_metadata = metadata()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or ""
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=url.startswith("sqlite"), compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()

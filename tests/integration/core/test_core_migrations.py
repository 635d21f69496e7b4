"""Alembic migrations create exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from core.migrate import alembic_config, upgrade


def test_migrations_match_models_and_seed_singletons(database_url: str) -> None:
    upgrade(database_url)
    # `alembic check` fails when autogenerate would find any difference from the models.
    command.check(alembic_config(database_url))
    engine = create_engine(database_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM case_counter WHERE id = 1")).scalar_one() == 0
        assert conn.execute(text("SELECT seq FROM audit_head WHERE id = 1")).scalar_one() == 0
    engine.dispose()
    # Upgrading again is a no-op.
    upgrade(database_url)

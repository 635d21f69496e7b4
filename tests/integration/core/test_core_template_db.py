"""The migrated template the fixtures copy is exactly what the migrations make, and never reused by two tests."""

from __future__ import annotations

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from core.migrate import alembic_config, upgrade
from tests.templatedb import migrate_fresh


def revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def test_a_copy_of_the_template_is_the_migrated_schema(database_url: str) -> None:
    migrate_fresh(database_url)
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    assert revision(database_url) == head
    # `alembic check` fails when autogenerate would find any difference from the models.
    command.check(alembic_config(database_url))
    engine = create_engine(database_url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT value FROM case_counter WHERE id = 1")).scalar_one() == 0
        assert conn.execute(text("SELECT seq FROM audit_head WHERE id = 1")).scalar_one() == 0
        # Write to this copy; the next test's copy must not see it (checked by the test below too).
        conn.execute(text("UPDATE case_counter SET value = 41 WHERE id = 1"))
    engine.dispose()


def test_each_copy_starts_from_the_untouched_template(database_url: str) -> None:
    migrate_fresh(database_url)
    engine = create_engine(database_url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT value FROM case_counter WHERE id = 1")).scalar_one() == 0
        conn.execute(text("UPDATE case_counter SET value = 42 WHERE id = 1"))
    engine.dispose()


def test_a_database_that_is_not_empty_is_upgraded_in_place(database_url: str) -> None:
    upgrade(database_url, "0002")
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE kept_by_the_test (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    migrate_fresh(database_url)
    assert revision(database_url) == ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    engine = create_engine(database_url)
    with engine.connect() as conn:
        # Not replaced by a copy of the template: the table made before is still there.
        assert conn.execute(text("SELECT count(*) FROM kept_by_the_test")).scalar_one() == 0
    engine.dispose()

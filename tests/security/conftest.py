"""Fixtures for the security regression tests: real containers on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "integration" / "dashboard"))

from dashboard_support import Staff, add_staff, make_container  # noqa: E402

from core.container import Container  # noqa: E402


@pytest.fixture
def container(tmp_path: Path, database_url: str) -> Iterator[Container]:
    c = make_container(tmp_path / "data", database_url)
    yield c
    c.dispose()


@pytest.fixture
def staff(container: Container) -> Staff:
    return add_staff(container)

"""Fixtures for the dashboard integration tests (SQLite and PostgreSQL)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))

from dashboard_support import Staff, add_staff, make_app, make_container  # noqa: E402

from core.container import Container  # noqa: E402


@pytest.fixture
def container(tmp_path: Path, database_url: str) -> Iterator[Container]:
    c = make_container(tmp_path / "data", database_url)
    yield c
    c.dispose()


@pytest.fixture
def staff(container: Container) -> Staff:
    return add_staff(container)


@pytest.fixture
def client(container: Container, staff: Staff) -> Iterator[TestClient]:
    with TestClient(make_app(container), base_url="http://testserver") as client:
        yield client


@pytest.fixture
def second_client(container: Container, staff: Staff) -> Iterator[TestClient]:
    """A second browser, for the second operator of the four-eyes rule."""
    with TestClient(make_app(container), base_url="http://testserver") as client:
        yield client

"""Fixtures for the online application tests: a real container on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT / "integration" / "dashboard"))

from dashboard_support import make_container  # noqa: E402

from core.container import Container  # noqa: E402


@pytest.fixture
def container(tmp_path: Path, database_url: str) -> Iterator[Container]:
    c = make_container(tmp_path / "data", database_url)
    c.ca.init("Online Test CA", c.clock.now())
    yield c
    c.dispose()

"""Fixtures for the dashboard browser tests: the real app under uvicorn, a worker, headless Chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "integration" / "dashboard"))

from dashboard_support import LiveApp, add_staff, make_container  # noqa: E402

from core.ports import SystemClock  # noqa: E402
from madoguchi.asgi import build_asgi  # noqa: E402
from tests.conftest import serve_app  # noqa: E402

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def live_app(tmp_path: Path) -> Iterator[LiveApp]:
    c = make_container(tmp_path / "data", f"sqlite:///{tmp_path / 'e2e.sqlite3'}", clock=SystemClock())
    c.ca.init("Madoguchi E2E CA", c.clock.now())
    staff = add_staff(c)
    worker = c.worker("e2e-worker")
    worker.start()
    try:
        with serve_app(build_asgi(c)) as url:
            yield LiveApp(url, c, staff)
    finally:
        worker.stop()
        worker.join(timeout=10)
        c.dispose()


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def shots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

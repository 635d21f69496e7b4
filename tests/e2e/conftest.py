"""Fixtures for the dashboard browser tests: the real app under uvicorn, a worker, headless Chromium."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the browser tests of one module (launching it costs about a second).

    Scoped to the module, so the Playwright event loop is gone before any later test module's
    asyncio tests run: ``tests/e2e`` has no ``__init__.py``, so a "package" scope here would
    last the whole session and the loop Playwright keeps running would break every
    pytest-asyncio test after it ("Runner.run() cannot be called from a running event loop").
    Tests never share a page or cookies: see :func:`browser`.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """The shared Chromium, on which each test opens its own contexts (own cookies, storage, cache).

    The contexts a test opened are closed after it, so the next test starts with none, as it did
    with a browser of its own.
    """
    assert not chromium.contexts, "a browser context outlived the test that opened it"
    try:
        yield chromium
    finally:
        for context in list(chromium.contexts):
            context.close()


@pytest.fixture
def shots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

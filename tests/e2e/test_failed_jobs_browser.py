"""Failed jobs in real headless Chromium: an emergency revocation whose signer could not reach the
HSM is an alert on the queue and a row on the failed-jobs page; an admin clicks Retry once the
HSM is back, and the worker revokes. Screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
import pytest
from dashboard_support import Staff, add_staff, make_container
from failed_jobs_support import HSM_ERROR, UnreachableHsmSigner, approved_emergency, run_until_failed, with_signer

from core.container import Container
from core.ports import FixedClock
from madoguchi.asgi import build_asgi
from tests.conftest import serve_app
from tests.e2e.test_dashboard_browser import log_in

# A fixed clock lets the test jump past the retry backoff; the worker then runs at that time.
START = dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.UTC)


@dataclass
class FailedApp:
    url: str
    c: Container
    staff: Staff
    hsm: UnreachableHsmSigner
    tag: str
    job_id: int


@pytest.fixture
def failed_app(tmp_path: Path) -> Iterator[FailedApp]:
    base = make_container(tmp_path / "data", f"sqlite:///{tmp_path / 'e2e.sqlite3'}", clock=FixedClock(START))
    base.ca.init("Madoguchi E2E CA", base.clock.now())
    staff = add_staff(base)
    hsm = UnreachableHsmSigner(base.signer)
    c = with_signer(base, hsm)
    tag, _serial = approved_emergency(c, staff)
    job_id = run_until_failed(c, tag)  # Before the worker starts: the test moves the clock itself.
    worker = c.worker("e2e-worker")
    worker.start()
    try:
        with serve_app(build_asgi(c)) as url:
            yield FailedApp(url, c, staff, hsm, tag, job_id)
    finally:
        worker.stop()
        worker.join(timeout=10)
        base.dispose()


def test_failed_job_alert_and_retry_in_the_browser(failed_app: FailedApp, browser: Any, shots: Path) -> None:
    app = failed_app
    dave = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 900}).new_page()
    log_in(dave, app.url, app.staff.dave, pyotp.TOTP(app.staff.dave_secret).at(app.c.clock.now()))
    dave.wait_for_selector("#job-alerts .alert")
    assert app.tag in dave.inner_text("#job-alerts") and HSM_ERROR in dave.inner_text("#job-alerts")
    assert dave.inner_text("#nav-alerts") == "1" and dave.text_content("#nav-failed-count") == "1"
    # The failed jobs sit in the navigation's menu; its closed summary still shows the count.
    assert dave.inner_text("#nav-admin-count") == "1" and not dave.is_visible("#nav-failed-jobs")
    assert "実行失敗" in dave.inner_text(f"tr[data-tag='{app.tag}']")
    dave.screenshot(path=str(shots / "14-queue-failed-alert.png"), full_page=True)

    dave.click("#nav-admin summary")
    dave.click("#nav-failed-jobs")
    dave.wait_for_selector(f"tr[data-job='{app.job_id}']")
    row = dave.inner_text(f"tr[data-job='{app.job_id}']")
    assert app.tag in row and "8 / 8" in row and HSM_ERROR in row
    dave.screenshot(path=str(shots / "15-failed-jobs.png"), full_page=True)

    dave.goto(f"{app.url}/dashboard/cases/{app.tag}")
    assert dave.inner_text("#case-state") == "実行失敗"
    dave.screenshot(path=str(shots / "16-case-execution-failed.png"), full_page=True)

    app.hsm.broken = False  # The HSM is reachable again.
    dave.goto(f"{app.url}/dashboard/jobs/failed")
    dave.click(f"#retry-{app.job_id}")
    dave.wait_for_selector("p.flash")
    assert "再実行キューに戻しました" in dave.inner_text("p.flash")
    assert "失敗したジョブはありません" in dave.inner_text("#failed-jobs")
    # The worker picks the job up; the case page reloads itself until the CRL number is there.
    dave.goto(f"{app.url}/dashboard/cases/{app.tag}")
    dave.wait_for_selector("#crl-number", timeout=30_000)
    assert dave.inner_text("#case-state") == "失効済み"
    assert dave.query_selector("#nav-failed-count") is None and dave.query_selector("#nav-admin-count") is None
    dave.screenshot(path=str(shots / "17-retried-revoked.png"), full_page=True)

"""The CA's records in real headless Chromium: a CSV imported over the API, an operator finds the
applicant, opens the application and records the three steps; the page then says the application
can no longer be cancelled and a cancellation request is refused with the rule id.
Screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import httpx
from dashboard_support import LiveApp, api_token
from sqlalchemy import select

from core import workflow as wf
from core.models import Application, AuditEvent, Case
from core.services.actors import Actor
from core.services.cases import ManualRequest
from core.steps import Step
from tests.e2e.test_dashboard_browser import log_in

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "applications" / "example.csv"


def test_steps_recorded_in_the_browser_close_the_cancellation_window(live_app: LiveApp, browser: Any,
                                                                     shots: Path) -> None:
    app = live_app
    token = api_token(app.c, "records-chief", "supervisor")
    imported = httpx.post(f"{app.url}/api/applications/import", content=EXAMPLE.read_bytes(),
                          headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}, timeout=30)
    assert imported.status_code == 200 and imported.json()["imported"], imported.text

    page = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 900}).new_page()
    log_in(page, app.url, app.staff.alice)
    page.click("#nav-applicants")
    page.fill("#applicant-q", "サトウ")
    page.click("#applicant-search")
    page.wait_for_selector("#applicants >> text=佐藤 花子")
    page.click("#applicants >> text=佐藤 花子")
    page.wait_for_selector("#applications")
    assert "A-2026-0002" in page.inner_text("#applications")
    assert "発行済みの証明書はありません" in page.inner_text("#certificates")
    page.screenshot(path=str(shots / "20-applicant.png"), full_page=True)
    page.click("#applications >> text=A-2026-0002")
    page.wait_for_selector("#steps")
    assert "取り消せます" in page.inner_text("#cancellable")

    today = dt.datetime.now(dt.UTC).date()
    for step in (Step.INQUIRY_RETURNED, Step.FEE_PAID, Step.ONLINE_APPLIED):
        row = f"#step-{step.value}"
        page.fill(f"{row} input[name=on]", today.isoformat())
        page.check(f"{row} input[name=confirm]")
        page.click(f"{row} button[type=submit]")
        page.wait_for_selector(".flash")
        assert "手続きを記録しました" in page.inner_text(".flash")
        assert page.inner_text(f"{row} .done-on") == today.isoformat()
    assert "もう取り消せません" in page.inner_text("#cancellable")
    page.screenshot(path=str(shots / "21-application-steps.png"), full_page=True)

    with app.c.factory() as s:
        application = s.scalars(select(Application).where(Application.reference == "A-2026-0002")).one()
        assert application.steps_complete
        recorded = s.scalars(select(AuditEvent).where(AuditEvent.action == "application_step_recorded",
                                                      AuditEvent.actor == app.staff.alice)).all()
        assert sorted(e.detail["step"] for e in recorded) == ["fee_paid", "inquiry_returned", "online_applied"]
        assert s.scalar(select(Case.id).limit(1)) is None  # No case yet: the request below opens the first.
    tag = app.c.actions.manual_intake(Actor(1, app.staff.alice, "operator"), ManualRequest(
        kind=wf.Kind.CANCELLATION, channel="phone", applicant_email="hanako.sato@example.co.jp",
        summary="申込を取り消したい"))
    page.goto(f"{app.url}/dashboard/cases/{tag}")
    assert page.inner_text("#case-state") == "受付不可"
    page.screenshot(path=str(shots / "22-cancellation-refused.png"), full_page=True)
    with app.c.factory() as s:
        case = s.scalars(select(Case).where(Case.tag == tag)).one()
        assert case.state == wf.State.REFUSED.value
        opened = s.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id,
                                                    AuditEvent.action == "Opened")).one()
        assert opened.detail["rule"] == wf.Rule.CANCELLATION_WINDOW.value

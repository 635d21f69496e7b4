"""An emergency worded like an out-of-office note, as an operator sees it in headless Chromium.

A holder abroad starts her mail with the words auto-replies use ("Out of office", "I am currently out of the
office…") and reports her stolen laptop.  The detector reads the wording as an auto-reply; no header says so, and
the mail reports a key at risk, so it opens a case.  The queue shows it marked as a possible emergency, and the case
page says why, in the operator's language, with no automatic reply sent.

Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dashboard_support import LiveApp, add_holder
from sqlalchemy import select

from core.models import Case, OutboundMail
from tests.e2e.test_conversation_browser import deliver
from tests.e2e.test_dashboard_browser import log_in

BODY = (
    "I am currently out of the office on a business trip and will be back on 14 December.\n"
    "My laptop was stolen at the airport this morning. It holds my e-signature certificate and its key.\n"
    "Please revoke the certificate at once.\n"
)


def test_an_emergency_worded_like_an_auto_reply_reaches_the_queue(live_app: LiveApp, browser: Any,
                                                                   shots: Path) -> None:
    url, c, staff = live_app.url, live_app.c, live_app.staff
    add_holder(c)
    tag = deliver(live_app, BODY, subject="Out of office - laptop stolen")
    with c.factory() as session:
        case = session.execute(select(Case).where(Case.tag == tag)).scalar_one()
        assert case.kind == "emergency_revocation" and case.urgency == "possible_emergency"
        # Still possibly an auto-reply: nothing was answered automatically.
        assert session.execute(select(OutboundMail).where(OutboundMail.case_id == case.id)).scalars().all() == []

    page = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, url, staff.alice)
    page.goto(f"{url}/dashboard/")
    row = page.locator(f"tr:has-text('{tag}')")
    assert "緊急の可能性" in row.first.inner_text()
    page.screenshot(path=str(shots / "automated-emergency-01-queue.png"), full_page=True)
    page.goto(f"{url}/dashboard/cases/{tag}")
    text = page.inner_text("main")
    assert "文面は自動応答のようだが、鍵の危険を知らせている" in text
    assert "自動返信は送っていません" in text
    page.screenshot(path=str(shots / "automated-emergency-02-case.png"), full_page=True)

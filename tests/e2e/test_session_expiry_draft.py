"""An ended session loses nothing an operator typed: the callback note survives logging in again.

The operator types the note of a phone call, the session ends (deleted on the server, as an idle
timeout or an administrator would), and the form is sent.  The dashboard asks for a login with
"session expired", brings the operator back to the same callback page, and the note is there
again with a notice; sending it then records the callback, and the draft is forgotten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dashboard_support import PASSWORD, LiveApp, add_holder, open_case
from sqlalchemy import delete, select

from core import workflow as wf
from core.models import CallbackTask, Operator
from core.sessions import WebSession
from tests.e2e.test_dashboard_browser import log_in

NOTE = "ご本人と通話。生年月日・住所を確認、ICカード紛失による緊急失効を依頼された。"


def test_callback_note_survives_an_ended_session(live_app: LiveApp, browser: Any, shots: Path) -> None:
    url, c, staff = live_app.url, live_app.c, live_app.staff
    add_holder(c)
    tag = open_case(c, wf.Kind.EMERGENCY_REVOCATION)

    page = browser.new_context(locale="ja-JP", viewport={"width": 1300, "height": 1000}).new_page()
    log_in(page, url, staff.alice)
    page.goto(f"{url}/dashboard/cases/{tag}")
    page.click("#go-callback")
    callback_url = page.url
    page.check("input[value=reached_confirmed]")
    page.fill("textarea[name=notes]", NOTE)

    # The session ends on the server while the operator is still on the page.
    with c.factory() as session, session.begin():
        alice_id = session.scalar(select(Operator.id).where(Operator.username == staff.alice))
        session.execute(delete(WebSession).where(WebSession.operator_id == alice_id))

    page.click("#record-callback")
    page.wait_for_selector("#login-form")
    assert "セッションの有効期限が切れました" in page.inner_text("main")
    log_in_again = page.locator("#login-form input[name=next]")
    assert log_in_again.get_attribute("value") == callback_url.removeprefix(url)

    page.fill("input[name=username]", staff.alice)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("textarea[name=notes]")
    assert page.url == callback_url
    assert page.input_value("textarea[name=notes]") == NOTE
    assert "復元しました" in page.inner_text(".draft-restored")
    page.screenshot(path=str(shots / "15-draft-restored.png"), full_page=True)

    # Nothing was recorded while the session was gone: the POST was refused, not replayed.
    with c.factory() as session:
        task = session.scalar(select(CallbackTask).limit(1))
        assert task is not None and task.recorded_at is None

    page.check("input[value=reached_confirmed]")
    page.click("#record-callback")
    page.wait_for_selector("#case-state")
    assert "承認待ち" in page.inner_text("#case-state")
    with c.factory() as session:
        task = session.scalar(select(CallbackTask).limit(1))
        assert task is not None and task.notes == NOTE
    # The draft is gone once the server took the form.
    left = page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('madoguchi-draft'))")
    assert left == []

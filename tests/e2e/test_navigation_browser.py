"""The navigation bar in headless Chromium: one line on a 1366-pixel laptop screen, in Japanese and
English, for an operator, a supervisor and an admin; the "records & settings" menu opens, leads to
its pages and closes with Escape or a click elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyotp
from dashboard_support import LiveApp

from tests.e2e.test_dashboard_browser import log_in


def one_line(page: Any) -> bool:
    """True when every top-level entry of the navigation sits on the first row."""
    tops = page.evaluate("() => [...document.querySelectorAll('header.top nav > *')]"
                         ".map(e => Math.round(e.getBoundingClientRect().top))")
    return max(tops) - min(tops) <= 4


def test_navigation_fits_one_line_and_its_menu_works(live_app: LiveApp, browser: Any, shots: Path) -> None:
    url, staff = live_app.url, live_app.staff
    people = [(staff.alice, ""), (staff.bob, staff.bob_secret), (staff.dave, staff.dave_secret)]
    for username, secret in people:
        page = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 768}).new_page()
        log_in(page, url, username, pyotp.TOTP(secret).now() if secret else "")
        assert page.is_visible("#nav-admin summary")
        for language in ("ja", "en"):
            assert one_line(page), f"{username} ({language}): the navigation wraps at 1366 px"
            header = page.evaluate("() => document.querySelector('header.top').getBoundingClientRect().height")
            assert header < 60, f"{username} ({language}): header is {header}px high"
            if language == "ja":
                page.click("#lang-switch")
                page.wait_for_load_state()
        page.screenshot(path=str(shots / f"nav-{username}-en.png"))

    # The menu: closed at first, opened by a click, closed by Escape and by a click elsewhere.
    admin = page  # Dave, the admin, now in English.
    assert not admin.is_visible("#nav-mail-templates")
    admin.click("#nav-admin summary")
    assert admin.is_visible("#nav-mail-templates") and admin.is_visible("#nav-failed-jobs")
    admin.keyboard.press("Escape")
    assert not admin.is_visible("#nav-mail-templates")
    admin.click("#nav-admin summary")
    admin.click("h1")
    assert not admin.is_visible("#nav-mail-templates")
    admin.click("#nav-admin summary")
    admin.screenshot(path=str(shots / "nav-menu-open.png"))
    admin.click("text=Audit log")
    admin.wait_for_url("**/dashboard/audit")
    # An operator's menu has no admin or supervisor entries.
    alice = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 768}).new_page()
    log_in(alice, url, staff.alice)
    alice.click("#nav-admin summary")
    assert alice.query_selector("#nav-mail-templates") is None and alice.query_selector("#nav-failed-jobs") is None
    assert alice.is_visible("text=監査ログ")

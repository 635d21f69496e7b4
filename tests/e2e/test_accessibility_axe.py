"""axe-core scans of the pages an operator works on: login, queue, case, callback (Japanese and English).

The issue's bar: no serious or critical violation.  Screenshots of each scanned page are kept
as test artefacts so a reviewer sees what was scanned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyotp
from dashboard_support import LiveApp, add_holder, open_case

from core import workflow as wf
from tests.e2e.axe import describe, serious_violations
from tests.e2e.test_dashboard_browser import log_in


def test_operator_pages_have_no_serious_accessibility_violations(
        live_app: LiveApp, browser: Any, shots: Path) -> None:
    url, c, staff = live_app.url, live_app.c, live_app.staff
    add_holder(c)
    tag = open_case(c, wf.Kind.EMERGENCY_REVOCATION)
    open_case(c, wf.Kind.OTHER, reply_to="someone@example.com", subject="証明書の再発行について")

    # bypass_csp: the page forbids inline scripts (rightly); axe is injected by the test only.
    page = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 1000}, bypass_csp=True).new_page()
    found: dict[str, list[dict[str, Any]]] = {}

    def scan(name: str) -> None:
        page.screenshot(path=str(shots / f"axe-{name}.png"), full_page=True)
        found[name] = serious_violations(page)

    page.goto(f"{url}/dashboard/login")
    scan("login")
    log_in(page, url, staff.bob, pyotp.TOTP(staff.bob_secret).now())
    page.goto(f"{url}/dashboard/")
    page.wait_for_selector(f"tr[data-tag='{tag}']")
    scan("queue")
    page.goto(f"{url}/dashboard/cases/{tag}")
    scan("case")
    page.click("#go-callback")
    page.wait_for_selector("textarea[name=notes]")
    scan("callback")
    page.click("#lang-switch")
    page.wait_for_load_state()
    scan("callback-en")
    page.goto(f"{url}/dashboard/")
    scan("queue-en")

    bad = {name: v for name, v in found.items() if v}
    assert not bad, "\n".join(f"[{name}]\n{describe(v)}" for name, v in bad.items())


def test_the_scan_finds_what_it_is_meant_to_find(browser: Any) -> None:
    # The scanner itself is checked: a page with an unlabelled field and a button without a name
    # must be reported, or a clean result above would mean nothing.
    page = browser.new_context().new_page()
    page.set_content("<html lang='ja'><head><title>x</title></head><body><main>"
                     "<input type='text'><button></button></main></body></html>")
    ids = {v["id"] for v in serious_violations(page)}
    assert {"label", "button-name"} <= ids, ids

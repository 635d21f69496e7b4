"""The dashboard in real headless Chromium: TOTP login, callback by one operator, approval by
another, the CRL number published by the worker, live queue updates, CSRF and role refusals.

Screenshots of the main pages are written to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyotp
from dashboard_support import PASSWORD, LiveApp, add_holder, open_case

from core import workflow as wf


def log_in(page: Any, url: str, username: str, code: str = "", password: str = PASSWORD) -> None:
    """Log in through the real login form (with a TOTP code when given)."""
    page.goto(f"{url}/dashboard/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    if code:
        page.fill("input[name=code]", code)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()


def post_from_page(page: Any, path: str, token: str | None) -> int:
    """Send a POST from inside the page (same origin, with the session cookie), as a script would."""
    return int(page.evaluate(
        """async ([path, token]) => {
            const headers = token ? {"X-CSRF-Token": token} : {};
            const r = await fetch(path, {method: "POST", headers, credentials: "same-origin", redirect: "manual"});
            return r.status;
        }""", [path, token]))


def test_callback_approval_and_crl_number_in_the_browser(live_app: LiveApp, browser: Any, shots: Path) -> None:
    url, c, staff = live_app.url, live_app.c, live_app.staff
    add_holder(c)
    tag = open_case(c, wf.Kind.EMERGENCY_REVOCATION)

    # Operator A: Alice, an operator without TOTP.
    alice = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 1000}).new_page()
    alice.goto(f"{url}/dashboard/login")
    alice.screenshot(path=str(shots / "01-login.png"), full_page=True)
    log_in(alice, url, staff.alice)
    alice.wait_for_selector(f"tr[data-tag='{tag}']")
    alice.screenshot(path=str(shots / "02-queue.png"), full_page=True)

    # The queue updates live when a new case arrives, without a reload.
    late = open_case(c, wf.Kind.OTHER, reply_to="newcomer@example.com", subject="新しい問い合わせ")
    alice.wait_for_selector(f"tr[data-tag='{late}']", timeout=30_000)
    assert alice.is_visible("#queue-notice")

    alice.click(f"a[href='/dashboard/cases/{tag}']")
    alice.wait_for_selector("#go-callback")
    alice.screenshot(path=str(shots / "03-case.png"), full_page=True)
    alice.click("#go-callback")
    assert alice.inner_text("#phone") == "03-1234-5678"
    alice.screenshot(path=str(shots / "04-callback.png"), full_page=True)
    alice.fill("textarea[name=notes]", "ご本人と通話。生年月日・住所を確認、紛失による失効を依頼された。")
    alice.click("#outcome-reached_confirmed")
    alice.wait_for_selector("#case-state")
    assert "承認待ち" in alice.inner_text("#case-state")
    assert alice.query_selector("#approve-form") is None  # An operator gets no approval form ...

    # ... and a forged approval is refused: 403 without the CSRF token, 403 for the role with it.
    token = alice.get_attribute("input[name=csrf_token]", "value")
    assert post_from_page(alice, f"/dashboard/cases/{tag}/approve", None) == 403
    assert post_from_page(alice, f"/dashboard/cases/{tag}/approve", token) == 403

    # Operator B: Dave, an admin who logs in with a TOTP code.
    dave = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 1000}).new_page()
    log_in(dave, url, staff.dave, pyotp.TOTP(staff.dave_secret).now())
    dave.goto(f"{url}/dashboard/cases/{tag}")
    assert "ご本人と通話" in dave.inner_text("#evidence")  # The approver sees the callback evidence.
    dave.screenshot(path=str(shots / "05-approval.png"), full_page=True)
    dave.fill("#approve-form textarea[name=note]", "折り返し記録を確認しました。")
    dave.click("#approve")
    dave.wait_for_selector("#confirm-form")  # The irreversible step is confirmed once more.
    dave.click("#confirm-button")
    # The worker revokes and publishes a CRL; the case page reloads itself until the number is there.
    dave.wait_for_selector("#crl-number", timeout=30_000)
    crl_number = int(dave.inner_text("#crl-number"))
    assert "失効済み" in dave.inner_text("#case-state")
    dave.screenshot(path=str(shots / "06-revoked-with-crl.png"), full_page=True)
    status = c.ca.status(c.clock.now())
    assert crl_number == max(g["crl_number"] for g in status["generations"])

    dave.goto(f"{url}/dashboard/ca")
    assert str(crl_number) in dave.inner_text("#ca-status")
    dave.screenshot(path=str(shots / "07-ca-status.png"), full_page=True)
    dave.goto(f"{url}/dashboard/audit")
    assert "改ざんは検出されませんでした" in dave.inner_text("#audit-status")
    dave.screenshot(path=str(shots / "08-audit.png"), full_page=True)


def test_four_eyes_error_role_pages_and_english(live_app: LiveApp, browser: Any, shots: Path) -> None:
    url, c, staff = live_app.url, live_app.c, live_app.staff
    add_holder(c)
    tag = open_case(c, wf.Kind.EMERGENCY_REVOCATION)
    bob = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    log_in(bob, url, staff.bob, pyotp.TOTP(staff.bob_secret).now())
    bob.goto(f"{url}/dashboard/callbacks")
    bob.screenshot(path=str(shots / "09-callbacks.png"), full_page=True)
    bob.click(f"tr:has-text('{tag}') a.button")
    bob.fill("textarea[name=notes]", "本人確認済み")
    bob.click("#outcome-reached_confirmed")
    bob.wait_for_selector("#four-eyes-hint")
    # The callback operator sees no approve button that can only fail, but who may approve ...
    assert bob.query_selector("#approve") is None and "Dave" in bob.inner_text("#approvers")
    # ... and a forged approval is refused by the workflow with the four-eyes rule.
    token = bob.get_attribute("input[name=csrf_token]", "value")
    assert post_from_page(bob, f"/dashboard/cases/{tag}/approve", token) == 409
    bob.evaluate("""async ([path, token]) => {
        const body = new URLSearchParams({csrf_token: token, note: "", confirm: "1"});
        const r = await fetch(path, {method: "POST", body, credentials: "same-origin"});
        document.body.innerHTML = await r.text();
    }""", [f"/dashboard/cases/{tag}/approve", token])
    assert "二人確認" in bob.inner_text("#error")
    bob.screenshot(path=str(shots / "10-four-eyes-refused.png"), full_page=True)

    for name in ("intake", "faq", "outbox", "quarantine"):
        bob.goto(f"{url}/dashboard/{name}")
        bob.screenshot(path=str(shots / f"11-{name}.png"), full_page=True)

    bob.click("#lang-switch")
    bob.wait_for_load_state()
    assert "Mail that could not be parsed" in bob.inner_text("h1")
    bob.goto(f"{url}/dashboard/")
    bob.screenshot(path=str(shots / "12-queue-english.png"), full_page=True)

    # A supervisor without TOTP is taken to enrolment, and can enrol with the shown secret.
    carol = browser.new_context(viewport={"width": 1000, "height": 900}).new_page()
    log_in(carol, url, staff.carol)
    # The operator scans the QR code on the screen, as a phone app would: the screenshot of the
    # code is decoded by zbarimg and must carry the otpauth URI with the secret of this session.
    qr_png = shots / "13-totp-qr.png"
    carol.locator("#totp-qr svg").screenshot(path=str(qr_png))
    carol.screenshot(path=str(shots / "13-totp-enrolment.png"), full_page=True)
    scanned = subprocess.run(["zbarimg", "--raw", "-q", str(qr_png)], capture_output=True, text=True, check=True)
    uri = scanned.stdout.strip()
    assert uri.startswith("otpauth://totp/") and "issuer=" in uri, uri
    secret = parse_qs(urlsplit(uri).query)["secret"][0]
    assert secret == carol.text_content("#totp-secret")
    carol.fill("#totp-form input[name=code]", pyotp.TOTP(secret).now())
    carol.click("#totp-form button[type=submit]")
    carol.wait_for_selector("#queue-rows")

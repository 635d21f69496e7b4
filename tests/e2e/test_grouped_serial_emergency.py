"""End to end, in the browser: an emergency mail whose serial is written in 4-hex groups (with
spaces, and once wrapped across two lines) reaches the CRL with no serial typed by anyone.

A real mail goes over SMTP to ``madoguchi serve``; one operator records the callback and another
approves, both in headless Chromium on the dashboard, neither ever touching a serial field; then
the CRL is fetched from /repository and ``openssl crl`` must list the serial.
"""

from __future__ import annotations

import json
import smtplib
import subprocess
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest

from tests.conftest import ServerProcess, run_cli
from tests.e2e.test_dashboard_browser import log_in

PASSWORD = "correct horse battery staple 7"


def grouped(serial: str) -> list[str]:
    """The serial (even length, lower case) in groups of 4 hex digits, as people copy it from a viewer."""
    even = serial.lower().zfill(len(serial) + len(serial) % 2)
    return [even[i:i + 4] for i in range(0, len(even), 4)]


def body_for(serial: str, form: str) -> str:
    groups = grouped(serial)
    if form == "spaces":
        written = " ".join(groups)
    else:  # "wrapped": the mail client broke the line inside the serial.
        half = len(groups) // 2
        written = " ".join(groups[:half]) + "\n" + " ".join(groups[half:])
    return (
        "iPROVE CA局 御中\n\n"
        "本日、証明書を入れた業務用ノートPCを電車内で盗まれました。至急、緊急失効をお願いします。\n"
        f"シリアル番号: {written}\n\n"
        "折り返しは登録の電話番号にお願いします。\n"
    )


@pytest.mark.parametrize("form", ["spaces", "wrapped"])
def test_grouped_serial_emergency_reaches_the_crl_without_serial_entry(
    server: ServerProcess, tmp_path: Path, form: str, browser: Any
) -> None:
    env, base = server.env, server.base
    people = json.loads(run_cli(env, "demo", "--load-only", "--json"))
    person = next(p for p in people if p["serials"])
    serial = person["serials"][0]
    run_cli(env, "operator", "add", "sato", "--role", "operator", "--password", PASSWORD)
    approver = json.loads(
        run_cli(env, "operator", "add", "tanaka", "--role", "supervisor", "--password", PASSWORD, "--totp")
    )

    msg = EmailMessage()
    msg["From"] = f"{person['name']} <{person['email']}>"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = "【至急】電子証明書の緊急失効のお願い"
    msg["Message-ID"] = make_msgid(domain="example.jp")
    msg.set_content(body_for(serial, form))
    with smtplib.SMTP("127.0.0.1", server.smtp_port, timeout=30) as smtp:
        assert smtp.send_message(msg) == {}

    # The case is found by its applicant; the serial must already be on it, read from the mail.
    token = json.loads(run_cli(env, "operator", "add", "reader", "--role", "operator"))["api_token"]
    http = httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"})
    case = None
    deadline = time.monotonic() + 60
    while case is None and time.monotonic() < deadline:
        case = next((x for x in http.get("/api/cases").json() if x["reply_to"] == person["email"]), None)
        time.sleep(0.2)
    assert case is not None, "the mail did not become a case"
    # On failure, say why the case went where it did (its recorded reasons), not only where.
    why = http.get(f"/api/cases/{case['tag']}").json()
    assert case["kind"] == "emergency_revocation" and case["state"] == "awaiting_callback", why
    assert case["certificate_serial"] == serial
    tag = case["tag"]
    opened = [x for x in http.get("/api/cases").json() if x["reply_to"] == person["email"]]
    assert len(opened) == 1  # One case, not one per group of the serial.

    clerk = browser.new_context(locale="ja-JP").new_page()
    log_in(clerk, base, "sato", password=PASSWORD)
    clerk.goto(f"{base}/dashboard/cases/{tag}")
    clerk.wait_for_selector("#go-callback")
    clerk.click("#go-callback")
    clerk.fill("textarea[name=notes]", "ご本人と通話。盗難による緊急失効の意思を確認。")
    clerk.click("#outcome-reached_confirmed")
    clerk.wait_for_selector("#case-state")
    assert "承認待ち" in clerk.inner_text("#case-state")

    boss = browser.new_context(locale="ja-JP").new_page()
    log_in(boss, base, "tanaka", pyotp.TOTP(approver["totp_secret"]).now(), password=PASSWORD)
    boss.goto(f"{base}/dashboard/cases/{tag}")
    boss.fill("#approve-form textarea[name=note]", "折り返し記録を確認。")
    boss.click("#approve")
    boss.wait_for_selector("#confirm-form")  # The irreversible step is confirmed once more.
    boss.click("#confirm-button")
    boss.wait_for_selector("#crl-number", timeout=60_000)
    assert "失効済み" in boss.inner_text("#case-state")
    # Nobody typed a serial: no serial field was ever filled on either page.
    for page in (clerk, boss):
        assert page.evaluate(
            "() => [...document.querySelectorAll('input[name*=serial]')].every(i => !i.value)"
        )

    done = http.get(f"/api/cases/{tag}").json()
    assert done["state"] == "revoked" and done["certificate_serial"] == serial
    index = httpx.get(f"{base}/repository/index.json", timeout=30).json()
    gen = max(g["generation"] for g in index)
    (tmp_path / "crl.der").write_bytes(httpx.get(f"{base}/repository/gen{gen}.crl", timeout=30).content)
    out = subprocess.run(["openssl", "crl", "-inform", "DER", "-in", str(tmp_path / "crl.der"), "-noout", "-text"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert f"Serial Number: {serial.upper().zfill(len(serial) + len(serial) % 2)}" in out.stdout

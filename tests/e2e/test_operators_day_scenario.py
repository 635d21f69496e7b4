"""The operator's day, end to end: an emergency mail with a grouped serial arrives over real SMTP at
``madoguchi serve``; operator A records the callback and supervisor B approves, in headless
Chromium, in at most 6 clicks together; the serial is then in the CRL the repository serves
(checked with ``openssl crl``).

Clicks are counted by the one helper that clicks (:class:`Clicks`); logging in is typed and sent
with Enter, and typing notes is not a click.  Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import json
import smtplib
import subprocess
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

import httpx
import pyotp
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from tests.conftest import ServerProcess, run_cli

#: The most clicks the two operators together may need (issue 14).
MAX_CLICKS = 6


@dataclass
class Clicks:
    """Every click of the scenario goes through here, so the count cannot miss one."""

    count: int = 0

    def click(self, page: Any, selector: str) -> None:
        page.click(selector)
        self.count += 1


def grouped(serial: str) -> str:
    """The serial as people copy it from a certificate dialog: groups of four, separated by spaces."""
    digits = serial.zfill(len(serial) + (-len(serial)) % 4)
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def log_in(page: Any, base: str, username: str, password: str, code: str = "") -> None:
    """Log in with the keyboard only (Enter submits the form)."""
    page.goto(f"{base}/dashboard/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    if code:
        page.fill("input[name=code]", code)
    page.press("input[name=password]" if not code else "input[name=code]", "Enter")
    page.wait_for_selector("#queue-rows")


def test_emergency_with_grouped_serial_in_six_clicks(server: ServerProcess, browser: Any, shots: Path,
                                                     tmp_path: Path) -> None:
    env, base = server.env, server.base
    people = json.loads(run_cli(env, "demo", "--load-only", "--json"))
    person = next(p for p in people if p["serials"])
    serial = person["serials"][0]
    caller = json.loads(run_cli(env, "operator", "add", "sato", "--role", "operator"))
    approver = json.loads(run_cli(env, "operator", "add", "tanaka", "--role", "supervisor", "--totp"))

    msg = EmailMessage()
    msg["From"] = f"{person['name']} <{person['email']}>"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = "【至急】証明書の緊急失効"
    msg["Message-ID"] = make_msgid(domain="example.jp")
    written = grouped(serial)
    assert " " in written
    msg.set_content(f"ノートPCを紛失しました。至急失効をお願いします。\nシリアル番号 {written}\n",
                    charset="iso-2022-jp")
    with smtplib.SMTP("127.0.0.1", server.smtp_port, timeout=30) as smtp:
        assert smtp.send_message(msg) == {}

    clicks = Clicks()
    a = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 900}).new_page()
    log_in(a, base, "sato", caller["password"])
    row = a.wait_for_selector(f"tr[data-tag]:has-text('{person['name']}')", timeout=60_000)
    tag = row.get_attribute("data-tag")

    # Operator A: the case, its one primary button, one outcome button.
    clicks.click(a, f"tr[data-tag='{tag}'] a[href$='/cases/{tag}']")
    a.wait_for_selector("#next-step #go-callback")
    assert a.inner_text("#cert-serial") == serial.upper()
    assert "緊急失効" in a.inner_text("#case-kind")
    a.screenshot(path=str(shots / "20-case-awaiting-callback.png"), full_page=False)
    clicks.click(a, "#go-callback")
    assert a.inner_text("#phone") == person["phone"]
    a.fill("textarea[name=notes]", "ご本人と通話。生年月日・住所を確認、PC紛失による緊急失効を依頼された。")
    a.screenshot(path=str(shots / "21-callback.png"), full_page=True)
    clicks.click(a, "#outcome-reached_confirmed")
    a.wait_for_selector("#approvers")
    assert "承認待ち" in a.inner_text("#case-state")
    # A may not approve: no approve button, but who may.
    assert a.query_selector("#approve") is None and "tanaka" in a.inner_text("#approvers")
    a.screenshot(path=str(shots / "22-case-awaiting-approval-operator.png"), full_page=False)

    # Supervisor B: the case, approve, confirm the irreversible revocation.
    b = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 900}).new_page()
    log_in(b, base, "tanaka", approver["password"], pyotp.TOTP(approver["totp_secret"]).now())
    clicks.click(b, f"tr[data-tag='{tag}'] a[href$='/cases/{tag}']")
    b.wait_for_selector("#approve")
    b.fill("#approve-form textarea[name=note]", "折り返し記録を確認しました。")
    clicks.click(b, "#approve")
    b.wait_for_selector("#confirm-form")
    assert serial.upper() in b.inner_text("#confirm-text") and "取り消せません" in b.inner_text("#confirm-text")
    b.screenshot(path=str(shots / "23-approval-confirmation.png"), full_page=False)
    clicks.click(b, "#confirm-button")
    b.wait_for_selector("#crl-number", timeout=60_000)
    assert "失効済み" in b.inner_text("#case-state")
    crl_number = int(b.inner_text("#crl-number"))
    b.screenshot(path=str(shots / "24-case-revoked.png"), full_page=True)
    assert clicks.count <= MAX_CLICKS, f"{clicks.count} clicks"

    b.goto(f"{base}/dashboard/audit")
    assert "tanaka：承認した" in b.inner_text("#audit-events")
    b.screenshot(path=str(shots / "25-audit.png"), full_page=False)

    # The serial is in the CRL the public repository serves, and openssl verifies it.
    http = httpx.Client(base_url=base, timeout=30)
    index = http.get("/repository/index.json").json()
    gen = max(g["generation"] for g in index)
    crl = http.get(f"/repository/gen{gen}.crl")
    cacert = http.get(f"/repository/gen{gen}.cer")
    (tmp_path / "ca.pem").write_bytes(x509.load_der_x509_certificate(cacert.content).public_bytes(Encoding.PEM))
    (tmp_path / "crl.der").write_bytes(crl.content)
    out = subprocess.run(["openssl", "crl", "-inform", "DER", "-in", str(tmp_path / "crl.der"), "-noout", "-text",
                          "-CAfile", str(tmp_path / "ca.pem")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "verify OK" in out.stderr + out.stdout
    assert f"Serial Number: {serial.upper().zfill(len(serial) + len(serial) % 2)}" in out.stdout
    assert "Key Compromise" in out.stdout
    parsed = x509.load_der_x509_crl(crl.content)
    assert parsed.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == crl_number

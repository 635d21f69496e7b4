"""Issue 12's whole path on real parts: the CA's own records carry a certificate from a CSV row to the CRL.

1. A supervisor imports the applications CSV over the API.
2. An operator records the inquiry's return and the fee on the application page (Chromium).
3. The applicant, with the one-time code printed on the inquiry form, completes the online
   application in Chromium: WebCrypto makes the key, the page sends a PKCS#10 request.
4. An operator compares the values on the dashboard and accepts: the certificate is issued into
   the one register, shows as 有効 on the applicant's page, and OCSP over HTTP says "good".
5. The applicant mails an emergency revocation over real SMTP, writing the serial in groups.
6. Callback by one operator, approval by a supervisor with a TOTP step-up (the JSON API);
   the worker revokes, and ``openssl crl`` on the published CRL lists the serial.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import socket
import subprocess
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pyotp
from dashboard_support import LiveApp, api_token
from sqlalchemy import select

from core import register
from core.models import Applicant, Application, Case, Operator
from core.services import online
from core.steps import Step
from intake.smtp import build_controller
from tests.e2e.test_dashboard_browser import log_in
from tests.e2e.test_online_application_browser import decide

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "applications" / "example.csv"
REFERENCE = "A-2026-0001"  # 山田 太郎: first review and inquiry sent in the file; three steps to go.
VALUES = {"name": "山田 太郎", "name_kana": "ヤマダ タロウ", "email": "taro.yamada@example.jp",
          "phone": "03-1234-5678", "address": "東京都千代田区丸の内1-1-1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def grouped(serial_hex: str) -> str:
    """The serial as people copy it from a certificate viewer: lower case, groups of four."""
    text = serial_hex.lower()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def test_csv_row_to_certificate_to_crl(live_app: LiveApp, browser: Any, shots: Path, tmp_path: Path) -> None:
    app, c = live_app, live_app.c
    chief = api_token(c, "records-chief", "supervisor")
    imported = httpx.post(f"{app.url}/api/applications/import", content=EXAMPLE.read_bytes(), timeout=30,
                          headers={"Authorization": f"Bearer {chief}", "Content-Type": "text/csv"})
    assert imported.status_code == 200 and imported.json()["imported"], imported.text

    # 2. The operator records the two paper steps on the application page.
    operator = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 900}).new_page()
    log_in(operator, app.url, app.staff.alice)
    operator.goto(f"{app.url}/dashboard/applications/{REFERENCE}")
    operator.wait_for_selector("#steps")
    today = dt.datetime.now(dt.UTC).date().isoformat()
    for step in (Step.INQUIRY_RETURNED, Step.FEE_PAID):
        row = f"#step-{step.value}"
        operator.fill(f"{row} input[name=on]", today)
        operator.check(f"{row} input[name=confirm]")
        operator.click(f"{row} button[type=submit]")
        operator.wait_for_selector(".flash")
    assert "取り消せます" in operator.inner_text("#cancellable")

    # 3. The applicant applies online with the code from the inquiry form.
    code = online.issue_code(c.factory, c.audit, REFERENCE, actor="cli", now=c.clock.now())
    applicant = browser.new_context(locale="ja-JP", viewport={"width": 1200, "height": 1000},
                                    accept_downloads=True).new_page()
    applicant.goto(f"{app.url}/apply/")
    applicant.fill("#reference", REFERENCE)
    applicant.fill("#code", code)
    applicant.click("#login-button")
    applicant.wait_for_selector("#apply-form")
    for field, value in VALUES.items():
        applicant.fill(f"#field-{field}", value)
    applicant.click("#generate")
    applicant.wait_for_selector("#key-done:not([hidden])")
    applicant.click("#submit")
    applicant.wait_for_selector("#message[data-key='msg_submitted']")

    # 4. The operator compares and accepts; the certificate is in the register and OCSP knows it.
    decide(operator, app.url, REFERENCE, match=True)
    with c.factory() as s:
        application = s.scalars(select(Application).where(Application.reference == REFERENCE)).one()
        assert application.steps_complete  # The online step came from the portal, through the one register.
        person = s.get(Applicant, application.applicant_id)
        assert person is not None
        certificates = register.certificates_of_applicant(s, person.id)
        assert len(certificates) == 1
        serial_hex = certificates[0].serial.key
        applicant_id = person.id
    operator.goto(f"{app.url}/dashboard/applicants/{applicant_id}")
    assert "有効" in operator.inner_text("#certificates")
    operator.screenshot(path=str(shots / "50-records-issued.png"), full_page=True)
    applicant.goto(f"{app.url}/apply/form")
    with applicant.expect_download() as download:
        applicant.click(".dl-pem")
    download.value.save_as(tmp_path / "cert.pem")
    ca_der = c.ca.certificate_path(c.ca.generations()[-1].number)
    subprocess.run(["openssl", "x509", "-inform", "DER", "-in", str(ca_der), "-out", str(tmp_path / "ca.pem")],
                   check=True)
    ocsp = subprocess.run(["openssl", "ocsp", "-issuer", str(tmp_path / "ca.pem"), "-cert",
                           str(tmp_path / "cert.pem"), "-url", f"{app.url}/ocsp", "-CAfile",
                           str(tmp_path / "ca.pem"), "-resp_text"], capture_output=True, text=True, timeout=60)
    assert ": good" in ocsp.stdout, ocsp.stdout + ocsp.stderr

    # 5. The applicant mails an emergency revocation over real SMTP, the serial written in groups.
    port = free_port()
    controller = build_controller(c.store, "127.0.0.1", port, ["madoguchi.test"], 10_000_000)
    controller.start()
    try:
        msg = EmailMessage()
        msg["From"] = "山田 太郎 <taro.yamada@example.jp>"
        msg["To"] = "support@madoguchi.test"
        msg["Subject"] = "緊急失効のお願い"
        msg["Message-ID"] = "<records-e2e@example.jp>"
        msg.set_content("ICカードを紛失しました。至急失効してください。\n"
                        f"シリアル番号: {grouped(serial_hex)}\n山田 太郎")
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            smtp.send_message(msg)
    finally:
        controller.stop()
    deadline = time.monotonic() + 60
    tag = None
    while time.monotonic() < deadline and tag is None:
        with c.factory() as s:
            case = s.scalars(select(Case).where(Case.applicant_id == applicant_id)).first()
            if case is not None and case.certificate_id is not None:
                tag = case.tag
        time.sleep(0.3)
    assert tag is not None, "the revocation mail did not open a case on the certificate"

    # 6. Callback by one operator, approval by a supervisor with a TOTP step-up.
    caller = {"Authorization": f"Bearer {api_token(c, 'caller', 'operator')}"}
    approver_token = api_token(c, "approver", "supervisor")
    secret = pyotp.random_base32()
    with c.factory() as s, s.begin():
        s.scalars(select(Operator).where(Operator.username == "approver")).one().totp_secret = secret
    approver = {"Authorization": f"Bearer {approver_token}"}
    with httpx.Client(base_url=app.url, timeout=30) as http:
        tasks = [t for t in http.get("/api/callbacks", headers=caller).json() if t["case_tag"] == tag]
        assert len(tasks) == 1 and tasks[0]["phone"] == VALUES["phone"]
        r = http.post(f"/api/callbacks/{tasks[0]['id']}/result", headers=caller,
                      json={"outcome": "reached_confirmed", "notes": "ご本人と通話、紛失を確認。"})
        assert r.status_code == 200, r.text
        up = http.post("/api/step-up", headers=approver, json={"code": pyotp.TOTP(secret).now()})
        assert up.status_code == 200, up.text
        r = http.post(f"/api/cases/{tag}/approve", json={"note": "確認済み"},
                      headers={**approver, "X-Madoguchi-Approval": up.json()["approval_token"]})
        assert r.status_code == 200, r.text
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done = http.get(f"/api/cases/{tag}", headers=caller).json()
            if done.get("crl_number"):
                break
            time.sleep(0.3)
        assert done.get("crl_number"), done
        crl = http.get(f"/repository/gen{c.ca.generations()[-1].number}.crl")
    (tmp_path / "now.crl").write_bytes(crl.content)
    listed = subprocess.run(["openssl", "crl", "-inform", "DER", "-in", str(tmp_path / "now.crl"), "-noout",
                             "-text", "-CAfile", str(tmp_path / "ca.pem")], capture_output=True, text=True,
                            timeout=60)
    assert "verify OK" in listed.stderr + listed.stdout
    assert serial_hex.upper().lstrip("0") in listed.stdout.replace(":", "").upper()

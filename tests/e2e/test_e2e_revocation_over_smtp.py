"""End to end: a real mail over SMTP to ``madoguchi serve`` becomes a revoked certificate in the CRL.

The test is an outside script: it starts the real server process, sends mail with smtplib,
drives the case only through the JSON API as two different operators, then downloads the
CRL from the public repository and checks it with ``openssl crl``.
"""

from __future__ import annotations

import json
import smtplib
import subprocess
import sys
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

import httpx
import pyotp

from tests.conftest import ServerProcess, run_cli

ROOT = Path(__file__).resolve().parents[2]
MADOGUCHI = [sys.executable, "-m", "madoguchi.cli"]


def test_mail_to_revoked_serial_in_published_crl(server: ServerProcess, tmp_path: Path) -> None:
    env, base = server.env, server.base
    people = json.loads(run_cli(env, "demo", "--load-only", "--json"))
    person = next(p for p in people if p["serials"])
    serial = person["serials"][0]
    caller = json.loads(run_cli(env, "operator", "add", "suzuki", "--role", "supervisor", "--totp"))
    clerk = json.loads(run_cli(env, "operator", "add", "sato", "--role", "operator"))
    approver = json.loads(run_cli(env, "operator", "add", "tanaka", "--role", "supervisor", "--totp"))
    a = {"Authorization": f"Bearer {caller['api_token']}"}
    b = {"Authorization": f"Bearer {approver['api_token']}"}

    msg = EmailMessage()
    msg["From"] = f"{person['name']} <{person['email']}>"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = "【至急】証明書の緊急失効"
    msg["Message-ID"] = make_msgid(domain="example.jp")
    colon = ":".join(serial.zfill(len(serial) + len(serial) % 2)[i:i + 2]
                     for i in range(0, len(serial) + len(serial) % 2, 2))
    msg.set_content(f"ノートPCを紛失しました。至急失効をお願いします。\nシリアル番号 {colon}\n"
                    "連絡は 090-9999-0000 へお願いします。\n", charset="iso-2022-jp")
    with smtplib.SMTP("127.0.0.1", server.smtp_port, timeout=30) as smtp:
        assert smtp.send_message(msg) == {}

    http = httpx.Client(base_url=base, timeout=30)
    assert http.get("/api/cases").status_code == 401
    case = None
    deadline = time.monotonic() + 60
    while case is None and time.monotonic() < deadline:
        cases = http.get("/api/cases", headers=a).json()
        case = next((x for x in cases if x["reply_to"] == person["email"]), None)
        time.sleep(0.2)
    assert case is not None, "the mail did not become a case"
    assert case["kind"] == "emergency_revocation" and case["state"] == "awaiting_callback"
    assert case["certificate_serial"] == serial

    tasks = [t for t in http.get("/api/callbacks", headers=a).json() if t["case_tag"] == case["tag"]]
    assert len(tasks) == 1
    # The number to call is the registered one, never the one written in the mail.
    assert tasks[0]["phone"] == person["phone"] and "9999" not in tasks[0]["phone"]

    # Approving needs a fresh TOTP code; a short-lived approval token covers several tries.
    step_a = http.post("/api/step-up", headers=a, json={"code": pyotp.TOTP(caller["totp_secret"]).now()})
    step_b = http.post("/api/step-up", headers=b, json={"code": pyotp.TOTP(approver["totp_secret"]).now()})
    assert step_a.status_code == 200 and step_b.status_code == 200, step_a.text + step_b.text
    a_up = {**a, "X-Madoguchi-Approval": step_a.json()["approval_token"]}
    b_up = {**b, "X-Madoguchi-Approval": step_b.json()["approval_token"]}
    r = http.post(f"/api/cases/{case['tag']}/approve", headers=b_up, json={})
    assert r.status_code == 409  # No approval before a confirmed callback.
    r = http.post(f"/api/callbacks/{tasks[0]['id']}/result", headers=a,
                  json={"outcome": "reached_confirmed", "notes": "本人確認済み / confirmed by the holder"})
    assert r.status_code == 200 and r.json()["state"] == "awaiting_approval"
    r = http.post(f"/api/cases/{case['tag']}/approve", headers=a_up, json={})
    assert r.status_code == 409 and r.json()["detail"]["rule"] == "four-eyes"
    r = http.post(f"/api/cases/{case['tag']}/approve", json={},
                  headers={"Authorization": f"Bearer {clerk['api_token']}"})
    assert r.status_code == 403  # A plain operator may confirm callbacks but not approve.
    r = http.post(f"/api/cases/{case['tag']}/approve", headers=b, json={"note": "ok"})
    assert r.status_code == 401  # The token alone does not approve.
    r = http.post(f"/api/cases/{case['tag']}/approve", headers=b_up, json={"note": "ok"})
    assert r.status_code == 200

    done: dict[str, Any] = {}
    deadline = time.monotonic() + 60
    while done.get("state") != "revoked" and time.monotonic() < deadline:
        done = http.get(f"/api/cases/{case['tag']}", headers=a).json()
        time.sleep(0.2)
    assert done["state"] == "revoked" and done["crl_number"] is not None
    assert done["callback_confirmed_by"] == "suzuki" and done["approved_by"] == "tanaka"

    index = http.get("/repository/index.json").json()
    gen = max(g["generation"] for g in index)
    crl = http.get(f"/repository/gen{gen}.crl")
    assert crl.headers["content-type"].startswith("application/pkix-crl")
    cacert = http.get(f"/repository/gen{gen}.cer")
    tmp = tmp_path
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    # openssl's -CAfile wants PEM; the repository serves DER as application/pkix-cert.
    (tmp / "ca.cer").write_bytes(x509.load_der_x509_certificate(cacert.content).public_bytes(Encoding.PEM))
    (tmp / "crl.der").write_bytes(crl.content)
    out = subprocess.run(["openssl", "crl", "-inform", "DER", "-in", str(tmp / "crl.der"), "-noout", "-text",
                          "-CAfile", str(tmp / "ca.cer")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "verify OK" in out.stderr + out.stdout
    assert f"Serial Number: {serial.upper().zfill(len(serial) + len(serial) % 2)}" in out.stdout
    parsed = x509.load_der_x509_crl(crl.content)
    assert parsed.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == done["crl_number"]
    assert "Key Compromise" in out.stdout

    # The audit chain holds up, and breaks after one row is edited.
    verify = subprocess.run([*MADOGUCHI, "audit", "verify"], env=env, cwd=ROOT, capture_output=True, text=True)
    assert verify.returncode == 0 and json.loads(verify.stdout)["ok"]
    from sqlalchemy import create_engine, text

    engine = create_engine(env["MADOGUCHI_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 2"))
    engine.dispose()
    verify = subprocess.run([*MADOGUCHI, "audit", "verify"], env=env, cwd=ROOT, capture_output=True, text=True)
    assert verify.returncode == 1 and not json.loads(verify.stdout)["ok"]

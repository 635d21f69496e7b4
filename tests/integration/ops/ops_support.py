"""Helpers of the operations tests: drive one emergency revocation through a running server."""

from __future__ import annotations

import json
import smtplib
import time
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import httpx
import pyotp

from tests.conftest import ServerProcess, run_cli


def colon_serial(serial: str) -> str:
    even = serial.zfill(len(serial) + len(serial) % 2)
    return ":".join(even[i:i + 2] for i in range(0, len(even), 2))


def emergency_mail(person: dict[str, Any]) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{person['name']} <{person['email']}>"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = "【至急】証明書の緊急失効"
    msg["Message-ID"] = make_msgid(domain="example.jp")
    serial = colon_serial(person["serials"][0])
    msg.set_content(f"ノートPCを紛失しました。至急失効をお願いします。\nシリアル番号 {serial}\n", charset="iso-2022-jp")
    return msg


#: TOTP secrets of the operators made by :func:`staff`, by bearer header (approving needs a fresh code).
_TOTP: dict[str, str] = {}


def staff(env: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Two supervisors' bearer headers (TOTP enrolled): one confirms callbacks, the other approves."""
    caller = json.loads(run_cli(env, "operator", "add", "suzuki", "--role", "supervisor", "--totp"))
    approver = json.loads(run_cli(env, "operator", "add", "tanaka", "--role", "supervisor", "--totp"))
    a, b = {"Authorization": f"Bearer {caller['api_token']}"}, {"Authorization": f"Bearer {approver['api_token']}"}
    _TOTP[a["Authorization"]], _TOTP[b["Authorization"]] = caller["totp_secret"], approver["totp_secret"]
    return a, b


#: Approval tokens already obtained, by node and bearer header, with when they were obtained.
_APPROVALS: dict[tuple[str, str], tuple[str, float]] = {}
#: Approval tokens live 5 minutes; a new one is asked for well before that.
_APPROVAL_REUSE = 240.0


def approver_headers(http: httpx.Client, b: dict[str, str]) -> dict[str, str]:
    """*b* with a short-lived approval token obtained with a fresh TOTP code (the API's step-up).

    A TOTP code can be used once only, so a token is reused while it is young, and a second
    step-up within the same 30-second step waits for the next code.
    """
    key = (str(http.base_url), b["Authorization"])
    cached = _APPROVALS.get(key)
    if cached is not None and time.monotonic() - cached[1] < _APPROVAL_REUSE:
        return {**b, "X-Madoguchi-Approval": cached[0]}
    totp = pyotp.TOTP(_TOTP[b["Authorization"]])
    for attempt in range(2):
        r = http.post("/api/step-up", headers=b, json={"code": totp.now()})
        if r.status_code == 200 or attempt:
            break
        time.sleep(totp.interval - time.time() % totp.interval + 0.5)
    assert r.status_code == 200, r.text
    token = r.json()["approval_token"]
    _APPROVALS[key] = (token, time.monotonic())
    return {**b, "X-Madoguchi-Approval": token}


def wait_for(check: Any, timeout: float = 60, interval: float = 0.2) -> Any:
    """Call *check* until it returns something truthy (at least once); fail after *timeout* seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() >= deadline:
            raise AssertionError("timed out waiting")
        time.sleep(interval)


def confirm_and_approve(http: httpx.Client, tag: str, a: dict[str, str], b: dict[str, str]) -> None:
    task = wait_for(lambda: next((t for t in http.get("/api/callbacks", headers=a).json() if t["case_tag"] == tag),
                                 None))
    r = http.post(f"/api/callbacks/{task['id']}/result", headers=a,
                  json={"outcome": "reached_confirmed", "notes": "本人確認済み"})
    assert r.status_code == 200, r.text
    r = http.post(f"/api/cases/{tag}/approve", headers=approver_headers(http, b), json={"note": "ok"})
    assert r.status_code == 200, r.text


def drive_revocation(server: ServerProcess, person: dict[str, Any], a: dict[str, str],
                     b: dict[str, str]) -> dict[str, Any]:
    """Mail an emergency revocation for *person*'s first serial, confirm, approve; return the revoked case."""
    with smtplib.SMTP("127.0.0.1", server.smtp_port, timeout=30) as smtp:
        assert smtp.send_message(emergency_mail(person)) == {}
    http = httpx.Client(base_url=server.base, timeout=30)
    case = wait_for(lambda: next((x for x in http.get("/api/cases", headers=a).json()
                                  if x["reply_to"] == person["email"] and x["state"] == "awaiting_callback"), None))
    confirm_and_approve(http, case["tag"], a, b)
    done: dict[str, Any] = wait_for(lambda: (lambda d: d if d["state"] == "revoked" else None)(
        http.get(f"/api/cases/{case['tag']}", headers=a).json()))
    return done

"""``madoguchi demo``: load sample data and drive one emergency revocation through a running server.

Everything after the sample data goes through the outside interfaces only: a real SMTP
conversation with the intake server and the operators' JSON API, then the public repository.
"""

from __future__ import annotations

import smtplib
import time
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import httpx
import pyotp
from cryptography import x509

from core.operators import create_operator
from madoguchi.sample import load_sample_data
from signing.serials import Serial


def _step(n: int, text: str) -> None:
    print(f"[{n}] {text}", flush=True)


def _poll(fn: Any, what: str, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.3)
    raise TimeoutError(f"timed out waiting for {what}")


def run_demo(ctx: Any, base_url: str | None = None) -> int:
    c = ctx.container
    s = c.settings
    base = (base_url or f"http://{s.http_host}:{s.http_port}").rstrip("/")
    http = httpx.Client(base_url=base, timeout=30)
    try:
        http.get("/api/health").raise_for_status()
    except httpx.HTTPError as exc:
        print(f"サーバーに接続できません / cannot reach the server at {base}: {exc}\n"
              "先に `madoguchi serve` を起動してください / start `madoguchi serve` first.")
        return 2

    people = load_sample_data(c)
    _step(1, "サンプルの申込者と証明書 / sample applicants and certificates:")
    for p in people:
        print(f"      {p['name']:<14} {p['email']:<34} tel {p['phone']:<14} serials {p['serials']}")
    person = next(p for p in people if p["serials"])
    serial = person["serials"][0]

    suffix = str(int(time.time()))
    totp_a, totp_b = pyotp.random_base32(), pyotp.random_base32()
    with c.factory() as session, session.begin():
        op_a, _, token_a = create_operator(session, f"demo-caller-{suffix}", "supervisor", c.clock.now())
        op_b, _, token_b = create_operator(session, f"demo-approver-{suffix}", "supervisor", c.clock.now())
        op_a.totp_secret, op_b.totp_secret = totp_a, totp_b
    _step(2, f"オペレーター2名を作成 / two operators created: demo-caller-{suffix}, demo-approver-{suffix}")

    msg = EmailMessage()
    msg["From"] = person["email"]
    msg["To"] = f"support@{s.smtp_domains[0]}"
    msg["Subject"] = "緊急失効のお願い"
    msg["Message-ID"] = make_msgid(domain="example.jp")
    digits = serial.upper().zfill(len(serial) + len(serial) % 2)
    spaced = " ".join(digits[i:i + 2] for i in range(0, len(digits), 2))
    msg.set_content(
        "iPROVE CA局 御中\n\n会社のノートPCを盗まれました。至急、電子証明書を失効してください。\n"
        f"シリアル番号: {spaced}\n連絡先: 090-0000-0000（この番号ではなく登録の番号にお願いします）\n\n"
        f"{person['name']}\n"
    )
    with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=30) as smtp:
        reply = smtp.send_message(msg)
    _step(3, f"SMTPでメール送信 / mail sent over SMTP to {s.smtp_host}:{s.smtp_port} (refused: {reply or 'none'})")

    auth_a = {"Authorization": f"Bearer {token_a}"}
    auth_b = {"Authorization": f"Bearer {token_b}"}

    def find_case() -> Any:
        cases = http.get("/api/cases", params={"q": person["email"]}, headers=auth_a).json()
        return next((x for x in cases if x["state"] == "awaiting_callback"), None)

    case = _poll(find_case, "the case")
    _step(4, f"案件 {case['tag']} を作成: 種別 {case['kind']}, 状態 {case['state']} / reasons {case['reasons']}")

    tasks = http.get("/api/callbacks", headers=auth_a).json()
    task = next(t for t in tasks if t["case_tag"] == case["tag"])
    _step(5, f"コールバック先（登録番号のみ）/ callback to the registered number: {task['phone']}")
    r = http.post(f"/api/callbacks/{task['id']}/result", headers=auth_a,
                  json={"outcome": "reached_confirmed", "notes": "本人確認済み（生年月日・住所）"})
    r.raise_for_status()
    _step(6, f"オペレーターAが確認 / operator A confirmed: state {r.json()['state']}")

    # Approving is irreversible: it needs a fresh TOTP code besides the token.
    same = http.post(f"/api/cases/{case['tag']}/approve", json={"note": "self"},
                     headers={**auth_a, "X-Madoguchi-TOTP": pyotp.TOTP(totp_a).now()})
    _step(7, f"同じオペレーターの承認は拒否 / same operator approving is refused: HTTP {same.status_code}")
    r = http.post(f"/api/cases/{case['tag']}/approve", json={"note": "承認"},
                  headers={**auth_b, "X-Madoguchi-TOTP": pyotp.TOTP(totp_b).now()})
    r.raise_for_status()
    _step(8, f"オペレーターBが承認 / operator B approved: state {r.json()['state']}")

    def revoked() -> Any:
        data = http.get(f"/api/cases/{case['tag']}", headers=auth_a).json()
        return data if data["state"] == "revoked" else None

    done = _poll(revoked, "the revocation")
    _step(9, f"失効完了 / revoked: CRL number {done['crl_number']}")

    index = http.get("/repository/index.json").json()
    generation = max(g["generation"] for g in index)
    crl_der = http.get(f"/repository/gen{generation}.crl").content
    crl = x509.load_der_x509_crl(crl_der)
    entry = crl.get_revoked_certificate_by_serial_number(Serial.parse(serial).value)
    number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    _step(10, f"公開CRL #{number} にシリアル {serial} が {'あります / is listed' if entry else 'ありません / MISSING'}")
    return 0 if entry is not None else 1

"""Finding 7: the Telegram bot token was written to serve.log (httpx logging ``/bot<token>/getMe``).

A full run of ``madoguchi serve`` with the Telegram bot (against the fake Bot API), a mail, chat
messages, API calls with a token and failed logins; then its whole log is grepped for every secret.
"""

from __future__ import annotations

import json
import smtplib
import time
from email.message import EmailMessage
from pathlib import Path

import httpx

from core.redact import MASK, redact
from tests.conftest import run_cli, server_env, start_server
from tests.integration.bots.conftest import BOT_TOKEN, FakeBotApi
from tests.integration.bots.conftest import fake_bot_api as _fake_bot_api  # noqa: F401 - registers the fixture


def test_redact_masks_known_and_token_shaped_secrets() -> None:
    line = f"GET https://api.telegram.org/bot{BOT_TOKEN}/getMe Authorization: Bearer mdg_abcdefghijklmnopqrstuv"
    out = redact(line + " password=hunter22 passphrase: s3cret-pass", ["s3cret-pass"])
    assert BOT_TOKEN not in out and "mdg_abcdefghijklmnopqrstuv" not in out and "hunter22" not in out
    assert "s3cret-pass" not in out and MASK in out


def test_full_serve_run_logs_no_secret(_fake_bot_api: FakeBotApi, database_url: str,  # noqa: F811
                                       tmp_path: Path) -> None:
    passphrase = "ca-passphrase-for-log-test"
    env = dict(server_env(database_url, tmp_path / "data"), MADOGUCHI_TELEGRAM_TOKEN=BOT_TOKEN,
               MADOGUCHI_TELEGRAM_BASE_URL=_fake_bot_api.base_url, MADOGUCHI_CA_KEY_PASSPHRASE=passphrase)
    init = run_cli(env, "init")
    password = next(line.split(":", 1)[1].strip() for line in init.splitlines() if "password:" in line)
    op = json.loads(run_cli(env, "operator", "add", "ito", "--role", "operator"))
    srv = start_server(env)
    try:
        _fake_bot_api.pending_updates.append({"update_id": 1, "message": {
            "message_id": 1, "date": int(time.time()), "chat": {"id": 7001, "type": "private"},
            "from": {"id": 7001, "is_bot": False, "first_name": "T"}, "text": "証明書の有効期間は？"}})
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "taro@example.jp", "support@madoguchi.test", "質問"
        msg.set_content("証明書の有効期間を教えてください。")
        with smtplib.SMTP("127.0.0.1", srv.smtp_port, timeout=30) as smtp:
            smtp.send_message(msg)
        http = httpx.Client(base_url=srv.base, timeout=30)
        http.get("/api/cases", headers={"Authorization": f"Bearer {op['api_token']}"})
        http.get("/api/cases", headers={"Authorization": "Bearer mdg_wrong-token-value-xxxxxxxx"})
        deadline = time.monotonic() + 60
        while not _fake_bot_api.sent() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _fake_bot_api.sent(), "the bot answered"
        time.sleep(1)
    finally:
        srv.stop()
    log = srv.output()
    assert "getMe" in log or "getUpdates" in log or "HTTP Request" in log or log, "the run logged something"
    for secret in (BOT_TOKEN, op["api_token"], op["password"], password, passphrase, "mdg_wrong-token-value"):
        assert secret not in log, f"secret found in the serve log: {secret[:6]}…"

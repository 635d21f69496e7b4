"""``madoguchi serve`` with a Telegram token runs the bot against the (fake) Bot API.

A request written in chat opens no case: the bot asks for the registered email address, a
one-time link is mailed there, and following it (GET shows, POST sends) opens the case for that
applicant; only then is a callback task created, to the registered phone number.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import time
from typing import Any

import httpx

from tests.conftest import run_cli, server_env, start_server
from tests.integration.bots.conftest import BOT_TOKEN, FakeBotApi


def chat_update(update_id: int, text: str) -> dict[str, Any]:
    user = {"id": 7001, "is_bot": False, "first_name": "Taro", "language_code": "ja"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "chat": {"id": 7001, "type": "private"},
        "from": user, "text": text}}


def wait_for(fn: Any, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_runs_the_telegram_bot_and_chat_requests_open_a_case_only_through_the_mailed_link(
    fake_bot_api: FakeBotApi, database_url: str, tmp_path: Any
) -> None:
    env = dict(server_env(database_url, tmp_path / "data"), MADOGUCHI_TELEGRAM_TOKEN=BOT_TOKEN,
               MADOGUCHI_TELEGRAM_BASE_URL=fake_bot_api.base_url)
    run_cli(env, "init")
    people = json.loads(run_cli(env, "demo", "--load-only", "--json"))
    token = json.loads(run_cli(env, "operator", "add", "ito", "--role", "operator"))["api_token"]
    srv = start_server(env)
    try:
        fake_bot_api.pending_updates.append(chat_update(1, "証明書の有効期間は？"))
        fake_bot_api.pending_updates.append(
            chat_update(2, "会社のPCが盗まれました。至急、電子証明書を失効してください。"))
        replies = wait_for(lambda: len(fake_bot_api.sent()) >= 2 and fake_bot_api.sent())
        assert "1年1ヶ月" in replies[0]["text"]
        assert "MDG-" not in replies[1]["text"] and "メールアドレス" in replies[1]["text"]
        http = httpx.Client(base_url=srv.base, headers={"Authorization": f"Bearer {token}"})
        assert [c for c in http.get("/api/cases").json() if c["channel"] == "telegram"] == []
        fake_bot_api.pending_updates.append(chat_update(3, people[0]["email"]))
        wait_for(lambda: len(fake_bot_api.sent()) >= 3)
        outgoing = tmp_path / "data" / "outgoing"
        mail = wait_for(lambda: [p for p in outgoing.glob("*.eml")] if outgoing.is_dir() else None)
        (path,) = mail
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert message["To"] == people[0]["email"]
        body = message.get_body().get_content()  # type: ignore[union-attr]
        (link,) = set(re.findall(r"http://127\.0\.0\.1:\d+/chat/link/[A-Za-z0-9_-]+", body))
        page = httpx.get(link)
        assert page.status_code == 200 and "至急" in page.text
        assert [c for c in http.get("/api/cases").json() if c["channel"] == "telegram"] == []  # GET changes nothing.
        sent = httpx.post(link)
        assert sent.status_code == 200 and "MDG-" in sent.text
        case = next(c for c in http.get("/api/cases").json() if c["channel"] == "telegram")
        assert case["kind"] == "emergency_revocation" and case["state"] == "awaiting_callback"
        tasks = http.get("/api/callbacks").json()
        assert [t["phone"] for t in tasks] == [people[0]["phone"]]
        assert httpx.post(link).status_code == 410  # The link works once.
    finally:
        srv.stop()

"""``madoguchi serve`` with a Telegram token runs the bot against the (fake) Bot API.

A request written in chat opens a case that still needs an operator to link it to the person
on record; only then is a callback task created, to the registered phone number.
"""

from __future__ import annotations

import json
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


def test_serve_runs_the_telegram_bot_and_chat_requests_need_a_linked_applicant(
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
        assert "MDG-" in replies[1]["text"]
        http = httpx.Client(base_url=srv.base, headers={"Authorization": f"Bearer {token}"})
        case = next(c for c in http.get("/api/cases").json() if c["channel"] == "telegram")
        assert case["kind"] == "emergency_revocation" and case["state"] == "needs_triage"
        assert http.get("/api/callbacks").json() == []  # A chat account is not an identity.
        linked = http.post(f"/api/cases/{case['tag']}/link-applicant", json={"applicant_email": people[0]["email"]})
        assert linked.status_code == 200 and linked.json()["state"] == "awaiting_callback"
        tasks = http.get("/api/callbacks").json()
        assert [t["phone"] for t in tasks] == [people[0]["phone"]]
    finally:
        srv.stop()

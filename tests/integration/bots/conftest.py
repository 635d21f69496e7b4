"""Fixtures for the bot tests: a fake Telegram Bot API on loopback and a small real ChatRouter.

The fake server speaks just enough of the Bot API (getMe, sendMessage, answerCallbackQuery,
editMessageReplyMarkup, editMessageText, getUpdates, setWebhook, deleteWebhook) for the real
python-telegram-bot Application to run against it, and records every call it receives.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import pytest

from faq.engine import FaqEngine

BOT_TOKEN = "123456:TEST-token"
# The longest the fake holds a getUpdates call waiting for an update (see FakeBotApi.wait_for_updates).
LONG_POLL_MAX = 0.5


@dataclass
class FakeBotApi:
    """State of the fake server: recorded calls and updates waiting for getUpdates."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    pending_updates: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    message_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1000))
    base_url: str = ""

    def record(self, method: str, params: dict[str, Any]) -> Any:
        with self.lock:
            self.calls.append((method, params))
            if method == "getMe":
                return {"id": 42, "is_bot": True, "first_name": "Madoguchi", "username": "madoguchi_test_bot"}
            if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
                chat_id = int(params.get("chat_id", 0) or 0)
                message: dict[str, Any] = {
                    "message_id": int(params.get("message_id") or next(self.message_ids)),
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "text": params.get("text", ""),
                }
                if params.get("reply_markup"):
                    message["reply_markup"] = params["reply_markup"]
                return message
            if method == "getUpdates":
                offset = int(params.get("offset") or 0)
                ready = [u for u in self.pending_updates if u["update_id"] >= offset]
                self.pending_updates = ready
                return list(ready)
            return True

    def wait_for_updates(self, params: dict[str, Any]) -> None:
        """Hold a getUpdates call until an update is waiting, as Telegram's long polling does.

        Telegram answers getUpdates only when an update arrives or its ``timeout`` has passed; a fake
        that answers at once makes the bot poll in a tight loop (hundreds of requests, each logged).
        The wait here is capped at :data:`LONG_POLL_MAX` seconds so that a test's updates, which it
        appends to :attr:`pending_updates` directly, are still seen quickly.
        """
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), LONG_POLL_MAX)
        while time.monotonic() < deadline:
            with self.lock:
                if any(u["update_id"] >= offset for u in self.pending_updates):
                    return
            time.sleep(0.02)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        with self.lock:
            return [p for m, p in self.calls if m == method]


def _decode(params: dict[str, Any]) -> dict[str, Any]:
    # PTB sends complex values (reply markups) as JSON strings inside the form.
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, str) and value[:1] in "[{":
            try:
                out[key] = json.loads(value)
                continue
            except ValueError:
                pass
        out[key] = value
    return out


@pytest.fixture
def fake_bot_api() -> Iterator[FakeBotApi]:
    """Run the fake Bot API on 127.0.0.1 on a free port for one test."""
    state = FakeBotApi()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming.
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode() if length else ""
            if self.headers.get("Content-Type", "").startswith("application/json"):
                params = json.loads(raw or "{}")
            else:
                params = dict(parse_qsl(raw))
            method = self.path.rsplit("/", 1)[-1]
            if not self.path.startswith(f"/bot{BOT_TOKEN}/"):
                body = {"ok": False, "error_code": 401, "description": "Unauthorized"}
                status = 401
            else:
                if method == "getUpdates":
                    state.wait_for_updates(params)
                body = {"ok": True, "result": state.record(method, _decode(params))}
                status = 200
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST  # noqa: N815

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}/bot"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


class KeywordRouter:
    """A small but real ChatRouter: keyword classification, remembered requests and link requests in lists.

    It never opens a case (neither does the core's router: only a followed one-time link does),
    and it refuses nothing, so the bots' own token buckets are what these tests see.
    """

    RULES = (
        ("emergency_revocation", ("至急", "緊急", "urgent", "immediately")),
        ("death_notice", ("亡くな", "死亡", "passed away", "died")),
        ("revocation", ("失効して", "失効させ", "失効を", "revoke")),
        ("cancellation", ("取り消して", "キャンセルして", "cancel my")),
        ("correction", ("訂正して", "correct my")),
    )
    POSSIBLE = ("見当たらない", "can't find my laptop")
    # Evidence strong enough for the real classifier to work the message as an emergency.
    WORKED = ("置き忘れ",)

    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.counted: list[tuple[str, str]] = []

    def _read(self, text: str) -> str:
        lowered = text.lower()
        for intent, words in self.RULES:
            if any(w in lowered for w in words):
                return intent
        return "faq"

    def classify(self, text: str) -> str:
        # As the real classifier does, a possible emergency on strong evidence is worked as one.
        if self.possible_emergency(text) and any(w in text for w in self.WORKED):
            return "emergency_revocation"
        return self._read(text)

    def possible_emergency(self, text: str) -> bool:
        # Words of a device out of the writer's hands, without a word that makes an emergency sure.
        words = self.POSSIBLE + self.WORKED
        return any(w in text.lower() for w in words) and self._read(text) != "emergency_revocation"

    def allow(self, limit: str, key: str) -> bool:
        self.counted.append((limit, key))
        return True

    def remember_request(self, channel: str, external_user: str, client: str, text: str, intent: str,
                         language: str) -> bool:
        self.requests.append({"channel": channel, "user": external_user, "client": client, "text": text,
                              "intent": intent, "language": language})
        return True

    def request_link(self, channel: str, external_user: str, client: str, address: str, language: str) -> str:
        if not any(r["channel"] == channel and r["user"] == external_user for r in self.requests):
            return "no_request"
        self.links.append({"channel": channel, "user": external_user, "address": address})
        return "sent_if_known"

    def link_view(self, token: str) -> Any:
        return None

    def confirm_link(self, token: str) -> Any:
        from core.chatlinks import LinkRefused

        raise LinkRefused("unknown")


@pytest.fixture(scope="session")
def faq_engine() -> FaqEngine:
    """The packaged FAQ engine (loading takes a fraction of a second; shared by the session)."""
    return FaqEngine.load()


@pytest.fixture
def chat_router() -> KeywordRouter:
    """A fresh keyword router with no cases."""
    return KeywordRouter()

"""Finding 6: floods through the chats opened cases for people nobody had identified.

The original attacks: the web chat opened a case for every message (about 2 requests/s from one
address gave 112 "emergency revocation" cases), and 30 Telegram chat ids opened 30 cases, each
promising a callback to a "registered number".  Now a chat request opens no case: the chat
explains the procedure and asks for the registered address; a one-time link is mailed only to an
address on record, and the case opens only when that link is followed (once, before it expires).
Everything that creates rows is limited per client and in all by the shared, database-backed
limiter.  Real SQLite and PostgreSQL, the real HTTP application, the real python-telegram-bot
Application against a fake Bot API on loopback.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import time
from typing import Any

import pytest
from dashboard_support import add_holder
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from telegram import Update

from bots.telegram import build_application
from core import limits
from core.chatlinks import LINK_JOB, LINK_TTL
from core.container import Container
from core.models import CallbackTask, Case, ChatRequest, InboundMessage, Job, OutboundMail, RateCounter
from faq.models import FaqProcessedUpdate, FaqUnanswered
from madoguchi.asgi import build_asgi
from tests.integration.bots.conftest import BOT_TOKEN, FakeBotApi, fake_bot_api  # noqa: F401 - the fixture.

EMERGENCY = "会社のPCが盗まれました。至急、電子証明書を失効してください。"
HOLDER = "hanako@example.jp"
PHONE = "03-5555-0101"


def _count(container: Container, model: Any) -> int:
    with container.factory() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _client(container: Container) -> TestClient:
    return TestClient(build_asgi(container), base_url="http://127.0.0.1:9")


# ---------------------------------------------------------------- the original attacks


def test_120_web_chat_messages_from_one_address_open_no_case_and_few_rows(container: Container) -> None:
    client = _client(container)
    codes: list[int] = []
    started = time.monotonic()
    for n in range(120):
        # A new page session for every message, as a script would do to escape per-session limits.
        response = client.post("/chat/api/ask", json={"text": f"{EMERGENCY}（{n}）", "session": f"s{n}"})
        codes.append(response.status_code)
        if response.status_code == 200:
            assert response.json()["kind"] == "procedure" and response.json()["case_tag"] is None
        else:
            assert response.status_code == 429 and "時間をおいて" in response.json()["detail"]
    rate = 120 / (time.monotonic() - started)
    assert rate > 2  # Faster than the original probe.
    assert _count(container, Case) == 0 and _count(container, InboundMessage) == 0
    # Rows: at most the per-client limit of waiting requests, and a handful of limiter windows.
    assert 1 <= _count(container, ChatRequest) <= limits.CHAT_REQUEST_PER_CLIENT.count
    assert _count(container, RateCounter) <= 4
    assert codes.count(200) <= limits.CHAT_REQUEST_PER_CLIENT.count + 1
    assert _count(container, OutboundMail) == 0


def _message(update_id: int, chat: int, text: str) -> dict[str, Any]:
    user = {"id": chat, "is_bot": False, "first_name": "Taro", "language_code": "ja"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": int(time.time()),
                                                "chat": {"id": chat, "type": "private"}, "from": user, "text": text}}


async def test_30_telegram_chat_ids_open_no_case_and_rows_stay_bounded(
    container: Container, fake_bot_api: FakeBotApi  # noqa: F811 - the imported fixture.
) -> None:
    application = build_application(BOT_TOKEN, container.faq, container.chat, container.factory,
                                    base_url=fake_bot_api.base_url)
    await application.initialize()
    try:
        async def feed(raw: dict[str, Any]) -> None:
            update = Update.de_json(raw, application.bot)
            assert update is not None
            await application.process_update(update)

        for n in range(30):
            await feed(_message(1000 + n, 9_000_000 + n, EMERGENCY))
        texts = [p["text"] for p in fake_bot_api.sent()]
        assert len(texts) == 30
        assert all("MDG-" not in t and "メールアドレス" in t and "FAX による緊急失効" in t for t in texts)
        assert _count(container, Case) == 0
        assert _count(container, ChatRequest) == 30
        # More chat ids than the per-channel limit: the rows stop growing and the chats are told so.
        for n in range(30, 30 + limits.CHAT_REQUEST_PER_CHANNEL.count):
            await feed(_message(1000 + n, 9_000_000 + n, EMERGENCY))
        assert _count(container, ChatRequest) == limits.CHAT_REQUEST_PER_CHANNEL.count
        assert "現在、チャットでのご依頼を受け付けられません" in fake_bot_api.sent()[-1]["text"]
        # One chat flooding: its updates stop creating rows (no update ids recorded, no questions kept).
        before = _count(container, FaqProcessedUpdate)
        for n in range(100):
            await feed(_message(5000 + n, 8_000_000, f"明日の天気は？ {n}"))
        assert _count(container, FaqProcessedUpdate) - before <= limits.TELEGRAM_UPDATES_PER_CHAT.count
        assert _count(container, FaqUnanswered) <= limits.UNANSWERED_PER_CLIENT.count
        assert _count(container, Case) == 0
    finally:
        await application.shutdown()


# ---------------------------------------------------------------- the one-time link


def _link_of(container: Container) -> str:
    container.queue().run_pending()  # The address is looked up and the link mailed by a job.
    with container.factory() as s:
        (row,) = s.execute(select(OutboundMail).where(OutboundMail.template == "chat_link")).scalars().all()
        assert row.to_addr == HOLDER and row.status in ("pending", "sent")
        raw = row.raw
    body = email.message_from_bytes(raw, policy=email.policy.default).get_body().get_content()  # type: ignore[union-attr]
    (link,) = set(re.findall(r"http://127\.0\.0\.1:9(/chat/link/[A-Za-z0-9_-]+)", body))
    return link


def _ask_for_link(client: TestClient, address: str, session: str = "p1") -> dict[str, Any]:
    first = client.post("/chat/api/ask", json={"text": EMERGENCY, "session": session})
    assert first.status_code == 200 and first.json()["kind"] == "procedure"
    second = client.post("/chat/api/ask", json={"text": address, "session": session})
    assert second.status_code == 200
    return dict(second.json())


def test_followed_link_opens_exactly_one_case_for_the_holder_with_the_chat_text(container: Container) -> None:
    add_holder(container, email=HOLDER, name="佐藤 花子", phone=PHONE)
    client = _client(container)
    answer = _ask_for_link(client, HOLDER)
    link = _link_of(container)
    # The token is stored only as its hash.
    with container.factory() as s:
        (request,) = s.execute(select(ChatRequest)).scalars().all()
        assert request.token_hash and link.rsplit("/", 1)[1] not in request.token_hash
    page = client.get(link)
    assert page.status_code == 200 and "至急" in page.text and "依頼を送信する" in page.text
    assert page.headers["x-frame-options"] == "DENY" and page.headers["referrer-policy"] == "no-referrer"
    assert _count(container, Case) == 0  # Opening the page changes nothing.
    sent = client.post(link)
    assert sent.status_code == 200
    (tag,) = set(re.findall(r"MDG-\d{6}", sent.text))
    with container.factory() as s:
        (case,) = s.execute(select(Case)).scalars().all()
        assert case.tag == tag and case.kind == "emergency_revocation" and case.state == "awaiting_callback"
        assert case.channel == "webchat" and EMERGENCY in case.summary and case.applicant_id is not None
        assert [t.phone for t in s.execute(select(CallbackTask)).scalars()] == [PHONE]
    # Reused: refused, still one case.
    again = client.post(link)
    assert again.status_code == 410 and _count(container, Case) == 1
    assert client.get(link).status_code == 410
    # An unknown address gets the very same chat answer, and nothing is mailed.
    other = _ask_for_link(client, "nobody@example.jp", session="p2")
    assert other["message"] == answer["message"]
    # Before answering, the chat did the same work for both: it queued one lookup job each; the
    # address is looked up only in the job, so the answer's timing tells nothing either.
    with container.factory() as s:
        assert s.scalar(select(func.count()).select_from(Job).where(Job.kind == LINK_JOB)) == 2
    container.queue().run_pending()
    with container.factory() as s:
        assert s.scalar(select(func.count()).select_from(OutboundMail).where(
            OutboundMail.to_addr == "nobody@example.jp")) == 0


def test_expired_forged_or_cross_site_links_open_no_case(container: Container) -> None:
    add_holder(container, email=HOLDER, name="佐藤 花子", phone=PHONE)
    client = _client(container)
    _ask_for_link(client, HOLDER)
    link = _link_of(container)
    # A forged token (same shape) and a token with one character changed.
    assert client.post("/chat/link/" + "A" * 43).status_code == 404
    token = link.rsplit("/", 1)[1]
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.post(f"/chat/link/{changed}").status_code == 404
    # A form posted from another site is refused even with the right token.
    assert client.post(link, headers={"Origin": "https://evil.example"}).status_code == 403
    assert _count(container, Case) == 0
    # Past its lifetime the link no longer works.
    container.clock.advance(LINK_TTL)  # type: ignore[attr-defined]
    expired = client.post(link)
    assert expired.status_code == 410 and "有効期限" in expired.text
    assert _count(container, Case) == 0


def test_link_requests_are_limited_per_address(container: Container) -> None:
    add_holder(container, email=HOLDER, name="佐藤 花子", phone=PHONE)
    client = _client(container)
    for n in range(limits.LINK_PER_ADDRESS.count):
        client.post("/chat/api/ask", json={"text": EMERGENCY, "session": f"a{n}"})
        assert client.post("/chat/api/ask", json={"text": HOLDER, "session": f"a{n}"}).status_code == 200
    client.post("/chat/api/ask", json={"text": EMERGENCY, "session": "late"})
    refused = client.post("/chat/api/ask", json={"text": HOLDER, "session": "late"})
    assert refused.status_code == 429
    container.queue().run_pending()
    with container.factory() as s:
        mails = s.scalar(select(func.count()).select_from(OutboundMail).where(OutboundMail.template == "chat_link"))
    assert mails == limits.LINK_PER_ADDRESS.count


@pytest.mark.parametrize("workers", [2])
def test_the_limiter_is_shared_by_processes_on_one_database(container: Container, workers: int) -> None:
    """Two limiters on the same database (as two ``serve`` processes) count into the same windows."""
    from core.limits import RowLimiter

    first, second = (RowLimiter(container.factory, container.clock) for _ in range(workers))
    limit = limits.LINK_PER_CLIENT
    allowed = [(first if n % 2 else second).allow(limit, "203.0.113.7") for n in range(limit.count + 3)]
    assert allowed == [True] * limit.count + [False] * 3


def test_stale_chat_requests_and_limiter_windows_are_purged(container: Container) -> None:
    """Rows a flood leaves behind do not stay: waiting requests and old windows go on the periodic tick."""
    client = _client(container)
    for n in range(3):
        assert client.post("/chat/api/ask", json={"text": EMERGENCY, "session": f"z{n}"}).status_code == 200
    assert _count(container, ChatRequest) == 3 and _count(container, RateCounter) > 0
    container.clock.advance(dt.timedelta(days=2))  # type: ignore[attr-defined]
    assert container.chat.links.purge() == 3 and container.chat.limiter.purge() > 0
    assert _count(container, ChatRequest) == 0 and _count(container, RateCounter) == 0

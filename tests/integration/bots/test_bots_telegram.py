"""The real python-telegram-bot Application against a fake Bot API server on loopback."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application

from bots.ratelimit import TokenBucketLimiter
from bots.telegram import build_application, start_polling, stop_polling
from bots.webhook import build_webhook_router
from faq.models import FaqFeedback, FaqProcessedUpdate, FaqUnanswered

BOT_TOKEN = "123456:TEST-token"
CHAT = 5550001
USER = 7770001


def user(language: str = "ja") -> dict[str, Any]:
    return {"id": USER, "is_bot": False, "first_name": "太郎", "last_name": "山田", "language_code": language}


def message_update(update_id: int, text: str, language: str = "ja", chat: int = CHAT) -> dict[str, Any]:
    msg: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": chat, "type": "private"},
        "from": user(language),
        "text": text,
    }
    if text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": msg}


def callback_update(update_id: int, data: str, markup: dict[str, Any] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": 900,
        "date": int(time.time()),
        "chat": {"id": CHAT, "type": "private"},
        "from": {"id": 42, "is_bot": True, "first_name": "Madoguchi"},
        "text": "previous answer",
    }
    if markup:
        message["reply_markup"] = markup
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb{update_id}",
            "from": user(),
            "chat_instance": "ci",
            "data": data,
            "message": message,
        },
    }


@pytest.fixture
async def app(fake_bot_api: Any, faq_engine: Any, chat_router: Any, session_factory: Any) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    application = build_application(BOT_TOKEN, faq_engine, chat_router, session_factory, base_url=fake_bot_api.base_url)
    await application.initialize()
    try:
        yield application
    finally:
        await application.shutdown()


async def feed(application: Application, raw: dict[str, Any]) -> None:  # type: ignore[type-arg]
    update = Update.de_json(raw, application.bot)
    assert update is not None
    await application.process_update(update)


def buttons(params: dict[str, Any]) -> list[str]:
    markup = params.get("reply_markup") or {"inline_keyboard": []}
    return [b["callback_data"] for row in markup["inline_keyboard"] for b in row]


async def test_bots_start_and_help_follow_language(app: Any, fake_bot_api: Any) -> None:
    assert fake_bot_api.sent("getMe"), "initialize() must have called the fake server"
    await feed(app, message_update(1, "/start"))
    await feed(app, message_update(2, "/help", language="en"))
    sent = fake_bot_api.sent()
    assert len(sent) == 2
    assert "ヘルプデスク" in sent[0]["text"]
    assert "help desk" not in sent[0]["text"]
    assert "How to use" in sent[1]["text"]
    assert int(sent[0]["chat_id"]) == CHAT


async def test_bots_question_answered_with_related_and_feedback_buttons(app: Any, fake_bot_api: Any) -> None:
    await feed(app, message_update(10, "証明書の有効期限っていつまで？"))
    (sent,) = fake_bot_api.sent()
    assert "1年1ヶ月" in sent["text"]
    data = buttons(sent)
    assert "fb:general-03:1" in data and "fb:general-03:0" in data
    related = [d for d in data if d.startswith("faq:")]
    assert related and "faq:general-03" not in related


async def test_bots_english_user_gets_english_answer(app: Any, fake_bot_api: Any) -> None:
    await feed(app, message_update(11, "how long is the certificate valid", language="en"))
    (sent,) = fake_bot_api.sent()
    assert "1 year and 1 month" in sent["text"]
    assert "Was this helpful?" in sent["text"]


async def test_bots_related_button_shows_that_entry(app: Any, fake_bot_api: Any) -> None:
    await feed(app, callback_update(20, "faq:revocation-04"))
    assert [p["callback_query_id"] for p in fake_bot_api.sent("answerCallbackQuery")] == ["cb20"]
    (sent,) = fake_bot_api.sent()
    assert "名義人死亡届" in sent["text"]
    assert "fb:revocation-04:1" in buttons(sent)


async def test_bots_feedback_is_stored_and_buttons_removed(app: Any, fake_bot_api: Any, session_factory: Any) -> None:
    markup = {
        "inline_keyboard": [
            [{"text": "関連", "callback_data": "faq:general-10"}],
            [
                {"text": "👍", "callback_data": "fb:general-03:1"},
                {"text": "👎", "callback_data": "fb:general-03:0"},
            ],
        ]
    }
    await feed(app, callback_update(30, "fb:general-03:0", markup))
    with session_factory() as s:
        rows = s.scalars(select(FaqFeedback)).all()
    assert [(r.faq_id, r.helpful, r.channel, r.external_user) for r in rows] == [
        ("general-03", False, "telegram", f"tg:{USER}")
    ]
    (edit,) = fake_bot_api.sent("editMessageReplyMarkup")
    assert buttons(edit) == ["faq:general-10"]
    (ack,) = fake_bot_api.sent("answerCallbackQuery")
    assert "ありがとう" in ack["text"]


async def test_bots_request_opens_no_case_and_asks_for_the_registered_address(
    app: Any, fake_bot_api: Any, chat_router: Any
) -> None:
    await feed(app, message_update(40, "申し込みを取り消してください。山田太郎です"))
    (request,) = chat_router.requests
    assert request["intent"] == "cancellation" and request["channel"] == "telegram"
    assert request["user"] == f"tg:{USER}" and request["client"] == f"chat:{CHAT}" and request["language"] == "ja"
    (sent,) = fake_bot_api.sent()
    assert "MDG-" not in sent["text"] and "まだ受付は完了していません" in sent["text"]
    assert "ご登録いただいたメールアドレス" in sent["text"] and "電話番号へ折り返し" in sent["text"]
    assert not buttons(sent)
    await feed(app, message_update(41, "taro@example.jp"))
    assert chat_router.links == [{"channel": "telegram", "user": f"tg:{USER}", "address": "taro@example.jp"}]
    assert "確認用のリンク" in fake_bot_api.sent()[-1]["text"]


async def test_bots_emergency_gives_the_fax_and_phone_procedure(app: Any, fake_bot_api: Any) -> None:
    await feed(app, message_update(42, "PCを盗まれました。至急失効してください"))
    (sent,) = fake_bot_api.sent()
    assert "FAX による緊急失効" in sent["text"] and "この電話番号が使用できない場合" in sent["text"]
    assert sent["text"].index("緊急") < sent["text"].index("メールアドレス")


async def test_bots_address_without_a_request_asks_for_the_request_first(
    app: Any, fake_bot_api: Any, chat_router: Any
) -> None:
    await feed(app, message_update(43, "taro@example.jp"))
    assert chat_router.links == []
    assert "先にご依頼の内容" in fake_bot_api.sent()[-1]["text"]


async def test_bots_unsure_question_recorded_for_a_human(app: Any, fake_bot_api: Any, session_factory: Any) -> None:
    await feed(app, message_update(50, "明日の東京の天気を教えて"))
    (sent,) = fake_bot_api.sent()
    assert "確かな回答が見つかりませんでした" in sent["text"]
    with session_factory() as s:
        rows = s.scalars(select(FaqUnanswered)).all()
    assert [(r.text, r.channel, r.language) for r in rows] == [("明日の東京の天気を教えて", "telegram", "ja")]


async def test_bots_unsure_offers_did_you_mean_buttons_that_answer(
    app: Any, fake_bot_api: Any, session_factory: Any, faq_engine: Any
) -> None:
    text = "領収書を会社宛てで発行してもらえますか"
    await feed(app, message_update(51, text))
    (sent,) = fake_bot_api.sent()
    assert "もしかして…" in sent["text"]
    data = buttons(sent)
    assert not any(d.startswith("fb:") for d in data)
    suggested = [d.removeprefix("faq:") for d in data]
    assert suggested == faq_engine.ask(text).related
    if faq_engine.fused:
        assert len(suggested) == 3
    labels = [b["text"] for row in sent["reply_markup"]["inline_keyboard"] for b in row]
    assert faq_engine.question_text(suggested[0], "ja").startswith(labels[0].removesuffix("…"))
    with session_factory() as s:
        (row,) = s.scalars(select(FaqUnanswered)).all()
    assert row.text == text and row.closest == ",".join(suggested)
    # Choosing a suggestion answers with that entry, with the feedback buttons of an answer.
    await feed(app, callback_update(52, data[0]))
    answer = fake_bot_api.sent()[-1]
    assert faq_engine.answer_text(suggested[0], "ja")[:20] in answer["text"]
    assert f"fb:{suggested[0]}:1" in buttons(answer)


async def test_bots_group_chatter_and_edits_are_not_answered(app: Any, fake_bot_api: Any) -> None:
    group = message_update(55, "料金はいくら？")
    group["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "社内"}
    await feed(app, group)
    edited = message_update(56, "料金はいくら？")
    edited["edited_message"] = edited.pop("message")
    edited["edited_message"]["edit_date"] = int(time.time())
    await feed(app, edited)
    assert fake_bot_api.sent() == []
    await feed(app, message_update(57, "料金はいくら？"))
    assert len(fake_bot_api.sent()) == 1


async def test_bots_repeated_update_id_processed_once(
    app: Any, fake_bot_api: Any, session_factory: Any, chat_router: Any
) -> None:
    update = message_update(60, "証明書を至急失効させたい")
    await feed(app, update)
    await feed(app, update)
    assert len(fake_bot_api.sent()) == 1
    assert len(chat_router.requests) == 1
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(FaqProcessedUpdate)) == 1


async def test_bots_rate_limit_refuses_politely_once(
    fake_bot_api: Any, faq_engine: Any, chat_router: Any, session_factory: Any
) -> None:
    clock = [0.0]
    limiter = TokenBucketLimiter(rate=1.0, burst=2, clock=lambda: clock[0])
    application = build_application(
        BOT_TOKEN, faq_engine, chat_router, session_factory, base_url=fake_bot_api.base_url, limiter=limiter
    )
    await application.initialize()
    try:
        for i in range(4):
            await feed(application, message_update(70 + i, "料金はいくら？"))
        texts = [p["text"] for p in fake_bot_api.sent()]
        assert len(texts) == 3
        assert "少し時間をおいて" in texts[2]
        # Another chat has its own bucket.
        await feed(application, message_update(80, "料金はいくら？", chat=CHAT + 1))
        # After the bucket refills the first chat is served again.
        clock[0] = 5.0
        await feed(application, message_update(81, "料金はいくら？"))
        texts = [p["text"] for p in fake_bot_api.sent()]
        assert len(texts) == 5 and "少し時間をおいて" not in texts[4]
    finally:
        await application.shutdown()


def webhook_client(application: Application) -> httpx.AsyncClient:  # type: ignore[type-arg]
    web = FastAPI()
    web.include_router(build_webhook_router(application, "s3cret-token"))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=web), base_url="http://madoguchi.test")


async def test_bots_webhook_checks_secret(app: Any, fake_bot_api: Any) -> None:
    body = message_update(90, "/start")
    async with webhook_client(app) as client:
        assert (await client.post("/telegram/webhook", json=body)).status_code == 403
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "nope"}
        assert (await client.post("/telegram/webhook", json=body, headers=wrong)).status_code == 403
        assert fake_bot_api.sent() == []
        right = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
        response = await client.post("/telegram/webhook", json=body, headers=right)
        assert response.status_code == 200
        assert (await client.post("/telegram/webhook", content=b"not json", headers=right)).status_code == 400
    (sent,) = fake_bot_api.sent()
    assert "ヘルプデスク" in sent["text"]


async def test_bots_webhook_feeds_a_running_application(app: Any, fake_bot_api: Any) -> None:
    await app.start()
    try:
        async with webhook_client(app) as client:
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
            response = await client.post("/telegram/webhook", json=message_update(95, "CPSとは？"), headers=headers)
            assert response.status_code == 200
        for _ in range(200):
            if fake_bot_api.sent():
                break
            await asyncio.sleep(0.02)
    finally:
        await app.stop()
    (sent,) = fake_bot_api.sent()
    assert "認証局業務規程" in sent["text"]


def test_bots_webhook_requires_a_secret() -> None:
    with pytest.raises(ValueError):
        build_webhook_router(Application.builder().token(BOT_TOKEN).build(), "")


async def test_bots_polling_mode_serves_updates(
    fake_bot_api: Any, faq_engine: Any, chat_router: Any, session_factory: Any
) -> None:
    fake_bot_api.pending_updates.append(message_update(100, "CRLってなに？"))
    application = build_application(BOT_TOKEN, faq_engine, chat_router, session_factory, base_url=fake_bot_api.base_url)
    await start_polling(application, poll_interval=0.05)
    try:
        for _ in range(200):
            if fake_bot_api.sent():
                break
            await asyncio.sleep(0.02)
    finally:
        await stop_polling(application)
    (sent,) = fake_bot_api.sent()
    assert "CRL" in sent["text"] and "fb:other-07:1" in buttons(sent)
    assert fake_bot_api.sent("deleteWebhook")
    assert not application.running

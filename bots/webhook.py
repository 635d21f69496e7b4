"""Webhook mode: Telegram POSTs updates to ``/telegram/webhook`` on our HTTP server.

Telegram sends the secret given to ``setWebhook`` in ``X-Telegram-Bot-Api-Secret-Token``;
any request without the right secret is refused with 403 before the body is even parsed.
"""

from __future__ import annotations

import hmac
import logging

from fastapi import APIRouter, Header, HTTPException, Request
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)


def build_webhook_router(application: Application, secret_token: str) -> APIRouter:  # type: ignore[type-arg]
    """Return a router with POST /telegram/webhook feeding *application*."""
    if not secret_token:
        raise ValueError("a webhook secret token is required")
    router = APIRouter()

    @router.post("/telegram/webhook")
    async def telegram_webhook(
        request: Request,
        x_telegram_bot_api_secret_token: str | None = Header(default=None),
    ) -> dict[str, bool]:
        given = (x_telegram_bot_api_secret_token or "").encode()
        if not hmac.compare_digest(given, secret_token.encode()):
            raise HTTPException(status_code=403, detail="forbidden")
        try:
            payload = await request.json()
            update = Update.de_json(payload, application.bot)
        except Exception as exc:  # noqa: BLE001 - a malformed body is the sender's error.
            raise HTTPException(status_code=400, detail="bad update") from exc
        if update is None:
            raise HTTPException(status_code=400, detail="bad update")
        if application.running:
            # A started application processes the queue itself; Telegram gets its 200 at once.
            await application.update_queue.put(update)
        else:
            await application.process_update(update)
        return {"ok": True}

    return router


async def set_webhook(application: Application, url: str, secret_token: str) -> None:  # type: ignore[type-arg]
    """Register *url* with Telegram, with the secret it must echo back."""
    await application.bot.set_webhook(url=url, secret_token=secret_token, allowed_updates=Update.ALL_TYPES)

"""The Telegram bot (python-telegram-bot v22): FAQ answers, requests that open cases, feedback.

Handlers run in this order for every update:

1. group -2: per-chat limits (an in-process token bucket against bursts, then the shared,
   database-backed window of :mod:`core.limits`); a flooding chat is told politely, once, to
   slow down, and its updates create no rows at all;
2. group -1: drop an update whose ``update_id`` was already processed (stored in the database,
   so a redelivery after a restart or a retried webhook is still ignored);
3. group 0: /start, /help, free text, and inline-button presses.

A Telegram account is not an identity: the bot never asks for a phone number and never opens a
case.  For a request it explains the procedure and asks for the email address registered on the
application; a one-time link mailed there opens the case (``bots.service``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.orm import Session, sessionmaker
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bots.ports import ChatRouter
from bots.ratelimit import TokenBucketLimiter
from bots.service import ChatReply, ChatService
from bots.texts import pick_language, t
from faq.engine import FaqEngine
from faq.live import LiveFaqEngine
from faq.normalize import detect_language
from faq.store import claim_update, record_feedback

log = logging.getLogger(__name__)

CHANNEL = "telegram"
BUTTON_LABEL_MAX = 60


def _language(update: Update, text: str = "") -> str:
    user = update.effective_user
    return pick_language(user.language_code if user else None, fallback=detect_language(text) if text else "ja")


def _external_user(update: Update) -> str:
    user = update.effective_user
    return f"tg:{user.id}" if user else f"tg-chat:{update.effective_chat.id if update.effective_chat else 0}"


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_LABEL_MAX else text[: BUTTON_LABEL_MAX - 1] + "…"


def reply_keyboard(reply: ChatReply) -> InlineKeyboardMarkup | None:
    """Buttons under a reply: related questions or suggestions ("faq:<id>"), then 👍/👎 for an answer."""
    entries = reply.related + reply.suggestions
    rows = [[InlineKeyboardButton(_label(q), callback_data=f"faq:{fid}")] for fid, q in entries]
    if reply.kind == "answer" and reply.faq_id:
        rows.append(
            [
                InlineKeyboardButton("👍", callback_data=f"fb:{reply.faq_id}:1"),
                InlineKeyboardButton("👎", callback_data=f"fb:{reply.faq_id}:0"),
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


def render(reply: ChatReply) -> str:
    """The message text of a reply."""
    text = reply.text
    if reply.suggestions:
        text += "\n\n" + t("closest", reply.language)
    elif reply.related:
        text += "\n\n" + t("related", reply.language)
    if reply.kind == "answer":
        text += "\n\n" + t("helpful", reply.language)
    return text


class TelegramBot:
    """The handlers, bound to one engine, router and database."""

    def __init__(
        self, service: ChatService, session_factory: sessionmaker[Session], limiter: TokenBucketLimiter
    ) -> None:
        self.service = service
        self.session_factory = session_factory
        self.limiter = limiter
        self._warned: set[int] = set()

    async def dedupe(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stop processing an update seen before."""
        if not isinstance(update, Update):
            return
        fresh = await asyncio.to_thread(claim_update, self.session_factory, update.update_id)
        if not fresh:
            log.info("duplicate telegram update %s ignored", update.update_id)
            raise ApplicationHandlerStop

    async def rate_limit(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Refuse politely (once) when a chat sends faster than its bucket allows."""
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        chat_id = update.effective_chat.id
        if self.limiter.allow(str(chat_id)) and await asyncio.to_thread(
                self.service.router.allow, "telegram_update", f"{CHANNEL}:{chat_id}"):
            self._warned.discard(chat_id)
            return
        if update.callback_query is not None:
            await update.callback_query.answer(t("rate_limited", _language(update)))
        elif chat_id not in self._warned:
            self._warned.add(chat_id)
            await context.bot.send_message(chat_id, t("rate_limited", _language(update)))
        raise ApplicationHandlerStop

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start: greeting."""
        if update.effective_message:
            await update.effective_message.reply_text(t("start", _language(update)))

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/help: how to use the bot."""
        if update.effective_message:
            await update.effective_message.reply_text(t("help", _language(update)))

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A free-text message: a request opens a case, anything else is answered from the FAQ."""
        message = update.effective_message
        if message is None or not message.text:
            return
        language = _language(update, message.text)
        user = update.effective_user
        display = user.full_name if user else ""
        chat = update.effective_chat
        reply = await asyncio.to_thread(
            self.service.handle, CHANNEL, _external_user(update), display, message.text, language,
            f"chat:{chat.id if chat else 0}",
        )
        await message.reply_text(render(reply), reply_markup=reply_keyboard(reply))

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An inline button: show an entry ("faq:<id>") or store feedback ("fb:<id>:<1|0>")."""
        query = update.callback_query
        if query is None or not query.data:
            return
        language = _language(update)
        kind, _, rest = query.data.partition(":")
        if kind == "faq":
            reply = await asyncio.to_thread(self.service.entry_reply, rest, language)
            if reply is None:
                await query.answer(t("unknown_entry", language))
                return
            await query.answer()
            if query.message is not None:
                await context.bot.send_message(query.message.chat.id, render(reply), reply_markup=reply_keyboard(reply))
            return
        if kind == "fb":
            faq_id, _, vote = rest.rpartition(":")
            if self.service.engine.entry(faq_id) is None or vote not in ("0", "1"):
                await query.answer(t("unknown_entry", language))
                return
            chat_key = f"{CHANNEL}:chat:{query.message.chat.id if query.message else 0}"
            if not await asyncio.to_thread(self.service.router.allow, "feedback", chat_key):
                await query.answer(t("rate_limited", language))
                return
            await asyncio.to_thread(
                record_feedback,
                self.session_factory,
                channel=CHANNEL,
                external_user=_external_user(update),
                faq_id=faq_id,
                helpful=vote == "1",
            )
            await query.answer(t("thanks_feedback", language))
            # The vote buttons are removed so the same message cannot be voted on twice.
            old = getattr(query.message, "reply_markup", None)
            await query.edit_message_reply_markup(reply_markup=_without_feedback(old))
            return
        await query.answer()


def _without_feedback(markup: Any) -> InlineKeyboardMarkup | None:
    if not isinstance(markup, InlineKeyboardMarkup):
        return None
    rows = [
        list(row)
        for row in markup.inline_keyboard
        if not any((b.callback_data or "").startswith("fb:") for b in row if isinstance(b.callback_data, str))
    ]
    return InlineKeyboardMarkup(rows) if rows else None


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("telegram handler failed for %r", update, exc_info=context.error)


def build_application(
    token: str,
    engine: FaqEngine | LiveFaqEngine,
    router: ChatRouter,
    session_factory: sessionmaker[Session],
    base_url: str | None = None,
    base_file_url: str | None = None,
    limiter: TokenBucketLimiter | None = None,
) -> Application:  # type: ignore[type-arg]
    """Build the bot application (not yet initialised or started)."""
    builder = Application.builder().token(token)
    if base_url:
        builder = builder.base_url(base_url)
    if base_file_url:
        builder = builder.base_file_url(base_file_url)
    application = builder.build()
    bot = TelegramBot(ChatService(engine, router, session_factory), session_factory, limiter or TokenBucketLimiter())
    application.bot_data["madoguchi_bot"] = bot
    application.add_handler(TypeHandler(Update, bot.rate_limit), group=-2)
    application.add_handler(TypeHandler(Update, bot.dedupe), group=-1)
    application.add_handler(CommandHandler("start", bot.start))
    application.add_handler(CommandHandler("help", bot.help))
    # Free text is answered in private chats only, and edits of old messages are not re-answered.
    private_text = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(private_text, bot.text))
    application.add_handler(CallbackQueryHandler(bot.button))
    application.add_error_handler(_on_error)
    return application


async def start_polling(application: Application, poll_interval: float = 0.0) -> None:  # type: ignore[type-arg]
    """Initialise, start and begin long polling inside the caller's running event loop."""
    await application.initialize()
    # Polling and a webhook exclude each other at Telegram; any webhook left over is removed.
    await application.bot.delete_webhook()
    await application.start()
    if application.updater is None:
        raise RuntimeError("application was built without an updater")
    await application.updater.start_polling(poll_interval=poll_interval, allowed_updates=Update.ALL_TYPES)


async def stop_polling(application: Application) -> None:  # type: ignore[type-arg]
    """Stop polling and shut the application down (the reverse of :func:`start_polling`)."""
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()

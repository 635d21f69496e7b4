"""Web chat: a small public page at ``/chat`` and its JSON API under ``/chat/api``.

The page is plain HTML and JavaScript (no build step).  The API uses the same
:class:`~bots.service.ChatService` as the Telegram bot: a request opens no case but starts the
one-time link procedure (the link's page is :mod:`bots.linkpage`), uncertain questions are
recorded for a human, answers come from the FAQ engine.  Two limits apply: in-process token
buckets per page session and per client address against bursts, and the router's shared,
database-backed limits per client address on everything that creates rows; both answer 429.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session, sessionmaker

from bots.ports import ChatRouter
from bots.ratelimit import TokenBucketLimiter
from bots.service import ADDRESS, ChatReply, ChatService
from bots.texts import t
from faq.engine import FaqEngine
from faq.live import LiveFaqEngine
from faq.normalize import detect_language
from faq.store import record_feedback

CHANNEL = "webchat"


class AskIn(BaseModel):
    """A question typed on the page."""

    # At least one visible character; blank text is refused by validation like any bad field.
    text: str = Field(min_length=1, max_length=4000, pattern=r"\S")
    lang: str | None = None
    session: str = Field(default="", max_length=64)


class ChatError(BaseModel):
    """An error answer: a message for the person at the keyboard."""

    detail: str


CHAT_ERRORS: dict[int | str, dict[str, Any]] = {
    429: {"model": ChatError, "description": "Too many questions in a short time"},
}


class FeedbackIn(BaseModel):
    """A 👍/👎 vote on an answer."""

    faq_id: str = Field(max_length=64)
    helpful: bool
    session: str = Field(default="", max_length=64)


def reply_json(reply: ChatReply) -> dict[str, Any]:
    """The JSON shape of a reply, shared by /ask and /entry."""
    return {
        "kind": reply.kind,
        "language": reply.language,
        "message": reply.text if reply.kind != "answer" else None,
        "faq_id": reply.faq_id,
        "confidence": reply.confidence,
        "question": reply.question,
        "answer": reply.answer,
        "related": [{"id": fid, "question": q} for fid, q in reply.related],
        # When unsure: the closest questions, shown as buttons under "suggestions_prompt".
        "suggestions": [{"id": fid, "question": q} for fid, q in reply.suggestions],
        "suggestions_prompt": t("closest", reply.language) if reply.suggestions else None,
        "case_tag": reply.case_tag,
        "helpful_prompt": t("helpful", reply.language) if reply.kind == "answer" else None,
    }


def _lang(given: str | None, text: str = "") -> str:
    if given in ("ja", "en"):
        return given
    return detect_language(text) if text else "ja"


def build_webchat_router(
    engine: FaqEngine | LiveFaqEngine,
    router: ChatRouter,
    session_factory: sessionmaker[Session],
    limiter: TokenBucketLimiter | None = None,
) -> APIRouter:
    """Return the router serving GET /chat and the /chat/api endpoints."""
    service = ChatService(engine, router, session_factory)
    bucket = limiter or TokenBucketLimiter(rate=0.5, burst=8)
    # A second, looser bucket per client address stops a script that rotates session ids.
    address_bucket = TokenBucketLimiter(rate=bucket.rate * 4, burst=bucket.burst * 4)
    api = APIRouter()
    page = resources.files("bots").joinpath("static/chat.html").read_text(encoding="utf-8")

    def _host(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    def _user(request: Request, session: str) -> str:
        # A browser has no identity; the page's random session id only groups its messages.
        host = request.client.host if request.client else "unknown"
        return f"web:{session or host}"

    def _check_rate(request: Request, session: str, language: str) -> None:
        host = request.client.host if request.client else "unknown"
        if not (bucket.allow(_user(request, session)) and address_bucket.allow(host)):
            raise HTTPException(status_code=429, detail=t("rate_limited", language))

    @api.get("/chat", response_class=HTMLResponse)
    def chat_page() -> HTMLResponse:
        return HTMLResponse(page)

    @api.post("/chat/api/ask", responses=CHAT_ERRORS)
    def ask(body: AskIn, request: Request) -> dict[str, Any]:
        # An email address says nothing of its writer's language: Japanese first, unless chosen.
        language = _lang(body.lang, "" if ADDRESS.fullmatch(body.text.strip()) else body.text)
        _check_rate(request, body.session, language)
        reply = service.handle(CHANNEL, _user(request, body.session), "", body.text, language,
                               client=_host(request))
        if reply.kind == "limited":
            raise HTTPException(status_code=429, detail=reply.text)
        return reply_json(reply)

    @api.get("/chat/api/entry/{faq_id}", responses={404: {"model": ChatError, "description": "No such entry"}})
    def entry(faq_id: str, lang: str | None = None) -> dict[str, Any]:
        reply = service.entry_reply(faq_id, _lang(lang))
        if reply is None:
            raise HTTPException(status_code=404, detail=t("unknown_entry", _lang(lang)))
        return reply_json(reply)

    @api.post("/chat/api/feedback", responses={
        404: {"model": ChatError, "description": "No such entry"}, 429: CHAT_ERRORS[429]})
    def feedback(body: FeedbackIn, request: Request) -> dict[str, bool]:
        if engine.entry(body.faq_id) is None:
            raise HTTPException(status_code=404, detail="unknown faq id")
        _check_rate(request, body.session, "ja")
        if not router.allow("feedback", f"{CHANNEL}:{_host(request)}"):
            raise HTTPException(status_code=429, detail=t("rate_limited", "ja"))
        record_feedback(
            session_factory,
            channel=CHANNEL,
            external_user=_user(request, body.session),
            faq_id=body.faq_id,
            helpful=body.helpful,
        )
        return {"ok": True}

    return api

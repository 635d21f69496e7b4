"""The page behind the one-time link mailed for a chat request: ``GET`` shows it, ``POST`` sends it.

``GET /chat/link/{token}`` changes nothing (mail scanners and link previews open links), it
shows the request written in the chat and one button; ``POST`` to the same address opens the
case (``core.chatlinks.ChatLinks.confirm``: once, before expiry, for the applicant the link was
mailed to).  The token in the path is the only credential and no cookie is involved, so a
cross-site form cannot act for anyone who has not got the mail; a cross-origin ``Origin`` is
refused all the same.  The page may not be framed, sends no referrer (the token is in its
address) and is not cached.  Texts are Japanese first, English second (:mod:`bots.texts`).
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from bots.ports import ChatRouter
from bots.texts import t
from core.chatlinks import LinkRefused

#: Headers of every answer of this page.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _both(key: str, **values: str) -> str:
    """A text in Japanese, then English, as HTML paragraphs."""
    return "".join(f"<p lang=\"{lang}\">{html.escape(t(key, lang, **values))}</p>" for lang in ("ja", "en"))


def _page(body: str, status: int = 200) -> HTMLResponse:
    title = html.escape(f"{t('link_title', 'ja')} / {t('link_title', 'en')}")
    doc = (f"<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title>"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
           "blockquote{white-space:pre-wrap;border-left:3px solid #888;padding-left:1em}</style></head>"
           f"<body><h1>{title}</h1>{body}</body></html>")
    return HTMLResponse(doc, status_code=status, headers=HEADERS)


def _same_origin(request: Request) -> bool:
    """False when the browser says the form came from another site."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc.lower() == (request.headers.get("host") or "").lower()


def build_link_router(router: ChatRouter) -> APIRouter:
    """Return the router serving ``/chat/link/{token}``."""
    api = APIRouter()
    refused_keys = {"used": "link_used", "expired": "link_expired", "unknown": "link_unknown"}

    @api.get("/chat/link/{token}", response_class=HTMLResponse, include_in_schema=False)
    def show(token: str) -> HTMLResponse:
        view = router.link_view(token[:128])
        if view is None:
            return _page(_both("link_unknown"), 404)
        if view.state != "ready":
            return _page(_both(refused_keys[view.state]), 410)
        form = (f"<form method=\"post\" action=\"/chat/link/{html.escape(token, quote=True)}\">"
                f"<button type=\"submit\">{html.escape(t('link_button', 'ja'))} / "
                f"{html.escape(t('link_button', 'en'))}</button></form>")
        return _page(_both("link_intro") + f"<blockquote>{html.escape(view.text)}</blockquote>" + form)

    @api.post("/chat/link/{token}", response_class=HTMLResponse, include_in_schema=False)
    def send(token: str, request: Request) -> HTMLResponse:
        if not _same_origin(request):
            return _page(_both("link_unknown"), 403)
        host = request.client.host if request.client else "unknown"
        if not router.allow("link_confirm", host):
            return _page(_both("rate_limited"), 429)
        try:
            done = router.confirm_link(token[:128])
        except LinkRefused as refused:
            return _page(_both(refused_keys.get(refused.reason, "link_unknown")),
                         404 if refused.reason == "unknown" else 410)
        return _page(_both("case_opened", tag=done.tag))

    return api

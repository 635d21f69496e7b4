"""Security headers for every HTTP response, strictest on the dashboard.

The dashboard gets a Content-Security-Policy without inline scripts or styles and may not be
framed. Other surfaces (API docs, repository, OCSP) keep working with their own needs but
still get ``nosniff``, a referrer policy and HSTS.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI

from core.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DASHBOARD_PREFIX = "/dashboard"

DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'"
)
COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "strict-transport-security": "max-age=63072000; includeSubDomains",
}
DASHBOARD_HEADERS = {
    "content-security-policy": DASHBOARD_CSP,
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeadersMiddleware:
    """Adds the headers above unless the endpoint already set its own value."""

    def __init__(self, app: ASGIApp, hsts: bool = True) -> None:
        self.app = app
        self.common = dict(COMMON_HEADERS)
        if not hsts:
            del self.common["strict-transport-security"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = dict(self.common)
        if str(scope.get("path", "")).startswith(DASHBOARD_PREFIX):
            extra.update(DASHBOARD_HEADERS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.decode("latin-1").lower() for name, _ in headers}
                for name, value in extra.items():
                    if name not in present:
                        headers.append((name.encode("latin-1"), value.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_security(app: FastAPI, settings: Settings) -> None:
    """Add :class:`SecurityHeadersMiddleware` to *app* (HSTS is always sent; browsers ignore it over http)."""
    del settings  # Kept in the signature so that policies can depend on settings later.
    app.add_middleware(SecurityHeadersMiddleware)  # type: ignore[arg-type]

"""Request plumbing shared by the dashboard routes: sessions, CSRF, roles and rendering.

Every state-changing request is a POST carrying the session's synchronizer token (a form
field ``csrf_token`` or the ``X-CSRF-Token`` header); a missing or wrong token gets 403.
Cookies are ``HttpOnly`` and ``SameSite=Strict``, and by default also ``Secure`` with the ``__Host-``
prefix (no Domain, Path=/); only a plain-http loopback ``public_base_url`` (development) or an
explicit ``secure_cookies = false`` drops that (``Settings.cookies_secure``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit
from zoneinfo import ZoneInfo

from fastapi import HTTPException, Request, Response, status
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session

from core.container import Container
from core.models import Operator
from core.operators import can_approve
from core.services.jobs import FailedCounts, failed_counts
from core.sessions import WebSession
from dashboard import queries, texts
from dashboard.auth import SessionStore

PREFIX = "/dashboard"
#: Largest value of an ``Integer`` primary key on PostgreSQL; bigger ids are refused with 422
#: before they reach the database driver (which would fail with a server error).
MAX_ID = 2**31 - 1
MAX_SEQ = 2**63 - 1
TEMPLATES = Path(__file__).with_name("templates")
JST = ZoneInfo("Asia/Tokyo")


@dataclass(frozen=True)
class OperatorView:
    """The logged-in operator, detached from any database session."""

    id: int
    username: str
    display_name: str
    role: str
    has_totp: bool

    @property
    def can_approve(self) -> bool:
        return can_approve(self.role)


@dataclass(frozen=True)
class View:
    """The current browser session as the routes need it."""

    session_id: int
    csrf: str
    language: str
    authenticated: bool
    operator: OperatorView | None
    pending_secret: str | None

    @property
    def op(self) -> OperatorView:
        assert self.operator is not None
        return self.operator


def fmt_time(value: dt.datetime | str | None) -> str:
    """Times are shown in Japan time, which is what operators and applicants use.

    ISO 8601 text (as the CA's status reports its times, in UTC) is read and shown the same way.
    """
    if value is None or value == "":
        return "-"
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        value = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
    return value.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")


class Dashboard:
    """Holds the container, the session store and the template environment."""

    def __init__(self, c: Container) -> None:
        self.c = c
        self.store = SessionStore(c.clock)
        self.secure = c.settings.cookies_secure
        self.cookie = "__Host-mdg_session" if self.secure else "mdg_session"
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["jst"] = fmt_time
        self.env.filters["pretty"] = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    def read(self) -> Session:
        """A session for reading only: on SQLite it never takes the single write lock."""
        return self.c.read_factory()

    # ------------------------------------------------------------------ sessions

    def set_cookie(self, response: Response, token: str) -> None:
        response.set_cookie(self.cookie, token, httponly=True, secure=self.secure, samesite="strict", path="/")

    def clear_cookie(self, response: Response) -> None:
        response.delete_cookie(self.cookie, path="/", secure=self.secure, httponly=True, samesite="strict")

    def view_of(self, row: WebSession, op: Operator | None) -> View:
        opv = None
        if op is not None:
            opv = OperatorView(op.id, op.username, op.display_name or op.username, op.role, bool(op.totp_secret))
        return View(row.id, row.csrf_token, row.language, row.authenticated, opv, row.pending_totp_secret)

    def current(self, request: Request, touch: bool = True) -> View | None:
        """The live session of this request, or None (timed-out sessions are deleted here)."""
        token = request.cookies.get(self.cookie)
        if not token:
            return None
        # Most requests only read; the write transaction is taken when the session must be
        # refreshed or ended, which happens at most every few seconds per browser.
        with self.read() as session:
            row = self.store.find(session, token)
            if row is None:
                return None
            op = session.get(Operator, row.operator_id) if row.operator_id else None
            if not self.store.needs_write(row, touch) and (op is None or op.active):
                return self.view_of(row, op)
        with self.c.factory() as session, session.begin():
            row = self.store.load(session, token, touch=touch)
            if row is None:
                return None
            op = session.get(Operator, row.operator_id) if row.operator_id else None
            if op is not None and not op.active:
                self.store.end(session, row)
                return None
            return self.view_of(row, op)

    def require(self, request: Request) -> View:
        """Dependency: a logged-in operator, or a redirect to the login page."""
        view = self.current(request)
        if view is None or not view.authenticated or view.operator is None:
            query = {"expired": "1"} if request.cookies.get(self.cookie) else {}
            back = return_path(request)
            if back:
                query["next"] = back
            location = f"{PREFIX}/login" + ("?" + urlencode(query) if query else "")
            raise HTTPException(status.HTTP_303_SEE_OTHER, "login required", headers={"Location": location})
        return view

    def require_api(self, request: Request) -> View:
        """Dependency for the live-update endpoint: 401 instead of a redirect, and no idle refresh."""
        view = self.current(request, touch=False)
        if view is None or not view.authenticated or view.operator is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "login required")
        return view

    async def check_csrf(self, request: Request, view: View | None) -> None:
        """Refuse the request with 403 unless it carries this session's CSRF token."""
        sent = request.headers.get("x-csrf-token", "")
        if not sent:
            form = await request.form()
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else ""
        if view is None or not sent or not secrets.compare_digest(sent.encode(), view.csrf.encode()):
            language = view.language if view else "ja"
            raise HTTPException(status.HTTP_403_FORBIDDEN, texts.text("forbidden_csrf", language))

    # ------------------------------------------------------------------ rendering

    def nav_counts(self, view: View | None) -> FailedCounts | None:
        """Failed jobs for the navigation (logged-in operators only)."""
        if view is None or not view.authenticated or view.operator is None:
            return None
        with self.read() as session:
            return failed_counts(session)

    def nav_queue(self, view: View | None) -> queries.QueueCounts | None:
        """The queue's counts for the navigation (未割当 · 自分 · 期限超過), logged-in operators only."""
        if view is None or not view.authenticated or view.operator is None:
            return None
        with self.read() as session:
            return queries.counts(session, view.operator.id, self.c.clock.now())

    def render(self, name: str, view: View | None, status_code: int = 200, **values: Any) -> HTMLResponse:
        language = view.language if view else "ja"
        t = texts.translator(language)
        html = self.env.get_template(name).render(
            t=t, lang=language, view=view, me=view.operator if view else None, csrf=view.csrf if view else "",
            prefix=PREFIX, nav_failed=self.nav_counts(view), nav_queue=self.nav_queue(view), **values,
        )
        return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})

    def forbidden(self, view: View) -> HTMLResponse:
        return self.render("error.html", view, status_code=403, message=texts.text("forbidden_role", view.language))

    def not_found(self, view: View) -> HTMLResponse:
        return self.render("error.html", view, status_code=404, message=texts.text("not_found", view.language))


#: A path on the dashboard with an optional query: printable ASCII only, no backslash, no "//".
SAFE_NEXT = re.compile(re.escape(PREFIX) + r"/[A-Za-z0-9/_.~%!$&'()*+,;=:@?-]*")


def safe_next(candidate: str) -> str | None:
    """*candidate* if it is one of our own dashboard pages, else None (no other host, no CR/LF)."""
    if SAFE_NEXT.fullmatch(candidate) and "//" not in candidate and len(candidate) <= 500:
        return candidate
    return None


def return_path(request: Request) -> str | None:
    """Where a logged-out operator should come back to after logging in again.

    A page they asked for (GET) is that page.  A form they sent (POST) after the session ended
    is the page the form was on (its same-origin Referer), so the draft kept by ``drafts.js``
    is found there again; the POST itself is never replayed.
    """
    if request.method == "GET":
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return safe_next(path)
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc and referer.netloc != request.url.netloc:
        return None
    return safe_next(referer.path + (f"?{referer.query}" if referer.query else ""))


def redirect(path: str, msg: str | None = None) -> Response:
    """A 303 to another dashboard page, optionally with a flash message key."""
    location = path + (("&" if "?" in path else "?") + "msg=" + quote(msg) if msg else "")
    return Response(status_code=status.HTTP_303_SEE_OTHER, headers={"Location": location})


def flash(request: Request, language: str) -> str | None:
    """The flash message named in ``?msg=``, only if it is one of ours."""
    key = request.query_params.get("msg", "")
    if key.startswith("msg_") and key in texts.TEXTS:
        return texts.text(key, language)
    return None

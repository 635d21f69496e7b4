"""Login, logout, TOTP enrolment and the language switch."""

from __future__ import annotations

from typing import Annotated

import pyotp
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from core.models import Operator
from core.sessions import WebSession
from dashboard import texts
from dashboard.auth import check_login, otpauth_uri, use_totp_step
from dashboard.qr import qr_svg
from dashboard.web import PREFIX, Dashboard, View, redirect, safe_next


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def add_auth_routes(router: APIRouter, d: Dashboard) -> None:
    """Register the authentication pages on *router*."""
    c = d.c

    def anonymous_view(request: Request) -> tuple[View, str | None]:
        """The visitor's session, creating an anonymous one (for the login form's CSRF token)."""
        view = d.current(request)
        if view is not None:
            return view, None
        with c.factory() as session, session.begin():
            token, row = d.store.create(session, ip=client_ip(request))
            return d.view_of(row, None), token

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        view, token = anonymous_view(request)
        if view.authenticated:
            return redirect(f"{PREFIX}/")
        notice = None
        if request.query_params.get("expired"):
            notice = texts.text("session_expired", view.language)
        elif request.query_params.get("bye"):
            notice = texts.text("logged_out", view.language)
        back = safe_next(request.query_params.get("next", "")) or ""
        response = d.render("login.html", view, notice=notice, error=None, username="", next_path=back)
        if token:
            d.set_cookie(response, token)
        return response

    @router.post("/login", response_class=HTMLResponse)
    async def login_submit(request: Request, username: Annotated[str, Form(max_length=64)] = "",
                           password: Annotated[str, Form(max_length=1024)] = "",
                           code: Annotated[str, Form(max_length=16)] = "",
                           next_: Annotated[str, Form(alias="next", max_length=500)] = "") -> Response:
        view = d.current(request)
        await d.check_csrf(request, view)
        assert view is not None
        return _login(request, view, username, password, code, safe_next(next_))

    def _login(request: Request, view: View, username: str, password: str, code: str,
               back: str | None = None) -> Response:
        now = c.clock.now()
        with c.factory() as session, session.begin():
            outcome = check_login(session, username, password, code, now)
            c.audit.append(session, at=now, actor=username[:64] or "-", action="dashboard_login",
                           detail={"ok": outcome.ok, "error": outcome.error, "ip": client_ip(request),
                                   "needs_enrolment": outcome.needs_enrolment})
        if not outcome.ok:
            # One message for every cause (unknown name, wrong password or code, locked): the audit log has the cause.
            error = texts.text("login_failed", view.language)
            return d.render("login.html", view, status_code=401, notice=None, error=error, username=username,
                            next_path=back or "")
        # A fresh token at login: whatever token existed before is useless to an attacker.
        with c.factory() as session, session.begin():
            old = session.get(WebSession, view.session_id)
            if old is not None:
                d.store.end(session, old)
            d.store.purge(session)
            token, row = d.store.create(session, language=view.language, ip=client_ip(request),
                                        operator_id=outcome.operator_id, authenticated=not outcome.needs_enrolment)
            if outcome.needs_enrolment:
                row.pending_totp_secret = pyotp.random_base32()
        # Back to the page the operator was on when the session ended (drafts.js restores what was typed).
        response = redirect(f"{PREFIX}/totp" if outcome.needs_enrolment else back or f"{PREFIX}/")
        d.set_cookie(response, token)
        return response

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        view = d.current(request)
        await d.check_csrf(request, view)
        assert view is not None
        with c.factory() as session, session.begin():
            row = session.get(WebSession, view.session_id)
            if row is not None:
                d.store.end(session, row)
            if view.operator is not None:
                c.audit.append(session, at=c.clock.now(), actor=view.operator.username, action="dashboard_logout")
        response = redirect(f"{PREFIX}/login?bye=1")
        d.clear_cookie(response)
        return response

    @router.post("/lang")
    async def switch_language(request: Request, language: Annotated[str, Form(max_length=4)] = "ja",
                              next_: Annotated[str, Form(alias="next", max_length=500)] = "") -> Response:
        view = d.current(request)
        await d.check_csrf(request, view)
        assert view is not None
        with c.factory() as session, session.begin():
            row = session.get(WebSession, view.session_id)
            if row is not None:
                row.language = language if language in texts.LANGUAGES else "ja"
        # Only ever go back to one of our own pages (no CR/LF or other control characters, no other host).
        target = safe_next(next_) or f"{PREFIX}/"
        return redirect(target)

    def enrol_view(request: Request) -> View | None:
        """A session whose password was checked: enrolling (first login) or already logged in."""
        view = d.current(request)
        if view is None or view.operator is None:
            return None
        return view

    @router.get("/totp", response_class=HTMLResponse)
    def totp_page(request: Request) -> Response:
        view = enrol_view(request)
        if view is None:
            return redirect(f"{PREFIX}/login")
        if view.op.has_totp:
            return d.render("totp.html", view, secret=None, uri=None, error=None,
                            done=texts.text("enrol_already", view.language))
        secret = view.pending_secret
        if secret is None:
            # A logged-in operator who enrols voluntarily gets a secret now.
            secret = pyotp.random_base32()
            with c.factory() as session, session.begin():
                row = session.get(WebSession, view.session_id)
                assert row is not None
                row.pending_totp_secret = secret
        uri = otpauth_uri(secret, view.op.username)
        return d.render("totp.html", view, secret=secret, uri=uri, error=None, done=None,
                        qr=qr_svg(uri, title=texts.text("enrol_qr_title", view.language)))

    @router.post("/totp", response_class=HTMLResponse)
    async def totp_submit(request: Request, code: Annotated[str, Form(max_length=16)] = "") -> Response:
        view = enrol_view(request)
        await d.check_csrf(request, view)
        if view is None or view.pending_secret is None:
            return redirect(f"{PREFIX}/login")
        secret = view.pending_secret
        now = c.clock.now()
        with c.factory() as session, session.begin():
            op = session.get(Operator, view.op.id, with_for_update=True)
            row = session.get(WebSession, view.session_id)
            assert op is not None and row is not None
            if op.totp_secret or not use_totp_step(session, op.id, secret, code, now):
                ok = False
            else:
                op.totp_secret = secret
                row.pending_totp_secret, row.authenticated = None, True
                c.audit.append(session, at=now, actor=op.username, action="totp_enrolled")
                ok = True
        if not ok:
            uri = otpauth_uri(secret, view.op.username)
            return d.render("totp.html", view, status_code=400, secret=secret, uri=uri,
                            qr=qr_svg(uri, title=texts.text("enrol_qr_title", view.language)),
                            error=texts.text("enrol_bad_code", view.language), done=None)
        return redirect(f"{PREFIX}/", "msg_enrolled")


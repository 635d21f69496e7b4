"""The portal's pages: log in with reference and code, enter values with a CSR, download certificates.

Every form is a POST carrying the double-submit CSRF token (a random cookie that the form
repeats; the cookies are ``SameSite=Strict``), and logging in and applying are rate-limited
per client address; wrong codes are also counted per reference by the service.
"""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the form parameters.
import secrets
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session

from core.container import Container
from core.models import Application
from core.services import online, online_review
from portal import texts
from portal.ratelimit import Limiter

PREFIX = "/apply"
TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'")
HEADERS = {"Cache-Control": "no-store", "Content-Security-Policy": CSP, "X-Frame-Options": "DENY"}
MAX_CSR_UPLOAD = 64 * 1024


class Portal:
    """Holds the container, the rate limiters, the cookies' names and the templates."""

    def __init__(self, c: Container) -> None:
        self.c = c
        secure = c.settings.cookies_secure
        self.secure = secure
        self.session_cookie = "__Host-mdg_apply" if secure else "mdg_apply"
        self.csrf_cookie = "__Host-mdg_apply_csrf" if secure else "mdg_apply_csrf"
        self.login_limit = Limiter(burst=10, per_hour=30)
        self.submit_limit = Limiter(burst=10, per_hour=20)
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals["t"] = texts.both
        self.env.filters["jst"] = _jst

    def render(self, request: Request, name: str, status_code: int = 200, **values: object) -> Response:
        token = request.cookies.get(self.csrf_cookie) or secrets.token_urlsafe(32)
        html = self.env.get_template(name).render(prefix=PREFIX, csrf=token, **values)
        response = HTMLResponse(html, status_code=status_code, headers=HEADERS)
        if request.cookies.get(self.csrf_cookie) != token:
            response.set_cookie(self.csrf_cookie, token, httponly=True, secure=self.secure, samesite="strict",
                                path="/")
        return response

    def csrf_ok(self, request: Request, sent: str) -> bool:
        cookie = request.cookies.get(self.csrf_cookie, "")
        return bool(cookie and sent and secrets.compare_digest(cookie.encode(), sent.encode()))

    def current(self, request: Request) -> online.PortalSession | None:
        with self.c.read_factory() as session:
            return online.find_session(session, request.cookies.get(self.session_cookie, ""), self.c.clock.now())


def _jst(value: object) -> str:
    import datetime as dt
    from zoneinfo import ZoneInfo

    if not isinstance(value, dt.datetime):
        return "-"
    return value.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M JST")


def _ip(request: Request) -> str:
    return request.client.host if request.client else ""


def _redirect(path: str, msg: str | None = None) -> Response:
    location = PREFIX + path + (f"?msg={quote(msg)}" if msg else "")
    return Response(status_code=303, headers={"Location": location, "Cache-Control": "no-store"})


def _message(request: Request) -> str | None:
    key = request.query_params.get("msg", "")
    return key if key.startswith(("msg_", "err_", "rule_")) and key in texts.TEXTS else None


def add_portal_routes(router: APIRouter, p: Portal) -> None:
    """Register the portal's pages on *router*."""
    c = p.c

    @router.get("/", response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        if p.current(request) is not None:
            return _redirect("/form")
        # A renewal notice links here with its new application's reference (?reference=…): fill it in.
        given = request.query_params.get("reference", "")
        reference = given if len(given) <= 64 and given.isprintable() else ""
        return p.render(request, "login.html", message=_message(request), reference=reference)

    @router.post("/login")
    async def login(request: Request, reference: Annotated[str, Form(max_length=64)] = "",
                    code: Annotated[str, Form(max_length=64)] = "",
                    csrf_token: Annotated[str, Form(max_length=128)] = "") -> Response:
        if not p.csrf_ok(request, csrf_token):
            return p.render(request, "login.html", status_code=403, message="err_csrf")
        if not p.login_limit.allow(_ip(request)):
            return p.render(request, "login.html", status_code=429, message="err_rate")
        try:
            token = await run_in_threadpool(online.open_session, c.factory, c.audit, reference, code,
                                            now=c.clock.now(), ip=_ip(request))
        except online.OnlineRefused as exc:
            status = 429 if exc.rule is online.Rule.CODE_LOCKED else 403
            return p.render(request, "login.html", status_code=status, message=f"rule_{exc.rule.value}")
        response = _redirect("/form")
        response.set_cookie(p.session_cookie, token, httponly=True, secure=p.secure, samesite="strict", path="/",
                            max_age=int(online.SESSION_LIFETIME.total_seconds()))
        # A fresh CSRF token after logging in.
        response.set_cookie(p.csrf_cookie, secrets.token_urlsafe(32), httponly=True, secure=p.secure,
                            samesite="strict", path="/")
        return response

    @router.post("/logout")
    async def logout(request: Request, csrf_token: Annotated[str, Form(max_length=128)] = "") -> Response:
        if not p.csrf_ok(request, csrf_token):
            return p.render(request, "login.html", status_code=403, message="err_csrf")
        await run_in_threadpool(online.end_session, c.factory, request.cookies.get(p.session_cookie, ""))
        response = _redirect("/", "msg_logged_out")
        response.delete_cookie(p.session_cookie, path="/", secure=p.secure, httponly=True, samesite="strict")
        return response

    def form_page(request: Request, who: online.PortalSession, status_code: int = 200,
                  message: str | None = None, values: dict[str, str] | None = None) -> Response:
        with c.read_factory() as session:
            application = session.get(Application, who.application_id)
            assert application is not None
            rows = online_review.entries(session, who.application_id)
        issued = sum(row.status == "issued" for row in rows)
        closed = application.status in online.CLOSED or issued >= application.requested_count
        return p.render(request, "apply.html", status_code=status_code, message=message or _message(request),
                        reference=who.reference, entries=rows, requested=application.requested_count,
                        issued=issued, rejected=application.status == "rejected", closed=closed,
                        fields=online.FIELDS, values=values or {})

    @router.get("/form", response_class=HTMLResponse)
    def form(request: Request) -> Response:
        who = p.current(request)
        if who is None:
            return _redirect("/", "err_session")
        return form_page(request, who)

    @router.post("/submit")
    async def submit(request: Request, csrf_token: Annotated[str, Form(max_length=128)] = "",
                     name: Annotated[str, Form(max_length=300)] = "",
                     name_kana: Annotated[str, Form(max_length=300)] = "",
                     email: Annotated[str, Form(max_length=300)] = "",
                     phone: Annotated[str, Form(max_length=300)] = "",
                     address: Annotated[str, Form(max_length=300)] = "",
                     csr: Annotated[str, Form(max_length=MAX_CSR_UPLOAD)] = "",
                     csr_file: Annotated[UploadFile | None, File()] = None) -> Response:
        # Any other field (a requested validity, for instance) is ignored: the CA decides the validity.
        who = p.current(request)
        if who is None:
            return _redirect("/", "err_session")
        values = {"name": name, "name_kana": name_kana, "email": email, "phone": phone, "address": address}
        if not p.csrf_ok(request, csrf_token):
            return form_page(request, who, 403, "err_csrf", values)
        if not p.submit_limit.allow(_ip(request)):
            return form_page(request, who, 429, "err_rate", values)
        data = csr.encode()
        if csr_file is not None and csr_file.filename:
            data = await csr_file.read(MAX_CSR_UPLOAD + 1)
        if not data.strip():
            return form_page(request, who, 400, "err_no_csr", values)
        try:
            await run_in_threadpool(online.submit, c.factory, c.audit, who.application_id, values, data,
                                    now=c.clock.now(), ip=_ip(request))
        except online.OnlineRefused as exc:
            return form_page(request, who, 400, f"rule_{exc.rule.value}", values)
        c.notifier.publish("online_application_entered", None)
        return _redirect("/form", "msg_submitted")

    @router.get("/certificates/{name}")
    def download(request: Request, name: str) -> Response:
        who = p.current(request)
        if who is None:
            return Response(status_code=403)
        serial, _, kind = name.partition(".")
        with c.read_factory() as session:
            files = _files(session, who.application_id, serial)
        if files is None or kind not in ("pem", "der", "chain.pem"):
            return Response(status_code=404)
        der, ca_der = files
        online.note_download(c.factory, c.audit, who.application_id, now=c.clock.now())
        if kind == "der":
            body, media = der, "application/pkix-cert"
        else:
            body = _pem(der) + (_pem(ca_der) if kind == "chain.pem" else b"")
            media = "application/x-pem-file"
        return Response(body, media_type=media, headers={
            **HEADERS, "Content-Disposition": f'attachment; filename="{serial}.{kind}"'})

    files = {q.name: q for q in STATIC.iterdir() if q.suffix in STATIC_TYPES}

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        # Only the files shipped in static/ are served; no path from the request reaches the disk.
        path = files.get(name)
        if path is None:
            return Response(status_code=404)
        return Response(path.read_bytes(), media_type=STATIC_TYPES[path.suffix], headers={"Cache-Control": "no-cache"})


def _files(session: Session, application_id: int, serial: str) -> tuple[bytes, bytes] | None:
    return online_review.certificate_files(session, application_id, serial)


def _pem(der: bytes) -> bytes:
    return x509.load_der_x509_certificate(der).public_bytes(Encoding.PEM)

"""Writing to the customer (reply composer with preview) and the admins' mail template pages.

The reply flow has three steps and no JavaScript: load a template (``GET .../reply``, the
body pre-filled with the case's data), preview (``POST .../reply/preview``, the server
composes exactly the mail that will be queued) and send (``POST .../reply/send``, the
previewed text).  Templates are edited by admins only, with a preview before saving.
Every change goes through :mod:`core.services.replies` and :mod:`core.services.mailtemplates`.
"""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the ``Login`` alias defined inside the route factory.
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from core.models import Case
from core.services.actors import Actor, NotFound, NotPermitted
from core.services.mailtemplates import TemplateRejected
from core.services.replies import ReplyRefused
from dashboard import mailview, texts
from dashboard.web import PREFIX, Dashboard, View, flash, redirect

KIND = Annotated[str, Path(max_length=64, pattern=r"^[a-z_]+$")]
#: Headers of the previewed mail worth showing (the Message-ID and Date are new at sending).
PREVIEW_HEADERS = ("From", "To", "Subject", "In-Reply-To", "References")


def _actor(view: View) -> Actor:
    return Actor(view.op.id, view.op.username, view.op.role)


def add_conversation_routes(router: APIRouter, d: Dashboard) -> None:
    """Register the reply composer and the mail template pages on *router*."""
    c = d.c
    Login = Annotated[View, Depends(d.require)]

    # ------------------------------------------------------------------ replies

    def case_of(tag: str) -> Case | None:
        with d.read() as session:
            case = session.execute(select(Case).where(Case.tag == tag)).scalar_one_or_none()
            if case is not None:
                session.expunge(case)
            return case

    def reply_page(view: View, tag: str, template: str, subject: str, body: str, to_addr: str,
                   preview: dict[str, Any] | None = None, error: str | None = None,
                   status_code: int = 200) -> Response:
        case = case_of(tag)
        if case is None:
            return d.not_found(view)
        return d.render("reply.html", view, status_code=status_code, case=case, template=template,
                        reply_templates=c.replies.templates(), subject=subject, body=body, to_addr=to_addr,
                        preview=preview, error=error)

    def refused(view: View, exc: ReplyRefused) -> str:
        return texts.text(f"reply_err_{exc.code}", view.language)

    @router.get("/cases/{tag}/reply", response_class=HTMLResponse)
    def reply_form(tag: str, view: Login, template: Annotated[str, Query(max_length=64)] = "reply") -> Response:
        try:
            draft = c.replies.draft(tag, template)
        except NotFound:
            return d.not_found(view)
        except ReplyRefused as exc:
            return reply_page(view, tag, "reply", "", "", "", error=refused(view, exc), status_code=400)
        return reply_page(view, tag, template, draft.subject, draft.body, draft.to_addr)

    @router.post("/cases/{tag}/reply/preview", response_class=HTMLResponse)
    async def reply_preview(request: Request, tag: str, view: Login,
                            template: Annotated[str, Form(max_length=64)] = "reply",
                            subject: Annotated[str, Form(max_length=1000)] = "",
                            body: Annotated[str, Form(max_length=40000)] = "") -> Response:
        await d.check_csrf(request, view)
        body = body.replace("\r\n", "\n")

        def run() -> Response:
            try:
                raw = c.replies.preview(tag, template, subject, body)
            except NotFound:
                return d.not_found(view)
            except ReplyRefused as exc:
                return reply_page(view, tag, template, subject, body, "", error=refused(view, exc), status_code=400)
            shown = [(k, v) for k, v in mailview.headers(raw) if k in PREVIEW_HEADERS]
            refs = mailview.parse(raw).get("References")
            if refs:
                shown.append(("References", mailview.printable(str(refs))))
            to_addr = next((v for k, v in shown if k == "To"), "")
            return reply_page(view, tag, template, subject, body, to_addr,
                              preview={"headers": shown, "body": mailview.body_text(raw)})

        return await run_in_threadpool(run)

    @router.post("/cases/{tag}/reply/send")
    async def reply_send(request: Request, tag: str, view: Login,
                         template: Annotated[str, Form(max_length=64)] = "reply",
                         subject: Annotated[str, Form(max_length=1000)] = "",
                         body: Annotated[str, Form(max_length=40000)] = "") -> Response:
        await d.check_csrf(request, view)
        body = body.replace("\r\n", "\n")

        def run() -> Response:
            try:
                c.replies.send(_actor(view), tag, template, subject, body)
            except NotFound:
                return d.not_found(view)
            except ReplyRefused as exc:
                return reply_page(view, tag, template, subject, body, "", error=refused(view, exc), status_code=400)
            return redirect(f"{PREFIX}/cases/{quote(tag)}", "msg_reply_queued")

        return await run_in_threadpool(run)

    # ------------------------------------------------------------------ mail templates (admins)

    def template_page(view: View, kind: str, subject: str | None = None, body: str | None = None,
                      preview: tuple[str, str] | None = None, error: str | None = None, status_code: int = 200,
                      notice: str | None = None) -> Response:
        try:
            current = c.templates.get(kind)
        except NotFound:
            return d.not_found(view)
        return d.render("mail_template.html", view, status_code=status_code, kind=kind, edited=current.edited,
                        subject=current.subject if subject is None else subject,
                        body=current.body if body is None else body, preview=preview, error=error,
                        fields=sorted(c.templates.fields()), flash=notice)

    def admin_only(view: View) -> Response | None:
        return None if view.op.role == "admin" else d.forbidden(view)

    @router.get("/mail-templates", response_class=HTMLResponse)
    def templates_list(request: Request, view: Login) -> Response:
        if (denied := admin_only(view)) is not None:
            return denied
        return d.render("mail_templates.html", view, templates=c.templates.list(), flash=flash(request, view.language))

    @router.get("/mail-templates/{kind}", response_class=HTMLResponse)
    def template_edit(request: Request, kind: KIND, view: Login) -> Response:
        if (denied := admin_only(view)) is not None:
            return denied
        return template_page(view, kind, notice=flash(request, view.language))

    @router.post("/mail-templates/{kind}/preview", response_class=HTMLResponse)
    async def template_preview(request: Request, kind: KIND, view: Login,
                               subject: Annotated[str, Form(max_length=1000)] = "",
                               body: Annotated[str, Form(max_length=40000)] = "") -> Response:
        await d.check_csrf(request, view)
        if (denied := admin_only(view)) is not None:
            return denied
        body = body.replace("\r\n", "\n")
        try:
            shown = c.templates.preview(subject, body)
        except TemplateRejected as exc:
            return template_page(view, kind, subject, body, error=texts.text("tpl_invalid", view.language) + str(exc),
                                 status_code=400)
        return template_page(view, kind, subject, body, preview=shown)

    @router.post("/mail-templates/{kind}")
    async def template_save(request: Request, kind: KIND, view: Login,
                            subject: Annotated[str, Form(max_length=1000)] = "",
                            body: Annotated[str, Form(max_length=40000)] = "") -> Response:
        await d.check_csrf(request, view)
        body = body.replace("\r\n", "\n")
        try:
            await run_in_threadpool(c.templates.save, _actor(view), kind, subject, body)
        except NotFound:
            return d.not_found(view)
        except NotPermitted:
            return d.forbidden(view)
        except TemplateRejected as exc:
            return template_page(view, kind, subject, body, error=texts.text("tpl_invalid", view.language) + str(exc),
                                 status_code=400)
        return redirect(f"{PREFIX}/mail-templates/{kind}", "msg_template_saved")

    @router.post("/mail-templates/{kind}/reset")
    async def template_reset(request: Request, kind: KIND, view: Login) -> Response:
        await d.check_csrf(request, view)
        try:
            await run_in_threadpool(c.templates.reset, _actor(view), kind)
        except NotFound:
            return d.not_found(view)
        except NotPermitted:
            return d.forbidden(view)
        return redirect(f"{PREFIX}/mail-templates/{kind}", "msg_template_reset")

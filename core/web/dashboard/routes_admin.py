"""Supporting pages: unanswered FAQ questions, outbox failures, quarantine, CA status, audit log."""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the ``Login`` alias defined inside the route factory.
import importlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.models import AuditEvent, InboundMessage, OutboundMail
from core.web.dashboard import texts
from core.web.dashboard.web import MAX_ID, MAX_SEQ, PREFIX, Dashboard, View, flash, redirect

AUDIT_PAGE = 100


def faq_module(name: str) -> Any | None:
    """The FAQ package's module *name*, or None while that package is not installed."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


def add_admin_routes(router: APIRouter, d: Dashboard) -> None:
    """Register the supporting pages on *router*."""
    c = d.c
    Login = Annotated[View, Depends(d.require)]

    # ------------------------------------------------------------------ FAQ

    def faq_entries() -> list[tuple[str, str]]:
        knowledge = getattr(c.faq, "knowledge", None)
        return [(e.id, e.question) for e in getattr(knowledge, "entries", [])]

    @router.get("/faq", response_class=HTMLResponse)
    def faq_page(request: Request, view: Login) -> Response:
        models = faq_module("faq.models")
        if models is None:
            return d.render("faq.html", view, rows=[], entries=[], available=False, flash=None)
        with d.read() as session:
            rows = list(session.execute(
                select(models.FaqUnanswered).where(models.FaqUnanswered.resolved.is_(False))
                .order_by(models.FaqUnanswered.created_at.desc()).limit(200)
            ).scalars())
        return d.render("faq.html", view, rows=rows, entries=faq_entries(), available=True,
                        flash=flash(request, view.language))

    def resolve_unanswered(row_id: int, actor: str, detail: dict[str, Any]) -> None:
        models = faq_module("faq.models")
        assert models is not None
        with c.factory() as session, session.begin():
            row = session.get(models.FaqUnanswered, row_id, with_for_update=True)
            if row is not None:
                row.resolved = True
            c.audit.append(session, at=c.clock.now(), actor=actor, action="faq_unanswered_resolved",
                           detail={"unanswered_id": row_id, **detail})

    @router.post("/faq/{row_id}/example")
    async def faq_add_example(request: Request, row_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login,
                              faq_id: Annotated[str, Form(max_length=64)] = "",
                              language: Annotated[str, Form(max_length=8)] = "ja",
                              text: Annotated[str, Form(max_length=500)] = "") -> Response:
        await d.check_csrf(request, view)
        store = faq_module("faq.store")
        if store is None or faq_id not in {e for e, _ in faq_entries()} or not text.strip():
            return redirect(f"{PREFIX}/faq")

        def add() -> None:
            try:
                store.add_example(c.factory, faq_id=faq_id, language=language if language in ("ja", "en") else "ja",
                                  text=text.strip(), created_by=view.op.username)
            except IntegrityError:
                pass  # The same phrasing was already added: nothing more to do.
            resolve_unanswered(row_id, view.op.username, {"faq_id": faq_id, "example": text.strip()})
            # The new phrasing counts from the next question on.
            refresh = getattr(c.faq, "refresh", None)
            if callable(refresh):
                refresh()

        await run_in_threadpool(add)
        return redirect(f"{PREFIX}/faq", "msg_example_added")

    @router.post("/faq/{row_id}/dismiss")
    async def faq_dismiss(request: Request, row_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login) -> Response:
        await d.check_csrf(request, view)
        if faq_module("faq.models") is None:
            return redirect(f"{PREFIX}/faq")
        await run_in_threadpool(resolve_unanswered, row_id, view.op.username, {"dismissed": True})
        return redirect(f"{PREFIX}/faq", "msg_dismissed")

    # ------------------------------------------------------------------ outbox and quarantine

    @router.get("/outbox", response_class=HTMLResponse)
    def outbox_page(view: Login) -> Response:
        with d.read() as session:
            rows = list(session.execute(
                select(OutboundMail).where(OutboundMail.status.in_(("failed", "bounced")))
                .order_by(OutboundMail.created_at.desc()).limit(200)
            ).scalars())
        return d.render("outbox.html", view, rows=rows)

    @router.get("/quarantine", response_class=HTMLResponse)
    def quarantine_page(request: Request, view: Login) -> Response:
        with d.read() as session:
            rows = list(session.execute(
                select(InboundMessage).where(InboundMessage.status == "quarantined")
                .order_by(InboundMessage.received_at.desc()).limit(200)
            ).scalars())
        return d.render("quarantine.html", view, rows=rows, flash=flash(request, view.language))

    @router.post("/quarantine/{message_id}/replay")
    async def quarantine_replay(request: Request, message_id: Annotated[int, Path(ge=1, le=MAX_ID)],
                                view: Login) -> Response:
        await d.check_csrf(request, view)

        def replay() -> bool:
            try:
                c.store.replay(message_id)
            except (LookupError, ValueError):
                return False
            with c.factory() as session, session.begin():
                c.audit.append(session, at=c.clock.now(), actor=view.op.username, action="mail_replayed",
                               detail={"inbound_message_id": message_id})
            c.notifier.publish("replay")
            return True

        ok = await run_in_threadpool(replay)
        return redirect(f"{PREFIX}/quarantine", "msg_replayed" if ok else None)

    # ------------------------------------------------------------------ CA and audit

    @router.get("/ca", response_class=HTMLResponse)
    def ca_page(view: Login) -> Response:
        status: dict[str, Any] | None = None
        error = None
        if c.ca is None or not hasattr(c.ca, "status"):
            error = texts.text("ca_unavailable", view.language)
        else:
            try:
                status = c.ca.status(c.clock.now())
            except Exception as exc:  # noqa: BLE001 - show the failure instead of a blank 500 page.
                error = f"{texts.text('ca_unavailable', view.language)} {type(exc).__name__}: {exc}"
        return d.render("ca.html", view, status=status, error=error)

    @router.get("/audit", response_class=HTMLResponse)
    def audit_page(view: Login, before: Annotated[int | None, Query(ge=1, le=MAX_SEQ)] = None,
                   case_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> Response:
        with d.read() as session:
            result = c.audit.verify(session)
            query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(AUDIT_PAGE)
            if before is not None:
                query = query.where(AuditEvent.seq < before)
            if case_id is not None:
                query = query.where(AuditEvent.case_id == case_id)
            events = list(session.execute(query).scalars())
        older = events[-1].seq if len(events) == AUDIT_PAGE else None
        return d.render("audit.html", view, result=result, events=events, older=older, case_id=case_id)

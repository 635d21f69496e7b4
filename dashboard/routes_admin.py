"""Supporting pages: unanswered FAQ questions, outbox failures, quarantine, CA status, audit log."""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the ``Login`` alias defined inside the route factory.
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.models import AuditEvent, Case, InboundMessage, OutboundMail
from dashboard import casepanel, texts
from dashboard.web import MAX_ID, MAX_SEQ, PREFIX, Dashboard, View, flash, redirect
from faq.models import FaqUnanswered
from faq.store import add_example

AUDIT_PAGE = 100


def add_admin_routes(router: APIRouter, d: Dashboard) -> None:
    """Register the supporting pages on *router*."""
    c = d.c
    Login = Annotated[View, Depends(d.require)]

    # ------------------------------------------------------------------ FAQ

    def faq_entries() -> list[tuple[str, str]]:
        return [(e.id, e.question) for e in c.faq.knowledge.entries]

    @router.get("/faq", response_class=HTMLResponse)
    def faq_page(request: Request, view: Login) -> Response:
        with d.read() as session:
            rows = list(session.execute(
                select(FaqUnanswered).where(FaqUnanswered.resolved.is_(False))
                .order_by(FaqUnanswered.created_at.desc()).limit(200)
            ).scalars())
        return d.render("faq.html", view, rows=rows, entries=faq_entries(), flash=flash(request, view.language))

    def resolve_unanswered(row_id: int, actor: str, detail: dict[str, Any]) -> None:
        with c.factory() as session, session.begin():
            row = session.get(FaqUnanswered, row_id, with_for_update=True)
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
        if c.faq.entry(faq_id) is None or not text.strip():
            return redirect(f"{PREFIX}/faq")

        def add() -> None:
            try:
                add_example(c.factory, faq_id=faq_id, language=language if language in ("ja", "en") else "ja",
                                  text=text.strip(), created_by=view.op.username)
            except IntegrityError:
                pass  # The same phrasing was already added: nothing more to do.
            resolve_unanswered(row_id, view.op.username, {"faq_id": faq_id, "example": text.strip()})
            c.faq.refresh()  # The new phrasing counts from the next question on.

        await run_in_threadpool(add)
        return redirect(f"{PREFIX}/faq", "msg_example_added")

    @router.post("/faq/{row_id}/dismiss")
    async def faq_dismiss(request: Request, row_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login) -> Response:
        await d.check_csrf(request, view)
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
            ids = {ev.case_id for ev in events if ev.case_id is not None}
            tags: dict[int, str] = {row.id: row.tag for row in session.execute(
                select(Case.id, Case.tag).where(Case.id.in_(ids)))} if ids else {}
        older = events[-1].seq if len(events) == AUDIT_PAGE else None
        # Each event as a sentence; the recorded JSON stays one click away.
        sentences = [casepanel.audit_sentence(ev, view.language) for ev in events]
        return d.render("audit.html", view, result=result, events=events, older=older, case_id=case_id,
                        sentences=sentences, tags=tags)

"""The work queue, the case page and the operator actions on a case.

Every change goes through :class:`core.cases.CaseService` (``apply``, ``record_callback``,
``open_case``); these routes only translate forms into workflow events and show the result.
Who may do what:

* any logged-in operator: reclassify (at any state before approval), enter or pick the
  certificate, check documents, record callbacks, tick tasks, merge duplicates, manual intake,
  close a case that is still new or in triage;
* supervisors and admins only: approve or reject a confirmed request, close any open case.
  The workflow additionally refuses an approval by the operator who confirmed the callback.

Approving, rejecting and closing take two steps: the first POST shows what will happen (with
the reason typed) and the second, with ``confirm=1``, does it.
"""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the ``Login`` alias defined inside the route factory.
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core import register
from core import workflow as wf
from core.models import (
    Applicant,
    Application,
    Approval,
    CallbackTask,
    Case,
    HumanTask,
    InboundMessage,
    Operator,
)
from core.operators import can_approve
from core.services import duplicates as dup_service
from core.services import jobs as job_service
from core.services.actors import Actor, NotFound, NotPermitted
from core.services.cases import CALLBACK_OUTCOMES, MANUAL_CHANNELS, ManualRequest, Scan
from core.services.cases import MANUAL_KINDS as MANUAL_KIND_VALUES
from core.services.serials import parse_serials
from dashboard import casepanel, mailview, queries, texts
from dashboard.conversation import conversation_values
from dashboard.web import MAX_ID, PREFIX, Dashboard, View, flash, redirect
from signing.models import CaCertificate

MAX_SCAN_BYTES = 20 * 1024 * 1024
MANUAL_KINDS = tuple(k.value for k in MANUAL_KIND_VALUES)


def refusal_text(exc: wf.TransitionError, language: str) -> str:
    """Explain a refusal by its rule id, in the operator's language."""
    return texts.text(f"rule_{exc.rule.value}", language)


def approve_kind(kind: wf.Kind) -> str:
    """Which words an approval uses: a revocation, an application's cancellation or a re-issue."""
    if kind is wf.Kind.CANCELLATION:
        return "cancellation"
    if kind is wf.Kind.CORRECTION:
        return "correction"
    return "revocation"


def actor_of(view: View) -> Actor:
    """The logged-in operator as the service layer's actor."""
    return Actor(view.op.id, view.op.username, view.op.role)


def add_case_routes(router: APIRouter, d: Dashboard) -> None:
    """Register queue, case, callback and intake routes on *router*."""
    c = d.c
    Login = Annotated[View, Depends(d.require)]

    # The work queue (list, poll, counts, assignment) lives in dashboard.routes_queue.

    # ------------------------------------------------------------------ case page

    def load_case(session: Session, tag: str) -> Case | None:
        return session.execute(select(Case).where(Case.tag == tag)).scalar_one_or_none()

    def case_page(view: View, tag: str, status_code: int = 200, error: str | None = None,
                  notice: str | None = None, apage: int = 1, confirming: dict[str, str] | None = None,
                  typed_serial: str = "") -> Response:
        with d.read() as session:
            case = load_case(session, tag)
            if case is None:
                return d.not_found(view)
            values = case_values(session, case, view, apage)
        return d.render("case.html", view, status_code=status_code, error=error, flash=notice,
                        confirming=confirming, typed_serial=typed_serial, known_texts=texts.TEXTS, **values)

    def certificate_rows(session: Session, applicant_id: int | None) -> list[dict[str, Any]]:
        """The applicant's certificates from the register, each with its status in words."""
        if applicant_id is None:
            return []
        now = c.clock.now()
        rows = []
        for cert in register.certificates_of_applicant(session, applicant_id):
            revoked = register.revocation_of(session, cert)
            status = "revoked" if revoked else ("expired" if cert.not_after <= now else "valid")
            rows.append({"cert": cert, "status": status, "revocation": revoked})
        return rows

    def revoking_case(session: Session, case: Case) -> str | None:
        """The tag of the case that revoked this case's certificate, if another case did."""
        if case.certificate_id is None:
            return None
        return session.scalar(select(Case.tag).where(
            Case.certificate_id == case.certificate_id, Case.id != case.id,
            Case.state.in_((wf.State.REVOKED.value, wf.State.REISSUED.value))).order_by(Case.id).limit(1))

    def case_values(session: Session, case: Case, view: View, apage: int = 1) -> dict[str, Any]:
        applicant = session.get(Applicant, case.applicant_id) if case.applicant_id else None
        application = session.get(Application, case.application_id) if case.application_id else None
        certificate = session.get(CaCertificate, case.certificate_id) if case.certificate_id else None
        revocation = register.revocation_of(session, certificate) if certificate is not None else None
        ids = [case.inbound_message_id] if case.inbound_message_id else []
        messages = list(session.execute(
            select(InboundMessage).where(or_(InboundMessage.case_id == case.id, InboundMessage.id.in_(ids)))
            .order_by(InboundMessage.id)
        ).scalars())
        shown = []
        for msg in messages:
            parsed = msg.parsed or {}
            shown.append({
                "msg": msg, "headers": mailview.headers(msg.raw),
                "text": parsed.get("text") or mailview.body_text(msg.raw),
                "attachments": mailview.attachment_page(msg.raw, apage),
            })
        callbacks = list(session.execute(
            select(CallbackTask).where(CallbackTask.case_id == case.id).order_by(CallbackTask.id)
        ).scalars())
        approvals = list(session.execute(
            select(Approval).where(Approval.case_id == case.id).order_by(Approval.id)
        ).scalars())
        operators = list(session.execute(select(Operator)).scalars())
        names = {op.id: op.display_name or op.username for op in operators}
        pending = next((t for t in callbacks if t.status == "pending"), None)
        state = case.state
        failed_job = job_service.failed_job_of_case(session, case.id)
        certs = certificate_rows(session, case.applicant_id)
        duplicates = dup_service.open_duplicates(session, case)
        timeline = queries.timeline(session, case.id)
        # The rule of the workflow's last refusal (transitions carry "from"; other events may carry rules too).
        last_rule = next((str(ev.detail.get("rule")) for ev in reversed(timeline)
                          if isinstance(ev.detail, dict) and ev.detail.get("rule") and ev.detail.get("from")), None)
        step = casepanel.next_step(case, failed=failed_job is not None, has_pending_callback=pending is not None,
                                   certificates=len(certs))
        # Who may approve: supervisors and admins, except whoever confirmed the callback.
        approvers = [op.display_name or op.username for op in operators
                     if op.active and can_approve(op.role) and op.id != case.callback_confirmed_by]
        by_username = {op.username: op.display_name or op.username for op in operators}
        tasks = list(session.execute(
            select(HumanTask).where(HumanTask.case_id == case.id).order_by(HumanTask.id)).scalars())
        before_approval = state in {s.value for s in wf.BEFORE_APPROVAL}
        return {
            "case": case, "applicant": applicant, "application": application, "certificate": certificate,
            "revocation": revocation,
            "messages": shown, "callbacks": callbacks, "approvals": approvals, "names": names,
            "timeline": timeline, "pending_callback": pending,
            "sentences": [casepanel.audit_sentence(ev, view.language, by_username) for ev in timeline],
            "kinds": MANUAL_KINDS, "outcomes": CALLBACK_OUTCOMES,
            "step": step, "approvers": approvers, "tasks": tasks, "certs": certs, "duplicates": duplicates,
            "warnings": casepanel.warnings(case, revoked_in=revoking_case(session, case),
                                           certificate_revoked=revocation is not None, duplicates=duplicates,
                                           rule=last_rule),
            "fact_lines": casepanel.fact_lines(case, revoked_now=revocation is not None if certificate else None),
            "reason_lines": casepanel.reason_lines(case.reasons),
            "urgency_mark": casepanel.urgency_mark(case.urgency),
            "can_reclassify": before_approval,
            "can_link": state == wf.State.NEEDS_TRIAGE.value,
            "can_enter_serial": before_approval and case.applicant_id is not None
            and wf.Kind(case.kind) is not wf.Kind.CANCELLATION and wf.is_request(wf.Kind(case.kind)),
            "documents": wf.REQUIRED_DOCUMENTS.get(wf.Kind(case.kind), ())
            if state == wf.State.AWAITING_DOCUMENTS.value else (),
            "can_decide": state == wf.State.AWAITING_APPROVAL.value,
            "can_reject": state in {s.value for s in wf.OPEN_STATES},
            "can_close": state in (wf.State.NEW.value, *sorted(wf.OPEN_STATES)),
            "close_needs_role": state not in (wf.State.NEW.value, wf.State.NEEDS_TRIAGE.value),
            # A failed execution waits for an operator: the page stops reloading itself.
            "executing": state == wf.State.EXECUTING.value and failed_job is None,
            "failed_job": failed_job,
            "can_reopen": state in {s.value for s in wf.REOPENABLE},
            "owner_name": names.get(case.owner_id) if case.owner_id else None,
            **conversation_values(session, case, c.cases, c.replies.templates()),
            "approve_kind": approve_kind(wf.Kind(case.kind)),
            "final_states": {s.value for s in wf.TERMINAL},
        }

    @router.get("/cases/{tag}", response_class=HTMLResponse)
    def case_view(request: Request, tag: str, view: Login,
                  apage: Annotated[int, Query(ge=1, le=mailview.MAX_ATTACHMENT_INDEX)] = 1) -> Response:
        return case_page(view, tag, notice=flash(request, view.language), apage=apage)

    def act(view: View, tag: str, use_case: Callable[[Actor], str], msg: str) -> Response:
        """Run one use case of the service layer; show the case again with its rule explained if refused."""
        try:
            shown = use_case(actor_of(view))
        except NotFound:
            return d.not_found(view)
        except NotPermitted:
            return d.forbidden(view)
        except wf.TransitionError as exc:
            # The transaction was rolled back: nothing of the refused action is kept.
            return case_page(view, tag, status_code=409, error=refusal_text(exc, view.language))
        return redirect(f"{PREFIX}/cases/{quote(shown)}", msg)

    @router.post("/cases/{tag}/reclassify")
    async def reclassify(request: Request, tag: str, view: Login,
                         kind: Annotated[str, Form(max_length=32)] = "") -> Response:
        await d.check_csrf(request, view)
        if kind not in MANUAL_KINDS:
            return case_page(view, tag, status_code=400, error=texts.text("err_transition", view.language) + kind)
        return await run_in_threadpool(
            act, view, tag, lambda actor: c.actions.reclassify(actor, tag, wf.Kind(kind)), "msg_reclassified")

    @router.post("/cases/{tag}/link")
    async def link_applicant(request: Request, tag: str, view: Login,
                             applicant_email: Annotated[str, Form(max_length=254)] = "") -> Response:
        await d.check_csrf(request, view)
        return await run_in_threadpool(
            act, view, tag, lambda actor: c.actions.link_applicant(actor, tag, applicant_email), "msg_linked")

    @router.post("/cases/{tag}/documents")
    async def documents(request: Request, tag: str, view: Login) -> Response:
        await d.check_csrf(request, view)
        form = await request.form()
        checked = sorted({str(v) for v in form.getlist("doc")})
        note = str(form.get("note", ""))[:4000]
        return await run_in_threadpool(
            act, view, tag, lambda actor: c.actions.record_documents(actor, tag, checked, note), "msg_documents")

    def confirm_or_act(view: View, tag: str, action: str, note: str, confirm: str,
                       use_case: Callable[[Actor], str], msg: str) -> Response:
        """First step: show what *action* will do (reason required where it is); second step: do it."""
        if action in ("close", "reject") and not note.strip():
            return case_page(view, tag, status_code=400, error=texts.text("rule_reason-required", view.language))
        if confirm != "1":
            refusal = precheck(view, tag, action)
            if refusal is not None:
                return case_page(view, tag, status_code=409, error=refusal_text(refusal, view.language))
            return case_page(view, tag, confirming={"action": action, "note": note})
        return act(view, tag, use_case, msg)

    def precheck(view: View, tag: str, action: str) -> wf.TransitionError | None:
        """Would the workflow refuse *action* now (e.g. four eyes)? Asked before showing the confirmation."""
        with d.read() as session:
            case = load_case(session, tag)
            if case is None:
                return None
            snap = c.cases.snapshot(case)
        event: wf.Event = wf.Closed(view.op.id)
        if action == "approve":
            event = wf.Approved(view.op.id)
        elif action == "reject":
            event = wf.Rejected(view.op.id)
        try:
            wf.transition(snap, event)
        except wf.TransitionError as exc:
            return exc
        return None

    def state_of(tag: str) -> str | None:
        with d.read() as session:
            return session.scalar(select(Case.state).where(Case.tag == tag))

    def approved_message(tag: str) -> str:
        with d.read() as session:
            kind = session.scalar(select(Case.kind).where(Case.tag == tag))
        return f"msg_approved_{approve_kind(wf.Kind(kind))}" if kind else "msg_approved"

    @router.post("/cases/{tag}/approve")
    async def approve(request: Request, tag: str, view: Login,
                      note: Annotated[str, Form(max_length=4000)] = "",
                      confirm: Annotated[str, Form(max_length=1)] = "") -> Response:
        await d.check_csrf(request, view)
        if not view.op.can_approve:
            return d.forbidden(view)
        msg = await run_in_threadpool(approved_message, tag)
        return await run_in_threadpool(
            confirm_or_act, view, tag, "approve", note, confirm,
            lambda actor: c.actions.decide(actor, tag, "approved", note), msg)

    @router.post("/cases/{tag}/reject")
    async def reject(request: Request, tag: str, view: Login,
                     note: Annotated[str, Form(max_length=4000)] = "",
                     confirm: Annotated[str, Form(max_length=1)] = "") -> Response:
        await d.check_csrf(request, view)
        if not view.op.can_approve:
            return d.forbidden(view)
        return await run_in_threadpool(
            confirm_or_act, view, tag, "reject", note, confirm,
            lambda actor: c.actions.reject(actor, tag, note), "msg_rejected")

    @router.post("/cases/{tag}/close")
    async def close(request: Request, tag: str, view: Login,
                    note: Annotated[str, Form(max_length=4000)] = "",
                    confirm: Annotated[str, Form(max_length=1)] = "") -> Response:
        await d.check_csrf(request, view)
        if not view.op.can_approve:
            # Once a case is under way only a supervisor may close it: no confirmation that can only fail.
            state = await run_in_threadpool(state_of, tag)
            if state is not None and state not in (wf.State.NEW.value, wf.State.NEEDS_TRIAGE.value):
                return d.forbidden(view)
        return await run_in_threadpool(
            confirm_or_act, view, tag, "close", note, confirm,
            lambda actor: c.actions.close(actor, tag, note), "msg_closed")

    @router.post("/cases/{tag}/serial")
    async def enter_serial(request: Request, tag: str, view: Login,
                           serial: Annotated[str, Form(max_length=400)] = "",
                           pick: Annotated[str, Form(max_length=64)] = "") -> Response:
        await d.check_csrf(request, view)
        typed = serial if serial.strip() else pick

        def run() -> Response:
            try:
                shown = c.actions.enter_serial(actor_of(view), tag, typed)
            except NotFound:
                return d.not_found(view)
            except wf.TransitionError as exc:
                # The typed text stays in the field so the operator can correct it.
                return case_page(view, tag, status_code=409, error=refusal_text(exc, view.language),
                                 typed_serial=serial)
            return redirect(f"{PREFIX}/cases/{quote(shown)}", "msg_serial_entered")

        return await run_in_threadpool(run)

    @router.post("/cases/{tag}/tasks/{task_id}")
    async def tick_task(request: Request, tag: str, task_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login,
                        done: Annotated[str, Form(max_length=1)] = "") -> Response:
        await d.check_csrf(request, view)
        ticked = done == "1"
        return await run_in_threadpool(
            act, view, tag, lambda actor: c.actions.set_task_done(actor, tag, task_id, ticked),
            "msg_task_done" if ticked else "msg_task_reopened")

    @router.post("/cases/{tag}/reopen")
    async def reopen(request: Request, tag: str, view: Login,
                     note: Annotated[str, Form(max_length=4000)] = "") -> Response:
        await d.check_csrf(request, view)
        return await run_in_threadpool(
            act, view, tag, lambda actor: c.actions.reopen(actor, tag, note), "msg_reopened")

    @router.post("/cases/{tag}/merge")
    async def merge(request: Request, tag: str, view: Login,
                    into: Annotated[str, Form(max_length=16)] = "",
                    note: Annotated[str, Form(max_length=4000)] = "") -> Response:
        await d.check_csrf(request, view)
        return await run_in_threadpool(
            act, view, tag, lambda actor: c.actions.merge(actor, tag, into.strip().upper(), note), "msg_merged")

    # ------------------------------------------------------------------ attachments

    @router.get("/messages/{message_id}/attachments/{index}")
    def attachment(message_id: Annotated[int, Path(ge=1, le=MAX_ID)],
                   index: Annotated[int, Path(ge=0, le=mailview.MAX_ATTACHMENT_INDEX)],
                   view: Login,
                   download: Annotated[int, Query(ge=0, le=1)] = 0) -> Response:
        with d.read() as session:
            msg = session.get(InboundMessage, message_id)
            raw = msg.raw if msg is not None else None
        found = mailview.attachment_bytes(raw, index) if raw is not None else None
        if found is None:
            return d.not_found(view)
        meta, data = found
        inline = meta.inline_ok and not download
        # Anything not known to be safe is sent as an opaque download, never rendered as a page.
        content_type = meta.content_type if inline else "application/octet-stream"
        disposition = "inline" if inline else "attachment"
        policy = "default-src 'none'; frame-ancestors 'none'"
        if content_type != "application/pdf":
            policy += "; sandbox"
        return Response(data, media_type=content_type, headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(meta.filename)}",
            "Content-Security-Policy": policy, "Cache-Control": "no-store",
        })

    # ------------------------------------------------------------------ callbacks

    @router.get("/callbacks", response_class=HTMLResponse)
    def callbacks_page(request: Request, view: Login) -> Response:
        with d.read() as session:
            rows = session.execute(
                select(CallbackTask, Case).join(Case, Case.id == CallbackTask.case_id)
                .where(CallbackTask.status == "pending")
                .order_by(CallbackTask.due_at, CallbackTask.id)
            ).all()
            items = [(task, case, case.applicant) for task, case in rows]
            items.sort(key=lambda it: (it[1].kind != wf.Kind.EMERGENCY_REVOCATION.value, it[0].due_at))
        return d.render("callbacks.html", view, items=items, now=c.clock.now(), flash=flash(request, view.language))

    def callback_values(session: Session, task_id: int) -> dict[str, Any] | None:
        task = session.get(CallbackTask, task_id)
        if task is None:
            return None
        case = session.get(Case, task.case_id)
        assert case is not None
        cert = session.get(CaCertificate, case.certificate_id) if case.certificate_id else None
        return {"task": task, "case": case, "applicant": case.applicant, "certificate": cert,
                "outcomes": CALLBACK_OUTCOMES}

    @router.get("/callbacks/{task_id}", response_class=HTMLResponse)
    def callback_page(task_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login) -> Response:
        with d.read() as session:
            values = callback_values(session, task_id)
        if values is None:
            return d.not_found(view)
        return d.render("callback.html", view, error=None, notes="", **values)

    @router.post("/callbacks/{task_id}")
    async def callback_submit(request: Request, task_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login,
                              outcome: Annotated[str, Form(max_length=32)] = "",
                              notes: Annotated[str, Form(max_length=4000)] = "") -> Response:
        await d.check_csrf(request, view)
        return await run_in_threadpool(record_callback, view, task_id, outcome, notes)

    def record_callback(view: View, task_id: int, outcome: str, notes: str) -> Response:
        error: str | None = None
        tag = ""
        try:
            tag = c.actions.record_callback(actor_of(view), task_id, outcome, notes)
        except NotFound:
            return d.not_found(view)
        except wf.TransitionError as exc:
            error = refusal_text(exc, view.language)
        if error is None:
            return redirect(f"{PREFIX}/cases/{quote(tag)}", "msg_callback_recorded")
        with d.read() as session:
            values = callback_values(session, task_id)
        if values is None:
            return d.not_found(view)
        return d.render("callback.html", view, status_code=400, error=error, notes=notes, **values)

    # ------------------------------------------------------------------ manual intake

    @router.get("/intake", response_class=HTMLResponse)
    def intake_page(view: Login) -> Response:
        return d.render("intake.html", view, channels=MANUAL_CHANNELS, kinds=MANUAL_KINDS, error=None)

    @router.post("/intake")
    async def intake_submit(request: Request, view: Login,
                            kind: Annotated[str, Form(max_length=32)] = "",
                            channel: Annotated[str, Form(max_length=8)] = "fax",
                            applicant_email: Annotated[str, Form(max_length=254)] = "",
                            summary: Annotated[str, Form(max_length=20000)] = "",
                            serials: Annotated[str, Form(max_length=2000)] = "",
                            scan: Annotated[UploadFile | None, File()] = None) -> Response:
        await d.check_csrf(request, view)
        data = b""
        if scan is not None and scan.filename:
            data = await scan.read(MAX_SCAN_BYTES + 1)
        if kind not in MANUAL_KINDS or channel not in MANUAL_CHANNELS or len(data) > MAX_SCAN_BYTES:
            return d.render("intake.html", view, status_code=400, channels=MANUAL_CHANNELS, kinds=MANUAL_KINDS,
                            error=texts.text("err_transition", view.language) + f"{kind} / {channel}")
        try:
            serial_list = tuple(parse_serials([serials]))
        except ValueError as exc:
            return d.render("intake.html", view, status_code=400, channels=MANUAL_CHANNELS, kinds=MANUAL_KINDS,
                            error=str(exc))
        scan_file = Scan(scan.filename or "", scan.content_type or "application/pdf", data) if (
            scan is not None and scan.filename and data) else None
        request_ = ManualRequest(kind=wf.Kind(kind), channel=channel, applicant_email=applicant_email,
                                 summary=summary, serials=serial_list, scan=scan_file)
        try:
            tag = await run_in_threadpool(c.actions.manual_intake, actor_of(view), request_)
        except wf.TransitionError as exc:
            return d.render("intake.html", view, status_code=409, channels=MANUAL_CHANNELS, kinds=MANUAL_KINDS,
                            error=refusal_text(exc, view.language))
        return redirect(f"{PREFIX}/cases/{quote(tag)}", "msg_case_opened")

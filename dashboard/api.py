"""The operators' JSON API (token authentication, OpenAPI at ``/docs``).

It is stable enough for an outside script to drive a whole case: poll ``GET /api/cases``,
record the callback as one operator, approve as another, then read the CRL number.
"""


import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from pydantic import BaseModel, Field
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core import workflow as wf
from core.cases import NewCase, NotPermitted
from core.container import Container
from core.models import CallbackTask, Case, Certificate, Operator
from dashboard.api_auth import ApiAuth


class CaseOut(BaseModel):
    """A case as operators see it."""

    tag: str
    kind: str
    state: str
    channel: str
    language: str
    subject: str
    reply_to: str
    reasons: list[str]
    serials: list[str]
    certificate_serial: str | None
    crl_number: int | None
    callback_confirmed_by: str | None
    approved_by: str | None
    created_at: dt.datetime
    deadline_at: dt.datetime


class CallbackOut(BaseModel):
    """A callback task: the number shown is always the one registered on the application."""

    id: int
    case_tag: str
    phone: str
    status: str
    due_at: dt.datetime
    applicant_name: str


class CallbackResultIn(BaseModel):
    outcome: Literal["reached_confirmed", "not_reached", "number_not_in_use", "requester_denied"]
    notes: str = Field(default="", max_length=4000)


class DecisionIn(BaseModel):
    note: str = Field(default="", max_length=4000)


class DocumentsIn(BaseModel):
    complete: bool
    note: str = Field(default="", max_length=4000)


class ManualCaseIn(BaseModel):
    """A request that arrived by fax or post, typed in by an operator."""

    kind: wf.Kind
    channel: Literal["fax", "post", "phone", "email"]
    applicant_email: str = ""
    summary: str = Field(default="", max_length=20000)
    serials: list[str] = Field(default_factory=list)


class ReclassifyIn(BaseModel):
    kind: wf.Kind


class LinkApplicantIn(BaseModel):
    """Which applicant on record a case belongs to (chat requests and unknown senders)."""

    applicant_email: str = Field(min_length=3, max_length=254)


class ErrorOut(BaseModel):
    """The body of every error answer."""

    detail: str


#: Database ids are 32-bit on every engine we support; larger ones cannot exist.
TaskId = Annotated[int, Path(ge=1, le=2**31 - 1)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "No such case or task"}}
FORBIDDEN: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorOut, "description": "Approval needs a supervisor or an admin"}}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "Not allowed in the case's state (e.g. four eyes)"}}


class AuditStatus(BaseModel):
    ok: bool
    checked: int
    message: str


def build_api_router(c: Container) -> APIRouter:
    """Create the ``/api`` router bound to the container's services."""
    router = APIRouter(prefix="/api", tags=["operators"], responses={
        401: {"model": ErrorOut, "description": "Missing or invalid bearer token"}})

    def session_dep() -> Iterator[Session]:
        # Reads use deferred transactions so they never hold SQLite's write lock.
        with c.read_factory() as session:
            yield session

    # Bearer tokens, scopes and step-up: see dashboard.api_auth.
    auth = ApiAuth(c)
    router.include_router(auth.router())
    Op = Annotated[Operator, Depends(auth.operator)]
    Approver = Annotated[Operator, Depends(auth.approver)]

    def case_out(session: Session, case: Case) -> CaseOut:
        def name(op_id: int | None) -> str | None:
            op = session.get(Operator, op_id) if op_id else None
            return op.username if op else None

        cert = session.get(Certificate, case.certificate_id) if case.certificate_id else None
        return CaseOut(tag=case.tag, kind=case.kind, state=case.state, channel=case.channel, language=case.language,
                       subject=case.subject, reply_to=case.reply_to, reasons=case.reasons, serials=case.serials,
                       certificate_serial=cert.serial_hex if cert else None, crl_number=case.crl_number,
                       callback_confirmed_by=name(case.callback_confirmed_by), approved_by=name(case.approved_by),
                       created_at=case.created_at, deadline_at=case.deadline_at)

    def load_case(session: Session, tag: str, lock: bool = False) -> Case:
        case = session.execute(
            select(Case).where(Case.tag == tag).with_for_update() if lock else select(Case).where(Case.tag == tag)
        ).scalar_one_or_none()
        if case is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case")
        return case

    def apply(tag: str, op: Operator, make_event: Any, detail: dict[str, Any] | None = None) -> CaseOut:
        with c.factory() as session, session.begin():
            case = load_case(session, tag, lock=True)
            try:
                c.cases.apply(session, case, make_event(case), actor=op.username, detail=detail)
            except wf.TransitionError as exc:
                raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
            return case_out(session, case)

    @router.get("/cases", response_model=list[CaseOut])
    def list_cases(_op: Op, session: Annotated[Session, Depends(session_dep)],
                   state: str | None = None, kind: str | None = None,
                   q: Annotated[str | None, Query(max_length=200)] = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[CaseOut]:
        query = select(Case).order_by(Case.id.desc()).limit(limit)
        if state:
            query = query.where(Case.state == state)
        if kind:
            query = query.where(Case.kind == kind)
        if q:
            like = f"%{q}%"
            query = query.where(or_(Case.tag.ilike(like), Case.reply_to.ilike(like), Case.subject.ilike(like)))
        return [case_out(session, case) for case in session.execute(query).scalars()]

    @router.get("/cases/{tag}", response_model=CaseOut, responses=NOT_FOUND)
    def get_case(tag: str, _op: Op, session: Annotated[Session, Depends(session_dep)]) -> CaseOut:
        return case_out(session, load_case(session, tag))

    @router.post("/cases", response_model=CaseOut, status_code=201, responses=CONFLICT)
    def manual_case(body: ManualCaseIn, op: Op) -> CaseOut:
        with c.factory() as session, session.begin():
            try:
                case = c.cases.open_case(session, NewCase(
                    kind=body.kind, channel=body.channel, reply_to=body.applicant_email, summary=body.summary,
                    serials=tuple(s.lower().lstrip("0") for s in body.serials),
                    reasons=(f"manual intake by {op.username}",)), actor=op.username)
            except wf.TransitionError as exc:
                raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
            return case_out(session, case)

    @router.post("/cases/{tag}/reclassify", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def reclassify(tag: str, body: ReclassifyIn, op: Op) -> CaseOut:
        return apply(tag, op, lambda _case: wf.Reclassified(operator_id=op.id, kind=body.kind))

    @router.post("/cases/{tag}/link-applicant", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def link_applicant(tag: str, body: LinkApplicantIn, op: Op) -> CaseOut:
        with c.factory() as session, session.begin():
            case = load_case(session, tag, lock=True)
            applicant = c.cases.match_applicant(session, body.applicant_email)
            if applicant is None:
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no applicant on record with that email")
            if case.state != wf.State.NEEDS_TRIAGE.value:
                raise HTTPException(status.HTTP_409_CONFLICT, "only cases in triage can be linked")
            case.applicant_id = applicant.id
            facts = c.cases.compute_facts(session, case)
            try:
                c.cases.apply(session, case, wf.ApplicantLinked(operator_id=op.id, facts=facts), actor=op.username,
                              detail={"applicant_id": applicant.id})
            except wf.TransitionError as exc:
                raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
            return case_out(session, case)

    @router.post("/cases/{tag}/documents", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def documents(tag: str, body: DocumentsIn, op: Op) -> CaseOut:
        return apply(tag, op, lambda _case: wf.DocumentsVerified(operator_id=op.id, complete=body.complete),
                     {"note": body.note})

    @router.post("/cases/{tag}/approve", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT, **FORBIDDEN})
    def approve(tag: str, body: DecisionIn, op: Approver) -> CaseOut:
        return _decide(tag, op, "approved", body.note)

    @router.post("/cases/{tag}/reject", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT, **FORBIDDEN})
    def reject(tag: str, body: DecisionIn, op: Approver) -> CaseOut:
        return _decide(tag, op, "rejected", body.note)

    def _decide(tag: str, op: Operator, decision: str, note: str) -> CaseOut:
        with c.factory() as session, session.begin():
            case = load_case(session, tag, lock=True)
            try:
                c.cases.decide(session, case, operator_id=op.id, actor=op.username, role=op.role,
                               decision=decision, note=note)
            except NotPermitted as exc:
                raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
            except wf.TransitionError as exc:
                raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
            return case_out(session, case)

    @router.get("/callbacks", response_model=list[CallbackOut])
    def list_callbacks(_op: Op, session: Annotated[Session, Depends(session_dep)],
                       status_: Annotated[str | None, Query(alias="status")] = "pending") -> list[CallbackOut]:
        query = select(CallbackTask).order_by(CallbackTask.due_at, CallbackTask.id)
        if status_:
            query = query.where(CallbackTask.status == status_)
        out = []
        for task in session.execute(query).scalars():
            case = session.get(Case, task.case_id)
            assert case is not None
            out.append(CallbackOut(id=task.id, case_tag=case.tag, phone=task.phone, status=task.status,
                                   due_at=task.due_at, applicant_name=case.applicant.name if case.applicant else ""))
        return out

    @router.post("/callbacks/{task_id}/result", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def record_callback(task_id: TaskId, body: CallbackResultIn, op: Op) -> CaseOut:
        with c.factory() as session, session.begin():
            task = session.get(CallbackTask, task_id, with_for_update=True)
            if task is None:
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no such callback task")
            try:
                c.cases.record_callback(session, task, op.id, body.outcome, body.notes, actor=op.username)
            except wf.TransitionError as exc:
                raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
            case = session.get(Case, task.case_id)
            assert case is not None
            return case_out(session, case)

    @router.get("/audit/verify", response_model=AuditStatus)
    def audit_verify(_op: Op, session: Annotated[Session, Depends(session_dep)]) -> AuditStatus:
        result = c.audit.verify(session)
        return AuditStatus(ok=result.ok, checked=result.checked, message=result.message)

    @router.get("/health", include_in_schema=False)
    def health(request: Request) -> dict[str, str]:
        return {"status": "ok"}

    return router

"""The operators' JSON API (token authentication, OpenAPI at ``/docs``).

It is stable enough for an outside script to drive a whole case: poll ``GET /api/cases``,
record the callback as one operator, approve as another, then read the CRL number.
"""


import datetime as dt
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core import workflow as wf
from core.container import Container
from core.models import CallbackTask, Case, Operator
from core.services.actors import Actor, NotFound, NotPermitted
from core.services.cases import ManualRequest
from core.services.serials import parse_serials
from core.urgency import Urgency
from dashboard.api_applications import build_applications_api_router
from dashboard.api_auth import ApiAuth
from dashboard.api_replies import add_reply_api_routes
from signing.models import CaCertificate
from signing.serials import Serial


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
    owner: str | None = Field(description="the operator working the case (shift queue), if any")
    created_at: dt.datetime
    deadline_at: dt.datetime
    urgency: Urgency | None = Field(None, description="why the case is worked as urgently as an emergency "
                                                        "on unconfirmed evidence (cleared when it is reclassified)")


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
    notes: str = Field(min_length=1, max_length=4000, description="what was said on the call")


class DecisionIn(BaseModel):
    note: str = Field(default="", max_length=4000)


class DocumentsIn(BaseModel):
    """The documents that arrived; the checklist of the case's kind decides whether they suffice."""

    checked: list[str] = Field(default_factory=list, max_length=20,
                               description="e.g. doc_request_form, doc_seal_certificate, doc_identity")
    note: str = Field(default="", max_length=4000)


class ReasonIn(BaseModel):
    """Why a case is closed or reopened (kept in the audit log)."""

    reason: str = Field(min_length=1, max_length=4000)


class MergeIn(BaseModel):
    """Merge this case into another open case (a duplicate)."""

    into: str = Field(min_length=1, max_length=16)
    reason: str = Field(default="", max_length=4000)
#: The written forms of a serial the schema documents (hex digits in groups, an optional 0x);
#: the server also reads full-width forms (``Serial.parse``).  At most 40 significant digits.
SERIAL_PATTERN = (r"^[ \t]*(0[xX])?[ \t:._-]*(0[ \t:._-]*)*"
                  r"([1-9a-fA-F]([ \t:._-]*[0-9a-fA-F]){0,38}|[1-7]([ \t:._-]*[0-9a-fA-F]){39})[ \t:._-]*$")


class ManualCaseIn(BaseModel):
    """A request that arrived by fax or post, typed in by an operator."""

    kind: wf.Kind
    channel: Literal["fax", "post", "phone", "email"]
    applicant_email: str = ""
    summary: str = Field(default="", max_length=20000)
    serials: list[str] = Field(default_factory=list, json_schema_extra={"items": {"type": "string",
                                                                                   "pattern": SERIAL_PATTERN}})

    @field_validator("serials")
    @classmethod
    def _canonical_serials(cls, value: list[str]) -> list[str]:
        """Any written form (``0a:1b``, ``0x0A1B``, full-width...) becomes the canonical text."""
        return [str(Serial.parse(text)) for text in value]


class SerialIn(BaseModel):
    """Which of the applicant's certificates the case is about, typed in any written form."""

    serial: str = Field(min_length=1, max_length=400, description="e.g. 'a0a4 d3ec ae02', '0A:A4:D3', full-width")


class TaskIn(BaseModel):
    """Tick (``done: true``) or untick a task on the case's checklist."""

    done: bool


class ReclassifyIn(BaseModel):
    kind: wf.Kind


class LinkApplicantIn(BaseModel):
    """Which applicant on record a case belongs to (chat requests and unknown senders)."""

    applicant_email: str = Field(min_length=3, max_length=254)


class ErrorOut(BaseModel):
    """The body of every error answer: a message, or for refusals the rule id and a message."""

    detail: str | dict[str, str]


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
    router.include_router(build_applications_api_router(c, auth))
    Op = Annotated[Operator, Depends(auth.operator)]
    Approver = Annotated[Operator, Depends(auth.approver)]

    def case_out(session: Session, case: Case) -> CaseOut:
        def name(op_id: int | None) -> str | None:
            op = session.get(Operator, op_id) if op_id else None
            return op.username if op else None

        cert = session.get(CaCertificate, case.certificate_id) if case.certificate_id else None
        return CaseOut(tag=case.tag, kind=case.kind, state=case.state, channel=case.channel, language=case.language,
                       subject=case.subject, reply_to=case.reply_to, reasons=case.reasons, serials=case.serials,
                       certificate_serial=str(cert.serial) if cert else None, crl_number=case.crl_number,
                       callback_confirmed_by=name(case.callback_confirmed_by), approved_by=name(case.approved_by),
                       owner=name(case.owner_id), created_at=case.created_at, deadline_at=case.deadline_at,
                       urgency=Urgency(case.urgency) if case.urgency else None)

    def load_case(session: Session, tag: str, lock: bool = False) -> Case:
        case = session.execute(
            select(Case).where(Case.tag == tag).with_for_update() if lock else select(Case).where(Case.tag == tag)
        ).scalar_one_or_none()
        if case is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case")
        return case

    def act(tag_or_action: Callable[[Actor], str], op: Operator) -> CaseOut:
        """Run one use case of the service layer and answer with the case; refusals carry their rule id."""
        actor = Actor(op.id, op.username, op.role)
        try:
            tag = tag_or_action(actor)
        except NotFound as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
        except NotPermitted as exc:
            raise HTTPException(status.HTTP_403_FORBIDDEN, {"rule": exc.rule.value, "message": exc.detail}) from exc
        except wf.TransitionError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, {"rule": exc.rule.value, "message": exc.detail}) from exc
        with c.read_factory() as session:
            return case_out(session, load_case(session, tag))

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
        try:
            serials = tuple(parse_serials(body.serials))
        except ValueError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
        request = ManualRequest(kind=body.kind, channel=body.channel, applicant_email=body.applicant_email,
                                summary=body.summary, serials=serials)
        return act(lambda actor: c.actions.manual_intake(actor, request), op)

    @router.post("/cases/{tag}/reclassify", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def reclassify(tag: str, body: ReclassifyIn, op: Op) -> CaseOut:
        return act(lambda actor: c.actions.reclassify(actor, tag, body.kind), op)

    @router.post("/cases/{tag}/link-applicant", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def link_applicant(tag: str, body: LinkApplicantIn, op: Op) -> CaseOut:
        return act(lambda actor: c.actions.link_applicant(actor, tag, body.applicant_email), op)

    @router.post("/cases/{tag}/documents", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def documents(tag: str, body: DocumentsIn, op: Op) -> CaseOut:
        return act(lambda actor: c.actions.record_documents(actor, tag, body.checked, body.note), op)

    @router.post("/cases/{tag}/approve", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT, **FORBIDDEN})
    def approve(tag: str, body: DecisionIn, op: Approver) -> CaseOut:
        return act(lambda actor: c.actions.decide(actor, tag, "approved", body.note), op)

    @router.post("/cases/{tag}/reject", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT, **FORBIDDEN})
    def reject(tag: str, body: DecisionIn, op: Approver) -> CaseOut:
        return act(lambda actor: c.actions.decide(actor, tag, "rejected", body.note), op)

    @router.post("/cases/{tag}/close", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT, **FORBIDDEN})
    def close(tag: str, body: ReasonIn, op: Op) -> CaseOut:
        return act(lambda actor: c.actions.close(actor, tag, body.reason), op)

    @router.post("/cases/{tag}/reopen", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def reopen(tag: str, body: ReasonIn, op: Op) -> CaseOut:
        return act(lambda actor: c.actions.reopen(actor, tag, body.reason), op)

    @router.post("/cases/{tag}/merge", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def merge(tag: str, body: MergeIn, op: Op) -> CaseOut:
        return act(lambda actor: c.actions.merge(actor, tag, body.into, body.reason), op)

    @router.post("/cases/{tag}/serial", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def enter_serial(tag: str, body: SerialIn, op: Op) -> CaseOut:
        """Refused with ``serial-unreadable`` or ``unknown-certificate``; then the rules run again."""
        return act(lambda actor: c.actions.enter_serial(actor, tag, body.serial), op)

    @router.post("/cases/{tag}/tasks/{task_id}", response_model=CaseOut, responses=NOT_FOUND)
    def tick_task(tag: str, task_id: TaskId, body: TaskIn, op: Op) -> CaseOut:
        return act(lambda actor: c.actions.set_task_done(actor, tag, task_id, body.done), op)

    @router.post("/cases/{tag}/assign", response_model=CaseOut, responses={**NOT_FOUND, **CONFLICT})
    def assign(tag: str, op: Op) -> CaseOut:
        """The calling operator takes the case (a finished case is refused with ``case-finished``)."""
        return act(lambda actor: c.assignment.assign_to_me(actor, tag), op)

    @router.post("/cases/{tag}/release", response_model=CaseOut, responses={**NOT_FOUND, **FORBIDDEN})
    def release(tag: str, op: Op) -> CaseOut:
        """The owner (or a supervisor or admin) gives the case back to the queue."""
        return act(lambda actor: c.assignment.release(actor, tag), op)

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
        return act(lambda actor: c.actions.record_callback(actor, task_id, body.outcome, body.notes), op)

    @router.get("/audit/verify", response_model=AuditStatus)
    def audit_verify(_op: Op, session: Annotated[Session, Depends(session_dep)]) -> AuditStatus:
        result = c.audit.verify(session)
        return AuditStatus(ok=result.ok, checked=result.checked, message=result.message)

    add_reply_api_routes(router, c, auth.operator, session_dep, {**NOT_FOUND, **CONFLICT})

    @router.get("/health", include_in_schema=False)
    def health(request: Request) -> dict[str, str]:
        return {"status": "ok"}

    return router

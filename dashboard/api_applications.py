"""The JSON API on the CA's own records: import applications from CSV, read one, record a step.

Entry points only: every action is a use case of :mod:`core.services.applications`.
"""


import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field
from sqlalchemy import select

from core.applications_csv import MAX_BYTES, CsvFileError
from core.container import Container
from core.models import Application, Operator
from core.services.actors import NotFound
from core.services.applications import ApplicationActions, StepRefused
from core.steps import LABELS, ORDER, Step
from dashboard.api_auth import ApiAuth

#: Roles that may import applications (an import can change registered phone numbers).
IMPORT_ROLES = ("admin", "supervisor")


class StepOut(BaseModel):
    step: Step
    label_ja: str
    done_on: dt.date | None
    recorded_by: str | None


class ApplicationOut(BaseModel):
    """An application with its applicant and every step (done or not)."""

    reference: str
    status: str
    cert_type: str
    registration_number: str | None
    requested_count: int
    applicant_name: str
    applicant_email: str
    renewal_of: str | None
    steps_complete: bool
    steps: list[StepOut]


class StepIn(BaseModel):
    step: Step
    on: dt.date = Field(description="the day the step was done (not in the future)")


class ImportRowError(BaseModel):
    line: int
    column: str
    reason: str


class ImportOut(BaseModel):
    """What an import did; with errors and without ``skip_bad_rows`` nothing was imported.

    ``file_error`` says why a file could not be read at all (encoding, header, size): then
    ``imported`` is false and nothing else is filled in.
    """

    file_error: str | None = None
    encoding: str
    dry_run: bool
    imported: bool
    rows: int
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    steps_recorded: int
    ignored_columns: list[str]
    errors: list[ImportRowError]


def application_out(app: Application) -> ApplicationOut:
    steps = []
    for step in ORDER:
        row = app.step_record(step)
        steps.append(StepOut(step=step, label_ja=LABELS[step][0], done_on=row.done_on if row else None,
                             recorded_by=row.recorded_by if row else None))
    renewal_of = None
    if app.renewal_of_id is not None:
        from sqlalchemy.orm import object_session

        session = object_session(app)
        old = session.get(Application, app.renewal_of_id) if session is not None else None
        renewal_of = old.reference if old else None
    return ApplicationOut(reference=app.reference, status=app.status, cert_type=app.cert_type,
                          registration_number=app.registration_number, requested_count=app.requested_count,
                          applicant_name=app.applicant.name, applicant_email=app.applicant.email,
                          renewal_of=renewal_of, steps_complete=app.steps_complete, steps=steps)


def build_applications_api_router(c: Container, auth: ApiAuth) -> APIRouter:
    """``/applications`` routes (mounted under ``/api``)."""
    router = APIRouter(tags=["applications"])
    Op = Annotated[Operator, Depends(auth.operator)]
    actions = ApplicationActions(c.factory, c.audit)

    def load(reference: str) -> ApplicationOut:
        with c.read_factory() as session:
            app = session.scalar(select(Application).where(Application.reference == reference))
            if app is None:
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no such application")
            return application_out(app)

    @router.post("/applications/import", response_model=ImportOut, responses={
        400: {"description": "A multipart body without its 'file' field"},
        403: {"description": "Only supervisors and admins import"},
        413: {"description": "The file is too large"}},
        openapi_extra={"requestBody": {"content": {
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                "file": {"type": "string", "format": "binary"}}}}}}})
    async def import_applications(request: Request, op: Op,
                                  dry_run: Annotated[bool, Query()] = False,
                                  skip_bad_rows: Annotated[bool, Query()] = False) -> ImportOut:
        """Import an applications CSV (UTF-8 or CP932; raw body or multipart field ``file``).

        Bad rows and unreadable files are reported in the answer (``errors``, ``file_error``).
        """
        if op.role not in IMPORT_ROLES:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "importing applications needs a supervisor or an admin")
        if int(request.headers.get("content-length") or 0) > MAX_BYTES + 65536:
            raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "file too large")
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            form = await request.form()
            upload: Any = form.get("file")
            if upload is None or isinstance(upload, str):
                raise HTTPException(status.HTTP_400_BAD_REQUEST, "multipart field 'file' is missing")
            data = await upload.read()
        else:
            data = await request.body()
        try:
            report = actions.import_csv(data, actor=op.username, now=c.clock.now(), dry_run=dry_run,
                                        skip_bad_rows=skip_bad_rows)
        except CsvFileError as exc:
            # The request was well-formed; its content is reported like bad rows are.
            return ImportOut(file_error=str(exc), encoding="", dry_run=dry_run, imported=False, rows=0, created=[],
                             updated=[], unchanged=[], steps_recorded=0, ignored_columns=[], errors=[])
        return ImportOut(**report.as_json())

    @router.get("/applications/{reference}", response_model=ApplicationOut,
                responses={404: {"description": "No such application"}})
    def get_application(reference: str, _op: Op) -> ApplicationOut:
        return load(reference)

    @router.post("/applications/{reference}/steps", response_model=ApplicationOut, responses={
        404: {"description": "No such application"}, 409: {"description": "The step cannot be recorded"}})
    def record_step(reference: str, body: StepIn, op: Op) -> ApplicationOut:
        try:
            actions.record_step(reference, body.step, body.on, actor=op.username, now=c.clock.now())
        except NotFound as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
        except StepRefused as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
        return load(reference)

    return router

"""Applicant and application pages: search, one page per applicant, the steps of an application.

The applicant page shows the person's applications, certificates (from the one register, as
有効 / 失効済み / 期限切れ) and cases together.  The application page lists the seed's steps; an
operator records a step with its date and a confirmation tick, through
:class:`core.services.applications.ApplicationActions` (audited).  Routes only translate forms.
"""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the ``Login`` alias defined inside the route factory.
import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, or_, select

from core import register
from core.models import Applicant, Application, Case
from core.services.actors import NotFound
from core.services.applications import ApplicationActions, StepRefused
from core.steps import CANCELLATION_STEPS, LABELS, ORDER, Step
from dashboard.web import JST, MAX_ID, PREFIX, Dashboard, View, flash, redirect
from signing.models import CaCertificate

#: Steps an operator records on the application page; 発行 is recorded by the issuance itself.
OPERATOR_STEPS: tuple[Step, ...] = tuple(step for step in ORDER if step is not Step.ISSUED)
MAX_RESULTS = 100


@dataclass(frozen=True)
class CertificateRow:
    """A certificate of the register as the applicant page lists it."""

    serial: str
    profile: str
    not_before: dt.datetime
    not_after: dt.datetime
    application_ref: str | None
    status: str  # valid | revoked | expired


def certificate_status(revoked: bool, not_after: dt.datetime, now: dt.datetime) -> str:
    """有効 / 失効済み / 期限切れ as a key: a revocation wins over expiry."""
    if revoked:
        return "revoked"
    return "expired" if not_after <= now else "valid"


def add_applicant_routes(router: APIRouter, d: Dashboard) -> None:
    """Register the applicant and application pages on *router*."""
    c = d.c
    Login = Annotated[View, Depends(d.require)]
    actions = ApplicationActions(c.factory, c.audit)

    @router.get("/applicants", response_class=HTMLResponse)
    def applicants_page(request: Request, view: Login, q: Annotated[str, Query(max_length=200)] = "") -> Response:
        text = q.strip()
        rows: list[tuple[Applicant, list[str]]] = []
        with d.read() as session:
            query = select(Applicant).order_by(Applicant.id.desc()).limit(MAX_RESULTS)
            if text:
                like = f"%{text.lower()}%"
                by_reference = select(Application.applicant_id).where(func.lower(Application.reference).like(like))
                query = query.where(or_(func.lower(Applicant.name).like(like), Applicant.name_kana.like(f"%{text}%"),
                                        func.lower(Applicant.email).like(like), Applicant.phone.like(f"%{text}%"),
                                        Applicant.id.in_(by_reference)))
            for applicant in session.scalars(query):
                rows.append((applicant, [a.reference for a in applicant.applications]))
        return d.render("applicants.html", view, rows=rows, q=text, flash=flash(request, view.language))

    @router.get("/applicants/{applicant_id}", response_class=HTMLResponse)
    def applicant_page(request: Request, view: Login,
                       applicant_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
        now = c.clock.now()
        with d.read() as session:
            applicant = session.get(Applicant, applicant_id)
            if applicant is None:
                return d.not_found(view)
            applications = sorted(applicant.applications, key=lambda a: a.id, reverse=True)
            certificates = [
                CertificateRow(str(cert.serial), cert.profile, cert.not_before, cert.not_after, cert.application_ref,
                               certificate_status(register.is_revoked(session, cert), cert.not_after, now))
                for cert in register.certificates_of_applicant(session, applicant.id)]
            cases = session.scalars(select(Case).where(Case.applicant_id == applicant.id)
                                    .order_by(Case.id.desc())).all()
            return d.render("applicant.html", view, applicant=applicant, applications=applications,
                            certificates=certificates, cases=cases, flash=flash(request, view.language))

    def application_view(view: View, reference: str, status_code: int = 200, error: str | None = None,
                         msg: str | None = None) -> Response:
        with d.read() as session:
            app = session.scalar(select(Application).where(Application.reference == reference))
            if app is None:
                return d.not_found(view)
            renewal_of = session.get(Application, app.renewal_of_id) if app.renewal_of_id else None
            certificates = session.scalars(select(CaCertificate).where(CaCertificate.application_ref == reference)
                                           .order_by(CaCertificate.id)).all()
            today = c.clock.now().astimezone(JST).date()
            return d.render("application.html", view, status_code=status_code, app=app, applicant=app.applicant,
                            renewal_of=renewal_of, certificates=certificates,
                            steps=[(step, LABELS[step], app.step_record(step)) for step in ORDER],
                            recordable=OPERATOR_STEPS, cancellation_steps=CANCELLATION_STEPS, today=today,
                            error=error, flash=msg)

    @router.get("/applications/{reference}", response_class=HTMLResponse)
    def application_page(request: Request, view: Login,
                         reference: Annotated[str, Path(max_length=32)]) -> Response:
        return application_view(view, reference, msg=flash(request, view.language))

    @router.post("/applications/{reference}/steps")
    async def record_step(request: Request, view: Login, reference: Annotated[str, Path(max_length=32)],
                          step: Annotated[str, Form(max_length=32)] = "",
                          on: Annotated[str, Form(max_length=10)] = "",
                          confirm: Annotated[str, Form(max_length=8)] = "") -> Response:
        await d.check_csrf(request, view)
        language = view.language
        try:
            chosen = Step(step)
            day = dt.date.fromisoformat(on)
        except ValueError:
            return application_view(view, reference, 422, d_text("app_step_bad_input", language))
        if chosen not in OPERATOR_STEPS:
            return application_view(view, reference, 422, d_text("app_step_bad_input", language))
        if confirm != "yes":
            return application_view(view, reference, 422, d_text("app_step_confirm_needed", language))
        try:
            await run_in_threadpool(actions.record_step, reference, chosen, day, actor=view.op.username,
                                    now=c.clock.now())
        except NotFound:
            return d.not_found(view)
        except StepRefused as exc:
            return application_view(view, reference, 409, f"{d_text('app_step_refused', language)} {exc}")
        return redirect(f"{PREFIX}/applications/{reference}", "msg_app_step_recorded")


def d_text(key: str, language: str) -> str:
    """A dashboard text (see :mod:`dashboard.texts`)."""
    from dashboard import texts

    return texts.text(key, language)

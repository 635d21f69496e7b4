"""Failed jobs (the shunt queue): the list, Retry and Discard, and the queue page's alert fragment.

Seeing and acting on failed jobs needs a supervisor or an admin; every operator sees the
alert for an emergency revocation whose execution failed. The work itself is done by
:mod:`core.services.jobs`, the same functions the ``madoguchi jobs`` commands call.
"""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the ``Login`` alias defined inside the route factory.
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from core.services import jobs as job_service
from dashboard import texts
from dashboard.web import MAX_ID, PREFIX, Dashboard, View, flash, redirect

#: Where a Retry or Discard form sends the operator back to: the list, or the case it came from.
RETURN_TO = ("list", "case")


def add_job_routes(router: APIRouter, d: Dashboard) -> None:
    """Register the failed-jobs pages on *router*."""
    c = d.c
    Login = Annotated[View, Depends(d.require)]

    def failed_page(view: View, status_code: int = 200, error: str | None = None, notice: str | None = None,
                    reason_job: int | None = None) -> Response:
        with d.read() as session:
            rows = job_service.failed_jobs(session)
        kinds = {v.kind: texts.label("job_kind_", v.kind, view.language) for v in rows}
        return d.render("jobs_failed.html", view, status_code=status_code, rows=rows, kinds=kinds, error=error,
                        flash=notice, reason_job=reason_job)

    @router.get("/jobs/failed", response_class=HTMLResponse)
    def failed_list(request: Request, view: Login) -> Response:
        if not view.op.can_approve:
            return d.forbidden(view)
        return failed_page(view, notice=flash(request, view.language))

    @router.get("/queue/alerts", response_class=HTMLResponse)
    def queue_alerts(view: Login) -> Response:
        with d.read() as session:
            alerts = job_service.emergency_alerts(job_service.failed_by_case(session))
        return d.render("_job_alerts.html", view, alerts=alerts)

    def back(return_to: str, tag: str | None, msg: str) -> Response:
        if return_to == "case" and tag:
            return redirect(f"{PREFIX}/cases/{quote(tag)}", msg)
        return redirect(f"{PREFIX}/jobs/failed", msg)

    def retry(view: View, job_id: int, return_to: str) -> Response:
        try:
            with c.factory() as session, session.begin():
                done = job_service.retry_job(session, job_id, actor=view.op.username, now=c.clock.now(),
                                             audit=c.audit)
        except job_service.JobNotFound:
            return d.not_found(view)
        except job_service.JobNotFailed:
            return redirect(f"{PREFIX}/jobs/failed", "msg_job_not_failed")
        c.notifier.publish("job_retried", done.case_tag)
        return back(return_to, done.case_tag, "msg_job_retried")

    def discard(view: View, job_id: int, reason: str, return_to: str) -> Response:
        try:
            with c.factory() as session, session.begin():
                done = job_service.discard_job(session, job_id, actor=view.op.username, now=c.clock.now(),
                                               reason=reason, audit=c.audit, cases=c.cases)
        except job_service.ReasonRequired:
            return failed_page(view, status_code=400, error=texts.text("err_discard_reason", view.language),
                               reason_job=job_id)
        except job_service.JobNotFound:
            return d.not_found(view)
        except job_service.JobNotFailed:
            return redirect(f"{PREFIX}/jobs/failed", "msg_job_not_failed")
        c.notifier.publish("job_discarded", done.case_tag)
        return back(return_to, done.case_tag, "msg_job_discarded")

    @router.post("/jobs/{job_id}/retry")
    async def job_retry(request: Request, job_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login,
                        return_to: Annotated[str, Form(max_length=8)] = "list") -> Response:
        await d.check_csrf(request, view)
        if not view.op.can_approve:
            return d.forbidden(view)
        return await run_in_threadpool(retry, view, job_id, return_to if return_to in RETURN_TO else "list")

    @router.post("/jobs/{job_id}/discard")
    async def job_discard(request: Request, job_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login,
                          reason: Annotated[str, Form(max_length=job_service.MAX_REASON)] = "",
                          return_to: Annotated[str, Form(max_length=8)] = "list") -> Response:
        await d.check_csrf(request, view)
        if not view.op.can_approve:
            return d.forbidden(view)
        return await run_in_threadpool(discard, view, job_id, reason, return_to if return_to in RETURN_TO else "list")

"""Online application entries: the operator compares the values with the application, then decides.

Match issues the certificate on the entry's key (the same issuance use case as everything
else); mismatch mails the applicant, who may enter again, and the third mismatch in a row
rejects the application.  The work is done by :mod:`core.services.online_review`.
"""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the ``Login`` alias defined inside the route factory.
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from core.services import online_review
from core.services.certificates import ApplicationCancelled
from core.services.online import OnlineRefused, Rule
from dashboard.web import MAX_ID, PREFIX, Dashboard, View, flash, redirect
from signing.errors import SigningError


def add_online_routes(router: APIRouter, d: Dashboard) -> None:
    """Register the online review page on *router*."""
    c = d.c
    Login = Annotated[View, Depends(d.require)]

    @router.get("/online", response_class=HTMLResponse)
    def review_page(request: Request, view: Login) -> Response:
        with d.read() as session:
            reviews = online_review.pending_reviews(session)
        return d.render("online_review.html", view, reviews=reviews, flash=flash(request, view.language))

    def decide(view: View, submission_id: int, match: bool, note: str) -> Response:
        try:
            if match:
                online_review.accept(c.factory, c.ca, c.audit, c.cases.outbox, submission_id,
                                     actor=view.op.username, now=c.clock.now())
                msg = "msg_online_issued"
            else:
                done = online_review.report_mismatch(c.factory, c.audit, c.cases.outbox, submission_id,
                                                     actor=view.op.username, now=c.clock.now(), note=note)
                msg = "msg_online_rejected" if done.rejected else "msg_online_mismatch"
        except OnlineRefused as exc:
            msg = "msg_online_closed" if exc.rule is Rule.APPLICATION_CLOSED else "msg_online_not_pending"
        except ApplicationCancelled:
            msg = "msg_online_closed"
        except SigningError:
            # The CA refused (the entry is pending again); the operator sees it and may retry.
            msg = "msg_online_failed"
        c.notifier.publish("online_application_decided", None)
        return redirect(f"{PREFIX}/online", msg)

    @router.post("/online/{submission_id}/match")
    async def match(request: Request, submission_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login) -> Response:
        await d.check_csrf(request, view)
        return await run_in_threadpool(decide, view, submission_id, True, "")

    @router.post("/online/{submission_id}/mismatch")
    async def mismatch(request: Request, submission_id: Annotated[int, Path(ge=1, le=MAX_ID)], view: Login,
                       note: Annotated[str, Form(max_length=500)] = "") -> Response:
        await d.check_csrf(request, view)
        return await run_in_threadpool(decide, view, submission_id, False, note)

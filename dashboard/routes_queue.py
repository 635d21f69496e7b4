"""The work queue of a shift: the list, its live-update poll, its counts, taking and releasing cases.

The queue lists open cases, emergencies and unread faxes first, then by deadline, one page at a
time; "my cases" and "unassigned" narrow it by owner.  Taking a case ("assign to me") and
giving it back go through :class:`core.services.assignment.CaseAssignment` (its own transaction,
audited).  The poll reads the one-row queue version, so it costs the same at any queue size.
"""

# Annotations are evaluated at definition time (no ``from __future__ import annotations``) so that
# FastAPI can resolve the ``Login`` alias defined inside the route factory.
import asyncio
import functools
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from core import workflow as wf
from core.services import jobs as job_service
from core.services.actors import Actor, NotFound, NotPermitted
from core.sla import sla_of
from core.urgency import Urgency
from dashboard import queries, texts
from dashboard.web import PREFIX, Dashboard, View, flash, redirect

#: Rows per page of the queue (more than a 1080p screen shows; the pager has the rest).
PAGE_SIZE = 50
MAX_PAGE = 10_000
#: The query parameters of the queue a "back to the queue" link may carry.
QUEUE_PARAMS = ("kind", "state", "q", "owner", "page")
#: States in which a case can no longer be taken.
FINISHED = frozenset(s.value for s in wf.TERMINAL)


@functools.cache
def row_labels(language: str) -> dict[str, str]:
    """The kind, state, urgency mark and channel labels of the queue rows in *language*, looked up once."""
    keys = [f"kind_{k.value}" for k in wf.Kind] + [f"state_{s.value}" for s in wf.State]
    keys += [f"mark_{u.value}" for u in Urgency]
    keys += [key for key in texts.TEXTS if key.startswith("channel_")]
    return {key: texts.text(key, language) for key in keys}


def actor_of(view: View) -> Actor:
    """The logged-in operator as the service layer's actor."""
    return Actor(view.op.id, view.op.username, view.op.role)


def back_to_queue(back: str) -> str:
    """The queue URL with only the known filter parameters of *back* (a query string) kept."""
    kept = [(k, v) for k, v in parse_qsl(back.lstrip("?"))[:10] if k in QUEUE_PARAMS and len(v) <= 200]
    return f"{PREFIX}/" + (("?" + urlencode(kept)) if kept else "")


def add_queue_routes(router: APIRouter, d: Dashboard) -> None:
    """Register the queue page, its rows fragment, poll, counts and the assign/release actions."""
    c = d.c
    Login = Annotated[View, Depends(d.require)]
    assignment = c.assignment
    Kind = Annotated[str, Query(max_length=32)]
    State = Annotated[str, Query(max_length=32)]
    Search = Annotated[str, Query(max_length=200)]
    Owner = Annotated[str, Query(max_length=16)]
    Page = Annotated[int, Query(ge=1, le=MAX_PAGE)]

    def queue_filter(view: View, kind: str, state: str, q: str, owner: str, page: int) -> queries.QueueFilter:
        return queries.QueueFilter(kind=kind, state=state, q=q,
                                   owner=owner if owner in queries.OWNER_FILTERS else "", me=view.op.id,
                                   limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)

    def rows_values(view: View, kind: str, state: str, q: str, owner: str, page: int) -> dict[str, Any]:
        f = queue_filter(view, kind, state, q, owner, page)
        with d.read() as session:
            found = queries.queue(session, f)
            rows = found[:PAGE_SIZE]
            failed = job_service.failed_by_case(session)
            owners = queries.owner_names(session, {case.owner_id for case, _ in rows if case.owner_id})
        filtered = bool(kind or state or q.strip() or f.owner)
        return {"rows": rows, "failed": failed, "owners": owners, "now": c.clock.now(), "sla": sla_of,
                "me_id": view.op.id, "filtered": filtered, "labels": row_labels(view.language), "finished": FINISHED,
                "page": page, "has_more": len(found) > PAGE_SIZE,
                "back": urlencode([(k, v) for k, v in (("kind", kind), ("state", state), ("q", q),
                                                        ("owner", f.owner)) if v])}

    @router.get("/", response_class=HTMLResponse)
    def queue_page(request: Request, view: Login, kind: Kind = "", state: State = "", q: Search = "",
                   owner: Owner = "", page: Page = 1) -> Response:
        values = rows_values(view, kind, state, q, owner, page)
        with d.read() as session:
            fp = queries.fingerprint(session)
        return d.render("queue.html", view, alerts=job_service.emergency_alerts(values["failed"]),
                        kinds=[k.value for k in wf.Kind], states=[s.value for s in wf.State],
                        kind=kind, state=state, q=q, owner=owner if owner in queries.OWNER_FILTERS else "",
                        fingerprint=fp,
                        version=c.notifier.version, flash=flash(request, view.language), **values)

    @router.get("/queue/rows", response_class=HTMLResponse)
    def queue_rows(view: Login, kind: Kind = "", state: State = "", q: Search = "",
                   owner: Owner = "", page: Page = 1) -> Response:
        return d.render("_queue_rows.html", view, **rows_values(view, kind, state, q, owner, page))

    @router.get("/queue/counts")
    def queue_counts(view: Annotated[View, Depends(d.require_api)]) -> dict[str, int]:
        """The navigation's counts as JSON, for the live queue to refresh them with its rows."""
        with d.read() as session:
            found = queries.counts(session, view.op.id, c.clock.now())
        return {"unassigned": found.unassigned, "mine": found.mine, "overdue": found.overdue, "total": found.total}

    @router.get("/queue/poll")
    async def queue_poll(request: Request, _view: Annotated[View, Depends(d.require_api)],
                         since: Annotated[int, Query(ge=-1)] = -1,
                         wait: Annotated[float, Query(ge=0, le=25)] = 0) -> dict[str, Any]:
        """Long poll: returns when the notifier moves past *since* or after *wait* seconds.

        The answer carries the queue version too (one row, :mod:`core.queueversion`), so changes
        made by another process (whose notifier this process cannot see) show up at the latest
        after *wait* seconds.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while c.notifier.version <= since and loop.time() < deadline:
            if await request.is_disconnected():
                break
            await asyncio.sleep(0.2)

        def fingerprint() -> str:
            with d.read() as session:
                return queries.fingerprint(session)

        return {"version": c.notifier.version, "fingerprint": await run_in_threadpool(fingerprint)}

    def own(view: View, tag: str, take: bool, back: str) -> Response:
        try:
            if take:
                assignment.assign_to_me(actor_of(view), tag)
            else:
                assignment.release(actor_of(view), tag)
        except NotFound:
            return d.not_found(view)
        except NotPermitted:
            return d.forbidden(view)
        except wf.TransitionError as exc:
            return d.render("error.html", view, status_code=409,
                            message=texts.text(f"rule_{exc.rule.value}", view.language))
        if back == "case":
            return redirect(f"{PREFIX}/cases/{quote(tag)}", "msg_assigned" if take else "msg_released")
        return redirect(back_to_queue(back), "msg_assigned" if take else "msg_released")

    @router.post("/cases/{tag}/assign")
    async def assign(request: Request, tag: str, view: Login,
                     back: Annotated[str, Form(max_length=600)] = "") -> Response:
        await d.check_csrf(request, view)
        return await run_in_threadpool(own, view, tag, True, back)

    @router.post("/cases/{tag}/release")
    async def release(request: Request, tag: str, view: Login,
                      back: Annotated[str, Form(max_length=600)] = "") -> Response:
        await d.check_csrf(request, view)
        return await run_in_threadpool(own, view, tag, False, back)

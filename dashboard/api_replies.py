"""The JSON API of a case's conversation: read the thread, send a reply from a template.

A small addition to :mod:`dashboard.api`, sharing its bearer tokens and scopes (``read`` for
the thread, ``work`` for sending); the reply goes through :mod:`core.services.replies`.
"""


import datetime as dt
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.container import Container
from core.models import Case, Operator, OutboundMail
from core.services.actors import Actor, NotFound
from core.services.replies import ReplyRefused
from dashboard.conversation import thread


class ReplyIn(BaseModel):
    """A reply: the template it started from, and the subject and body as the operator wrote them."""

    template: str = Field(default="reply", max_length=64, description="e.g. reply, ack, result_revoked")
    subject: str = Field(min_length=1, max_length=200, description="without the case tag (added)")
    body: str = Field(min_length=1, max_length=20000, description="without the signature (added)")


class ReplyOut(BaseModel):
    """The queued reply, as the outbox holds it."""

    outbound_id: int
    to: str
    subject: str
    message_id: str
    status: str


class MessageOut(BaseModel):
    """One message of a case's conversation."""

    direction: str
    at: dt.datetime
    channel: str
    sender: str
    recipient: str
    subject: str
    body: str
    message_id: str
    status: str
    last_error: str


def add_reply_api_routes(router: APIRouter, c: Container, operator: Callable[..., Operator],
                         session_dep: Callable[[], Iterator[Session]], responses: dict[int | str, Any]) -> None:
    """Register ``GET /cases/{tag}/conversation`` and ``POST /cases/{tag}/reply`` on the API *router*."""
    Op = Annotated[Operator, Depends(operator)]

    @router.get("/cases/{tag}/conversation", response_model=list[MessageOut], responses=responses)
    def conversation(tag: str, _op: Op, session: Annotated[Session, Depends(session_dep)]) -> list[MessageOut]:
        case = session.execute(select(Case).where(Case.tag == tag)).scalar_one_or_none()
        if case is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such case")
        return [MessageOut(direction=e.direction, at=e.at, channel=e.channel, sender=e.sender, recipient=e.recipient,
                           subject=e.subject, body=e.body, message_id=e.message_id, status=e.status,
                           last_error=e.last_error) for e in thread(session, case)]

    @router.post("/cases/{tag}/reply", response_model=ReplyOut, status_code=201, responses=responses)
    def reply(tag: str, body: ReplyIn, op: Op) -> ReplyOut:
        try:
            outbound_id = c.replies.send(Actor(op.id, op.username, op.role), tag, body.template, body.subject,
                                         body.body)
        except NotFound as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
        except ReplyRefused as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, {"rule": f"reply-{exc.code}".replace("_", "-"),
                                                           "message": str(exc)}) from exc
        with c.read_factory() as session:
            row = session.get(OutboundMail, outbound_id)
            assert row is not None
            return ReplyOut(outbound_id=row.id, to=row.to_addr, subject=row.subject, message_id=row.message_id,
                            status=row.status)

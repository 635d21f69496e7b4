"""Use cases of writing to the customer: draft a reply from a template, preview it, send it.

The operator picks a template; :meth:`ReplyActions.draft` renders it with the case's data
(the admin's edit of the template when there is one) and the operator edits the text.
:meth:`ReplyActions.preview` composes exactly the mail :meth:`ReplyActions.send` would queue
(same composer, same headers); ``send`` queues it in the durable outbox with its audit event
in one transaction.  A reply threads under the applicant's last mail (``In-Reply-To`` and
``References``) and carries the case tag in its subject.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core.cases import CaseService
from core.models import Case, InboundMessage, MailTemplateEdit, OutboundMail
from core.outbox import REPLY_PREFIX
from core.ports import MailTexts
from core.services.actors import Actor, NotFound

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
#: Largest subject and body of a reply.
MAX_SUBJECT = 200
MAX_BODY = 20_000


class ReplyRefused(ValueError):
    """A reply that cannot be sent; ``code`` names why (``no_address``, ``empty``, ``template``, ``too_long``)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


@dataclass(frozen=True)
class Draft:
    """A reply as the composer shows it: where it goes and the text to edit."""

    tag: str
    template: str
    to_addr: str
    subject: str
    body: str
    in_reply_to: str | None


@dataclass(frozen=True)
class Thread:
    """The headers that put a reply under the customer's last message."""

    in_reply_to: str | None
    references: tuple[str, ...]


def thread_of(session: Session, case: Case) -> Thread:
    """Reply to the applicant's last mail on the case; without one, to our own last mail."""
    last_in = session.execute(
        select(InboundMessage).where(InboundMessage.case_id == case.id, InboundMessage.message_id.is_not(None))
        .order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc()).limit(1)
    ).scalar_one_or_none()
    if last_in is not None and last_in.message_id:
        seen = {last_in.message_id}
        refs: list[str] = []
        for ref in (last_in.parsed or {}).get("references") or []:
            if ref and str(ref) not in seen:  # In-Reply-To and References often name the same mail.
                seen.add(str(ref))
                refs.append(str(ref))
        refs = refs[-20:]
        return Thread(last_in.message_id, tuple([*refs, last_in.message_id]))
    last_out = session.execute(
        select(OutboundMail.message_id).where(OutboundMail.case_id == case.id)
        .order_by(OutboundMail.created_at.desc(), OutboundMail.id.desc()).limit(1)
    ).scalar_one_or_none()
    return Thread(last_out, (last_out,) if last_out else ())


class ReplyActions:
    """Reply drafting, preview and sending, shared by the dashboard and the JSON API."""

    def __init__(self, factory: sessionmaker[Session], cases: CaseService, texts: MailTexts) -> None:
        self.factory, self.cases, self.texts = factory, cases, texts

    def templates(self) -> tuple[str, ...]:
        """The templates an operator may start a reply from."""
        return self.texts.kinds()

    @staticmethod
    def _case(session: Session, tag: str, lock: bool = False) -> Case:
        query = select(Case).where(Case.tag == tag)
        case = session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
        if case is None:
            raise NotFound(f"no case {tag}")
        return case

    def _check(self, template: str, subject: str, body: str) -> tuple[str, str]:
        if template not in self.texts.kinds():
            raise ReplyRefused("template", template)
        # A subject is one header line; neither text may carry control characters (NUL, ESC ...).
        subject = " ".join(_CONTROL.sub(" ", subject).split())
        body = _CONTROL.sub("", body.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")
        if not subject or not body.strip():
            raise ReplyRefused("empty")
        if len(subject) > MAX_SUBJECT or len(body) > MAX_BODY:
            raise ReplyRefused("too_long")
        return subject, body

    def draft(self, tag: str, template: str) -> Draft:
        """The template rendered with the case's data, for the operator to edit."""
        if template not in self.texts.kinds():
            raise ReplyRefused("template", template)
        with self.factory() as session:
            case = self._case(session, tag)
            edit = session.get(MailTemplateEdit, template)
            source = (edit.subject, edit.body) if edit is not None else None
            try:
                subject, body = self.texts.render(template, self.cases.mail_context(session, case), source)
            except ValueError as exc:
                raise ReplyRefused("template", str(exc)) from exc
            return Draft(case.tag, template, self.cases.reply_address(session, case), subject, body,
                         thread_of(session, case).in_reply_to)

    def _compose(self, session: Session, case: Case, to_addr: str, template: str, subject: str,
                 body: str) -> EmailMessage:
        thread = thread_of(session, case)
        outbox = self.cases.outbox
        return outbox.compose(template, to_addr, case.tag, case.language, self.cases.mail_context(session, case),
                              thread.in_reply_to, list(thread.references), outbox.mail_domain, outbox.mail_from,
                              text=(subject, body), auto=False)

    def preview(self, tag: str, template: str, subject: str, body: str) -> bytes:
        """The mail :meth:`send` would queue now, as bytes (only its Message-ID and Date will differ)."""
        subject, body = self._check(template, subject, body)
        with self.factory() as session:
            case = self._case(session, tag)
            to_addr = self.cases.reply_address(session, case)
            if not to_addr:
                raise ReplyRefused("no_address")
            return bytes(self._compose(session, case, to_addr, template, subject, body))

    def send(self, actor: Actor, tag: str, template: str, subject: str, body: str) -> int:
        """Queue the reply in the outbox with its audit event (one transaction); return the outbound id."""
        subject, body = self._check(template, subject, body)
        now = self.cases.clock.now()
        with self.factory() as session, session.begin():
            case = self._case(session, tag, lock=True)
            to_addr = self.cases.reply_address(session, case)
            if not to_addr:
                raise ReplyRefused("no_address")
            thread = thread_of(session, case)
            row = self.cases.outbox.queue(
                session, case_id=case.id, template=f"{REPLY_PREFIX}{template}", to_addr=to_addr,
                context=self.cases.mail_context(session, case), language=case.language, now=now,
                text=(subject, body), in_reply_to=thread.in_reply_to, references=thread.references)
            assert row is not None  # Only acknowledgements are ever skipped.
            self.cases.audit.append(session, at=now, actor=actor.username, action="reply_queued", case_id=case.id,
                                    detail={"outbound_id": row.id, "template": template, "to": to_addr,
                                            "subject": row.subject, "message_id": row.message_id,
                                            "in_reply_to": thread.in_reply_to})
            self.cases.notifier.publish("reply_queued", case.tag)
            return row.id


def decoded_body(raw: bytes) -> str:
    """The text of a composed mail (used by tests and the API to show what was queued)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    part = msg.get_body(preferencelist=("plain",)) if isinstance(msg, EmailMessage) else None
    return str(part.get_content()) if part is not None else ""

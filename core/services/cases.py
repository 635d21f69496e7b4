"""Use cases on a case: link an applicant, documents, callback, approve or reject, reclassify,
close, reopen, merge, and manual intake of a request that came by fax, post or phone.

Each method runs in its own transaction (one unit of work) and returns the case tag; it
raises :class:`core.services.actors.NotFound`, :class:`core.services.actors.NotPermitted`
or :class:`core.workflow.TransitionError` (with a rule id).  The same methods serve the
dashboard, the JSON API and the CLI.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core import register
from core import workflow as wf
from core.cases import CaseService, NewCase
from core.models import CallbackTask, Case, HumanTask, InboundMessage
from core.reasons import Kind as ReasonKind
from core.reasons import write as write_reason
from core.services.actors import Actor, NotFound
from core.services.serials import read_one_serial
from signing.serials import InvalidSerial

CALLBACK_OUTCOMES: tuple[wf.CallbackOutcome, ...] = (
    "reached_confirmed", "not_reached", "number_not_in_use", "requester_denied")
#: Channels a request can arrive by outside the SMTP intake; an operator types it in.
MANUAL_CHANNELS = ("fax", "post", "phone", "email")
#: Kinds an operator may give a case (questions are answered from the FAQ, not typed in).
MANUAL_KINDS = tuple(k for k in wf.Kind if k is not wf.Kind.FAQ)


@dataclass(frozen=True)
class Scan:
    """A scanned document (fax or letter) kept with a manually entered request."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ManualRequest:
    """A request an operator types in from a fax, a letter, a phone call or a forwarded mail."""

    kind: wf.Kind
    channel: str
    applicant_email: str = ""
    summary: str = ""
    serials: tuple[str, ...] = ()
    scan: Scan | None = None


def scan_message(channel: str, sender: str, summary: str, scan: Scan) -> bytes:
    """Wrap a scanned fax or letter in a MIME message, so it is stored and shown like any mail."""
    msg = EmailMessage()
    msg["From"] = sender or f"{channel}@manual-intake.invalid"
    msg["Subject"] = f"{channel} (manual intake)"
    msg.set_content(summary or "-")
    maintype, _, subtype = (scan.content_type or "application/octet-stream").partition("/")
    msg.add_attachment(scan.data, maintype=maintype or "application", subtype=subtype or "octet-stream",
                       filename=scan.filename or "scan.pdf")
    return msg.as_bytes()


def _require_reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise wf.TransitionError(wf.Rule.REASON_REQUIRED, "a reason is required")
    return text


def locked_case(session: Session, tag: str) -> Case:
    """The case *tag*, row-locked for this transaction; :class:`NotFound` if there is none."""
    case = session.execute(select(Case).where(Case.tag == tag).with_for_update()).scalar_one_or_none()
    if case is None:
        raise NotFound(f"no case {tag}")
    return case


class CaseActions:
    """The operators' use cases on cases, shared by every entry point."""

    def __init__(self, factory: sessionmaker[Session], cases: CaseService) -> None:
        self.factory, self.cases = factory, cases

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _locked(session: Session, tag: str) -> Case:
        return locked_case(session, tag)

    def _apply(self, actor: Actor, tag: str, event: wf.Event, detail: dict[str, object] | None = None) -> str:
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            self.cases.apply(session, case, event, actor=actor.username, detail=detail)
            return case.tag

    # ------------------------------------------------------------------ use cases

    def link_applicant(self, actor: Actor, tag: str, applicant_email: str) -> str:
        """Match a case from chat or an unknown sender to the applicant on record, then re-open its rules."""
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            if case.state != wf.State.NEEDS_TRIAGE.value:
                raise wf.TransitionError(wf.Rule.NOT_ALLOWED, "only cases in triage can be linked")
            applicant = self.cases.match_applicant(session, applicant_email)
            if applicant is None:
                raise wf.TransitionError(wf.Rule.UNKNOWN_APPLICANT, "no applicant on record with that email")
            case.applicant_id = applicant.id
            facts = self.cases.compute_facts(session, case)
            self.cases.apply(session, case, wf.ApplicantLinked(operator_id=actor.operator_id, facts=facts),
                             actor=actor.username, detail={"applicant_id": applicant.id})
            return case.tag

    def record_documents(self, actor: Actor, tag: str, checked: Iterable[str], note: str = "") -> str:
        """Tick the written documents that arrived; the workflow's checklist decides if they suffice."""
        ticked = frozenset(str(doc) for doc in checked)
        return self._apply(actor, tag, wf.DocumentsVerified(operator_id=actor.operator_id, checked=ticked),
                           {"note": note[:4000]})

    def record_callback(self, actor: Actor, task_id: int, outcome: str, notes: str) -> str:
        """Record what happened when the registered number was called; notes are required."""
        if outcome not in CALLBACK_OUTCOMES:
            raise wf.TransitionError(wf.Rule.NOT_ALLOWED, f"unknown callback outcome {outcome!r}")
        text = notes.strip()
        if not text:
            raise wf.TransitionError(wf.Rule.REASON_REQUIRED, "what was said on the call must be noted")
        with self.factory() as session, session.begin():
            task = session.get(CallbackTask, task_id, with_for_update=True)
            if task is None:
                raise NotFound(f"no callback task {task_id}")
            if task.status != "pending":
                raise wf.TransitionError(wf.Rule.NOT_ALLOWED, "this callback task is already recorded")
            case = session.get(Case, task.case_id, with_for_update=True)
            assert case is not None
            task.status, task.operator_id, task.notes = outcome, actor.operator_id, text
            task.recorded_at = self.cases.clock.now()
            session.flush()
            event = wf.CallbackRecorded(operator_id=actor.operator_id, outcome=outcome)  # type: ignore[arg-type]
            self.cases.apply(session, case, event, actor=actor.username,
                             detail={"callback_task": task.id, "phone": task.phone, "notes": text})
            return case.tag

    def decide(self, actor: Actor, tag: str, decision: Literal["approved", "rejected"], note: str = "") -> str:
        """A supervisor's approval or rejection; an approval re-checks the rules against the register now."""
        actor.require_approver()
        from core.models import Approval

        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            event: wf.Event
            if decision == "approved":
                event = wf.Approved(actor.operator_id, facts=self.cases.compute_facts(session, case))
            else:
                event = wf.Rejected(actor.operator_id)
            self.cases.apply(session, case, event, actor=actor.username, detail={"note": note, "decision": decision})
            session.add(Approval(case_id=case.id, operator_id=actor.operator_id, decision=decision, note=note,
                                 created_at=self.cases.clock.now()))
            return case.tag

    def reclassify(self, actor: Actor, tag: str, kind: wf.Kind) -> str:
        """Give the case another kind at any state before approval; its rules are evaluated again.

        A callback still waiting was for the old kind: it is withdrawn (a new one is scheduled
        if the new kind needs one).  The case's urgency mark (an unread fax, a possible
        emergency) is cleared: the operator has now decided what the case is.
        """
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            event = wf.Reclassified(operator_id=actor.operator_id, kind=kind)
            previous = case.kind
            withdrawn = self._withdraw_callbacks(session, case, event)
            self.cases.apply(session, case, event, actor=actor.username,
                             detail={"previous_kind": previous,
                                     "callbacks_withdrawn": withdrawn})
            # The operator has decided what the case is: a possible emergency or an unread fax no longer.
            self.cases.clear_urgency(session, case, actor.username, because=type(event).__name__)
            return case.tag

    def enter_serial(self, actor: Actor, tag: str, text: str) -> str:
        """Say which of the applicant's certificates the case is about (typed in any form, or picked).

        Refused with ``serial-unreadable`` when the text is not a serial number, and with
        ``unknown-certificate`` when it is not a certificate of the case's applicant; the rules
        are then evaluated again against the register (e.g. ``already-revoked``).
        """
        try:
            serial = read_one_serial(text)
        except InvalidSerial as exc:
            raise wf.TransitionError(wf.Rule.SERIAL_UNREADABLE, str(exc)) from exc
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            if case.applicant_id is None:
                raise wf.TransitionError(wf.Rule.UNKNOWN_APPLICANT, "link the applicant before the certificate")
            held = register.certificates_of_applicant(session, case.applicant_id)
            cert = next((c for c in held if c.serial == serial), None)
            if cert is None:
                raise wf.TransitionError(wf.Rule.UNKNOWN_CERTIFICATE, f"{serial} is not the applicant's")
            # Checked before anything changes: a finished or approved case refuses with its rule.
            wf.transition(self.cases.snapshot(case), wf.SerialEntered(actor.operator_id, wf.Facts()))
            previous = list(case.serials)
            case.serials, case.certificate_id = [str(serial)], cert.id
            facts = self.cases.compute_facts(session, case)
            event = wf.SerialEntered(operator_id=actor.operator_id, facts=facts)
            withdrawn = self._withdraw_callbacks(session, case, event)
            self.cases.apply(session, case, event, actor=actor.username,
                             detail={"serial": str(serial), "typed": text[:200], "previous_serials": previous,
                                     "callbacks_withdrawn": withdrawn})
            return case.tag

    def _withdraw_callbacks(self, session: Session, case: Case, event: wf.Event) -> list[int]:
        """Withdraw the waiting callbacks of *case* if *event* would re-run its rules (checked first)."""
        wf.transition(self.cases.snapshot(case), event)  # Raises with the rule id when refused.
        withdrawn = []
        for task in session.execute(select(CallbackTask).where(CallbackTask.case_id == case.id,
                                                               CallbackTask.status == "pending")).scalars():
            task.status, task.recorded_at = "withdrawn", self.cases.clock.now()
            withdrawn.append(task.id)
        session.flush()
        return withdrawn

    def set_task_done(self, actor: Actor, tag: str, task_id: int, done: bool) -> str:
        """Tick (or untick) a task of the case on its checklist, e.g. returning the residence certificate."""
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            task = session.get(HumanTask, task_id, with_for_update=True)
            if task is None or task.case_id != case.id:
                raise NotFound(f"no task {task_id} on {tag}")
            status = "done" if done else "open"
            if task.status != status:
                task.status = status
                self.cases.audit.append(session, at=self.cases.clock.now(), actor=actor.username,
                                        action="task_done" if done else "task_reopened", case_id=case.id,
                                        detail={"task_id": task.id, "task": task.kind})
                self.cases.notifier.publish("task", case.tag)
            return case.tag

    def reject(self, actor: Actor, tag: str, reason: str) -> str:
        """Reject a request with a reason (the requester is told); a supervisor's decision."""
        return self.decide(actor, tag, "rejected", _require_reason(reason))

    def close(self, actor: Actor, tag: str, reason: str) -> str:
        """Close a case without action; once a case is under way only a supervisor may close it."""
        text = _require_reason(reason)
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            if case.state not in (wf.State.NEW.value, wf.State.NEEDS_TRIAGE.value):
                actor.require_approver()
            self.cases.apply(session, case, wf.Closed(actor.operator_id), actor=actor.username,
                             detail={"note": text})
            return case.tag

    def reopen(self, actor: Actor, tag: str, reason: str) -> str:
        """Bring a case that ended without changing the register back to the queue."""
        text = _require_reason(reason)
        return self._apply(actor, tag, wf.Reopened(actor.operator_id), {"note": text})

    def merge(self, actor: Actor, tag: str, into_tag: str, reason: str = "") -> str:
        """Close *tag* as a duplicate of *into_tag*; its messages move to the surviving case."""
        text = reason.strip() or f"duplicate of {into_tag}"
        if tag == into_tag:
            raise wf.TransitionError(wf.Rule.NOT_ALLOWED, "a case cannot be merged into itself")
        with self.factory() as session, session.begin():
            case = self._locked(session, tag)
            target = self._locked(session, into_tag)
            if target.state in {s.value for s in wf.TERMINAL}:
                raise wf.TransitionError(wf.Rule.CASE_FINISHED, "merge into a case that is still open")
            self.cases.apply(session, case, wf.Merged(actor.operator_id, into_tag=target.tag),
                             actor=actor.username, detail={"note": text, "merged_into": target.tag})
            for msg in session.execute(select(InboundMessage).where(InboundMessage.case_id == case.id)).scalars():
                msg.case_id = target.id
            self.cases.audit.append(session, at=self.cases.clock.now(), actor=actor.username, action="case_merged",
                                    case_id=target.id, detail={"merged_from": case.tag, "note": text})
            return target.tag

    def manual_intake(self, actor: Actor, request: ManualRequest) -> str:
        """Open a case for a request that arrived by fax, post, phone or a forwarded mail."""
        if request.channel not in MANUAL_CHANNELS:
            raise wf.TransitionError(wf.Rule.NOT_ALLOWED, f"unknown channel {request.channel!r}")
        now = self.cases.clock.now()
        with self.factory() as session, session.begin():
            msg: InboundMessage | None = None
            if request.scan is not None:
                raw = scan_message(request.channel, request.applicant_email, request.summary, request.scan)
                msg = InboundMessage(channel=request.channel, received_at=now, mail_from=request.applicant_email,
                                     rcpt_tos=[], peer=f"manual:{actor.username}"[:64], raw=raw,
                                     sha256=hashlib.sha256(raw).hexdigest(), status="processed")
                session.add(msg)
                session.flush()
            case = self.cases.open_case(session, NewCase(
                kind=request.kind, channel=request.channel, reply_to=request.applicant_email.strip(),
                summary=request.summary, subject=f"{request.channel}: {request.summary[:60]}",
                serials=request.serials, inbound_message_id=msg.id if msg else None,
                reasons=(write_reason(ReasonKind.MANUAL_INTAKE, who=actor.username),)), actor=actor.username)
            if msg is not None:
                msg.case_id = case.id
            self.cases.notifier.publish("new_case", case.tag)
            return case.tag

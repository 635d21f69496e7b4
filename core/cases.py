"""The case service: persists workflow snapshots and carries out their effects.

Every method works inside the caller's session, so a state change, its audit event and the
jobs and outbox rows it causes commit in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import effects, logcontext, register
from core import queueversion as _queueversion  # noqa: F401 - keeps the queue version moving.
from core import workflow as wf
from core.audit import AuditLog
from core.effects import RegisterEffect
from core.jobs import enqueue
from core.models import (
    Applicant,
    Application,
    Approval,
    CallbackTask,
    Case,
    CaseCounter,
    HumanTask,
    OutboundMail,
)
from core.operators import can_approve
from core.outbox import Outbox
from core.ports import Clock, Notifier
from core.reasons import Kind as ReasonKind
from core.reasons import write as write_reason
from core.replypolicy import ReplyPlan, plan_reply
from core.tags import format_case_tag
from core.urgency import Urgency
from signing.models import CaCertificate
from signing.serials import InvalidSerial, Serial

#: Target time to finish a request; emergency revocations are worked first.
TARGET = {wf.Kind.EMERGENCY_REVOCATION: dt.timedelta(hours=4)}
DEFAULT_TARGET = dt.timedelta(hours=24)
CALLBACK_RETRY = dt.timedelta(minutes=30)
#: Channels of requests an operator types in; the applicant is written to at the address on record.
MANUAL_MAIL_CHANNELS = frozenset({"fax", "post", "phone"})


@dataclass(frozen=True)
class NewCase:
    """What intake knows when it opens a case."""

    kind: wf.Kind
    channel: str
    reply_to: str = ""
    subject: str = ""
    summary: str = ""
    language: str = "ja"
    reasons: tuple[str, ...] = ()
    serials: tuple[str, ...] = ()
    inbound_message_id: int | None = None
    faq_id: str | None = None
    faq_confident: bool = False
    applicant_id: int | None = None
    #: Hex strings that may be serials but were not written unmistakably as one: used only
    #: when one of them is exactly a serial of the applicant's certificates.
    serial_candidates: tuple[str, ...] = ()
    #: The words name a certificate the writer holds (so "revoke" is not an application's cancellation).
    names_issued_certificate: bool = False
    #: A fax whose pages could not be read: a person must look at it first.
    fax_unread: bool = False
    #: The classifier found an emergency a credible alternative to *kind* (intake.possemerg): the
    #: case is worked with an emergency's urgency until an operator decides what it is.
    possible_emergency: bool = False
    #: Sender authenticity of the opening mail (see intake.authenticity); None for other channels.
    sender_auth: dict[str, Any] | None = None


_RESIDENCE_COPY_BACK = re.compile(
    r"住民票.{0,30}(返却|返送|返して|返し|送り返|戻して)|(return|send back).{0,60}residence", re.IGNORECASE | re.DOTALL)


def asks_residence_copy_back(text: str) -> bool:
    """Whether the request asks for the 住民票 copy to be returned (e.g. 住民票の写しは返却してください)."""
    return bool(_RESIDENCE_COPY_BACK.search(text or ""))


def _serials(texts: list[str]) -> list[Serial]:
    """The case's serials as :class:`Serial` values (intake stores them canonical already)."""
    out = []
    for text in texts:
        try:
            out.append(Serial.parse(text))
        except InvalidSerial:
            continue
    return out


class NotPermitted(Exception):
    """The operator's role does not allow this action."""


def _jsonable(event: wf.Event) -> dict[str, Any]:
    """The event's fields as JSON for the audit log (sets become sorted lists)."""
    def plain(value: Any) -> Any:
        if isinstance(value, frozenset | set):
            return sorted(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {k: plain(v) for k, v in asdict(event).items()}


class CaseService:
    """Opens cases and applies events to them."""

    def __init__(self, clock: Clock, audit: AuditLog, notifier: Notifier, outbox: Outbox,
                 faq_lookup: Any = None) -> None:
        self.clock, self.audit, self.notifier, self.outbox = clock, audit, notifier, outbox
        # A callable ``faq_id -> dict`` with question/answer texts, for FAQ replies by mail.
        self.faq_lookup = faq_lookup

    # ------------------------------------------------------------------ opening

    def _next_tag(self, session: Session) -> str:
        # The single counter row is created by migration 0002; locking it serialises tag numbers.
        counter = session.execute(select(CaseCounter).where(CaseCounter.id == 1).with_for_update()).scalar_one()
        counter.value += 1
        session.flush()
        return format_case_tag(counter.value)

    def match_applicant(self, session: Session, address: str) -> Applicant | None:
        """Find the applicant on record by email address (case-insensitive)."""
        if not address:
            return None
        rows = session.execute(select(Applicant).where(Applicant.email.ilike(address.strip()))).scalars().all()
        return rows[0] if len(rows) == 1 else None

    def compute_facts(self, session: Session, case: Case) -> wf.Facts:
        """Look up the applicant's records and link the case to its application and certificate."""
        applicant = session.get(Applicant, case.applicant_id) if case.applicant_id else None
        if applicant is None:
            return wf.Facts()
        apps = session.execute(
            select(Application).where(Application.applicant_id == applicant.id).order_by(Application.id.desc())
        ).scalars().all()
        certs = register.certificates_of_applicant(session, applicant.id)
        cert: CaCertificate | None = None
        if case.serials:
            wanted = set(_serials(case.serials))
            cert = next((c for c in certs if c.serial in wanted), None)
        elif case.certificate_id:
            cert = session.get(CaCertificate, case.certificate_id)
        else:
            valid = [c for c in certs if not register.is_revoked(session, c)]
            cert = valid[0] if len(valid) == 1 else None
        open_apps = [a for a in apps if a.status == "open"]
        app = register.application_of(session, cert) if cert else (
            open_apps[0] if open_apps else (apps[0] if apps else None))
        case.application_id = app.id if app else None
        case.certificate_id = cert.id if cert else None
        now = self.clock.now()
        return wf.Facts(
            applicant_known=True,
            has_registered_phone=bool(applicant.phone.strip()),
            application_steps_complete=bool(app and app.steps_complete),
            application_open=bool(app and app.status == "open"),
            certificate_known=cert is not None,
            certificate_revoked=bool(cert and register.is_revoked(session, cert)),
            days_since_issuance=(now - cert.not_before).days if cert else None,
            has_valid_certificate=any(c.not_after > now and not register.is_revoked(session, c) for c in certs),
            residence_copy_return_requested=bool(app and app.residence_copy_held and (
                app.residence_copy_return_requested or asks_residence_copy_back(case.summary))),
        )

    def open_case(self, session: Session, new: NewCase, actor: str = "system") -> Case:
        """Create a case, run the ``Opened`` transition and carry out its effects."""
        now = self.clock.now()
        applicant = session.get(Applicant, new.applicant_id) if new.applicant_id else self.match_applicant(
            session, new.reply_to
        )
        reasons, serials = list(new.reasons), list(new.serials)
        urgency: Urgency | None = None
        target = TARGET.get(new.kind, DEFAULT_TARGET)
        if new.fax_unread:
            # Emergency forms arrive by fax: an unread fax is worked as urgently as an emergency.
            urgency, target = Urgency.FAX_UNREAD, TARGET[wf.Kind.EMERGENCY_REVOCATION]
            reasons.append(write_reason(ReasonKind.FAX_PAGES_UNREAD))
        elif new.possible_emergency:
            # A missed emergency costs a stolen key its window: the case is worked as urgently as one
            # (the classifier makes it one), and the mark tells the operator to confirm the incident
            # on the call back or to re-classify the case.
            urgency, target = Urgency.POSSIBLE_EMERGENCY, TARGET[wf.Kind.EMERGENCY_REVOCATION]
        if applicant is not None:
            serials, notes = self._check_serials(session, applicant, serials, list(new.serial_candidates))
            reasons += notes
        case = Case(
            tag=self._next_tag(session), kind=new.kind.value, channel=new.channel, state=wf.State.NEW.value,
            language=new.language, reply_to=new.reply_to, subject=new.subject[:500], summary=new.summary,
            reasons=reasons, serials=serials, faq_id=new.faq_id,
            applicant_id=applicant.id if applicant else None, inbound_message_id=new.inbound_message_id,
            sender_auth=new.sender_auth, created_at=now, updated_at=now, deadline_at=now + target,
            urgency=urgency.value if urgency else None,
        )
        session.add(case)
        session.flush()
        facts = self.compute_facts(session, case)
        case.facts = asdict(facts)
        self.audit.append(session, at=now, actor=actor, action="case_opened", case_id=case.id,
                          detail={"tag": case.tag, "kind": case.kind, "channel": case.channel,
                                  "reasons": list(new.reasons), "facts": case.facts})
        # A case a person must look at first is never answered from the FAQ by itself.
        automatic = new.faq_confident and not (new.fax_unread or new.possible_emergency)
        self.apply(session, case, wf.Opened(faq_confident=automatic,
                                            names_issued_certificate=new.names_issued_certificate),
                   actor=actor)
        return case

    @staticmethod
    def _check_serials(session: Session, applicant: Applicant, serials: list[str],
                       candidates: list[str]) -> tuple[list[str], list[str]]:
        """Check what was read against the applicant's certificates; never use a partial match silently.

        A serial read exactly is kept as written.  A candidate (a bare hex string) is used only
        when it is exactly the serial of one of the applicant's certificates.  When serials were
        read and none is the applicant's, the case says so and lists the certificates on record.
        """
        held = {str(c.serial): c for c in register.certificates_of_applicant(session, applicant.id)}
        notes: list[str] = []
        confirmed = [s for s in candidates if s in held and s not in serials]
        for serial in confirmed:
            notes.append(write_reason(ReasonKind.SERIAL_LOOSE, serial=serial))
        found = serials + confirmed
        if (serials or candidates) and not any(s in held for s in found):
            listed = ", ".join(sorted(held)) or "none"
            notes.append(write_reason(ReasonKind.SERIAL_UNCLEAR, serials=", ".join(serials + candidates),
                                      on_record=listed))
        return found, notes

    # ------------------------------------------------------------------ events

    @staticmethod
    def snapshot(case: Case) -> wf.CaseSnapshot:
        return wf.CaseSnapshot(
            kind=wf.Kind(case.kind), state=wf.State(case.state), facts=wf.Facts(**case.facts),
            callback_attempts=case.callback_attempts, callback_confirmed_by=case.callback_confirmed_by,
            approved_by=case.approved_by, documents_verified_by=case.documents_verified_by,
        )

    def apply(self, session: Session, case: Case, event: wf.Event, actor: str,
              detail: dict[str, Any] | None = None) -> wf.Decision:
        """Apply *event* (raises :class:`core.workflow.TransitionError`), persist, carry out effects."""
        logcontext.note(case_tag=case.tag, case_id=case.id)
        before = self.snapshot(case)
        decision = wf.transition(before, event)
        after = decision.snapshot
        now = self.clock.now()
        case.kind, case.state = after.kind.value, after.state.value
        case.facts = asdict(after.facts)
        case.callback_attempts = after.callback_attempts
        case.callback_confirmed_by = after.callback_confirmed_by
        case.approved_by = after.approved_by
        case.documents_verified_by = after.documents_verified_by
        case.updated_at = now
        record: dict[str, Any] = {"from": before.state.value, "to": after.state.value, "event": _jsonable(event),
                                  "effects": [type(e).__name__ for e in decision.effects]}
        if decision.rule is not None:
            record["rule"] = decision.rule.value
        self.audit.append(session, at=now, actor=actor, action=type(event).__name__, case_id=case.id,
                          detail={**record, **(detail or {})})
        if after.kind is not before.kind and not isinstance(event, wf.Reclassified):
            # The register decided what the words could not (see workflow.read_with_register).
            case.reasons = [*case.reasons, write_reason(ReasonKind.REGISTER, before=before.kind.value,
                                                        after=after.kind.value)]
        for effect in decision.effects:
            self._carry_out(session, case, effect)
        return decision

    def clear_urgency(self, session: Session, case: Case, actor: str, because: str) -> None:
        """Take the urgency mark off *case* now that an operator has decided what it is, and audit it.

        *because* names the operator's action (the audit event's name, e.g. ``Reclassified``).
        The deadline stays as it was: a case worked early is never harmed by it.
        """
        if case.urgency is None:
            return
        previous, case.urgency = case.urgency, None
        self.audit.append(session, at=self.clock.now(), actor=actor, action="urgency_cleared", case_id=case.id,
                          detail={"urgency": previous, "because": because})

    def mail_context(self, session: Session, case: Case) -> dict[str, Any]:
        applicant = session.get(Applicant, case.applicant_id) if case.applicant_id else None
        cert = session.get(CaCertificate, case.certificate_id) if case.certificate_id else None
        ctx: dict[str, Any] = {
            "tag": case.tag, "kind": case.kind,
            # Mail only goes to cases with an address, so an unknown sender is greeted by it.
            "name": applicant.name if applicant else case.reply_to,
            "serial": str(cert.serial) if cert else "-",
            "crl_number": case.crl_number if case.crl_number is not None else "-",
            "urgency": case.urgency or "",
        }
        if case.faq_id and self.faq_lookup is not None:
            ctx.update(self.faq_lookup(case.faq_id))
        return ctx

    def _carry_out(self, session: Session, case: Case, effect: wf.Effect) -> None:
        # Effects are dispatched by their type; every effect type has exactly one performer.
        performers: dict[type[Any], Callable[[Session, Case, Any], object]] = {
            wf.CreateCallbackTask: self._create_callback_task,
            wf.SendMail: lambda s, c, e: self.send(s, c, e.template),
            wf.AnswerFromFaq: lambda s, c, _e: self.send(s, c, "faq_answer"),
            wf.CreateTask: self._create_task,
            wf.RevokeCertificate: self._queue_execution,
            wf.CancelApplication: self._queue_execution,
            wf.ReissueCertificate: self._queue_execution,
            wf.NotifyOperators: lambda _s, c, e: self.notifier.publish(e.topic, c.tag),
        }
        performers[type(effect)](session, case, effect)

    def _create_callback_task(self, session: Session, case: Case, effect: wf.CreateCallbackTask) -> None:
        now = self.clock.now()
        applicant = session.get(Applicant, case.applicant_id) if case.applicant_id else None
        if applicant is None or not applicant.phone.strip():
            raise wf.TransitionError(wf.Rule.REGISTERED_PHONE, "no phone number registered on the application")
        # The number comes from the applicant record only, never from the message.
        session.add(CallbackTask(case_id=case.id, phone=applicant.phone, status="pending",
                                 due_at=now + (CALLBACK_RETRY if effect.retry else dt.timedelta(0)),
                                 created_at=now))
        self.notifier.publish("callback", case.tag)

    def _create_task(self, session: Session, case: Case, effect: wf.CreateTask) -> None:
        session.add(HumanTask(case_id=case.id, kind=effect.kind, status="open", created_at=self.clock.now()))

    def _queue_execution(self, session: Session, case: Case, effect: RegisterEffect) -> None:
        # The worker reads the register again before it carries the effect out (see Handlers).
        enqueue(session, "execute_case", {"case_id": case.id, "effect": effects.encode(effect)},
                now=self.clock.now(), dedupe_key=f"execute:{case.id}")

    def reply_address(self, session: Session, case: Case) -> str:
        """Where mail about *case* goes: the address a mail came from or, for a request an operator
        typed in from a fax, a letter or a call, the applicant's address on record ("" for none)."""
        if case.channel == "email":
            return case.reply_to
        if case.channel in MANUAL_MAIL_CHANNELS and case.applicant_id is not None:
            applicant = session.get(Applicant, case.applicant_id)
            return applicant.email.strip() if applicant is not None else ""
        return ""

    def send(self, session: Session, case: Case, template: str) -> OutboundMail | None:
        """Queue a templated mail to the requester, if there is an address to write to."""
        to_addr = self.reply_address(session, case)
        if not to_addr:
            return None
        if case.channel in MANUAL_MAIL_CHANNELS:
            # Manual intake: the address is the applicant's on record, never one taken from a message,
            # so the mail may say what the template says.
            plan = ReplyPlan(template, self.mail_context(session, case))
        else:
            # An automatic reply to a sender not established says nothing about records (core.replypolicy).
            plan = plan_reply(template, self.mail_context(session, case), sender_auth=case.sender_auth,
                              address=to_addr, applicant_known=case.applicant_id is not None,
                              callback_confirmed=case.callback_confirmed_by is not None,
                              auto_submitted=(case.sender_auth or {}).get("no_auto_reply") or ())
        if plan.rule is not None:
            self._record_reply_rule(session, case, plan, asked=template)
        if plan.withheld:
            return None
        return self.outbox.queue(session, case_id=case.id, template=plan.template, to_addr=to_addr,
                                 context=plan.context, language=case.language, now=self.clock.now())

    def _record_reply_rule(self, session: Session, case: Case, plan: ReplyPlan, *, asked: str) -> None:
        """Record on the case and in the audit log the rule that reduced or withheld the reply *asked* for."""
        assert plan.rule is not None
        if plan.withheld:
            outcome, action, detail = "no automatic reply, an operator answers", "reply_withheld", {}
        else:
            outcome, action = f"sent {plan.template} instead of {asked}", "reply_reduced"
            detail = {"sent": plan.template}
        note = write_reason(ReasonKind.REPLY_RULE, rule=plan.rule.value, why=plan.reason, outcome=outcome)
        if note not in case.reasons:
            case.reasons = [*case.reasons, note]
        self.audit.append(session, at=self.clock.now(), actor="system", action=action, case_id=case.id,
                          detail={"rule": plan.rule.value, "reason": plan.reason, "asked": asked, **detail})

    # ------------------------------------------------------------------ operator actions

    def decide(self, session: Session, case: Case, *, operator_id: int, actor: str, role: str, decision: str,
               note: str) -> wf.Decision:
        """A supervisor's approval or rejection, recorded with its note; the workflow enforces four eyes."""
        if not can_approve(role):
            raise NotPermitted("approval needs a supervisor or an admin")
        event: wf.Event = wf.Approved(operator_id) if decision == "approved" else wf.Rejected(operator_id)
        result = self.apply(session, case, event, actor=actor, detail={"note": note, "decision": decision})
        session.add(Approval(case_id=case.id, operator_id=operator_id, decision=decision, note=note,
                             created_at=self.clock.now()))
        return result

    def record_callback(self, session: Session, task: CallbackTask, operator_id: int, outcome: str,
                        notes: str, actor: str) -> wf.Decision:
        """Record a callback result on *task* and feed it to the workflow."""
        if task.status != "pending":
            raise wf.TransitionError(wf.Rule.NOT_ALLOWED, "this callback task is already recorded")
        case = session.get(Case, task.case_id, with_for_update=True)
        assert case is not None
        task.status, task.operator_id, task.notes, task.recorded_at = outcome, operator_id, notes, self.clock.now()
        session.flush()
        return self.apply(session, case, wf.CallbackRecorded(operator_id=operator_id, outcome=outcome),  # type: ignore[arg-type]
                          actor=actor, detail={"callback_task": task.id, "phone": task.phone, "notes": notes})

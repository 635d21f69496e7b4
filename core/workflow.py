"""The case workflow as a pure transition table: ``(state, event) -> (new state, effects)``.

This module is the functional core of Madoguchi. It imports no I/O library and never
reads the clock: everything it needs arrives in the :class:`CaseSnapshot` and the event.
Services carry out the returned effects (create a callback task, send mail, revoke a
certificate...) and persist the new snapshot in the same database transaction.

Business rules (from the CA's FAQ):

* An application may be cancelled only until the inquiry form is returned, the fee is
  paid and the online application is entered; once all three are complete the request is
  refused with an explanation. The CA confirms a cancellation by calling back the phone
  number on the application, and returns the residence certificate copy on request.
* Emergency revocation is confirmed by calling the registered number; when that number
  cannot be reached or is no longer in use, emergency revocation is refused and the
  ordinary written procedure is explained.
* Ordinary revocation and death notices need their documents checked first.
* Corrections of certificate contents are accepted up to 10 days after issuance (re-issue);
  later the certificate must be revoked and a new application made.
* Every confirmed request goes through a callback confirmed by operator A and an approval
  by a different operator B before anything is revoked, cancelled or re-issued.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal


class Kind(StrEnum):
    """What the applicant asked for."""

    CANCELLATION = "cancellation"
    REVOCATION = "revocation"
    EMERGENCY_REVOCATION = "emergency_revocation"
    DEATH_NOTICE = "death_notice"
    CORRECTION = "correction"
    FAQ = "faq"
    OTHER = "other"


class State(StrEnum):
    """Where a case stands."""

    NEW = "new"
    NEEDS_TRIAGE = "needs_triage"
    AWAITING_DOCUMENTS = "awaiting_documents"
    AWAITING_CALLBACK = "awaiting_callback"
    AWAITING_APPROVAL = "awaiting_approval"
    EXECUTING = "executing"
    REVOKED = "revoked"
    CANCELLED = "cancelled"
    REISSUED = "reissued"
    ANSWERED = "answered"
    REFUSED = "refused"
    REJECTED = "rejected"
    CLOSED = "closed"


TERMINAL: frozenset[State] = frozenset(
    {State.REVOKED, State.CANCELLED, State.REISSUED, State.ANSWERED, State.REFUSED, State.REJECTED, State.CLOSED}
)
REQUEST_KINDS: frozenset[Kind] = frozenset(
    {Kind.CANCELLATION, Kind.REVOCATION, Kind.EMERGENCY_REVOCATION, Kind.DEATH_NOTICE, Kind.CORRECTION}
)
REVOKING_KINDS: frozenset[Kind] = frozenset({Kind.REVOCATION, Kind.EMERGENCY_REVOCATION, Kind.DEATH_NOTICE})

#: How many unanswered callback attempts an emergency revocation allows before it is refused.
EMERGENCY_CALLBACK_ATTEMPTS = 3
#: Corrections are accepted up to this many days after issuance.
CORRECTION_WINDOW_DAYS = 10

CallbackOutcome = Literal["reached_confirmed", "not_reached", "number_not_in_use", "requester_denied"]


class TransitionError(Exception):
    """The event is not allowed in the case's current state (or a guard failed)."""


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Facts:
    """What the service knew about the applicant's records when the case was opened.

    ``applicant_known`` is False when the sender could not be matched to an applicant on
    record; such a case needs an operator before anything else can happen.
    """

    applicant_known: bool = False
    has_registered_phone: bool = False
    application_steps_complete: bool = False
    application_open: bool = False
    certificate_known: bool = False
    certificate_revoked: bool = False
    days_since_issuance: int | None = None


@dataclass(frozen=True)
class CaseSnapshot:
    """Everything the transition table needs to know about one case."""

    kind: Kind
    state: State = State.NEW
    facts: Facts = field(default_factory=Facts)
    callback_attempts: int = 0
    callback_confirmed_by: int | None = None
    approved_by: int | None = None
    documents_verified_by: int | None = None


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Opened:
    """The case was created (or its facts were refreshed after triage)."""

    faq_confident: bool = False


@dataclass(frozen=True)
class Reclassified:
    """An operator changed the kind of the case (only before anything was confirmed)."""

    operator_id: int
    kind: Kind


@dataclass(frozen=True)
class ApplicantLinked:
    """An operator matched the case to an applicant; new facts come with it."""

    operator_id: int
    facts: Facts


@dataclass(frozen=True)
class DocumentsVerified:
    """An operator checked the written documents (seal, seal certificate, family register)."""

    operator_id: int
    complete: bool


@dataclass(frozen=True)
class CallbackRecorded:
    """An operator called the registered number and recorded what happened."""

    operator_id: int
    outcome: CallbackOutcome


@dataclass(frozen=True)
class Approved:
    """A second operator approved the confirmed request."""

    operator_id: int


@dataclass(frozen=True)
class Rejected:
    """An operator rejected the request (with a note kept in the audit log)."""

    operator_id: int


@dataclass(frozen=True)
class Executed:
    """The signing module (or the application register) carried out the request."""

    crl_number: int | None = None


@dataclass(frozen=True)
class Answered:
    """A human answered a question case."""

    operator_id: int


@dataclass(frozen=True)
class Closed:
    """An operator closed the case without further action (e.g. spam, duplicate)."""

    operator_id: int


Event = (
    Opened
    | Reclassified
    | ApplicantLinked
    | DocumentsVerified
    | CallbackRecorded
    | Approved
    | Rejected
    | Executed
    | Answered
    | Closed
)


# --------------------------------------------------------------------------- effects


@dataclass(frozen=True)
class CreateCallbackTask:
    """Create (or re-schedule) a call to the phone number registered on the application."""

    retry: bool = False


@dataclass(frozen=True)
class SendMail:
    """Queue a mail to the requester; ``template`` names a text in the mail texts module."""

    template: str


@dataclass(frozen=True)
class CreateTask:
    """Create a human task, e.g. returning the residence certificate copy."""

    kind: str


@dataclass(frozen=True)
class RevokeCertificate:
    """Ask the signing module to revoke the case's certificate and publish a CRL."""

    reason: str | None


@dataclass(frozen=True)
class CancelApplication:
    """Mark the application as cancelled in the register."""


@dataclass(frozen=True)
class ReissueCertificate:
    """Revoke the wrong certificate as superseded and issue a corrected one."""


@dataclass(frozen=True)
class AnswerFromFaq:
    """Reply to the requester with the FAQ answer found when the case was opened."""


@dataclass(frozen=True)
class NotifyOperators:
    """Tell operators that something needs a human (shown live on the dashboard)."""

    topic: str


Effect = (
    CreateCallbackTask
    | SendMail
    | CreateTask
    | RevokeCertificate
    | CancelApplication
    | ReissueCertificate
    | AnswerFromFaq
    | NotifyOperators
)


@dataclass(frozen=True)
class Decision:
    """The result of one transition."""

    snapshot: CaseSnapshot
    effects: tuple[Effect, ...] = ()


# --------------------------------------------------------------------------- rules

REVOCATION_REASON: dict[Kind, str | None] = {
    # A lost or stolen key is a key compromise; a plain revocation request gives no reason
    # (the extension is omitted for "unspecified"); a deceased holder ceases operation.
    Kind.EMERGENCY_REVOCATION: "keyCompromise",
    Kind.REVOCATION: None,
    Kind.DEATH_NOTICE: "cessationOfOperation",
}


def _refuse(snap: CaseSnapshot, template: str) -> Decision:
    return Decision(replace(snap, state=State.REFUSED), (SendMail(template),))


def _to_triage(snap: CaseSnapshot, topic: str) -> Decision:
    return Decision(replace(snap, state=State.NEEDS_TRIAGE), (NotifyOperators(topic),))


def _start_callback(snap: CaseSnapshot) -> Decision:
    return Decision(
        replace(snap, state=State.AWAITING_CALLBACK, callback_attempts=0, callback_confirmed_by=None),
        (CreateCallbackTask(), SendMail("ack")),
    )


def _open(snap: CaseSnapshot, event: Opened) -> Decision:
    kind, facts = snap.kind, snap.facts
    if kind is Kind.FAQ:
        if event.faq_confident:
            return Decision(replace(snap, state=State.ANSWERED), (AnswerFromFaq(),))
        return _to_triage(snap, "faq_unanswered")
    if kind is Kind.OTHER:
        return _to_triage(snap, "triage")
    # Every request needs an applicant on record with a registered phone number,
    # because the callback only ever goes to that number.
    if not facts.applicant_known or not facts.has_registered_phone:
        return _to_triage(snap, "unknown_applicant")
    if kind is Kind.CANCELLATION:
        if facts.application_steps_complete:
            return _refuse(snap, "refused_cancellation_too_late")
        if not facts.application_open:
            return _to_triage(snap, "no_open_application")
        return _start_callback(snap)
    if not facts.certificate_known:
        return _to_triage(snap, "unknown_certificate")
    if facts.certificate_revoked:
        return _refuse(snap, "refused_already_revoked")
    if kind is Kind.EMERGENCY_REVOCATION:
        return _start_callback(snap)
    if kind is Kind.CORRECTION:
        days = facts.days_since_issuance
        if days is None or days > CORRECTION_WINDOW_DAYS:
            return _refuse(snap, "refused_correction_too_late")
        return _start_callback(snap)
    # Ordinary revocation and death notices start with the document checklist.
    return Decision(
        replace(snap, state=State.AWAITING_DOCUMENTS), (SendMail("ack_documents"), NotifyOperators("documents"))
    )


def _callback(snap: CaseSnapshot, event: CallbackRecorded) -> Decision:
    attempts = snap.callback_attempts + 1
    snap = replace(snap, callback_attempts=attempts)
    emergency = snap.kind is Kind.EMERGENCY_REVOCATION
    if event.outcome == "reached_confirmed":
        return Decision(
            replace(snap, state=State.AWAITING_APPROVAL, callback_confirmed_by=event.operator_id),
            (NotifyOperators("approval"),),
        )
    if event.outcome == "requester_denied":
        # The registered holder says they never asked: the request is not carried out.
        return Decision(replace(snap, state=State.REJECTED), (SendMail("rejected_denied"), NotifyOperators("denied")))
    if event.outcome == "number_not_in_use":
        if emergency:
            return _refuse(snap, "refused_emergency_unreachable")
        return _to_triage(snap, "number_not_in_use")
    # Not reached: try again, except that an emergency revocation gives up after a few tries.
    if emergency and attempts >= EMERGENCY_CALLBACK_ATTEMPTS:
        return _refuse(snap, "refused_emergency_unreachable")
    return Decision(snap, (CreateCallbackTask(retry=True),))


def _approve(snap: CaseSnapshot, event: Approved) -> Decision:
    if snap.callback_confirmed_by is None:
        raise TransitionError("approval requires a confirmed callback")
    if event.operator_id == snap.callback_confirmed_by:
        raise TransitionError("the operator who confirmed the callback cannot also approve (four eyes)")
    snap = replace(snap, state=State.EXECUTING, approved_by=event.operator_id)
    if snap.kind in REVOKING_KINDS:
        return Decision(snap, (RevokeCertificate(REVOCATION_REASON[snap.kind]),))
    if snap.kind is Kind.CANCELLATION:
        return Decision(snap, (CancelApplication(), CreateTask("return_residence_certificate_if_requested")))
    if snap.kind is Kind.CORRECTION:
        return Decision(snap, (ReissueCertificate(),))
    raise TransitionError(f"nothing to approve for kind {snap.kind}")


def _executed(snap: CaseSnapshot) -> Decision:
    if snap.approved_by is None or snap.callback_confirmed_by is None:
        raise TransitionError("execution without callback and approval")
    final = {Kind.CANCELLATION: State.CANCELLED, Kind.CORRECTION: State.REISSUED}.get(snap.kind, State.REVOKED)
    effects: tuple[Effect, ...] = (SendMail(f"result_{final.value}"),)
    if final is State.REISSUED:
        # The wrong certificate is revoked; staff now issue the corrected one.
        effects = (CreateTask("issue_corrected_certificate"), *effects)
    return Decision(replace(snap, state=final), effects)


OPEN_STATES = frozenset(
    {State.NEEDS_TRIAGE, State.AWAITING_DOCUMENTS, State.AWAITING_CALLBACK, State.AWAITING_APPROVAL}
)


def transition(snap: CaseSnapshot, event: Event) -> Decision:
    """Apply *event* to *snap*; raise :class:`TransitionError` when it is not allowed."""
    state = snap.state
    if state in TERMINAL:
        raise TransitionError(f"case is closed ({state})")
    match event:
        case Opened() if state is State.NEW:
            return _open(snap, event)
        case Reclassified(kind=kind) if state in (State.NEW, State.NEEDS_TRIAGE):
            return _open(replace(snap, kind=kind, state=State.NEW), Opened())
        case ApplicantLinked(facts=facts) if state is State.NEEDS_TRIAGE:
            return _open(replace(snap, facts=facts, state=State.NEW), Opened())
        case DocumentsVerified(complete=True, operator_id=op) if state is State.AWAITING_DOCUMENTS:
            return _start_callback(replace(snap, documents_verified_by=op))
        case DocumentsVerified(complete=False) if state is State.AWAITING_DOCUMENTS:
            return Decision(snap, (SendMail("documents_missing"),))
        case CallbackRecorded() if state is State.AWAITING_CALLBACK:
            return _callback(snap, event)
        case Approved() if state is State.AWAITING_APPROVAL:
            return _approve(snap, event)
        case Rejected() if state in OPEN_STATES:
            return Decision(replace(snap, state=State.REJECTED), (SendMail("rejected"),))
        case Executed() if state is State.EXECUTING:
            return _executed(snap)
        case Answered() if state is State.NEEDS_TRIAGE and snap.kind in (Kind.FAQ, Kind.OTHER):
            return Decision(replace(snap, state=State.ANSWERED))
        case Closed() if state in (State.NEW, *OPEN_STATES):
            return Decision(replace(snap, state=State.CLOSED))
    raise TransitionError(f"event {type(event).__name__} not allowed in state {state} for {snap.kind}")


def is_request(kind: Kind) -> bool:
    """True for kinds that change the register and so need callback and approval."""
    return kind in REQUEST_KINDS

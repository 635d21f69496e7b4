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
#: The human task that returns the applicant's 住民票 copy after a cancellation.
RETURN_RESIDENCE_COPY = "return_residence_certificate"
#: Corrections are accepted up to this many days after issuance.
CORRECTION_WINDOW_DAYS = 10

CallbackOutcome = Literal["reached_confirmed", "not_reached", "number_not_in_use", "requester_denied"]


class Rule(StrEnum):
    """Stable ids of the rules a request can be refused by; audit events and pages carry them.

    The first six are the CA's own rules from its FAQ; the others guard the workflow itself.
    Pages translate an id into words (never the other way round).
    """

    CANCELLATION_WINDOW = "cancellation-window"  # all three application steps done: too late
    EMERGENCY_CALLBACK = "emergency-callback"  # registered number unreachable or not in use
    CORRECTION_WINDOW = "correction-window"  # more than 10 days after issuance
    SEAL_DOCUMENTS = "seal-documents"  # the written documents are not complete
    FOUR_EYES = "four-eyes"  # the callback operator cannot also approve
    ALREADY_REVOKED = "already-revoked"  # the certificate is revoked already
    APPLICATION_CLOSED = "application-closed"  # no open application to cancel
    CALLBACK_FIRST = "callback-first"  # approval needs a confirmed callback
    REGISTERED_PHONE = "registered-phone"  # a callback needs the number on the application
    UNKNOWN_APPLICANT = "unknown-applicant"  # nobody on record matches
    APPROVER_ROLE = "approver-role"  # approvals need a supervisor or an admin
    REASON_REQUIRED = "reason-required"  # closing, reopening and merging need a reason
    CASE_FINISHED = "case-finished"  # a finished case accepts nothing but a reopen
    NOT_ALLOWED = "not-allowed"  # the event does not apply in the case's state


class TransitionError(Exception):
    """The event is not allowed in the case's current state, or a rule refuses it.

    ``rule`` is the stable id of the rule; the message is for logs and developers only.
    """

    def __init__(self, rule: Rule, detail: str = "") -> None:
        super().__init__(f"{rule.value}: {detail}" if detail else rule.value)
        self.rule = rule
        self.detail = detail


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
    has_valid_certificate: bool = False
    #: The CA holds the applicant's 住民票 copy and the applicant asked for it back (on the
    #: application or in the request): a cancellation then opens a task to return it.
    residence_copy_return_requested: bool = False


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
    """The case was created (or its facts were refreshed after triage).

    ``names_issued_certificate`` is true when the words themselves name a certificate the
    writer holds; the register then never reads a "revoke" as an application's cancellation.
    """

    faq_confident: bool = False
    names_issued_certificate: bool = False


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
    """An operator ticked the written documents that arrived (see :data:`REQUIRED_DOCUMENTS`)."""

    operator_id: int
    checked: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CallbackRecorded:
    """An operator called the registered number and recorded what happened."""

    operator_id: int
    outcome: CallbackOutcome


@dataclass(frozen=True)
class Approved:
    """A second operator approved the confirmed request.

    ``facts`` are the register's facts read at the moment of approval: the rules are checked
    again against them, because another case may have revoked the certificate (or the
    application may have moved on) since the case was opened.
    """

    operator_id: int
    facts: Facts | None = None


@dataclass(frozen=True)
class ExecutionChecked:
    """The worker read the register again just before carrying out an approved request."""

    facts: Facts


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


@dataclass(frozen=True)
class Merged:
    """An operator merged this case into another one (a duplicate); it closes here."""

    operator_id: int
    into_tag: str


@dataclass(frozen=True)
class Abandoned:
    """An operator gave up on carrying out an approved request whose execution kept failing."""

    operator_id: int


@dataclass(frozen=True)
class Reopened:
    """An operator reopened a case that ended without changing the register."""

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
    | ExecutionChecked
    | Merged
    | Reopened
    | Abandoned
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


#: The effects that change the register; only an approval by a second operator emits them.
REGISTER_EFFECTS = (RevokeCertificate, CancelApplication, ReissueCertificate)


@dataclass(frozen=True)
class Decision:
    """The result of one transition; ``rule`` names the rule that refused the request, if one did."""

    snapshot: CaseSnapshot
    effects: tuple[Effect, ...] = ()
    rule: Rule | None = None


# --------------------------------------------------------------------------- rules

REVOCATION_REASON: dict[Kind, str | None] = {
    # A lost or stolen key is a key compromise; a plain revocation request gives no reason
    # (the extension is omitted for "unspecified"); a deceased holder ceases operation.
    Kind.EMERGENCY_REVOCATION: "keyCompromise",
    Kind.REVOCATION: None,
    Kind.DEATH_NOTICE: "cessationOfOperation",
}

#: The written documents an ordinary revocation and a death notice need before the callback:
#: the request form with the seal of the application (or the registered seal with its
#: certificate), and for a death notice the proof of death and of the requester's relation.
REQUIRED_DOCUMENTS: dict[Kind, tuple[str, ...]] = {
    Kind.REVOCATION: ("doc_request_form", "doc_seal_certificate", "doc_identity"),
    Kind.DEATH_NOTICE: ("doc_request_form", "doc_death_certificate", "doc_relationship", "doc_identity"),
}

#: The mail that tells the requester why a rule refused the request.
REFUSAL_TEMPLATE: dict[Rule, str] = {
    Rule.CANCELLATION_WINDOW: "refused_cancellation_too_late",
    Rule.ALREADY_REVOKED: "refused_already_revoked",
    Rule.CORRECTION_WINDOW: "refused_correction_too_late",
    Rule.EMERGENCY_CALLBACK: "refused_emergency_unreachable",
    Rule.APPLICATION_CLOSED: "rejected",
}


def missing_documents(kind: Kind, checked: frozenset[str]) -> tuple[str, ...]:
    """The required documents of *kind* that are not among *checked*."""
    return tuple(doc for doc in REQUIRED_DOCUMENTS.get(kind, ()) if doc not in checked)


def blocking_rule(kind: Kind, facts: Facts) -> Rule | None:
    """The CA rule that forbids carrying out a request of *kind* given *facts*, if any.

    Checked when the case opens, again at approval and again just before execution, each
    time against the register as it is then.
    """
    if kind is Kind.CANCELLATION:
        if facts.application_steps_complete:
            return Rule.CANCELLATION_WINDOW
        if not facts.application_open:
            return Rule.APPLICATION_CLOSED
        return None
    if kind in REVOKING_KINDS or kind is Kind.CORRECTION:
        if facts.certificate_revoked:
            return Rule.ALREADY_REVOKED
    if kind is Kind.CORRECTION:
        days = facts.days_since_issuance
        if days is None or days > CORRECTION_WINDOW_DAYS:
            return Rule.CORRECTION_WINDOW
    return None


def _refuse(snap: CaseSnapshot, rule: Rule) -> Decision:
    return Decision(replace(snap, state=State.REFUSED), (SendMail(REFUSAL_TEMPLATE[rule]),), rule)


def _to_triage(snap: CaseSnapshot, topic: str, rule: Rule | None = None) -> Decision:
    return Decision(replace(snap, state=State.NEEDS_TRIAGE), (NotifyOperators(topic),), rule)


def _start_callback(snap: CaseSnapshot) -> Decision:
    return Decision(
        replace(snap, state=State.AWAITING_CALLBACK, callback_attempts=0, callback_confirmed_by=None),
        (CreateCallbackTask(), SendMail("ack")),
    )


def read_with_register(kind: Kind, facts: Facts) -> Kind:
    """What the applicant's records say a loosely worded request means.

    People say "revoke" for an application that was never issued: with nothing issued yet and
    an application open, a revocation request can only be the cancellation of that
    application.  The reverse is not assumed: "cancel my application" after all three steps is
    answered by the cancellation rule (too late, with the explanation), and "cancel my
    certificate" is read as a revocation by the classifier from the words themselves.
    """
    if not facts.applicant_known:
        return kind
    if kind is Kind.REVOCATION and not facts.has_valid_certificate and facts.application_open:
        return Kind.CANCELLATION
    return kind


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
    if not facts.applicant_known:
        return _to_triage(snap, "unknown_applicant", Rule.UNKNOWN_APPLICANT)
    if not facts.has_registered_phone:
        return _to_triage(snap, "unknown_applicant", Rule.REGISTERED_PHONE)
    if kind is not Kind.CANCELLATION and not facts.certificate_known:
        return _to_triage(snap, "unknown_certificate")
    rule = blocking_rule(kind, facts)
    if rule is Rule.APPLICATION_CLOSED:
        # No open application was found: an operator looks for the right one.
        return _to_triage(snap, "no_open_application", rule)
    if rule is not None:
        return _refuse(snap, rule)
    if kind in REQUIRED_DOCUMENTS:
        # Ordinary revocation and death notices start with the document checklist.
        return Decision(
            replace(snap, state=State.AWAITING_DOCUMENTS), (SendMail("ack_documents"), NotifyOperators("documents"))
        )
    return _start_callback(snap)


def _documents(snap: CaseSnapshot, event: DocumentsVerified) -> Decision:
    if missing_documents(snap.kind, event.checked):
        return Decision(snap, (SendMail("documents_missing"),), Rule.SEAL_DOCUMENTS)
    return _start_callback(replace(snap, documents_verified_by=event.operator_id))


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
            return _refuse(snap, Rule.EMERGENCY_CALLBACK)
        return _to_triage(snap, "number_not_in_use")
    # Not reached: try again, except that an emergency revocation gives up after a few tries.
    if emergency and attempts >= EMERGENCY_CALLBACK_ATTEMPTS:
        return _refuse(snap, Rule.EMERGENCY_CALLBACK)
    return Decision(snap, (CreateCallbackTask(retry=True),))


def _approve(snap: CaseSnapshot, event: Approved) -> Decision:
    if snap.callback_confirmed_by is None:
        raise TransitionError(Rule.CALLBACK_FIRST, "approval requires a confirmed callback")
    if event.operator_id == snap.callback_confirmed_by:
        raise TransitionError(Rule.FOUR_EYES, "the operator who confirmed the callback cannot also approve")
    if event.facts is not None:
        snap = replace(snap, facts=event.facts)
    rule = blocking_rule(snap.kind, snap.facts)
    if rule is not None:
        # The register changed since the case was opened: the request can no longer be done.
        return _refuse(replace(snap, approved_by=event.operator_id), rule)
    snap = replace(snap, state=State.EXECUTING, approved_by=event.operator_id)
    if snap.kind in REVOKING_KINDS:
        return Decision(snap, (RevokeCertificate(REVOCATION_REASON[snap.kind]),))
    if snap.kind is Kind.CANCELLATION:
        if snap.facts.residence_copy_return_requested:
            return Decision(snap, (CancelApplication(), CreateTask(RETURN_RESIDENCE_COPY)))
        return Decision(snap, (CancelApplication(),))
    if snap.kind is Kind.CORRECTION:
        return Decision(snap, (ReissueCertificate(),))
    raise TransitionError(Rule.NOT_ALLOWED, f"nothing to approve for kind {snap.kind}")


def _execution_checked(snap: CaseSnapshot, event: ExecutionChecked) -> Decision:
    snap = replace(snap, facts=event.facts)
    rule = blocking_rule(snap.kind, snap.facts)
    if rule is not None:
        return _refuse(snap, rule)
    return Decision(snap)


def _executed(snap: CaseSnapshot) -> Decision:
    if snap.approved_by is None or snap.callback_confirmed_by is None:
        raise TransitionError(Rule.CALLBACK_FIRST, "execution without callback and approval")
    final = {Kind.CANCELLATION: State.CANCELLED, Kind.CORRECTION: State.REISSUED}.get(snap.kind, State.REVOKED)
    # For a correction the wrong certificate was revoked as superseded and the corrected one
    # issued through the same issuance path before this event (see core.handlers.carry_out).
    effects: tuple[Effect, ...] = (SendMail(f"result_{final.value}"),)
    return Decision(replace(snap, state=final), effects)


OPEN_STATES = frozenset(
    {State.NEEDS_TRIAGE, State.AWAITING_DOCUMENTS, State.AWAITING_CALLBACK, State.AWAITING_APPROVAL}
)
#: Finished states a case can be reopened from: nothing in the register was changed by it.
REOPENABLE = frozenset({State.ANSWERED, State.REFUSED, State.REJECTED, State.CLOSED})


def transition(snap: CaseSnapshot, event: Event) -> Decision:
    """Apply *event* to *snap*; raise :class:`TransitionError` when it is not allowed."""
    state = snap.state
    if isinstance(event, Reopened):
        if state not in REOPENABLE:
            raise TransitionError(Rule.NOT_ALLOWED, f"a case in state {state} cannot be reopened")
        # Back to a person: the facts are read again when an operator works it.
        return Decision(replace(snap, state=State.NEEDS_TRIAGE, callback_confirmed_by=None, approved_by=None,
                                callback_attempts=0), (NotifyOperators("reopened"),))
    if state in TERMINAL:
        raise TransitionError(Rule.CASE_FINISHED, f"case is finished ({state})")
    match event:
        case Opened() if state is State.NEW:
            kind = snap.kind if event.names_issued_certificate else read_with_register(snap.kind, snap.facts)
            return _open(replace(snap, kind=kind), event)
        case Reclassified(kind=kind) if state in (State.NEW, State.NEEDS_TRIAGE):
            return _open(replace(snap, kind=kind, state=State.NEW), Opened())
        case ApplicantLinked(facts=facts) if state is State.NEEDS_TRIAGE:
            return _open(replace(snap, kind=read_with_register(snap.kind, facts), facts=facts, state=State.NEW),
                         Opened())
        case DocumentsVerified() if state is State.AWAITING_DOCUMENTS:
            return _documents(snap, event)
        case CallbackRecorded() if state is State.AWAITING_CALLBACK:
            return _callback(snap, event)
        case Approved() if state is State.AWAITING_APPROVAL:
            return _approve(snap, event)
        case Rejected() if state in OPEN_STATES:
            return Decision(replace(snap, state=State.REJECTED), (SendMail("rejected"),))
        case ExecutionChecked() if state is State.EXECUTING:
            return _execution_checked(snap, event)
        case Executed() if state is State.EXECUTING:
            return _executed(snap)
        case Abandoned() if state is State.EXECUTING:
            # Nothing was changed in the register; the case can be reopened and approved again.
            return Decision(replace(snap, state=State.CLOSED), (NotifyOperators("abandoned"),))
        case Answered() if state is State.NEEDS_TRIAGE and snap.kind in (Kind.FAQ, Kind.OTHER):
            return Decision(replace(snap, state=State.ANSWERED))
        case Closed() | Merged() if state in (State.NEW, *OPEN_STATES):
            return Decision(replace(snap, state=State.CLOSED))
    raise TransitionError(Rule.NOT_ALLOWED, f"{type(event).__name__} not allowed in state {state} for {snap.kind}")


def is_request(kind: Kind) -> bool:
    """True for kinds that change the register and so need callback and approval."""
    return kind in REQUEST_KINDS

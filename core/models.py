"""Domain tables: applicants, applications, cases, callbacks, operators, audit, outbox, jobs.

Certificates are not here: the one certificate register is the CA's ``ca_certificate`` table
(:mod:`signing.models`), read through :mod:`core.register`.

The workflow itself lives in :mod:`core.workflow`; these rows only persist its snapshots and
the work the effects create.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.steps import CANCELLATION_STEPS, Step
from dbkit.db import Base, UTCDateTime
from signing.models import CaCertificate


class Operator(Base):
    """A CA staff member who works cases on the dashboard or through the API."""

    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128), default="")
    role: Mapped[str] = mapped_column(String(16))  # operator | supervisor | admin
    password_hash: Mapped[str] = mapped_column(String(256))
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    # What the API token may do ("read", "work", "decide"); None: the role's scopes (dashboard.api_auth).
    api_token_scopes: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Applicant(Base):
    """A person on record: the registered phone number is the only number ever called back."""

    __tablename__ = "applicants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    name_kana: Mapped[str] = mapped_column(String(128), default="")
    email: Mapped[str] = mapped_column(String(254), index=True)
    phone: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    applications: Mapped[list[Application]] = relationship(back_populates="applicant")


class Application(Base):
    """An issuance application (発行申込); its progress is the rows of ``application_steps``.

    ``inquiry_returned``, ``fee_paid`` and ``online_applied`` are read from those rows (one fact,
    one place); setting one (old callers, sample data) adds the step's row dated on the
    application's creation day, without an audit event.  Operators and imports record steps
    through :func:`core.services.applications.record_step`, which audits them.
    """

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"))
    cert_type: Mapped[str] = mapped_column(String(16), default="general")  # general | dim
    registration_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    requested_count: Mapped[int] = mapped_column(Integer, default=1)
    residence_copy_held: Mapped[bool] = mapped_column(Boolean, default=True)  # 住民票の写し
    # The applicant asked for the 住民票 copy back should the application be cancelled (住民票返却希望).
    residence_copy_return_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | cancelled | issued
    # A renewal is a new application linked to the one whose certificate it renews.
    renewal_of_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    applicant: Mapped[Applicant] = relationship(back_populates="applications")
    steps: Mapped[list[ApplicationStep]] = relationship(
        back_populates="application", cascade="all, delete-orphan", lazy="selectin",
        order_by="ApplicationStep.id")

    def step_record(self, step: Step) -> ApplicationStep | None:
        """The record of *step*, or None while it is not done."""
        return next((row for row in self.steps if row.step == step.value), None)

    def done_steps(self) -> frozenset[Step]:
        """The steps done so far."""
        return frozenset(Step(row.step) for row in self.steps)

    def _set_step(self, step: Step, done: bool) -> None:
        row = self.step_record(step)
        if done and row is None:
            on = (self.created_at or dt.datetime.now(dt.UTC)).date()
            self.steps.append(ApplicationStep(step=step.value, done_on=on, recorded_by="legacy",
                                              recorded_at=self.created_at or dt.datetime.now(dt.UTC)))
        elif not done and row is not None:
            self.steps.remove(row)

    @property
    def inquiry_returned(self) -> bool:
        """照会書返送."""
        return self.step_record(Step.INQUIRY_RETURNED) is not None

    @inquiry_returned.setter
    def inquiry_returned(self, done: bool) -> None:
        self._set_step(Step.INQUIRY_RETURNED, done)

    @property
    def fee_paid(self) -> bool:
        """会費入金."""
        return self.step_record(Step.FEE_PAID) is not None

    @fee_paid.setter
    def fee_paid(self, done: bool) -> None:
        self._set_step(Step.FEE_PAID, done)

    @property
    def online_applied(self) -> bool:
        """オンライン申請."""
        return self.step_record(Step.ONLINE_APPLIED) is not None

    @online_applied.setter
    def online_applied(self, done: bool) -> None:
        self._set_step(Step.ONLINE_APPLIED, done)

    @property
    def steps_complete(self) -> bool:
        """All three progress steps done: from then on the application can no longer be cancelled."""
        done = self.done_steps()
        return all(step in done for step in CANCELLATION_STEPS)


class ApplicationStep(Base):
    """One step of an application done (see :mod:`core.steps`): the only record of it."""

    __tablename__ = "application_steps"
    __table_args__ = (UniqueConstraint("application_id", "step", name="uq_application_steps_application_step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    done_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    application: Mapped[Application] = relationship(back_populates="steps")


class RenewalNotice(Base):
    """That the renewal notice of one certificate of the register was queued, and when.

    The certificates themselves live in the CA's register (``ca_certificate``, see
    :mod:`core.register`); this mail bookkeeping belongs to the help desk, not to the CA, so
    it is a table of its own rather than a column on the CA's row.  The certificate id is
    the primary key, so "one notice per certificate" is a database constraint.
    """

    __tablename__ = "renewal_notices"

    certificate_id: Mapped[int] = mapped_column(ForeignKey("ca_certificate.id"), primary_key=True)
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class InboundMessage(Base):
    """A message as received, stored before the sender is told it was accepted."""

    __tablename__ = "inbound_messages"
    # The Message-ID and the case are only filled in by the worker, after the SMTP intake has
    # stored the message; the indexes hold only rows where they are set (migration 0011), so
    # storing a message writes two index entries fewer (every lookup by them names a value,
    # which implies IS NOT NULL, so both databases still use them).
    __table_args__ = (
        Index("ix_inbound_messages_message_id", "message_id",
              sqlite_where=text("message_id IS NOT NULL"), postgresql_where=text("message_id IS NOT NULL")),
        Index("ix_inbound_messages_case_id", "case_id",
              sqlite_where=text("case_id IS NOT NULL"), postgresql_where=text("case_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))  # email | telegram | webchat | fax | post
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    mail_from: Mapped[str] = mapped_column(String(320), default="")
    rcpt_tos: Mapped[list[str]] = mapped_column(JSON, default=list)
    peer: Mapped[str] = mapped_column(String(64), default="")
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    message_id: Mapped[str | None] = mapped_column(String(512), nullable=True)
    # stored -> processed | duplicate | automated | quarantined
    status: Mapped[str] = mapped_column(String(16), default="stored", index=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Indexed where set: the case page lists a case's messages by it (migrations 0010, 0011).
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True)


class Case(Base):
    """One request from one person, worked through :mod:`core.workflow`."""

    __tablename__ = "cases"
    # The work queue reads open cases by state, nearest deadline first; with the owner the index
    # also answers the navigation's counts (未割当 · 自分 · 期限超過) alone (migration 0007).
    __table_args__ = (Index("ix_cases_state_deadline", "state", "deadline_at", "owner_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tag: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(32), index=True)
    language: Mapped[str] = mapped_column(String(4), default="ja")
    reply_to: Mapped[str] = mapped_column(String(320), default="")
    subject: Mapped[str] = mapped_column(String(512), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    serials: Mapped[list[str]] = mapped_column(JSON, default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Sender authenticity of the opening mail (DKIM/SPF/DMARC, S/MIME, odd From headers); None: not a mail.
    sender_auth: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    faq_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("applicants.id"), nullable=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), nullable=True)
    # The certificate in the CA's register (``ca_certificate``), the one register of certificates.
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("ca_certificate.id"), nullable=True)
    inbound_message_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    callback_attempts: Mapped[int] = mapped_column(Integer, default=0)
    callback_confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), nullable=True)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), nullable=True)
    documents_verified_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), nullable=True)
    crl_number: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    deadline_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # The operator who took the case ("assign to me"); None: nobody has it yet (migration 0007).
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), nullable=True, index=True)
    # Why the case is worked as urgently as an emergency on evidence nobody has confirmed (a value of
    # core.urgency.Urgency); None: it is not, or an operator has decided what it is (migration 0012).
    urgency: Mapped[str | None] = mapped_column(String(24), nullable=True)

    applicant: Mapped[Applicant | None] = relationship()
    application: Mapped[Application | None] = relationship()
    certificate: Mapped[CaCertificate | None] = relationship()


class CallbackTask(Base):
    """A phone call to the number registered on the application (never one from a message)."""

    __tablename__ = "callback_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    phone: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(24), default="pending")
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Approval(Base):
    """A second operator's decision on a confirmed request."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    decision: Mapped[str] = mapped_column(String(16))  # approved | rejected
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class HumanTask(Base):
    """A task for staff that is not a phone call, e.g. returning a residence certificate copy."""

    __tablename__ = "human_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """One link of the hash-chained audit log (see :mod:`core.audit`)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboundMail(Base):
    """The durable outbox: a mail is queued in the same transaction as the state change."""

    __tablename__ = "outbound_mail"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True, index=True)
    template: Mapped[str] = mapped_column(String(64))
    to_addr: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(512))
    message_id: Mapped[str] = mapped_column(String(256), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending|sent|failed|suppressed
    # A mail that may exist once, e.g. ``ack:<case id>``: one acknowledgement per case is a database constraint.
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class MailTemplateEdit(Base):
    """An admin's edit of one outgoing mail template (Jinja2); without a row the shipped file is used."""

    __tablename__ = "mail_template_edits"

    kind: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject: Mapped[str] = mapped_column(String(512))
    body: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Job(Base):
    """A unit of background work, run at least once by a worker with an idempotent handler."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_claim", "status", "run_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|running|done|failed|discarded
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=8)
    run_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    locked_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    locked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class CaseCounter(Base):
    """A single-row counter for case tags, bumped under a row lock so tags never collide."""

    __tablename__ = "case_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class QueueVersion(Base):
    """A single-row counter bumped in the same transaction as any change to a case or a job's failure.

    The dashboard's live-update poll reads this one row (see :mod:`core.queueversion`), so its
    cost does not grow with the number of cases.
    """

    __tablename__ = "queue_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditHead(Base):
    """The single row holding the chain's last sequence number and hash.

    Appending locks this row, so concurrent writers (several ``serve`` processes on
    PostgreSQL) extend the chain one after another, and deleting the newest events is
    detected because the head no longer matches.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="0" * 64)


class ChatRequest(Base):
    """A request written in a chat by someone nobody has identified yet (see :mod:`core.chatlinks`).

    No case is opened for it.  When the writer gives an address that belongs to an applicant
    on record, a one-time link is mailed there (only the token's SHA-256 is kept); the case
    opens when that link is followed, with this text attached.
    """

    __tablename__ = "chat_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_user: Mapped[str] = mapped_column(String(128), index=True)
    intent: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("applicants.id"), nullable=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True)


class RateCounter(Base):
    """One fixed window of the shared limiter (:mod:`core.limits`): events of one key in one window.

    The key is stored as a SHA-256 digest, so client addresses are not kept in clear.
    """

    __tablename__ = "rate_counters"

    scope: Mapped[str] = mapped_column(String(32), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    window: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)  # start, epoch s
    count: Mapped[int] = mapped_column(Integer, default=0)

"""Use cases of the applicant's online application: the one-time code, the portal session, an entry.

The applicant proves to be the holder of an application with its reference and the one-time
code printed on the inquiry form (照会書); only a hash of the code is stored, and five wrong
codes in a row lock the reference for an hour.  The applicant then enters their values with a
PKCS#10 request made in the browser (or by ``openssl req``); the request must verify and carry
a key this CA certifies.  The operator's comparison and the issuance are in
:mod:`core.services.online_review`.

Refusals carry a stable rule id (:class:`OnlineRefused`), which the portal turns into text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from core.audit import AuditLog
from core.models import Applicant, Application
from core.online_models import OnlineCode, OnlineSession, OnlineSubmission
from core.services.applications import record_step
from core.steps import Step, office_date
from signing.csr import checked_request, key_fingerprint
from signing.errors import InvalidRequest

#: The values an applicant enters, compared by an operator with the application on record.
FIELDS = ("name", "name_kana", "email", "phone", "address")
MAX_VALUE = 300
#: Code alphabet without look-alikes (0/O, 1/I/L): 32 symbols, 12 of them are 60 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
MAX_CODE_FAILURES = 5
CODE_LOCK = dt.timedelta(hours=1)
SESSION_LIFETIME = dt.timedelta(minutes=30)
#: Applications that take no more entries.
CLOSED = ("cancelled", "rejected")


class Rule(StrEnum):
    """Stable ids of the online application's refusals."""

    CODE_WRONG = "online-code-wrong"
    CODE_LOCKED = "online-code-locked"
    APPLICATION_CLOSED = "online-application-closed"
    PENDING = "online-entry-pending"
    COUNT_REACHED = "online-count-reached"
    SAME_VALUES = "online-same-values"
    INVALID_REQUEST = "online-invalid-request"
    KEY_REUSED = "online-key-reused"
    MISSING_VALUE = "online-missing-value"
    NOT_PENDING = "online-not-pending"
    THREE_MISMATCHES = "online-three-mismatches"


class OnlineRefused(Exception):
    """The request breaks one of the online application's rules (see :class:`Rule`)."""

    def __init__(self, rule: Rule, detail: str = "") -> None:
        super().__init__(f"{rule.value}: {detail}" if detail else rule.value)
        self.rule = rule
        self.detail = detail


@dataclass(frozen=True)
class PortalSession:
    """The application a portal session is bound to."""

    session_id: int
    application_id: int
    reference: str


# ---------------------------------------------------------------------------------- the step register


def record_online_application(session: Session, audit: AuditLog, application: Application, *, actor: str,
                              now: dt.datetime, submission_id: int | None = None) -> None:
    """Record the step "online application entered" (オンライン申請) on *application*.

    This is the only place the online application sets the step.  It goes through the one
    register of steps (:func:`core.services.applications.record_step`, audited) in the caller's
    transaction, dated on the office's calendar; recording it again changes nothing.
    """
    if application.step_record(Step.ONLINE_APPLIED) is not None:
        return
    record_step(session, audit, application, Step.ONLINE_APPLIED, on=office_date(now), actor=actor, now=now,
                source=f"online submission {submission_id}" if submission_id is not None else "online")


def record_download(session: Session, audit: AuditLog, application: Application, *, actor: str,
                    now: dt.datetime) -> None:
    """Record the step "downloaded" (ダウンロード) the first time the applicant downloads a certificate."""
    if application.step_record(Step.DOWNLOADED) is not None or application.status == "cancelled":
        return
    record_step(session, audit, application, Step.DOWNLOADED, on=office_date(now), actor=actor, now=now,
                source="portal")


def note_download(factory: sessionmaker[Session], audit: AuditLog, application_id: int, *,
                  now: dt.datetime) -> None:
    """The applicant downloaded a certificate of their application: record the step once."""
    with factory() as session, session.begin():
        application = session.get(Application, application_id, with_for_update=True)
        if application is not None:
            record_download(session, audit, application, actor="applicant", now=now)


# ---------------------------------------------------------------------------------- one-time codes


def normalise_code(code: str) -> str:
    """The code as typed, in its canonical form (full-width, case, dashes and spaces forgiven)."""
    text = unicodedata.normalize("NFKC", code).upper()
    return "".join(ch for ch in text if ch.isalnum())


def code_hash(reference: str, code: str) -> str:
    """SHA-256 of the code bound to its reference (hex)."""
    return hashlib.sha256(f"{reference}\n{normalise_code(code)}".encode()).hexdigest()


def issue_code(factory: sessionmaker[Session], audit: AuditLog, reference: str, *, actor: str,
               now: dt.datetime) -> str:
    """Make a new one-time code for *reference* (replacing any earlier one) and return it for printing."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    code = "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))
    with factory() as session, session.begin():
        application = _application_by_reference(session, reference)
        if application.status in CLOSED:
            raise OnlineRefused(Rule.APPLICATION_CLOSED, f"application {reference} is {application.status}")
        row = session.get(OnlineCode, application.id)
        if row is None:
            row = OnlineCode(application_id=application.id)
            session.add(row)
        row.code_hash, row.issued_at, row.failures, row.locked_until = code_hash(reference, raw), now, 0, None
        # Sessions opened with the old code end with it.
        session.execute(delete(OnlineSession).where(OnlineSession.application_id == application.id))
        audit.append(session, at=now, actor=actor, action="online_code_issued", detail={"application": reference})
    return code


def open_session(factory: sessionmaker[Session], audit: AuditLog, reference: str, code: str, *,
                 now: dt.datetime, ip: str = "") -> str:
    """Check reference and code; return a new session token (its hash is stored).

    An unknown reference and a wrong code give the same refusal; a wrong code counts against
    the reference, and :data:`MAX_CODE_FAILURES` in a row lock it for :data:`CODE_LOCK`.
    """
    reference = unicodedata.normalize("NFKC", reference).strip().upper()
    with factory() as session, session.begin():
        application = session.scalar(select(Application).where(Application.reference == reference))
        row = session.get(OnlineCode, application.id, with_for_update=True) if application else None
        if application is None or row is None:
            raise OnlineRefused(Rule.CODE_WRONG)
        if row.locked_until is not None and row.locked_until > now:
            raise OnlineRefused(Rule.CODE_LOCKED, row.locked_until.isoformat())
        if not secrets.compare_digest(row.code_hash, code_hash(reference, code)):
            row.failures += 1
            locked = row.failures >= MAX_CODE_FAILURES
            if locked:
                row.failures, row.locked_until = 0, now + CODE_LOCK
            audit.append(session, at=now, actor="applicant", action="online_code_failed",
                         detail={"application": reference, "ip": ip, "locked": locked})
            failure = Rule.CODE_LOCKED if locked else Rule.CODE_WRONG
        else:
            row.failures, row.locked_until, failure = 0, None, None
            token = secrets.token_urlsafe(32)
            # Expired sessions of everybody are forgotten here, so the table does not grow.
            session.execute(delete(OnlineSession).where(OnlineSession.expires_at <= now))
            session.add(OnlineSession(token_hash=_token_hash(token), application_id=application.id,
                                      created_at=now, expires_at=now + SESSION_LIFETIME))
            audit.append(session, at=now, actor="applicant", action="online_session_opened",
                         detail={"application": reference, "ip": ip})
    # The failure is raised after the commit, so that the counted attempt is kept.
    if failure is not None:
        raise OnlineRefused(failure)
    return token


def find_session(session: Session, token: str, now: dt.datetime) -> PortalSession | None:
    """The live portal session of *token*, or None."""
    if not token:
        return None
    row = session.scalar(select(OnlineSession).where(OnlineSession.token_hash == _token_hash(token)))
    if row is None or row.expires_at <= now:
        return None
    application = session.get(Application, row.application_id)
    if application is None:
        return None
    return PortalSession(row.id, application.id, application.reference)


def end_session(factory: sessionmaker[Session], token: str) -> None:
    """Forget the session of *token* (logout)."""
    with factory() as session, session.begin():
        session.execute(delete(OnlineSession).where(OnlineSession.token_hash == _token_hash(token)))


# ---------------------------------------------------------------------------------- entries


def normalise_value(field: str, value: str) -> str:
    """The value as compared: NFKC, no spaces; e-mail lower-case, phone digits only."""
    text = "".join(unicodedata.normalize("NFKC", value or "").split())
    if field == "email":
        return text.lower()
    if field == "phone":
        return "".join(ch for ch in text if ch.isdigit())
    return text


def values_digest(values: dict[str, str]) -> str:
    """SHA-256 of the normalised values (the same values entered twice have the same digest)."""
    clean = {field: normalise_value(field, values.get(field, "")) for field in FIELDS}
    return hashlib.sha256(json.dumps(clean, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def submit(factory: sessionmaker[Session], audit: AuditLog, application_id: int, values: dict[str, str],
           request: bytes, *, now: dt.datetime, ip: str = "") -> int:
    """Store one entry of the applicant's values with their certificate request; return its id.

    Refused (:class:`OnlineRefused`) when a value is missing, the request does not verify or
    carries an unacceptable or already used key, an entry still waits for the operator, all
    requested certificates are issued or waiting, the application is closed, or the values
    are the same as an entry the operator already found not to match.  Any validity the
    applicant asks for is ignored: the CA always issues for 1 year 1 month.
    """
    entered = {field: str(values.get(field, "")).strip()[:MAX_VALUE] for field in FIELDS}
    missing = [field for field in FIELDS if not entered[field]]
    if missing:
        raise OnlineRefused(Rule.MISSING_VALUE, ", ".join(missing))
    try:
        csr = checked_request(request)
    except InvalidRequest as exc:
        raise OnlineRefused(Rule.INVALID_REQUEST, str(exc)) from None
    fingerprint = key_fingerprint(csr)
    digest = values_digest(entered)
    with factory() as session, session.begin():
        application = session.get(Application, application_id, with_for_update=True)
        if application is None or application.status in CLOSED:
            raise OnlineRefused(Rule.APPLICATION_CLOSED)
        rows = list(session.scalars(select(OnlineSubmission).where(
            OnlineSubmission.application_id == application_id).order_by(OnlineSubmission.id)))
        if any(row.status == "pending" for row in rows):
            raise OnlineRefused(Rule.PENDING)
        if sum(row.status == "issued" for row in rows) >= application.requested_count:
            raise OnlineRefused(Rule.COUNT_REACHED, str(application.requested_count))
        if any(row.status == "mismatch" and row.values_digest == digest for row in rows):
            raise OnlineRefused(Rule.SAME_VALUES)
        if session.scalar(select(func.count(OnlineSubmission.id)).where(OnlineSubmission.key_sha256 == fingerprint)):
            raise OnlineRefused(Rule.KEY_REUSED)
        row = OnlineSubmission(application_id=application_id, entered=entered, values_digest=digest,
                               csr_der=csr.public_bytes(Encoding.DER), key_sha256=fingerprint, status="pending",
                               note="", created_at=now)
        session.add(row)
        session.flush()
        audit.append(session, at=now, actor="applicant", action="online_application_entered",
                     detail={"application": application.reference, "submission": row.id, "key_sha256": fingerprint,
                             "ip": ip})
        return row.id


def record_values(session: Session, application_id: int) -> dict[str, str]:
    """The values on record for the application (what the operator compares an entry with)."""
    application = session.get(Application, application_id)
    if application is None:
        return {}
    person = session.get(Applicant, application.applicant_id)
    if person is None:
        return {}
    return {"name": person.name, "name_kana": person.name_kana, "email": person.email, "phone": person.phone,
            "address": person.address}


def _application_by_reference(session: Session, reference: str) -> Application:
    application = session.scalar(select(Application).where(Application.reference == reference))
    if application is None:
        raise LookupError(f"no application with reference {reference!r}")
    return application


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

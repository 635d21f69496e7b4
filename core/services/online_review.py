"""Use cases of the operator's review of online application entries, and what the applicant sees.

The operator compares an entry with the application on record.  On a match the certificate
is issued through :func:`core.services.certificates.issue_certificate` (the same signing path
as every other issuance: the CA, the one register) on the key of the entry's request, with the
subject and e-mail of the record, for 1 year 1 month; the step "online application entered" is
recorded.  On a mismatch the applicant is told by mail (the outbox) and may enter again;
three mismatches in a row reject the application.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from core.audit import AuditLog
from core.models import Applicant, Application
from core.online_models import OnlineSubmission
from core.outbox import Outbox
from core.services.certificates import Issuer, issue_certificate
from core.services.online import (
    CLOSED,
    FIELDS,
    OnlineRefused,
    Rule,
    normalise_value,
    record_online_application,
    record_values,
)
from signing.authority import IssuedCertificate
from signing.models import CaCertificate, CaGeneration
from signing.profiles import SubjectFields
from signing.serials import Serial

#: Mismatches in a row that reject the application.
MAX_MISMATCHES = 3


@dataclass(frozen=True)
class FieldCheck:
    """One value as entered and as on record, and whether they agree once normalised."""

    field: str
    entered: str
    recorded: str
    same: bool


@dataclass(frozen=True)
class Review:
    """A pending entry as the operator compares it."""

    submission_id: int
    reference: str
    created_at: dt.datetime
    fields: list[FieldCheck]
    key: str
    mismatches_so_far: int
    issued: int
    requested: int


@dataclass(frozen=True)
class Entry:
    """One of the applicant's entries as the portal shows it."""

    submission_id: int
    status: str
    created_at: dt.datetime
    note: str
    serial: str | None
    not_after: dt.datetime | None


@dataclass(frozen=True)
class Mismatch:
    """The outcome of a mismatch decision."""

    consecutive: int
    rejected: bool


def pending_reviews(session: Session) -> list[Review]:
    """Every entry waiting for an operator, oldest first."""
    rows = session.scalars(select(OnlineSubmission).where(OnlineSubmission.status == "pending")
                           .order_by(OnlineSubmission.id))
    reviews = []
    for row in rows:
        application = session.get(Application, row.application_id)
        if application is None or application.status in CLOSED:
            continue
        recorded = record_values(session, application.id)
        checks = [FieldCheck(field, str(row.entered.get(field, "")), recorded.get(field, ""),
                             normalise_value(field, str(row.entered.get(field, "")))
                             == normalise_value(field, recorded.get(field, ""))) for field in FIELDS]
        history = _history(session, application.id)
        key = x509.load_der_x509_csr(row.csr_der).public_key()
        reviews.append(Review(row.id, application.reference, row.created_at, checks, _describe_key(key),
                              _consecutive_mismatches(history), sum(h.status == "issued" for h in history),
                              application.requested_count))
    return reviews


def accept(factory: sessionmaker[Session], ca: Issuer, audit: AuditLog, outbox: Outbox, submission_id: int, *,
           actor: str, now: dt.datetime) -> IssuedCertificate:
    """The values match: issue the certificate on the entry's key and record the step.

    The entry is claimed first (pending → issuing) so that two operators cannot issue twice;
    when the CA refuses, the entry is pending again and the error is raised.
    """
    with factory() as session, session.begin():
        claimed = session.execute(update(OnlineSubmission).where(
            OnlineSubmission.id == submission_id, OnlineSubmission.status == "pending").values(status="issuing"))
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise OnlineRefused(Rule.NOT_PENDING)
        row = session.get(OnlineSubmission, submission_id)
        assert row is not None
        application = session.get(Application, row.application_id)
        assert application is not None
        if application.status in CLOSED:
            # The exception rolls the claim back: the entry stays as it was.
            raise OnlineRefused(Rule.APPLICATION_CLOSED, f"application {application.reference} is {application.status}")
        person = session.get(Applicant, application.applicant_id)
        assert person is not None
        reference, profile, email, name = application.reference, application.cert_type, person.email, person.name
        public_key = x509.load_der_x509_csr(row.csr_der).public_key()
    try:
        # The subject and e-mail come from the record, never from the request or the entry.
        issued = issue_certificate(factory, ca, audit, application_ref=reference, profile=profile,
                                   subject=SubjectFields(common_name=name), email=email, public_key=public_key,
                                   actor=actor, now=now)
    except Exception:
        with factory() as session, session.begin():
            session.execute(update(OnlineSubmission).where(OnlineSubmission.id == submission_id)
                            .values(status="pending"))
        raise
    serial = Serial(issued.serial)
    with factory() as session, session.begin():
        row = session.get(OnlineSubmission, submission_id)
        application = session.get(Application, row.application_id) if row else None
        assert row is not None and application is not None
        row.status, row.decided_by, row.decided_at, row.serial_hex = "issued", actor, now, serial.key
        record_online_application(session, audit, application, actor=actor, now=now, submission_id=row.id)
        audit.append(session, at=now, actor=actor, action="online_application_accepted",
                     detail={"application": reference, "submission": row.id, "serial": serial.hex})
        outbox.queue(session, case_id=None, template="online_issued", to_addr=email,
                     context={"name": name, "reference": reference, "serial": serial.hex,
                              "not_after": issued.not_after.date().isoformat()}, language="ja", now=now)
    return issued


def report_mismatch(factory: sessionmaker[Session], audit: AuditLog, outbox: Outbox, submission_id: int, *,
                    actor: str, now: dt.datetime, note: str = "") -> Mismatch:
    """The values do not match: tell the applicant by mail; the third mismatch in a row rejects."""
    with factory() as session, session.begin():
        claimed = session.execute(update(OnlineSubmission).where(
            OnlineSubmission.id == submission_id, OnlineSubmission.status == "pending").values(
            status="mismatch", decided_by=actor, decided_at=now, note=note[:500]))
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise OnlineRefused(Rule.NOT_PENDING)
        row = session.get(OnlineSubmission, submission_id)
        assert row is not None
        application = session.get(Application, row.application_id, with_for_update=True)
        assert application is not None
        person = session.get(Applicant, application.applicant_id)
        assert person is not None
        count = _consecutive_mismatches(_history(session, application.id))
        rejected = count >= MAX_MISMATCHES
        audit.append(session, at=now, actor=actor, action="online_application_mismatch",
                     detail={"application": application.reference, "submission": row.id, "consecutive": count})
        context = {"name": person.name, "reference": application.reference, "note": note or "-",
                   "remaining": max(MAX_MISMATCHES - count, 0)}
        if rejected:
            application.status = "rejected"
            audit.append(session, at=now, actor=actor, action="application_rejected",
                         detail={"application": application.reference, "rule": Rule.THREE_MISMATCHES.value})
        outbox.queue(session, case_id=None, template="online_rejected" if rejected else "online_mismatch",
                     to_addr=person.email, context=context, language="ja", now=now)
    return Mismatch(count, rejected)


def entries(session: Session, application_id: int) -> list[Entry]:
    """The applicant's entries, newest first, with the certificate issued on each."""
    rows = session.scalars(select(OnlineSubmission).where(OnlineSubmission.application_id == application_id)
                           .order_by(OnlineSubmission.id.desc()))
    out = []
    for row in rows:
        cert = _certificate(session, row.serial_hex) if row.serial_hex else None
        out.append(Entry(row.id, row.status, row.created_at, row.note, Serial.from_key(row.serial_hex).hex
                         if row.serial_hex else None, cert.not_after if cert else None))
    return out


def certificate_files(session: Session, application_id: int, serial: str) -> tuple[bytes, bytes] | None:
    """(certificate DER, issuing CA certificate DER) of an entry of this application, or None.

    Only certificates issued on this application's online entries are given out.
    """
    try:
        key = Serial.parse(serial).key
    except ValueError:
        return None
    row = session.scalar(select(OnlineSubmission).where(OnlineSubmission.application_id == application_id,
                                                        OnlineSubmission.serial_hex == key))
    cert = _certificate(session, key) if row is not None else None
    if cert is None or cert.generation_id is None:
        return None
    generation = session.get(CaGeneration, cert.generation_id)
    if generation is None:
        return None
    return cert.der, generation.cert_der


def _certificate(session: Session, key: str | None) -> CaCertificate | None:
    return session.scalar(select(CaCertificate).where(CaCertificate.serial_hex == key)) if key else None


def _history(session: Session, application_id: int) -> list[OnlineSubmission]:
    return list(session.scalars(select(OnlineSubmission).where(
        OnlineSubmission.application_id == application_id, OnlineSubmission.status != "pending")
        .order_by(OnlineSubmission.id)))


def _consecutive_mismatches(history: list[OnlineSubmission]) -> int:
    count = 0
    for row in reversed(history):
        if row.status != "mismatch":
            break
        count += 1
    return count


def _describe_key(key: object) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if isinstance(key, rsa.RSAPublicKey):
        return f"RSA {key.key_size}"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"EC {key.curve.name}"
    return type(key).__name__

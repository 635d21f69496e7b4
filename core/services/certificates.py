"""Use cases on certificates: issue one on an application, revoke one by serial.

These are the only ways Madoguchi issues or revokes: ``madoguchi ca issue`` / ``ca revoke``,
the sample data and the case workflow's execution all come through here, so each action is
checked the same way and leaves the same audit event.

The CA runs its own database transactions (it serialises CRL numbering on the generation
row), so a use case reads the register, lets the CA act, then records the audit event in a
short transaction of its own; it never holds a transaction open while the CA works (SQLite
allows one writer at a time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core import register
from core import workflow as wf
from core.audit import AuditLog
from core.models import Applicant, Application
from core.services.applications import record_step
from core.steps import Step, office_date
from signing import errors as ca_errors
from signing.authority import IssuedCertificate
from signing.profiles import Profile, SubjectFields
from signing.serials import Serial

#: Rule id of the seed rule "a revoked certificate cannot be revoked again".
ALREADY_REVOKED = wf.Rule.ALREADY_REVOKED.value

#: A request the rules refuse carries the rule's stable id (the workflow's refusal type).
Refused = wf.TransitionError


class AlreadyRevoked(wf.TransitionError):
    """The certificate is already revoked (and the request is not an upgrade to keyCompromise)."""

    def __init__(self, serial: Serial, revocation: register.Revocation | None) -> None:
        shown = (revocation.reason if revocation else None) or "unspecified"
        super().__init__(wf.Rule.ALREADY_REVOKED, f"certificate {serial} is already revoked ({shown})")
        self.serial = serial
        self.revocation = revocation


class UnknownApplication(LookupError):
    """No application with this reference is on record."""


class ApplicationCancelled(Exception):
    """The application was cancelled; nothing may be issued on it."""


class Revoker(Protocol):
    """The part of the CA a revocation needs (``CertificateAuthority`` or the ``Signer`` port)."""

    def revoke(self, serial: int, reason: str | None, invalidity_date: dt.datetime | None,
               now: dt.datetime) -> int: ...


class Issuer(Protocol):
    """The part of the CA an issuance needs (``CertificateAuthority``)."""

    def issue(self, profile: Profile | str, subject: SubjectFields, email: str,
              public_key: CertificatePublicKeyTypes, registration_number: str | None = None, *,
              now: dt.datetime, application_ref: str | None = None) -> IssuedCertificate: ...


@dataclass(frozen=True)
class Revoked:
    """The outcome of a revocation."""

    serial: Serial
    crl_number: int | None  # The CRL published for it (None only for imported certificates).
    reason: str | None
    reused: bool = False  # True when a retried job found its own earlier revocation.


def revoke_certificate(factory: sessionmaker[Session], ca: Revoker, audit: AuditLog, serial: Serial,
                       reason: str | None, *, actor: str, now: dt.datetime,
                       invalidity_date: dt.datetime | None = None, case_id: int | None = None,
                       retry: bool = False) -> Revoked:
    """Revoke *serial* through the CA (which publishes a CRL), then write the audit event.

    Raises :class:`AlreadyRevoked` (rule ``already-revoked``) when the certificate is already
    revoked and this is not an upgrade to keyCompromise.  With ``retry=True`` (a job run again
    after it revoked and died before recording it) the earlier revocation is returned instead,
    with its CRL number.  Unknown serials raise :class:`signing.errors.UnknownCertificate`.
    """
    with factory() as session:
        if register.find(session, serial) is None:
            raise ca_errors.UnknownCertificate(f"no certificate with serial {serial}")
    try:
        number: int | None = ca.revoke(serial.value, reason, invalidity_date, now)
        reused = False
    except ca_errors.AlreadyRevoked:
        with factory() as session:
            certificate = register.find(session, serial)
            existing = register.revocation_of(session, certificate) if certificate is not None else None
        if not retry or existing is None:
            raise AlreadyRevoked(serial, existing) from None
        number, reason, reused = existing.crl_number, existing.reason, True
    with factory() as session, session.begin():
        audit.append(session, at=now, actor=actor, action="certificate_revoked", case_id=case_id,
                     detail={"serial": serial.hex, "reason": reason or "unspecified", "crl_number": number,
                             "reused": reused})
    return Revoked(serial, number, reason, reused)


def issue_certificate(factory: sessionmaker[Session], ca: Issuer, audit: AuditLog, *,
                      application_ref: str | None, profile: Profile | str, subject: SubjectFields, email: str,
                      public_key: CertificatePublicKeyTypes, actor: str, now: dt.datetime,
                      registration_number: str | None = None) -> IssuedCertificate:
    """Issue a certificate on the application *application_ref* (at *now*, which may be past).

    The application must be on record and not cancelled; its registration number is used
    when none is given, and it is marked issued.  Without an application reference the
    certificate is still in the register (found by serial) but linked to nobody.
    """
    if application_ref is not None:
        with factory() as session:
            application = _application(session, application_ref)
            registration_number = registration_number or application.registration_number
    issued = ca.issue(profile, subject, email, public_key, registration_number, now=now,
                      application_ref=application_ref)
    serial = Serial(issued.serial)
    with factory() as session, session.begin():
        if application_ref is not None:
            application = _application(session, application_ref)
            application.status = "issued"
            if application.step_record(Step.ISSUED) is None:
                record_step(session, audit, application, Step.ISSUED, on=office_date(now), actor=actor, now=now,
                            source="issuance")
        audit.append(session, at=now, actor=actor, action="certificate_issued",
                     detail={"serial": serial.hex, "application": application_ref, "profile": issued.profile,
                             "not_after": issued.not_after.isoformat()})
    return issued


@dataclass(frozen=True)
class Reissued:
    """The corrected certificate that replaced a wrong one."""

    old: Serial
    new: Serial
    reused: bool = False  # True when a retried job found the certificate it issued before.


def reissue_certificate(factory: sessionmaker[Session], ca: Issuer, audit: AuditLog, old_serial: Serial, *,
                        actor: str, now: dt.datetime, case_id: int | None = None) -> Reissued:
    """Issue the corrected certificate of *old_serial* through :func:`issue_certificate`.

    The new certificate carries the same public key (the holder keeps their key pair) and the
    details as they are on record now (the operator corrected the applicant's record before
    approving), on the same application.  The caller revokes the old one as ``superseded``.  A
    retried job that already issued the replacement gets it back instead of a second one.
    """
    with factory() as session:
        old = register.find(session, old_serial)
        if old is None or not old.der:
            raise ca_errors.UnknownCertificate(f"no issued certificate with serial {old_serial}")
        application = register.application_of(session, old)
        if application is None:
            raise UnknownApplication(f"certificate {old_serial} was issued on no application on record")
        applicant = session.get(Applicant, application.applicant_id)
        assert applicant is not None
        public_key = x509.load_der_x509_certificate(old.der).public_key()
        for later in register.certificates_of_applicant(session, applicant.id):
            if (later.id > old.id and later.application_ref == old.application_ref and later.der
                    and x509.load_der_x509_certificate(later.der).public_key() == public_key):
                return Reissued(old_serial, later.serial, reused=True)
        reference, profile, email = application.reference, old.profile, applicant.email
        subject = SubjectFields(common_name=applicant.name)
        registration_number = application.registration_number
    issued = issue_certificate(factory, ca, audit, application_ref=reference, profile=profile, subject=subject,
                               email=email, public_key=public_key, actor=actor, now=now,  # type: ignore[arg-type]
                               registration_number=registration_number)
    new = Serial(issued.serial)
    with factory() as session, session.begin():
        audit.append(session, at=now, actor=actor, action="certificate_reissued", case_id=case_id,
                     detail={"old_serial": old_serial.hex, "new_serial": new.hex, "application": reference})
    return Reissued(old_serial, new)


def _application(session: Session, reference: str) -> Application:
    application = session.scalar(select(Application).where(Application.reference == reference))
    if application is None:
        raise UnknownApplication(f"no application with reference {reference!r}")
    if application.status == "cancelled":
        raise ApplicationCancelled(f"application {reference} was cancelled")
    return application

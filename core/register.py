"""The certificate register as the help desk reads it: one table, the CA's ``ca_certificate``.

The CA (:mod:`signing`) writes the register when it issues and revokes; it knows nothing of
applicants or cases.  The help desk links to it two ways:

* a certificate belongs to an application when ``ca_certificate.application_ref`` equals
  ``applications.reference`` (the reference the CA was given at issuance);
* a case points at a certificate by ``cases.certificate_id`` → ``ca_certificate.id``.

Whether a certificate is revoked is read from ``ca_revocation`` only, so the CLI, the case
workflow, CRLs, OCSP and the dashboard can never disagree.  Renewal-notice bookkeeping is
the help desk's own table (:class:`core.models.RenewalNotice`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from core.models import Applicant, Application, RenewalNotice
from signing.models import CaCertificate, CaRevocation
from signing.serials import Serial


@dataclass(frozen=True)
class Revocation:
    """How a certificate was revoked, as the CA recorded it."""

    serial: Serial
    revoked_at: dt.datetime
    reason: str | None  # None: unspecified
    crl_number: int | None  # The CRL published for this revocation (imported rows: as recorded, maybe None).


def find(session: Session, serial: Serial) -> CaCertificate | None:
    """The certificate with *serial*, or None."""
    return session.scalar(select(CaCertificate).where(CaCertificate.serial_hex == serial.key))


def certificates_of_applicant(session: Session, applicant_id: int) -> list[CaCertificate]:
    """The applicant's certificates, via their applications: newest application first."""
    rows = session.execute(
        select(CaCertificate)
        .join(Application, Application.reference == CaCertificate.application_ref)
        .where(Application.applicant_id == applicant_id)
        .order_by(Application.id.desc(), CaCertificate.id)
    ).scalars()
    return list(rows)


def application_of(session: Session, certificate: CaCertificate) -> Application | None:
    """The application the certificate was issued on, if the CA was told one."""
    if not certificate.application_ref:
        return None
    return session.scalar(select(Application).where(Application.reference == certificate.application_ref))


def applicant_of(session: Session, certificate: CaCertificate) -> Applicant | None:
    """The applicant on record for the certificate (through its application)."""
    application = application_of(session, certificate)
    return application.applicant if application is not None else None


def revocation_of(session: Session, certificate: CaCertificate) -> Revocation | None:
    """How *certificate* was revoked, or None while it is not revoked."""
    row = session.scalar(select(CaRevocation).where(CaRevocation.certificate_id == certificate.id))
    if row is None:
        return None
    return Revocation(certificate.serial, row.revoked_at, row.reason, row.crl_number)


def is_revoked(session: Session, certificate: CaCertificate) -> bool:
    """Whether the CA has revoked *certificate*."""
    return bool(session.scalar(select(exists().where(CaRevocation.certificate_id == certificate.id))))


def expiring_without_notice(session: Session, before: dt.datetime, now: dt.datetime,
                            limit: int = 100) -> Sequence[CaCertificate]:
    """Unrevoked certificates expiring after *now* and by *before* that had no renewal notice yet.

    The rows are locked (``SKIP LOCKED``) so two workers never pick the same certificate.
    """
    query = (
        select(CaCertificate)
        .where(
            CaCertificate.not_after <= before,
            CaCertificate.not_after > now,
            ~exists().where(CaRevocation.certificate_id == CaCertificate.id),
            ~exists().where(RenewalNotice.certificate_id == CaCertificate.id),
        )
        .order_by(CaCertificate.not_after, CaCertificate.id)
        .with_for_update(skip_locked=True, of=CaCertificate)
        .limit(limit)
    )
    return session.execute(query).scalars().all()


def record_notice(session: Session, certificate: CaCertificate, now: dt.datetime) -> None:
    """Remember that the renewal notice of *certificate* was queued at *now*."""
    session.add(RenewalNotice(certificate_id=certificate.id, sent_at=now))

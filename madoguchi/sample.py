"""Sample applicants, applications and certificates for the demo and the end-to-end tests.

Certificates are really issued by the CA through the issue use case (with freshly generated
subscriber keys that are thrown away), so they are in the one certificate register and
revoking them produces real CRL entries.  ``issued_at`` lets tests backdate the issuance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from core import register
from core.models import Applicant, Application
from core.services.certificates import issue_certificate


@dataclass(frozen=True)
class SamplePerson:
    name: str
    kana: str
    email: str
    phone: str
    cert_type: str
    registration_number: str | None
    steps: tuple[bool, bool, bool]  # inquiry returned, fee paid, online applied
    issue: bool


PEOPLE = (
    SamplePerson("山田 太郎", "ヤマダ タロウ", "taro.yamada@example.jp", "03-1234-5678", "general", None,
                 (True, True, True), True),
    SamplePerson("佐藤 花子", "サトウ ハナコ", "hanako.sato@example.co.jp", "090-1111-2222", "dim", "JIIMA-2024-0815",
                 (True, True, True), True),
    SamplePerson("髙橋 一郎", "タカハシ イチロウ", "ichiro.takahashi@example.ne.jp", "06-9876-5432", "general", None,
                 (True, False, False), False),
    SamplePerson("Emily Clark", "エミリー クラーク", "emily.clark@example.com", "080-3333-4444", "general", None,
                 (True, True, True), True),
)


def load_sample_data(c: Any, issued_at: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Insert the sample people (once), issue their certificates at *issued_at* (default now),
    and return what is on record for each of them."""
    from signing.profiles import SubjectFields

    now = c.clock.now()
    issued_at = issued_at or now
    for i, p in enumerate(PEOPLE, start=1):
        # The CA runs its own transactions, so issuance happens between ours, never inside one
        # (SQLite allows one writer at a time).
        with c.factory() as session, session.begin():
            if session.execute(select(Applicant).where(Applicant.email == p.email)).scalar_one_or_none():
                continue
            applicant = Applicant(name=p.name, name_kana=p.kana, email=p.email, phone=p.phone,
                                  address="東京都千代田区", created_at=now)
            session.add(applicant)
            session.flush()
            # created_at comes first: the steps below are dated on the application's creation day.
            app = Application(created_at=now - dt.timedelta(days=20 + i), reference=f"APP-{now:%Y}-{applicant.id:04d}",
                              applicant_id=applicant.id, cert_type=p.cert_type,
                              registration_number=p.registration_number,
                              inquiry_returned=p.steps[0], fee_paid=p.steps[1], online_applied=p.steps[2],
                              status="issued" if p.issue else "open")
            session.add(app)
            session.flush()
            reference = app.reference
        if not p.issue:
            continue
        key = ec.generate_private_key(ec.SECP256R1())
        profile = "document-information-manager" if p.cert_type == "dim" else "general"
        issue_certificate(c.factory, c.ca, c.audit, application_ref=reference, profile=profile,
                          subject=SubjectFields(common_name=p.name), email=p.email, public_key=key.public_key(),
                          actor="sample-data", now=issued_at, registration_number=p.registration_number)
    return describe(c)


def describe(c: Any) -> list[dict[str, Any]]:
    """What is on record for the sample people (email, phone, certificate serials)."""
    out = []
    with c.factory() as session:
        for applicant in session.execute(select(Applicant).order_by(Applicant.id)).scalars():
            serials = [str(cert.serial) for cert in register.certificates_of_applicant(session, applicant.id)]
            out.append({"name": applicant.name, "email": applicant.email, "phone": applicant.phone,
                        "serials": serials,
                        "application_steps_complete": any(a.steps_complete for a in applicant.applications)})
    return out

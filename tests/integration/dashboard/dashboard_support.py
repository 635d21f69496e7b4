"""Shared helpers for the dashboard tests: a real container, seeded records, logging in.

Everything here uses the real services (database, audit log, workflow, CA); nothing of our
own code is patched.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyotp
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI
from sqlalchemy.orm import Session

from core import register
from core import sessions as _sessions  # noqa: F401 - registers web_ tables.
from core import workflow as wf
from core.cases import NewCase
from core.container import Container
from core.models import Applicant, Application, Operator
from core.operators import create_operator, hash_password
from core.ports import Clock, FixedClock
from core.services.certificates import issue_certificate
from core.settings import Settings
from madoguchi.app import build_container
from madoguchi.asgi import build_asgi
from signing.models import CaCertificate
from signing.serials import Serial
from tests.templatedb import migrate_fresh

PASSWORD = "correct horse battery staple"
START = dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.UTC)


@dataclass
class Staff:
    """The operators every test starts with; TOTP secrets are known to the test."""

    alice: str = "alice"  # role operator, no TOTP
    bob: str = "bob"  # supervisor with TOTP
    dave: str = "dave"  # admin with TOTP
    carol: str = "carol"  # supervisor who has not enrolled TOTP yet
    bob_secret: str = pyotp.random_base32()
    dave_secret: str = pyotp.random_base32()


@dataclass
class LiveApp:
    """A running Madoguchi HTTP server (browser tests) with its container and staff."""

    url: str
    c: Container
    staff: Staff


def make_container(data_dir: Path, database_url: str, clock: Clock | None = None,
                   secure_cookies: bool = False) -> Container:
    migrate_fresh(database_url)
    settings = Settings(data_dir=data_dir, database_url=database_url, secure_cookies=secure_cookies,
                        public_base_url="http://127.0.0.1:9")
    return build_container(settings, clock=clock or FixedClock(START))


def make_app(c: Container) -> FastAPI:
    """The whole HTTP application, built as ``madoguchi serve`` builds it."""
    return build_asgi(c)


@functools.cache
def password_hash() -> str:
    """The argon2id hash of :data:`PASSWORD`, made once per process with the production parameters.

    A hash costs about 0.2 s of CPU and every test creates four or more operators with this one
    password; logging in still verifies it with real argon2 each time.
    """
    return hash_password(PASSWORD)


def add_staff(c: Container) -> Staff:
    staff = Staff()
    now = c.clock.now()
    pw = {"password": PASSWORD, "password_hash": password_hash()}
    with c.factory() as session, session.begin():
        create_operator(session, staff.alice, "operator", now, display_name="Alice", **pw)
        bob, _, _ = create_operator(session, staff.bob, "supervisor", now, display_name="Bob", **pw)
        bob.totp_secret = staff.bob_secret
        dave, _, _ = create_operator(session, staff.dave, "admin", now, display_name="Dave", **pw)
        dave.totp_secret = staff.dave_secret
        create_operator(session, staff.carol, "supervisor", now, display_name="Carol", **pw)
    return staff


def api_token(c: Container, username: str, role: str = "operator") -> str:
    with c.factory() as session, session.begin():
        _op, _pw, token = create_operator(session, username, role, c.clock.now(), password=PASSWORD,
                                          password_hash=password_hash())
    return token


def add_holder(c: Container, email: str = "taro@example.jp", name: str = "山田 太郎",
               phone: str = "03-1234-5678", key: ec.EllipticCurvePrivateKey | None = None) -> CaCertificate:
    """An applicant with one certificate really issued by the CA (through the issue use case).

    The certificate was issued 20 days ago (explicit, backdated issuance time), so it has the
    CA's real validity of 1 year 1 month from then.  The CA is created first if needed.
    """
    from signing.profiles import SubjectFields

    now = c.clock.now()
    if not c.ca.generations():
        c.ca.init("Dashboard Test CA", now - dt.timedelta(days=30))
    with c.factory() as session, session.begin():
        person = Applicant(name=name, name_kana="ヤマダ タロウ", email=email, phone=phone, created_at=now)
        session.add(person)
        session.flush()
        app = Application(created_at=now - dt.timedelta(days=30), reference=f"APP-{person.id:05d}",
                          applicant_id=person.id, inquiry_returned=True, fee_paid=True, online_applied=True,
                          status="issued")
        session.add(app)
        session.flush()
        reference = app.reference
    key = key or ec.generate_private_key(ec.SECP256R1())
    issued = issue_certificate(c.factory, c.ca, c.audit, application_ref=reference, profile="general",
                               subject=SubjectFields(common_name=name), email=email, public_key=key.public_key(),
                               actor="test", now=now - dt.timedelta(days=20))
    with c.factory() as session:
        cert = register.find(session, Serial(issued.serial))
        assert cert is not None
        session.expunge(cert)
        return cert


def open_case(c: Container, kind: wf.Kind, reply_to: str = "taro@example.jp", channel: str = "email",
              subject: str = "証明書の失効をお願いします", serials: tuple[str, ...] = ()) -> str:
    with c.factory() as session, session.begin():
        case = c.cases.open_case(session, NewCase(kind=kind, channel=channel, reply_to=reply_to, subject=subject,
                                                  summary="鍵を紛失しました。", serials=serials,
                                                  reasons=("keyword: 紛失",)))
        return case.tag


def operator_id(session: Session, username: str) -> int:
    from sqlalchemy import select

    op = session.execute(select(Operator).where(Operator.username == username)).scalar_one()
    return op.id


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def totp_now(secret: str, c: Container, offset_steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(c.clock.now() + dt.timedelta(seconds=30 * offset_steps))


def login(client: Any, username: str, code: str = "", password: str = PASSWORD, next_path: str = "") -> Any:
    """Log in through the real form (GET for the CSRF token, then POST); return the POST response."""
    page = client.get("/dashboard/login")
    token = csrf_of(page.text)
    data = {"csrf_token": token, "username": username, "password": password, "code": code}
    if next_path:
        data["next"] = next_path
    return client.post("/dashboard/login", data=data, follow_redirects=False)

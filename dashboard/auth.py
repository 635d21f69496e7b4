"""Login for the dashboard: argon2id passwords, TOTP, back-off after failures, server-side sessions.

Rules (documented for auditors):

* Passwords are verified with argon2id (:mod:`core.operators`).
* Supervisors and admins must use a TOTP second factor; they are sent to the enrolment page
  after their first password login. Operators may enrol voluntarily; once an account has a
  TOTP secret, the code is always required.
* After ``FREE_FAILURES`` failed attempts each further failure locks the account for an
  exponentially growing delay capped at ``MAX_DELAY``; there is never a permanent lock-out.
  While locked, the password is not even checked, so guessing gains nothing.
* A TOTP time step can be used only once per operator (``web_totp_use``).
* Sessions live in ``web_session``; they end after ``IDLE_TIMEOUT`` without a request or
  ``ABSOLUTE_TIMEOUT`` after login, whichever comes first. The session token is replaced
  at login so a token planted before login is worthless afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import pyotp
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.models import Operator
from core.operators import hash_password, verify_password
from core.ports import Clock
from core.sessions import WebSession, WebTotpUse

IDLE_TIMEOUT = dt.timedelta(minutes=30)
ABSOLUTE_TIMEOUT = dt.timedelta(hours=12)
#: The idle clock of a session is refreshed at most this often (fewer writes).
TOUCH_EVERY = dt.timedelta(seconds=5)
FREE_FAILURES = 3
BASE_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(minutes=15)
TOTP_ROLES = frozenset({"supervisor", "admin"})
ISSUER_NAME = "Madoguchi"

# Verifying against this hash when the user does not exist keeps the response time similar.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def token_hash(token: str) -> str:
    """The stored form of a session token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def lockout_delay(failures: int) -> dt.timedelta | None:
    """How long an account stays locked after *failures* consecutive failures (None: not locked)."""
    if failures <= FREE_FAILURES:
        return None
    # Cap the exponent so the arithmetic stays small however many failures pile up.
    exponent = min(failures - FREE_FAILURES - 1, 20)
    return min(BASE_DELAY * (2**exponent), MAX_DELAY)


def totp_required(op: Operator) -> bool:
    """True when this operator must give a TOTP code (enrolled, or a role that demands it)."""
    return bool(op.totp_secret) or op.role in TOTP_ROLES


@dataclass(frozen=True)
class LoginOutcome:
    """Result of :func:`check_login`; ``error`` is a key of :mod:`dashboard.texts`."""

    operator_id: int | None = None
    needs_enrolment: bool = False
    error: str | None = None
    retry_after: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.operator_id is not None


def _fail(op: Operator, now: dt.datetime) -> LoginOutcome:
    op.failed_logins = (op.failed_logins or 0) + 1
    delay = lockout_delay(op.failed_logins)
    op.locked_until = now + delay if delay else None
    return LoginOutcome(error="login_failed")


def use_totp_step(session: Session, operator_id: int, secret: str, code: str, now: dt.datetime) -> bool:
    """Check *code* against *secret* (one step of clock drift allowed) and burn its time step."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = pyotp.TOTP(secret)
    for offset in (0, -1, 1):
        when = now + dt.timedelta(seconds=offset * totp.interval)
        if secrets.compare_digest(totp.at(when), code):
            step = int(when.timestamp()) // totp.interval
            try:
                with session.begin_nested():
                    session.add(WebTotpUse(operator_id=operator_id, step=step, used_at=now))
            except IntegrityError:
                return False  # This code was already used: a replay.
            return True
    return False


def check_login(session: Session, username: str, password: str, code: str, now: dt.datetime) -> LoginOutcome:
    """Check a login attempt inside the caller's transaction (failure counters are written there)."""
    op = session.execute(
        select(Operator).where(Operator.username == username.strip()).with_for_update()
    ).scalar_one_or_none()
    if op is None or not op.active:
        verify_password(_DUMMY_HASH, password)
        return LoginOutcome(error="login_failed")
    if op.locked_until is not None and op.locked_until > now:
        # Same work and (on the page) the same message as any other failure: no hint that the name exists.
        verify_password(_DUMMY_HASH, password)
        return LoginOutcome(error="login_locked", retry_after=int((op.locked_until - now).total_seconds()) + 1)
    if not verify_password(op.password_hash, password):
        return _fail(op, now)
    if op.totp_secret:
        if not use_totp_step(session, op.id, op.totp_secret, code, now):
            return _fail(op, now)
    op.failed_logins, op.locked_until = 0, None
    if op.role in TOTP_ROLES and not op.totp_secret:
        return LoginOutcome(operator_id=op.id, needs_enrolment=True)
    return LoginOutcome(operator_id=op.id)


def otpauth_uri(secret: str, username: str) -> str:
    """The ``otpauth://`` URI an authenticator app imports."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER_NAME)


class SessionStore:
    """Creates, finds, refreshes and ends server-side sessions."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def create(self, session: Session, *, language: str = "ja", ip: str = "", operator_id: int | None = None,
               authenticated: bool = False) -> tuple[str, WebSession]:
        """Add a new session row; return the cookie token (shown only here) and the row."""
        now = self.clock.now()
        token = secrets.token_urlsafe(32)
        row = WebSession(token_hash=token_hash(token), operator_id=operator_id, authenticated=authenticated,
                         csrf_token=secrets.token_urlsafe(32), language=language if language in ("ja", "en") else "ja",
                         created_at=now, last_seen_at=now, ip=ip[:64])
        session.add(row)
        session.flush()
        return token, row

    def expired(self, row: WebSession, now: dt.datetime) -> bool:
        return now - row.last_seen_at > IDLE_TIMEOUT or now - row.created_at > ABSOLUTE_TIMEOUT

    def find(self, session: Session, token: str) -> WebSession | None:
        """The session row for *token*, whatever its age (no writes)."""
        return session.execute(
            select(WebSession).where(WebSession.token_hash == token_hash(token))
        ).scalar_one_or_none()

    def needs_write(self, row: WebSession, touch: bool) -> bool:
        """True when :meth:`load` would change the row (expire it or refresh its idle clock)."""
        now = self.clock.now()
        return self.expired(row, now) or (touch and now - row.last_seen_at > TOUCH_EVERY)

    def load(self, session: Session, token: str | None, touch: bool = True) -> WebSession | None:
        """Return the live session for *token*, ending it when it has timed out.

        *touch* is False for background polling, so that a screen left open does not keep an
        absent operator's session alive past the idle timeout.
        """
        if not token:
            return None
        row = self.find(session, token)
        if row is None:
            return None
        now = self.clock.now()
        if self.expired(row, now):
            session.delete(row)
            return None
        # Touch the session at most every few seconds to keep writes down.
        if touch and now - row.last_seen_at > TOUCH_EVERY:
            row.last_seen_at = now
        return row

    def end(self, session: Session, row: WebSession) -> None:
        session.delete(row)

    def purge(self, session: Session) -> int:
        """Delete sessions that can no longer be used (called at login)."""
        now = self.clock.now()
        result = session.execute(delete(WebSession).where(
            (WebSession.last_seen_at < now - IDLE_TIMEOUT) | (WebSession.created_at < now - ABSOLUTE_TIMEOUT)
        ))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

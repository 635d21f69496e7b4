"""Operators: argon2id password hashes, API tokens (stored as SHA-256), roles."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Operator

ROLES = ("operator", "supervisor", "admin")
#: Approving or rejecting a confirmed request needs a supervisor or an admin.
APPROVER_ROLES = frozenset({"supervisor", "admin"})
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_operator(session: Session, username: str, role: str, now: dt.datetime,
                    password: str | None = None, display_name: str = "",
                    password_hash: str | None = None) -> tuple[Operator, str, str]:
    """Create an operator; return it with its (new) password and API token, shown once.

    *password_hash*, when given, must be :func:`hash_password` of *password* made earlier; it is
    stored as it is, not checked (checking costs as much as hashing).  The test fixtures create
    many operators with one password and hash it once per process.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if password_hash is not None and password is None:
        raise ValueError("password_hash needs the password it was made from")
    if session.execute(select(Operator).where(Operator.username == username)).scalar_one_or_none():
        raise ValueError(f"operator {username!r} already exists")
    password = password or secrets.token_urlsafe(12)
    token = "mdg_" + secrets.token_urlsafe(32)
    op = Operator(username=username, display_name=display_name or username, role=role,
                  password_hash=password_hash or hash_password(password), api_token_hash=token_digest(token),
                  active=True, failed_logins=0, created_at=now)
    session.add(op)
    session.flush()
    return op, password, token


def operator_by_token(session: Session, token: str) -> Operator | None:
    op = session.execute(select(Operator).where(Operator.api_token_hash == token_digest(token))).scalar_one_or_none()
    return op if op is not None and op.active else None


def can_approve(role: str) -> bool:
    """Approving or rejecting a confirmed request needs a supervisor or an admin."""
    return role in APPROVER_ROLES

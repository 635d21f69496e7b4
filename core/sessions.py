"""Tables of the operator dashboard (all prefixed ``web_``).

* ``web_session`` – server-side login sessions; the cookie carries a random token and only
  its SHA-256 is stored, so a database reader cannot hijack a session.
* ``web_totp_use`` – TOTP time steps already used per operator, so a code cannot be replayed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dbkit.db import Base, UTCDateTime


class WebSession(Base):
    """One browser session, anonymous (before login) or bound to an operator."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None while the visitor has not logged in yet (the login form still needs a CSRF token).
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"), nullable=True, index=True)
    # True once the password (and TOTP, where required) were checked.
    authenticated: Mapped[bool] = mapped_column(Boolean, default=False)
    # A TOTP secret offered on the enrolment page and not yet confirmed with a code.
    pending_totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(4), default="ja")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ip: Mapped[str] = mapped_column(String(64), default="")


class WebTotpUse(Base):
    """A TOTP time step that has been used to log in; the unique key refuses a replay."""

    __tablename__ = "web_totp_use"
    __table_args__ = (UniqueConstraint("operator_id", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    step: Mapped[int] = mapped_column(BigInteger)
    used_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

"""Tables of the applicants' online application (all prefixed ``online_``).

* ``online_code`` – the one-time code printed on the inquiry form, one per application; only
  its SHA-256 is stored, with the count of consecutive wrong entries and a lock time.
* ``online_session`` – a portal session opened with reference and code; the cookie carries a
  random token and only its SHA-256 is stored.
* ``online_submission`` – one entry of the applicant's values with the PKCS#10 request, and
  the operator's decision on it (``pending``, ``issued``, ``mismatch``).  The certificate
  itself lives only in the register (``signing.models.CaCertificate``); the row keeps its
  serial to find it there.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from dbkit.db import Base, UTCDateTime


class OnlineCode(Base):
    """The hash of an application's one-time code and the wrong attempts against it."""

    __tablename__ = "online_code"

    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), primary_key=True,
                                                autoincrement=False)
    code_hash: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class OnlineSession(Base):
    """A browser session of one applicant on the portal."""

    __tablename__ = "online_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class OnlineSubmission(Base):
    """One online application entry: the values, the request, and what the operator decided."""

    __tablename__ = "online_submission"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    entered: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # SHA-256 of the normalised values: the same values entered again after a mismatch are refused.
    values_digest: Mapped[str] = mapped_column(String(64))
    csr_der: Mapped[bytes] = mapped_column(LargeBinary)
    # SHA-256 of the request's SubjectPublicKeyInfo: one key is certified once.
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending|issued|mismatch
    decided_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    note: Mapped[str] = mapped_column(String(500), default="")
    serial_hex: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

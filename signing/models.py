"""Database tables of the certification authority (all prefixed ``ca_``).

``ca_certificate`` is the one certificate register of Madoguchi: the CA writes it when it
issues, CRLs and OCSP read it, and the help desk (``core.register``) reads it too.  Whether a
certificate is revoked is recorded once, by a ``ca_revocation`` row; there is no status
column.  Serials are stored as :attr:`signing.serials.Serial.key` (40 padded hex digits).

Rows with ``imported`` set were carried over from the help desk's former ``certificates``
table by migration 0003 and have no DER: they belong to no generation (``generation_id`` is
NULL), so no CRL lists them and OCSP answers "unknown" for them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from dbkit.db import Base, UTCDateTime
from signing.serials import Serial


class CaGeneration(Base):
    """One CA key generation: its certificate, link certificates and CRL counters.

    The row doubles as the lock that serialises CRL numbering and revocations of the
    generation (``SELECT ... FOR UPDATE`` on PostgreSQL, a write transaction on SQLite).
    """

    __tablename__ = "ca_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    ca_name: Mapped[str] = mapped_column(String(200))
    key_label: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(500))
    cert_der: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str] = mapped_column(String(128))  # hex SubjectKeyIdentifier
    not_before: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Link certificates created when this generation replaced the previous one.
    new_with_old_der: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    old_with_new_der: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    crl_number: Mapped[int] = mapped_column(BigInteger, default=0)
    crl_this_update: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    crl_next_update: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Bumped on every change to this generation's revocations; drives the entry cache.
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CaCertificate(Base):
    """A subscriber certificate issued by one generation (or imported without DER, see above)."""

    __tablename__ = "ca_certificate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation_id: Mapped[int | None] = mapped_column(ForeignKey("ca_generation.id"), index=True, nullable=True)
    serial_hex: Mapped[str] = mapped_column(String(40), unique=True)
    profile: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(500))
    email: Mapped[str] = mapped_column(String(320), index=True)
    registration_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    application_ref: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    not_before: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    not_after: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)  # Empty for imported rows.
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    imported: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @property
    def serial(self) -> Serial:
        """The serial number as the one :class:`~signing.serials.Serial` type."""
        return Serial.from_key(self.serial_hex)


class CaRevocation(Base):
    """The revocation of one certificate, with its CRL entry encoded once."""

    __tablename__ = "ca_revocation"
    __table_args__ = (Index("ix_ca_revocation_generation_seq", "generation_id", "change_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("ca_certificate.id"), unique=True)
    # NULL only for imported certificates (no generation, never listed in a CRL).
    generation_id: Mapped[int | None] = mapped_column(ForeignKey("ca_generation.id"), nullable=True)
    serial_hex: Mapped[str] = mapped_column(String(40), unique=True)
    revoked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    invalidity_date: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cert_not_after: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    entry_der: Mapped[bytes] = mapped_column(LargeBinary)
    change_seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # The CRL published when this revocation was recorded or last changed (an upgrade to
    # keyCompromise); for imported revocations, the number the help desk had recorded.
    crl_number: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class CaCrl(Base):
    """A record of every CRL published (the DER itself lives in the publish directory)."""

    __tablename__ = "ca_crl"
    __table_args__ = (UniqueConstraint("generation_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation_id: Mapped[int] = mapped_column(ForeignKey("ca_generation.id"))
    number: Mapped[int] = mapped_column(BigInteger)
    this_update: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    next_update: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    entry_count: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))

"""One certificate register: merge core's ``certificates`` into the CA's ``ca_certificate``.

Before this revision the help desk kept its own ``certificates`` table (serials unpadded,
a status column, revocation fields, the renewal-notice time) beside the CA's
``ca_certificate`` / ``ca_revocation`` (serials padded to 40 hex digits, the DER, read by
CRLs and OCSP).  The two could disagree.  From here on ``ca_certificate`` is the only
register and ``ca_revocation`` the only record of revocation.

How every old row is carried over (serials compared as numbers, through ``Serial``):

* **The CA knows the serial** (the normal case: the row was issued by the CA): the CA's row
  stays as it is; an empty ``application_ref`` / ``registration_number`` is filled from the
  help desk's row (a differing non-empty value is left as the CA recorded it at issuance).
* **Only the help desk knows it** (demo or hand-entered data, no DER): a ``ca_certificate`` row
  is created with ``imported = true``, an empty DER and SHA-256, and *no generation*
  (``generation_id`` NULL).  Nothing is lost, and the CA does not pretend it signed it: no
  CRL lists it, OCSP answers "unknown", ``ca revoke`` refuses it.
* **Revoked at the help desk but not at the CA**:
  - for a certificate the CA issued, a real ``ca_revocation`` row is written (its CRL entry
    encoded, the generation's change counter bumped), so the *next* CRL of that generation
    lists it; its ``crl_number`` is recorded as that next number.  Run ``madoguchi ca crl``
    right after upgrading to publish it at once.  The holder was told the certificate was
    revoked, so the CRL must say so too;
  - for an imported certificate, a ``ca_revocation`` row without generation or CRL entry
    keeps the help desk's time, reason and CRL number; no CRL lists it (see above).
* **Revoked at the CA but "valid" at the help desk**: nothing to do — the CA's revocation is
  now what everyone reads.
* ``renewal_notice_sent_at`` becomes a row of the new ``renewal_notices`` table.
* ``cases.certificate_id`` is repointed to the ``ca_certificate`` row and its foreign key
  now references ``ca_certificate``; then ``certificates`` is dropped.

``ca_revocation`` also gains ``crl_number`` (the CRL published when the revocation was recorded
or last changed); existing revocations get their generation's current CRL number, which lists
them.

The merge is one-way: ``downgrade`` refuses (restore the backup taken before upgrading).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

from dbkit.db import UTCDateTime
from signing.errors import SigningError
from signing.revocation import encode_entry, normalize_reason
from signing.serials import InvalidSerial, Serial

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_old = sa.table(
    "certificates",
    sa.column("id", sa.Integer()), sa.column("application_id", sa.Integer()), sa.column("serial_hex", sa.String()),
    sa.column("cert_type", sa.String()), sa.column("registration_number", sa.String()),
    sa.column("email", sa.String()), sa.column("subject_name", sa.String()),
    sa.column("not_before", UTCDateTime()), sa.column("not_after", UTCDateTime()),
    sa.column("status", sa.String()), sa.column("revoked_at", UTCDateTime()),
    sa.column("revocation_reason", sa.String()), sa.column("crl_number", sa.BigInteger()),
    sa.column("renewal_notice_sent_at", UTCDateTime()),
)
_applications = sa.table("applications", sa.column("id", sa.Integer()), sa.column("reference", sa.String()))
_cert = sa.table(
    "ca_certificate",
    sa.column("id", sa.Integer()), sa.column("generation_id", sa.Integer()), sa.column("serial_hex", sa.String()),
    sa.column("profile", sa.String()), sa.column("subject", sa.String()), sa.column("email", sa.String()),
    sa.column("registration_number", sa.String()), sa.column("application_ref", sa.String()),
    sa.column("not_before", UTCDateTime()), sa.column("not_after", UTCDateTime()),
    sa.column("der", sa.LargeBinary()), sa.column("sha256", sa.String()), sa.column("created_at", UTCDateTime()),
    sa.column("imported", sa.Boolean()),
)
_revocation = sa.table(
    "ca_revocation",
    sa.column("id", sa.Integer()), sa.column("certificate_id", sa.Integer()), sa.column("generation_id", sa.Integer()),
    sa.column("serial_hex", sa.String()), sa.column("revoked_at", UTCDateTime()), sa.column("reason", sa.String()),
    sa.column("invalidity_date", UTCDateTime()), sa.column("cert_not_after", UTCDateTime()),
    sa.column("entry_der", sa.LargeBinary()), sa.column("change_seq", sa.BigInteger()),
    sa.column("updated_at", UTCDateTime()), sa.column("crl_number", sa.BigInteger()),
)
_generation = sa.table(
    "ca_generation", sa.column("id", sa.Integer()), sa.column("crl_number", sa.BigInteger()),
    sa.column("change_seq", sa.BigInteger()),
)
_notices = sa.table("renewal_notices", sa.column("certificate_id", sa.Integer()), sa.column("sent_at", UTCDateTime()))
_cases = sa.table("cases", sa.column("id", sa.Integer()), sa.column("certificate_id", sa.Integer()))


def upgrade() -> None:
    with op.batch_alter_table("ca_certificate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("imported", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.alter_column("generation_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f("ix_ca_certificate_not_after"), ["not_after"], unique=False)
    with op.batch_alter_table("ca_revocation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("crl_number", sa.BigInteger(), nullable=True))
        batch_op.alter_column("generation_id", existing_type=sa.Integer(), nullable=True)
    op.create_table(
        "renewal_notices",
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["certificate_id"], ["ca_certificate.id"],
                                name=op.f("fk_renewal_notices_certificate_id_ca_certificate")),
        sa.PrimaryKeyConstraint("certificate_id", name=op.f("pk_renewal_notices")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint("fk_cases_certificate_id_certificates", type_="foreignkey")

    conn = op.get_bind()
    _number_existing_revocations(conn)
    moved = _merge(conn, dt.datetime.now(dt.UTC).replace(microsecond=0))
    for case_id, old_id in conn.execute(
        sa.select(_cases.c.id, _cases.c.certificate_id).where(_cases.c.certificate_id.is_not(None))
    ).all():
        conn.execute(_cases.update().where(_cases.c.id == case_id).values(certificate_id=moved[old_id]))

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f("fk_cases_certificate_id_ca_certificate"), "ca_certificate",
                                    ["certificate_id"], ["id"])
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificates_not_after"))
    op.drop_table("certificates")


def _number_existing_revocations(conn: Any) -> None:
    """Existing CA revocations are listed by their generation's latest CRL: record that number."""
    latest = sa.select(_generation.c.crl_number).where(_generation.c.id == _revocation.c.generation_id)
    conn.execute(_revocation.update().values(crl_number=latest.scalar_subquery()))


def _merge(conn: Any, now: dt.datetime) -> dict[int, int]:
    """Carry every old row into the register; return old certificate id -> ca_certificate id."""
    moved: dict[int, int] = {}
    rows = conn.execute(
        sa.select(_old, _applications.c.reference.label("reference"))
        .join(_applications, _applications.c.id == _old.c.application_id)
        .order_by(_old.c.id)
    ).mappings().all()
    for row in rows:
        try:
            serial = Serial.parse(row["serial_hex"])
        except InvalidSerial as exc:
            raise RuntimeError(f"certificates row {row['id']}: {exc}; fix it, then upgrade again") from exc
        target = conn.execute(sa.select(_cert).where(_cert.c.serial_hex == serial.key)).mappings().first()
        if target is None:
            target_id = _import(conn, row, serial)
            generation_id = None
        else:
            target_id, generation_id = target["id"], target["generation_id"]
            fill = {}
            if not target["application_ref"]:
                fill["application_ref"] = row["reference"]
            if not target["registration_number"] and row["registration_number"]:
                fill["registration_number"] = row["registration_number"]
            if fill:
                conn.execute(_cert.update().where(_cert.c.id == target_id).values(**fill))
        moved[row["id"]] = target_id
        if row["status"] == "revoked":
            _carry_revocation(conn, row, serial, target_id, generation_id, now)
        if row["renewal_notice_sent_at"] is not None and conn.execute(
            sa.select(_notices.c.certificate_id).where(_notices.c.certificate_id == target_id)
        ).first() is None:
            conn.execute(_notices.insert().values(certificate_id=target_id, sent_at=row["renewal_notice_sent_at"]))
    return moved


def _import(conn: Any, row: Any, serial: Serial) -> int:
    """A certificate only the help desk knew: kept, without DER and without a generation."""
    conn.execute(_cert.insert().values(
        generation_id=None, serial_hex=serial.key,
        profile="document-information-manager" if row["cert_type"] == "dim" else "general",
        subject=row["subject_name"], email=row["email"], registration_number=row["registration_number"],
        application_ref=row["reference"], not_before=row["not_before"], not_after=row["not_after"],
        der=b"", sha256="", created_at=row["not_before"], imported=True,
    ))
    return int(conn.execute(sa.select(_cert.c.id).where(_cert.c.serial_hex == serial.key)).scalar_one())


def _reason(text: str | None) -> str | None:
    """The help desk's reason in the CA's words; one the CA does not use becomes unspecified."""
    try:
        return normalize_reason(text)
    except SigningError:
        return None


def _carry_revocation(conn: Any, row: Any, serial: Serial, certificate_id: int, generation_id: int | None,
                      now: dt.datetime) -> None:
    if conn.execute(sa.select(_revocation.c.id).where(_revocation.c.certificate_id == certificate_id)).first():
        return  # The CA already records it: that record wins.
    revoked_at = (row["revoked_at"] or now).replace(microsecond=0)
    reason = _reason(row["revocation_reason"])
    values: dict[str, Any] = dict(
        certificate_id=certificate_id, generation_id=generation_id, serial_hex=serial.key, revoked_at=revoked_at,
        reason=reason, invalidity_date=None, cert_not_after=row["not_after"], updated_at=now,
    )
    if generation_id is None:
        values.update(entry_der=b"", change_seq=0, crl_number=row["crl_number"])
    else:
        generation = conn.execute(sa.select(_generation).where(_generation.c.id == generation_id)).mappings().one()
        seq = generation["change_seq"] + 1
        conn.execute(_generation.update().where(_generation.c.id == generation_id).values(change_seq=seq))
        values.update(entry_der=encode_entry(serial.value, revoked_at, reason, None), change_seq=seq,
                      crl_number=generation["crl_number"] + 1)
    conn.execute(_revocation.insert().values(**values))


def downgrade() -> None:
    raise NotImplementedError("0003 merges two registers into one and cannot be undone; restore a backup")

"""Alembic migrations create exactly the schema the models describe, on both databases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlalchemy import create_engine, select, text

from core import register
from core.migrate import alembic_config, upgrade
from core.models import Case, RenewalNotice
from dbkit.db import UTCDateTime, make_engine, make_sessionmaker
from signing.models import CaCertificate, CaGeneration, CaRevocation
from signing.revocation import encode_entry
from signing.serials import Serial


def test_migrations_match_models_and_seed_singletons(database_url: str) -> None:
    upgrade(database_url)
    # `alembic check` fails when autogenerate would find any difference from the models.
    command.check(alembic_config(database_url))
    engine = create_engine(database_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM case_counter WHERE id = 1")).scalar_one() == 0
        assert conn.execute(text("SELECT seq FROM audit_head WHERE id = 1")).scalar_one() == 0
    engine.dispose()
    # Upgrading again is a no-op.
    upgrade(database_url)


T = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
YEAR = dt.timedelta(days=395)


def _type(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return UTCDateTime()
    return sa.JSON() if isinstance(value, (list, dict)) else None


def _insert(conn: Any, table: str, /, **values: Any) -> None:
    """Insert one row into the 0002 schema (datetimes and JSON stored as the models store them)."""
    columns = [sa.column(k, _type(v)) for k, v in values.items()]
    conn.execute(sa.table(table, *columns).insert().values(**values))


def _old_register(url: str) -> None:
    """Rows as they were before 0003: two registers that do not agree."""
    engine = create_engine(url)
    with engine.begin() as conn:
        _insert(conn, "ca_generation", id=1, number=1, ca_name="Old CA", key_label="k1", subject="CN=Old CA",
                cert_der=b"ca", key_id="00", not_before=T - YEAR, not_after=T + 10 * YEAR, crl_number=3,
                change_seq=5, created_at=T - YEAR)

        def ca_cert(id_: int, serial: int, ref: str | None = None) -> None:
            _insert(conn, "ca_certificate", id=id_, generation_id=1, serial_hex=format(serial, "040x"),
                    profile="general", subject="CN=X", email="x@example.jp", registration_number=None,
                    application_ref=ref, not_before=T, not_after=T + YEAR, der=b"der", sha256="s" * 64,
                    created_at=T)

        ca_cert(1, 0xABC1)  # Core says revoked, the CA does not know: must reach the CRL.
        ca_cert(2, 0xC0FFEE, "APP-9")  # The CA revoked it, core still says valid.
        _insert(conn, "ca_revocation", id=1, certificate_id=2, generation_id=1, serial_hex=format(0xC0FFEE, "040x"),
                revoked_at=T, reason=None, cert_not_after=T + YEAR, entry_der=b"e", change_seq=5, updated_at=T)
        _insert(conn, "applicants", id=1, name="山田 太郎", name_kana="", email="taro@example.jp", phone="03",
                address="", created_at=T)
        _insert(conn, "applications", id=1, reference="APP-1", applicant_id=1, cert_type="general",
                registration_number="R-1", requested_count=1, inquiry_returned=True, fee_paid=True,
                online_applied=True, residence_copy_held=True, status="issued", created_at=T)

        def old(id_: int, serial_hex: str, status: str = "valid", **extra: Any) -> None:
            _insert(conn, "certificates", id=id_, application_id=1, serial_hex=serial_hex, cert_type="dim",
                    registration_number="R-1", email="taro@example.jp", subject_name="山田 太郎", not_before=T,
                    not_after=T + YEAR, status=status, **extra)

        old(10, "abc1", "revoked", revoked_at=T + dt.timedelta(days=3), revocation_reason="keyCompromise",
            crl_number=9, renewal_notice_sent_at=T + dt.timedelta(days=1))
        old(11, "d00d")  # Only core knows it (demo data, no DER).
        old(12, "beef", "revoked", revoked_at=T + dt.timedelta(days=4), revocation_reason="superseded", crl_number=7)
        old(13, "c0ffee")
        for case_id, certificate_id in ((1, 11), (2, 10), (3, None)):
            _insert(conn, "cases", id=case_id, tag=f"C-{case_id}", kind="revocation", channel="email", state="new",
                    language="ja", reply_to="", subject="", summary="", reasons=[], serials=[], facts={},
                    certificate_id=certificate_id, callback_attempts=0, created_at=T, updated_at=T, deadline_at=T)
        if conn.dialect.name == "postgresql":  # The rows above were given ids: move the sequences past them.
            for table in ("ca_generation", "ca_certificate", "ca_revocation", "applicants", "applications",
                          "certificates", "cases"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
    engine.dispose()


def test_0003_merges_the_old_certificates_table_into_the_register(database_url: str) -> None:
    upgrade(database_url, "0002")
    _old_register(database_url)
    upgrade(database_url)
    command.check(alembic_config(database_url))
    engine = make_engine(database_url)
    assert "certificates" not in sa.inspect(engine).get_table_names()
    with make_sessionmaker(engine)() as session:
        def cert(value: int) -> CaCertificate:
            row = register.find(session, Serial(value))
            assert row is not None
            return row

        known, ca_revoked, demo, demo_revoked = cert(0xABC1), cert(0xC0FFEE), cert(0xD00D), cert(0xBEEF)
        # Rows the CA knew keep their DER and generation; the link to the application is filled in.
        assert (known.der, known.generation_id, known.imported, known.application_ref) == (b"der", 1, False, "APP-1")
        assert known.registration_number == "R-1" and ca_revoked.application_ref == "APP-9"
        # Core-only rows are kept, imported, without DER and without a generation.
        assert (demo.der, demo.generation_id, demo.imported) == (b"", None, True)
        assert (demo.application_ref, demo.subject) == ("APP-1", "山田 太郎")
        assert demo.profile == "document-information-manager"
        assert not register.is_revoked(session, demo)
        # Core's revocation of a CA certificate becomes a real CRL entry for the next CRL (number 4).
        revocation = session.scalars(select(CaRevocation).where(CaRevocation.certificate_id == known.id)).one()
        assert revocation.generation_id == 1 and revocation.reason == "keyCompromise" and revocation.crl_number == 4
        assert revocation.revoked_at == T + dt.timedelta(days=3)
        assert revocation.entry_der == encode_entry(0xABC1, T + dt.timedelta(days=3), "keyCompromise", None)
        generation = session.get(CaGeneration, 1)
        assert generation is not None and generation.change_seq == revocation.change_seq == 6
        # An imported revocation keeps core's facts and is in no CRL.
        info = register.revocation_of(session, demo_revoked)
        assert info is not None and (info.reason, info.crl_number) == ("superseded", 7)
        assert session.scalars(select(CaRevocation).where(CaRevocation.certificate_id == demo_revoked.id)).one(
            ).generation_id is None
        # The CA's own revocation wins over core's "valid", and gets its CRL number recorded.
        existing = register.revocation_of(session, ca_revoked)
        assert existing is not None and existing.crl_number == 3
        # Renewal notices and cases follow the certificates.
        assert session.get(RenewalNotice, known.id) is not None and session.get(RenewalNotice, demo.id) is None
        assert {case.tag: case.certificate_id for case in session.scalars(select(Case))} == {
            "C-1": demo.id, "C-2": known.id, "C-3": None}
    engine.dispose()


def _subjects_and_urgency(url: str) -> dict[str, tuple[str, str | None]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("cases")}
        urgency = "urgency" if "urgency" in columns else "NULL"
        rows = conn.execute(text(f"SELECT tag, subject, {urgency} FROM cases")).all()
    engine.dispose()
    return {tag: (subject, mark) for tag, subject, mark in rows}


def test_0012_moves_the_urgency_mark_out_of_the_subject_and_back(database_url: str) -> None:
    upgrade(database_url, "0011")
    four, day = T + dt.timedelta(hours=4), T + dt.timedelta(hours=24)
    engine = create_engine(database_url)
    with engine.begin() as conn:
        for id_, subject, kind, deadline in (
            (1, "【FAX受信・内容未確認】 FAX受信 2ページ", "other", four),
            (2, "【緊急の可能性】 ノートパソコンのこと", "faq", four),
            # A possible emergency an operator later reclassified as one keeps its mark until 0012 too.
            (3, "【緊急の可能性】 鞄ごと", "emergency_revocation", four),
            # The customer wrote the mark: an ordinary case with an ordinary deadline.
            (4, "【緊急の可能性】 至急ご確認ください", "revocation", day),
            (5, "料金について", "faq", day),
            # Marked, and the customer's own subject starts with the mark as well: one prefix comes off.
            (6, "【緊急の可能性】 【緊急の可能性】 紛失", "revocation", four),
        ):
            _insert(conn, "cases", id=id_, tag=f"C-{id_}", kind=kind, channel="email", state="needs_triage",
                    language="ja", reply_to="", subject=subject, summary="", reasons=[], serials=[], facts={},
                    callback_attempts=0, created_at=T, updated_at=T, deadline_at=deadline)
    engine.dispose()
    before = _subjects_and_urgency(database_url)

    upgrade(database_url)
    command.check(alembic_config(database_url))
    assert _subjects_and_urgency(database_url) == {
        "C-1": ("FAX受信 2ページ", "fax_unread"),
        "C-2": ("ノートパソコンのこと", "possible_emergency"),
        "C-3": ("鞄ごと", "possible_emergency"),
        "C-4": ("【緊急の可能性】 至急ご確認ください", None),
        "C-5": ("料金について", None),
        "C-6": ("【緊急の可能性】 紛失", "possible_emergency"),
    }

    # Downgrading writes the prefixes back exactly as they were; upgrading again reads them again.
    command.downgrade(alembic_config(database_url), "0011")
    assert _subjects_and_urgency(database_url) == before
    upgrade(database_url)
    assert _subjects_and_urgency(database_url)["C-6"] == ("【緊急の可能性】 紛失", "possible_emergency")

"""Revocation reasons, the re-revocation rule and CRL entry encoding."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from signing.crl import build_crl
from signing.errors import AlreadyRevoked, InvalidRequest
from signing.keys import KeyBackend
from signing.revocation import (
    check_invalidity_date,
    check_rerevocation,
    encode_entries,
    encode_entry,
    normalize_reason,
)


def test_reasons() -> None:
    assert normalize_reason(None) is None
    assert normalize_reason("unspecified") is None
    assert normalize_reason("key_compromise") == "keyCompromise"
    for allowed in ("keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"):
        assert normalize_reason(allowed) == allowed
    for refused in (
        "certificateHold",
        "removeFromCRL",
        "privilegeWithdrawn",
        "cACompromise",
        "aACompromise",
        "x",
    ):
        with pytest.raises(InvalidRequest):
            normalize_reason(refused)


@pytest.mark.parametrize("existing", [None, "affiliationChanged", "superseded", "cessationOfOperation"])
def test_rerevocation(existing: str | None) -> None:
    check_rerevocation(existing, "keyCompromise")
    for other in (None, "affiliationChanged", "superseded", "cessationOfOperation"):
        with pytest.raises(AlreadyRevoked):
            check_rerevocation(existing, other)
    with pytest.raises(AlreadyRevoked):
        check_rerevocation("keyCompromise", "keyCompromise")


def test_invalidity_date(t0: dt.datetime) -> None:
    check_invalidity_date(None, t0)
    check_invalidity_date(t0, t0)
    with pytest.raises(InvalidRequest):
        check_invalidity_date(t0 + dt.timedelta(seconds=1), t0)
    with pytest.raises(InvalidRequest):
        check_invalidity_date(dt.datetime(2026, 1, 1), t0)


def test_bulk_encoding_equals_single_encoding(t0: dt.datetime) -> None:
    rng = random.Random(1)
    jst = dt.timezone(dt.timedelta(hours=9))
    rows = []
    for i in range(3000):
        when = t0 - dt.timedelta(seconds=rng.randrange(400 * 86400))
        if i % 7 == 0:
            when = when.astimezone(jst)
        if i % 11 == 0:
            when = when.replace(year=2051)
        invalidity = when - dt.timedelta(days=1) if i % 5 == 0 else None
        reason = rng.choice([None, "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"])
        rows.append((rng.getrandbits(rng.choice([8, 64, 127, 128, 159])) or 1, when, reason, invalidity))
    assert encode_entries(rows) == b"".join(encode_entry(*row) for row in rows)


def test_entries_read_back_by_cryptography(ca_key: tuple[KeyBackend, x509.Certificate], t0: dt.datetime) -> None:
    backend, certificate = ca_key
    rows = [
        (1, t0, None, None),
        (2**128 - 1, t0, "keyCompromise", t0 - dt.timedelta(days=3)),
        (2**127, t0.replace(year=2055), "superseded", None),
        (12345, t0, "cessationOfOperation", None),
    ]
    crl = x509.load_der_x509_crl(
        build_crl(
            backend,
            hashes.SHA256(),
            issuer=certificate,
            number=7,
            this_update=t0,
            next_update=t0 + dt.timedelta(days=7),
            entries=encode_entries(rows),
        )
    )
    assert crl.is_signature_valid(certificate.public_key())  # type: ignore[arg-type]
    assert [e.serial_number for e in crl] == [r[0] for r in rows]
    first, second, third, fourth = list(crl)
    assert len(first.extensions) == 0
    assert second.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.key_compromise
    assert second.extensions.get_extension_for_class(x509.InvalidityDate).value.invalidity_date_utc == (
        t0 - dt.timedelta(days=3)
    )
    assert third.revocation_date_utc.year == 2055
    assert fourth.extensions.get_extension_for_class(x509.CRLReason).value.reason == (
        x509.ReasonFlags.cessation_of_operation
    )
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 7
    aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
    assert aki == certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest

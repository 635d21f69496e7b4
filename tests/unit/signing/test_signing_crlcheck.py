"""The CRL checker rejects regressions between consecutive CRLs."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from signing.crl import build_crl
from signing.crlcheck import check_crl
from signing.errors import CrlCheckError
from signing.keys import FileKeyStore, KeyBackend
from signing.revocation import encode_entries

DAY = dt.timedelta(days=1)


def _crl(
    ca: tuple[KeyBackend, x509.Certificate],
    number: int,
    at: dt.datetime,
    serials: list[int],
    validity: dt.timedelta = 7 * DAY,
) -> bytes:
    backend, certificate = ca
    rows = [(s, at - DAY, None, None) for s in serials]
    return build_crl(
        backend,
        hashes.SHA256(),
        issuer=certificate,
        number=number,
        this_update=at,
        next_update=at + validity,
        entries=encode_entries(rows),
    )


def test_good_sequence(ca_key: tuple[KeyBackend, x509.Certificate], t0: dt.datetime) -> None:
    first = _crl(ca_key, 1, t0, [1, 2])
    second = _crl(ca_key, 2, t0 + DAY, [1, 2, 3])
    check_crl(first, ca_key[1])
    crl = check_crl(second, ca_key[1], previous_der=first, must_contain=[3])
    assert len(crl) == 3


def test_regressions_are_rejected(
    ca_key: tuple[KeyBackend, x509.Certificate], t0: dt.datetime, scratch: object
) -> None:
    first = _crl(ca_key, 5, t0 + DAY, [1, 2])
    with pytest.raises(CrlCheckError, match="does not increase"):
        check_crl(_crl(ca_key, 5, t0 + 2 * DAY, [1, 2]), ca_key[1], previous_der=first)
    with pytest.raises(CrlCheckError, match="does not increase"):
        check_crl(_crl(ca_key, 4, t0 + 2 * DAY, [1, 2]), ca_key[1], previous_der=first)
    with pytest.raises(CrlCheckError, match="nextUpdate went backwards"):
        check_crl(_crl(ca_key, 6, t0 + DAY, [1, 2], validity=DAY), ca_key[1], previous_der=first)
    with pytest.raises(CrlCheckError, match="dropped"):
        check_crl(_crl(ca_key, 6, t0 + 2 * DAY, [1]), ca_key[1], previous_der=first)
    with pytest.raises(CrlCheckError, match="dropped"):
        check_crl(
            _crl(ca_key, 6, t0 + 2 * DAY, [1]),
            ca_key[1],
            previous_der=first,
            not_after_of={2: t0 + 30 * DAY}.get,
        )
    # Dropping an entry whose certificate has expired is allowed.
    check_crl(_crl(ca_key, 6, t0 + 2 * DAY, [1]), ca_key[1], previous_der=first, not_after_of={2: t0}.get)
    with pytest.raises(CrlCheckError, match="missing"):
        check_crl(_crl(ca_key, 6, t0 + 2 * DAY, [1, 2]), ca_key[1], previous_der=first, must_contain=[9])
    with pytest.raises(CrlCheckError, match="further away"):
        check_crl(_crl(ca_key, 6, t0 + 2 * DAY, [1, 2], validity=11 * DAY), ca_key[1], previous_der=first)


def test_foreign_signature_is_rejected(
    ca_key: tuple[KeyBackend, x509.Certificate], t0: dt.datetime, scratch: object
) -> None:
    from pathlib import Path

    assert isinstance(scratch, Path)
    other = FileKeyStore(scratch, "x", key_size=2048).create("other")
    forged = _crl((other, ca_key[1]), 1, t0, [1])
    with pytest.raises(CrlCheckError, match="signature"):
        check_crl(forged, ca_key[1])
    with pytest.raises(CrlCheckError, match="not a DER CRL"):
        check_crl(b"garbage", ca_key[1])


def test_partition_crl_carries_issuing_distribution_point(
    ca_key: tuple[KeyBackend, x509.Certificate], t0: dt.datetime, scratch: object
) -> None:
    import subprocess
    from pathlib import Path

    from cryptography.hazmat.primitives import serialization

    assert isinstance(scratch, Path)
    backend, certificate = ca_key
    url = "http://ca.madoguchi.example.jp/repository/gen1-p3.crl"
    der_bytes = build_crl(
        backend,
        hashes.SHA256(),
        issuer=certificate,
        number=1,
        this_update=t0,
        next_update=t0 + 7 * DAY,
        entries=b"",
        distribution_point=url,
    )
    crl = check_crl(der_bytes, certificate)
    idp = crl.extensions.get_extension_for_class(x509.IssuingDistributionPoint)
    assert idp.critical
    assert idp.value.full_name == [x509.UniformResourceIdentifier(url)]
    assert idp.value.only_contains_user_certs
    (scratch / "ca.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (scratch / "p.crl").write_bytes(der_bytes)
    result = subprocess.run(
        [
            "/usr/bin/openssl",
            "crl",
            "-inform",
            "DER",
            "-in",
            str(scratch / "p.crl"),
            "-noout",
            "-CAfile",
            str(scratch / "ca.pem"),
            "-verify",
        ],
        capture_output=True,
        text=True,
    )
    assert "verify OK" in result.stdout + result.stderr

"""OCSP responder and repository over HTTP: openssl ocsp against a live server, GET and POST."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import urllib.parse
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from fastapi import FastAPI
from fastapi.testclient import TestClient

from signing.authority import CertificateAuthority, IssuedCertificate
from signing.http import build_router
from signing.profiles import SubjectFields
from tests.conftest import serve_app

DAY = dt.timedelta(days=1)


@pytest.fixture
def populated(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> dict[str, IssuedCertificate]:
    """Generation 1 with a good and a revoked leaf, then generation 2 with one good leaf."""
    key = subscriber_key.public_key()
    good = ca.issue("general", SubjectFields("Good"), "good@example.jp", key, now=t0)
    revoked = ca.issue("general", SubjectFields("Bad"), "bad@example.jp", key, now=t0)
    ca.revoke(revoked.serial, "keyCompromise", None, t0 + DAY)
    ca.rollover(t0 + 2 * DAY)
    new = ca.issue("general", SubjectFields("New"), "new@example.jp", key, now=t0 + 2 * DAY)
    return {"good": good, "revoked": revoked, "new": new}


def _request(leaf: IssuedCertificate, issuer_der: bytes, algorithm: hashes.HashAlgorithm) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate(
        x509.load_der_x509_certificate(leaf.der), x509.load_der_x509_certificate(issuer_der), algorithm
    )
    builder = builder.add_extension(x509.OCSPNonce(b"0123456789abcdef"), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def test_ocsp_get_and_post_statuses(
    ca: CertificateAuthority, populated: dict[str, IssuedCertificate], t0: dt.datetime
) -> None:
    now = t0 + 3 * DAY
    client = TestClient(_app(ca, now))
    gen1, gen2 = ca.generations()
    cases = [
        ("good", gen1, ocsp.OCSPCertStatus.GOOD, hashes.SHA1()),
        ("revoked", gen1, ocsp.OCSPCertStatus.REVOKED, hashes.SHA256()),
        ("new", gen2, ocsp.OCSPCertStatus.GOOD, hashes.SHA1()),
    ]
    for name, generation, expected, algorithm in cases:
        request = _request(populated[name], generation.certificate, algorithm)
        post = client.post("/ocsp", content=request, headers={"Content-Type": "application/ocsp-request"})
        encoded = urllib.parse.quote(base64.b64encode(request).decode(), safe="")
        get = client.get(f"/ocsp/{encoded}")
        for reply in (post, get):
            assert reply.status_code == 200
            assert reply.headers["content-type"] == "application/ocsp-response"
            response = ocsp.load_der_ocsp_response(reply.content)
            assert response.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
            assert response.certificate_status == expected
            assert response.serial_number == populated[name].serial
            issuer = x509.load_der_x509_certificate(generation.certificate)
            assert response.signature_hash_algorithm is not None
            issuer.public_key().verify(  # type: ignore[call-arg, union-attr]
                response.signature, response.tbs_response_bytes, _padding(), response.signature_hash_algorithm
            )
            nonce = response.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
            assert nonce == b"0123456789abcdef"
            if expected == ocsp.OCSPCertStatus.REVOKED:
                assert response.revocation_reason == x509.ReasonFlags.key_compromise
                assert response.revocation_time_utc == t0 + DAY


def test_ocsp_errors(ca: CertificateAuthority, populated: dict[str, IssuedCertificate], t0: dt.datetime) -> None:
    client = TestClient(_app(ca, t0 + 3 * DAY))
    malformed = client.post("/ocsp", content=b"not der")
    assert ocsp.load_der_ocsp_response(malformed.content).response_status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST
    foreign_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Foreign")])
    foreign = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(foreign_key.public_key())
        .serial_number(1)
        .not_valid_before(t0)
        .not_valid_after(t0 + 10 * DAY)
        .sign(foreign_key, hashes.SHA256())
    )
    request = _request(populated["good"], foreign.public_bytes(serialization.Encoding.DER), hashes.SHA1())
    reply = client.post("/ocsp", content=request)
    assert ocsp.load_der_ocsp_response(reply.content).response_status == ocsp.OCSPResponseStatus.UNAUTHORIZED


def test_repository_pages(ca: CertificateAuthority, populated: dict[str, IssuedCertificate], t0: dt.datetime) -> None:
    client = TestClient(_app(ca, t0))
    gen1, gen2 = ca.generations()
    index = client.get("/repository/")
    assert index.status_code == 200 and "text/html" in index.headers["content-type"]
    for name in (
        "gen1.cer",
        "gen2.cer",
        "gen2-new-with-old.cer",
        "gen2-old-with-new.cer",
        "gen1.crl",
        "gen2.crl",
    ):
        assert name in index.text
        reply = client.get(f"/repository/{name}")
        assert reply.status_code == 200, name
        expected = "application/pkix-crl" if name.endswith(".crl") else "application/pkix-cert"
        assert reply.headers["content-type"] == expected
        if name.endswith(".crl"):
            x509.load_der_x509_crl(reply.content)
        else:
            x509.load_der_x509_certificate(reply.content)
    assert client.get("/repository/gen2.cer").content == gen2.certificate
    # The page is for people: Japanese first, JST times, each certificate's SHA-256 beside it, styled.
    assert "認証局リポジトリ" in index.text and "JST" in index.text and "+00:00" not in index.text
    sha256 = ":".join(f"{b:02X}" for b in hashlib.sha256(gen2.certificate).digest())
    assert sha256 in index.text
    assert f"{gen1.not_after.astimezone(ZoneInfo('Asia/Tokyo')):%Y-%m-%d %H:%M} JST" in index.text
    style = client.get("/repository/style.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    prints = client.get("/repository/fingerprints")
    assert sha256 in prints.text and "リンク証明書 NewWithOld" in prints.text
    assert client.get("/repository/gen1.crl").content == ca.crl_path(1).read_bytes()
    listing = client.get("/repository/index.json").json()
    assert [g["generation"] for g in listing] == [1, 2]
    table = client.get("/repository/fingerprints.json").json()
    expected_files = {"gen1.cer", "gen2.cer", "gen2-new-with-old.cer", "gen2-old-with-new.cer"}
    assert {row["file"] for row in table} == expected_files
    for row in table:
        der_bytes = client.get(f"/repository/{row['file']}").content
        assert row["sha256"].replace(":", "").lower() == hashlib.sha256(der_bytes).hexdigest()
        assert row["sha1"].replace(":", "").lower() == hashlib.sha1(der_bytes).hexdigest()
    page = client.get("/repository/fingerprints")
    assert page.status_code == 200 and table[0]["sha256"] in page.text
    for missing in ("gen3.cer", "gen1-new-with-old.cer", "../secret", "gen1-old-with-new.crl", "keys"):
        assert client.get(f"/repository/{missing}").status_code == 404


def test_openssl_ocsp_against_live_server(
    ca: CertificateAuthority, populated: dict[str, IssuedCertificate], openssl: Any, t0: dt.datetime
) -> None:
    gen1, _ = ca.generations()
    issuer = openssl.pem_cert(gen1.certificate, "issuer.pem")
    with serve_app(_app(ca, None)) as url:
        for name, word in (("good", "good"), ("revoked", "revoked")):
            leaf = openssl.pem_cert(populated[name].der, f"{name}.pem")
            result = openssl.run(
                "ocsp",
                "-issuer",
                issuer,
                "-cert",
                leaf,
                "-url",
                f"{url}/ocsp",
                "-CAfile",
                issuer,
                "-resp_text",
            )
            out = result.stdout + result.stderr
            assert result.returncode == 0, out
            assert f"{leaf}: {word}" in out
            assert "Response verify OK" in out
            if word == "revoked":
                assert "Reason: keyCompromise" in out


def _padding() -> Any:
    from cryptography.hazmat.primitives.asymmetric import padding

    return padding.PKCS1v15()


def _app(ca: CertificateAuthority, now: dt.datetime | None) -> FastAPI:
    app = FastAPI()
    if now is None:
        app.include_router(build_router(ca))
    else:
        app.include_router(build_router(ca, clock=lambda: now))
    return app



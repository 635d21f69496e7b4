"""The PKCS#11 key backend on SoftHSM2: a whole CA whose keys never leave the token."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from sqlalchemy.orm import Session, sessionmaker

from signing.authority import CertificateAuthority
from signing.crlcheck import check_crl
from signing.errors import KeyStoreError
from signing.keys import KeyBackend
from signing.pkcs11 import Pkcs11KeyStore
from signing.profiles import SubjectFields

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "madoguchi-test"
PIN = "123456"
DAY = dt.timedelta(days=1)


@pytest.fixture(scope="session")
def softhsm_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pkcs11KeyStore]:
    """A freshly initialised SoftHSM2 token (SOFTHSM2_CONF points at a temporary config)."""
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    config = root / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(config)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "654321"],
        check=True,
        capture_output=True,
    )
    store = Pkcs11KeyStore(MODULE, TOKEN, PIN, key_size=2048)
    yield store
    store.close()


def test_token_key_signs_and_cannot_be_exported(softhsm_store: Pkcs11KeyStore) -> None:
    backend: KeyBackend = softhsm_store.create("unit-key")
    assert isinstance(backend, KeyBackend)
    public = backend.public_key()
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size == 2048
    signature = backend.sign(b"hello", hashes.SHA256())
    from cryptography.hazmat.primitives.asymmetric import padding

    public.verify(signature, b"hello", padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(KeyStoreError):
        softhsm_store.create("unit-key")
    with pytest.raises(KeyStoreError):
        softhsm_store.open("no-such-key")
    import pkcs11

    private = softhsm_store._find("unit-key", pkcs11.ObjectClass.PRIVATE_KEY)
    assert private is not None
    assert private[pkcs11.Attribute.SENSITIVE] is True
    assert private[pkcs11.Attribute.EXTRACTABLE] is False


def test_ca_on_softhsm(
    softhsm_store: Pkcs11KeyStore,
    session_factory: sessionmaker[Session],
    tmp_path: Path,
    subscriber_key: rsa.RSAPrivateKey,
    openssl: Any,
    t0: dt.datetime,
) -> None:
    ca = CertificateAuthority(session_factory, softhsm_store, tmp_path / "repo", "http://ca.madoguchi.example.jp")
    ca.init("HSM CA", t0)
    good = ca.issue("general", SubjectFields("G"), "g@example.jp", subscriber_key.public_key(), now=t0)
    bad = ca.issue(
        "document-information-manager",
        SubjectFields("B"),
        "b@example.jp",
        subscriber_key.public_key(),
        "D-1",
        now=t0,
    )
    first_crl = ca.crl_path(1).read_bytes()
    ca.revoke(bad.serial, "affiliationChanged", None, t0 + DAY)
    ca.rollover(t0 + 2 * DAY)
    gen1, gen2 = ca.generations()
    crl1 = ca.crl_path(1).read_bytes()
    crl2 = ca.crl_path(2).read_bytes()
    check_crl(
        crl1,
        x509.load_der_x509_certificate(gen1.certificate),
        previous_der=first_crl,
        must_contain=[bad.serial],
    )
    at = t0 + 3 * DAY
    assert openssl.verify(good.der, anchor=gen1.certificate, crls=[crl1], at=at).returncode == 0
    revoked = openssl.verify(bad.der, anchor=gen1.certificate, crls=[crl1], at=at)
    assert revoked.returncode != 0 and "certificate revoked" in revoked.stdout + revoked.stderr
    assert gen2.old_with_new is not None
    via_link = openssl.verify(good.der, anchor=gen2.certificate, untrusted=[gen2.old_with_new], crls=[crl1], at=at)
    assert via_link.returncode == 0, via_link.stdout + via_link.stderr
    for crl_der, generation in ((crl1, gen1), (crl2, gen2)):
        result = openssl.run(
            "crl",
            "-in",
            openssl.pem_crl(crl_der),
            "-noout",
            "-CAfile",
            openssl.pem_cert(generation.certificate),
            "-verify",
        )
        assert "verify OK" in result.stdout + result.stderr
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(
            x509.load_der_x509_certificate(bad.der),
            x509.load_der_x509_certificate(gen1.certificate),
            hashes.SHA1(),
        )
        .build()
    )
    response_path = openssl.workdir / "hsm-ocsp.der"
    response_path.write_bytes(ca.ocsp_response(request.public_bytes(serialization.Encoding.DER), at))
    result = openssl.run(
        "ocsp",
        "-respin",
        response_path,
        "-issuer",
        openssl.pem_cert(gen1.certificate, "hsm-issuer.pem"),
        "-cert",
        openssl.pem_cert(bad.der, "hsm-bad.pem"),
        "-CAfile",
        "hsm-issuer.pem",
        "-no_nonce",
        "-validity_period",
        "100000000",  # The test clock is in the past.
    )
    assert "hsm-bad.pem: revoked" in result.stdout + result.stderr
    assert "Response verify OK" in result.stdout + result.stderr

"""Encrypted PKCS#8 file keys: creation, reopening, wrong passphrase, EC keys."""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from signing.cacerts import self_signed
from signing.errors import KeyStoreError
from signing.keys import FileKeyStore, KeyBackend


def test_file_key_is_encrypted_and_reopens(scratch: Path) -> None:
    store = FileKeyStore(scratch, "correct horse", key_size=2048)
    backend = store.create("ca-test")
    assert isinstance(backend, KeyBackend)
    path = store.path("ca-test")
    assert path.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # openssl itself needs the passphrase to read the key.
    wrong = subprocess.run(
        ["/usr/bin/openssl", "pkey", "-in", str(path), "-passin", "pass:nope", "-noout"], capture_output=True
    )
    assert wrong.returncode != 0
    right = subprocess.run(
        ["/usr/bin/openssl", "pkey", "-in", str(path), "-passin", "pass:correct horse", "-noout"],
        capture_output=True,
    )
    assert right.returncode == 0
    reopened = FileKeyStore(scratch, "correct horse").open("ca-test")
    signature = reopened.sign(b"data", hashes.SHA256())
    public = backend.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    public.verify(signature, b"data", padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(KeyStoreError, match="passphrase"):
        FileKeyStore(scratch, "wrong").open("ca-test")
    with pytest.raises(KeyStoreError, match="exists"):
        store.create("ca-test")
    with pytest.raises(KeyStoreError, match="not found"):
        store.open("missing")
    with pytest.raises(KeyStoreError):
        store.create("../escape")
    with pytest.raises(KeyStoreError):
        FileKeyStore(scratch, "")
    assert not hasattr(backend, "private_bytes")


def test_ec_ca_certificate_verifies_with_openssl(scratch: Path, t0: dt.datetime) -> None:
    backend = FileKeyStore(scratch, "pw", key_type="ec", key_size=256).create("ec-ca")
    assert isinstance(backend.public_key(), ec.EllipticCurvePublicKey)
    certificate = self_signed(backend, hashes.SHA256(), "EC CA", 1, t0)
    certificate.verify_directly_issued_by(certificate)
    pem = scratch / "ec.pem"
    pem.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    result = subprocess.run(
        [
            "/usr/bin/openssl",
            "verify",
            "-attime",
            str(int(t0.timestamp()) + 60),
            "-CAfile",
            str(pem),
            str(pem),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert certificate.signature_algorithm_oid == x509.SignatureAlgorithmOID.ECDSA_WITH_SHA256

"""Fixtures for the signing integration tests: a CA on a real database and openssl helpers."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy.orm import Session, sessionmaker

from signing import models  # noqa: F401  (registers the ca_ tables on Base)
from signing.authority import CertificateAuthority
from signing.keys import FileKeyStore

OPENSSL = "/usr/bin/openssl"
T0 = dt.datetime(2026, 1, 31, 9, 30, 15, tzinfo=dt.UTC)


@pytest.fixture
def make_ca(session_factory: sessionmaker[Session], tmp_path: Path) -> Callable[..., CertificateAuthority]:
    """Build CertificateAuthority objects sharing one database, key directory and repository."""

    def build(**kwargs: object) -> CertificateAuthority:
        keystore = FileKeyStore(tmp_path / "keys", "test-passphrase", key_size=2048)
        return CertificateAuthority(
            session_factory,
            keystore,
            tmp_path / "repository",
            "http://ca.madoguchi.example.jp",
            **kwargs,  # type: ignore[arg-type]
        )

    return build


@pytest.fixture
def ca(make_ca: Callable[..., CertificateAuthority]) -> CertificateAuthority:
    """An initialised CA (generation 1) at T0."""
    authority = make_ca()
    authority.init("Madoguchi Test CA", T0)
    return authority


@pytest.fixture(scope="session")
def subscriber_key() -> rsa.RSAPrivateKey:
    """One RSA key reused for subscriber certificates (key generation is slow)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class OpenSSL:
    """Runs /usr/bin/openssl in a scratch directory with DER/PEM conversions."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.counter = 0

    def pem_cert(self, der_bytes: bytes, name: str | None = None) -> Path:
        """Write a certificate as PEM and return its path."""
        certificate = x509.load_der_x509_certificate(der_bytes)
        self.counter += 1
        path = self.workdir / (name or f"cert{self.counter}.pem")
        path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        return path

    def pem_bundle(self, ders: list[bytes], name: str) -> Path:
        """Write several certificates into one PEM file."""
        path = self.workdir / name
        path.write_bytes(
            b"".join(x509.load_der_x509_certificate(d).public_bytes(serialization.Encoding.PEM) for d in ders)
        )
        return path

    def pem_crl(self, der_bytes: bytes) -> Path:
        """Write CRL(s) as PEM and return the path."""
        self.counter += 1
        path = self.workdir / f"crl{self.counter}.pem"
        path.write_bytes(x509.load_der_x509_crl(der_bytes).public_bytes(serialization.Encoding.PEM))
        return path

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        """Run openssl and return the completed process (never raises on failure)."""
        return subprocess.run([OPENSSL, *map(str, args)], capture_output=True, text=True, cwd=self.workdir, check=False)

    def verify(
        self,
        leaf: bytes,
        *,
        anchor: bytes,
        untrusted: list[bytes] = (),  # type: ignore[assignment]
        crls: list[bytes] = (),  # type: ignore[assignment]
        at: dt.datetime,
    ) -> subprocess.CompletedProcess[str]:
        """``openssl verify -crl_check`` of *leaf* against *anchor* at time *at*."""
        args: list[str | Path] = [
            "verify",
            "-attime",
            str(int(at.timestamp())),
            "-CAfile",
            self.pem_cert(anchor),
        ]
        if untrusted:
            self.counter += 1
            args += ["-untrusted", self.pem_bundle(list(untrusted), f"untrusted{self.counter}.pem")]
        if crls:
            self.counter += 1
            bundle = self.workdir / f"crls{self.counter}.pem"
            bundle.write_bytes(
                b"".join(x509.load_der_x509_crl(c).public_bytes(serialization.Encoding.PEM) for c in crls)
            )
            args += ["-crl_check", "-CRLfile", bundle]
        args.append(self.pem_cert(leaf))
        return self.run(*args)


@pytest.fixture
def openssl(tmp_path: Path) -> OpenSSL:
    """An openssl runner working in its own scratch directory."""
    workdir = tmp_path / "openssl"
    workdir.mkdir()
    return OpenSSL(workdir)


@pytest.fixture
def t0() -> dt.datetime:
    """The time at which the ``ca`` fixture was initialised."""
    return T0

"""Key backends: where CA private keys live and how they sign.

A :class:`KeyBackend` exposes the public key and a ``sign`` operation; the private key
never leaves it.  A :class:`KeyStore` creates and opens backends by label.  The default
store keeps passphrase-encrypted PKCS#8 PEM files; :mod:`signing.pkcs11` offers tokens.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol, runtime_checkable

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes

from signing.errors import KeyStoreError

_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@runtime_checkable
class KeyBackend(Protocol):
    """One private key held somewhere safe, able to sign but never to export itself."""

    @property
    def label(self) -> str:
        """The name under which the store knows this key."""
        ...

    def public_key(self) -> CertificateIssuerPublicKeyTypes:
        """Return the public half of the key."""
        ...

    def sign(self, data: bytes, algorithm: hashes.HashAlgorithm) -> bytes:
        """Sign *data* (hashing it with *algorithm*) and return an X.509-format signature.

        RSA keys produce PKCS#1 v1.5 signatures; EC keys produce DER ECDSA-Sig-Value.
        """
        ...


class KeyStore(Protocol):
    """Creates and opens key backends by label."""

    def create(self, label: str) -> KeyBackend:
        """Generate a new key under *label*; refuse if the label already exists."""
        ...

    def open(self, label: str) -> KeyBackend:
        """Open the existing key *label*."""
        ...


def check_label(label: str) -> str:
    """Return *label* if it is a safe key name (it becomes a file name or token label)."""
    if not _LABEL.match(label):
        raise KeyStoreError(f"invalid key label {label!r}")
    return label


class FileKeyBackend:
    """A key loaded from an encrypted PKCS#8 file, kept in memory for signing only."""

    def __init__(self, label: str, private_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> None:
        self._label = label
        self._key = private_key

    @property
    def label(self) -> str:
        return self._label

    def public_key(self) -> CertificateIssuerPublicKeyTypes:
        return self._key.public_key()

    def sign(self, data: bytes, algorithm: hashes.HashAlgorithm) -> bytes:
        if isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, padding.PKCS1v15(), algorithm)
        return self._key.sign(data, ec.ECDSA(algorithm))


class FileKeyStore:
    """Encrypted PKCS#8 PEM files, one per label, in a private directory."""

    def __init__(self, directory: Path, passphrase: str, key_type: str = "rsa", key_size: int = 3072) -> None:
        if not passphrase:
            raise KeyStoreError("a non-empty passphrase is required for file keys")
        if key_type not in ("rsa", "ec"):
            raise KeyStoreError(f"unsupported key type {key_type!r}")
        self.directory = directory
        self._passphrase = passphrase.encode("utf-8")
        self.key_type = key_type
        self.key_size = key_size
        self._opened: dict[str, FileKeyBackend] = {}

    def path(self, label: str) -> Path:
        """Return the file that holds key *label*."""
        return self.directory / f"{check_label(label)}.p8.pem"

    def create(self, label: str) -> KeyBackend:
        path = self.path(label)
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
        if self.key_type == "rsa":
            key = rsa.generate_private_key(public_exponent=65537, key_size=self.key_size)
        else:
            key = ec.generate_private_key(ec.SECP384R1() if self.key_size >= 384 else ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(self._passphrase),
        )
        # O_EXCL makes creation refuse to overwrite an existing key, even under a race.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise KeyStoreError(f"key {label!r} already exists") from None
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        backend = FileKeyBackend(label, key)
        self._opened[label] = backend
        return backend

    def open(self, label: str) -> KeyBackend:
        if label in self._opened:
            return self._opened[label]
        path = self.path(label)
        try:
            pem = path.read_bytes()
        except FileNotFoundError:
            raise KeyStoreError(f"key {label!r} not found in {self.directory}") from None
        try:
            key = serialization.load_pem_private_key(pem, password=self._passphrase)
        except (ValueError, TypeError) as exc:
            raise KeyStoreError(f"cannot decrypt key {label!r}: wrong passphrase?") from exc
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise KeyStoreError(f"key {label!r} has an unsupported type")
        backend = FileKeyBackend(label, key)
        self._opened[label] = backend
        return backend

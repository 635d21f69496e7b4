"""PKCS#11 key backend (python-pkcs11), tested against SoftHSM2.

Keys are RSA pairs generated on the token as sensitive and non-extractable.  Signing
hashes locally and asks the token for a raw ``CKM_RSA_PKCS`` signature of the DigestInfo,
so even a 40 MB CRL only sends a few dozen bytes to the token.
"""

from __future__ import annotations

import threading
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes

from signing.algorithms import digest_info
from signing.errors import KeyStoreError
from signing.keys import KeyBackend, check_label


class Pkcs11KeyBackend:
    """An RSA private key object on a PKCS#11 token."""

    def __init__(self, store: Pkcs11KeyStore, label: str, private_key: Any, public_key: Any) -> None:
        self._store = store
        self._label = label
        self._private = private_key
        self._public = self._load_public(public_key)

    @staticmethod
    def _load_public(public_key: Any) -> rsa.RSAPublicKey:
        from pkcs11 import Attribute

        modulus = int.from_bytes(public_key[Attribute.MODULUS], "big")
        exponent = int.from_bytes(public_key[Attribute.PUBLIC_EXPONENT], "big")
        return rsa.RSAPublicNumbers(exponent, modulus).public_key()

    @property
    def label(self) -> str:
        return self._label

    def public_key(self) -> CertificateIssuerPublicKeyTypes:
        return self._public

    def sign(self, data: bytes, algorithm: hashes.HashAlgorithm) -> bytes:
        from pkcs11 import Mechanism

        digest = hashes.Hash(algorithm)
        digest.update(data)
        info = digest_info(digest.finalize(), algorithm)
        with self._store.lock:
            signature = self._private.sign(info, mechanism=Mechanism.RSA_PKCS)
        return bytes(signature)


class Pkcs11KeyStore:
    """RSA keys on one token of a PKCS#11 module, opened with the user PIN."""

    def __init__(self, module_path: str, token_label: str, user_pin: str, key_size: int = 3072) -> None:
        try:
            import pkcs11
        except ImportError as exc:  # pragma: no cover - depends on the optional extra.
            raise KeyStoreError("python-pkcs11 is not installed (pip install madoguchi[pkcs11])") from exc
        self.key_size = key_size
        self.lock = threading.RLock()
        try:
            library = pkcs11.lib(module_path)
            token = library.get_token(token_label=token_label)
            self._session = token.open(user_pin=user_pin, rw=True)
        except pkcs11.PKCS11Error as exc:
            raise KeyStoreError(f"cannot open PKCS#11 token {token_label!r}: {exc!r}") from exc
        self._opened: dict[str, Pkcs11KeyBackend] = {}

    def close(self) -> None:
        """Close the token session."""
        with self.lock:
            self._session.close()

    def _find(self, label: str, object_class: Any) -> Any | None:
        found = list(self._session.get_objects({_attr("CLASS"): object_class, _attr("LABEL"): label}))
        return found[0] if found else None

    def create(self, label: str) -> KeyBackend:
        from pkcs11 import Attribute, KeyType, ObjectClass

        check_label(label)
        with self.lock:
            if self._find(label, ObjectClass.PRIVATE_KEY) is not None:
                raise KeyStoreError(f"key {label!r} already exists on the token")
            public, private = self._session.generate_keypair(
                KeyType.RSA,
                self.key_size,
                label=label,
                id=label.encode("utf-8"),
                store=True,
                private_template={
                    Attribute.SENSITIVE: True,
                    Attribute.EXTRACTABLE: False,
                    Attribute.SIGN: True,
                },
            )
            backend = Pkcs11KeyBackend(self, label, private, public)
        self._opened[label] = backend
        return backend

    def open(self, label: str) -> KeyBackend:
        from pkcs11 import ObjectClass

        check_label(label)
        if label in self._opened:
            return self._opened[label]
        with self.lock:
            private = self._find(label, ObjectClass.PRIVATE_KEY)
            public = self._find(label, ObjectClass.PUBLIC_KEY)
            if private is None or public is None:
                raise KeyStoreError(f"key {label!r} not found on the token")
            backend = Pkcs11KeyBackend(self, label, private, public)
        self._opened[label] = backend
        return backend


def _attr(name: str) -> Any:
    from pkcs11 import Attribute

    return getattr(Attribute, name)

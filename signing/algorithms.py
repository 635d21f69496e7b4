"""Signature AlgorithmIdentifiers for the key types a CA backend may hold (RSA, ECDSA)."""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes

from signing import der
from signing.errors import KeyStoreError

_RSA_OIDS = {
    "sha256": "1.2.840.113549.1.1.11",
    "sha384": "1.2.840.113549.1.1.12",
    "sha512": "1.2.840.113549.1.1.13",
}
_ECDSA_OIDS = {
    "sha256": "1.2.840.10045.4.3.2",
    "sha384": "1.2.840.10045.4.3.3",
    "sha512": "1.2.840.10045.4.3.4",
}
# Digest AlgorithmIdentifier OIDs, used for PKCS#1 DigestInfo.
DIGEST_OIDS = {
    "sha256": "2.16.840.1.101.3.4.2.1",
    "sha384": "2.16.840.1.101.3.4.2.2",
    "sha512": "2.16.840.1.101.3.4.2.3",
}


def signature_algorithm(public_key: CertificateIssuerPublicKeyTypes, algorithm: hashes.HashAlgorithm) -> bytes:
    """Return the DER AlgorithmIdentifier of a signature by *public_key*'s private half."""
    if isinstance(public_key, rsa.RSAPublicKey):
        # RFC 4055: the parameters of the PKCS#1 v1.5 algorithms are an explicit NULL.
        return der.sequence(der.oid(_oid(_RSA_OIDS, algorithm)), der.null())
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        # RFC 5758: ECDSA signature algorithms have absent parameters.
        return der.sequence(der.oid(_oid(_ECDSA_OIDS, algorithm)))
    raise KeyStoreError(f"unsupported CA key type {type(public_key).__name__}")


def digest_info(digest: bytes, algorithm: hashes.HashAlgorithm) -> bytes:
    """Return the PKCS#1 v1.5 DigestInfo that an RSA_PKCS raw signature wraps."""
    return der.sequence(der.sequence(der.oid(_oid(DIGEST_OIDS, algorithm)), der.null()), der.octet_string(digest))


def _oid(table: dict[str, str], algorithm: hashes.HashAlgorithm) -> str:
    try:
        return table[algorithm.name]
    except KeyError:
        raise KeyStoreError(f"unsupported hash algorithm {algorithm.name}") from None

"""Checks on a subscriber's PKCS#10 certification request before the CA certifies its key.

A request is accepted only when it parses as DER or PEM, its self-signature verifies (the
requester holds the private key), and its public key is one this CA certifies: RSA of 2048
to 4096 bits with exponent 65537, or EC on P-256 or P-384.  Only the public key is taken from
the request; the subject, extensions and any requested validity are the CA's to decide.
"""

from __future__ import annotations

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes

from signing.errors import InvalidRequest

#: Largest request accepted (a 4096-bit RSA request is about 1.7 kB of DER).
MAX_REQUEST_BYTES = 16 * 1024
RSA_MIN_BITS, RSA_MAX_BITS = 2048, 4096
EC_CURVES = (ec.SECP256R1, ec.SECP384R1)


def load_request(data: bytes) -> x509.CertificateSigningRequest:
    """Parse a PEM or DER request; raise :class:`InvalidRequest` when it is neither."""
    if len(data) > MAX_REQUEST_BYTES:
        raise InvalidRequest("the certificate request is too large")
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_csr(data.strip())
        return x509.load_der_x509_csr(data)
    except ValueError:
        raise InvalidRequest("the data is not a PKCS#10 certificate request") from None


def check_public_key(key: CertificatePublicKeyTypes) -> None:
    """Refuse a key this CA does not certify (weak RSA, odd exponent, other curves and types)."""
    if isinstance(key, rsa.RSAPublicKey):
        if not RSA_MIN_BITS <= key.key_size <= RSA_MAX_BITS:
            raise InvalidRequest(f"RSA keys must have {RSA_MIN_BITS} to {RSA_MAX_BITS} bits, not {key.key_size}")
        if key.public_numbers().e != 65537:
            raise InvalidRequest("RSA keys must use the public exponent 65537")
        return
    if isinstance(key, ec.EllipticCurvePublicKey):
        if not isinstance(key.curve, EC_CURVES):
            raise InvalidRequest(f"EC keys must be on P-256 or P-384, not {key.curve.name}")
        return
    raise InvalidRequest(f"unsupported key type {type(key).__name__}")


def checked_request(data: bytes) -> x509.CertificateSigningRequest:
    """Parse *data* and check its signature and key; return the request."""
    request = load_request(data)
    try:
        valid = request.is_signature_valid
    except Exception:  # An unsupported signature algorithm is as good as a wrong signature.
        valid = False
    if not valid:
        raise InvalidRequest("the request's signature does not verify")
    check_public_key(request.public_key())
    return request


def key_fingerprint(request: x509.CertificateSigningRequest) -> str:
    """SHA-256 (hex) of the request's SubjectPublicKeyInfo."""
    spki = request.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()

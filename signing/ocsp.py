"""OCSP (RFC 6960) responses built as DER and signed by the CA key through its backend.

Requests are parsed with cryptography's ``ocsp`` module; the BasicOCSPResponse is
assembled here ("TBS, sign, assemble") so a PKCS#11 CA key can sign it like a CRL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from cryptography.x509 import ocsp

from signing import der
from signing.assemble import signed
from signing.keys import KeyBackend
from signing.revocation import REASON_CODES

BASIC_RESPONSE_OID = "1.3.6.1.5.5.7.48.1.1"
NONCE_OID = "1.3.6.1.5.5.7.48.1.2"
_HASH_OIDS = {
    "sha1": "1.3.14.3.2.26",
    "sha256": "2.16.840.1.101.3.4.2.1",
    "sha384": "2.16.840.1.101.3.4.2.2",
    "sha512": "2.16.840.1.101.3.4.2.3",
}
# OCSPResponseStatus values (RFC 6960 section 4.2.1).
MALFORMED_REQUEST = 1
INTERNAL_ERROR = 2
UNAUTHORIZED = 6


@dataclass(frozen=True)
class CertStatus:
    """What the CA knows about one serial: good, revoked (when, why) or unknown."""

    kind: str
    revoked_at: dt.datetime | None = None
    reason: str | None = None


GOOD = CertStatus("good")
UNKNOWN = CertStatus("unknown")


def public_key_bits(public_key: CertificateIssuerPublicKeyTypes) -> bytes:
    """Return the subjectPublicKey BIT STRING content (what issuerKeyHash hashes)."""
    if isinstance(public_key, rsa.RSAPublicKey):
        return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    raise ValueError(f"unsupported issuer key type {type(public_key).__name__}")


def issuer_hashes(certificate: x509.Certificate, algorithm: hashes.HashAlgorithm) -> tuple[bytes, bytes]:
    """Return (issuerNameHash, issuerKeyHash) of *certificate* under *algorithm*."""
    name = hashes.Hash(algorithm)
    name.update(certificate.subject.public_bytes())
    key = hashes.Hash(algorithm)
    key.update(public_key_bits(certificate.public_key()))  # type: ignore[arg-type]
    return name.finalize(), key.finalize()


def error_response(status: int) -> bytes:
    """Return an unsuccessful OCSPResponse (no responseBytes)."""
    return der.sequence(der.enumerated(status))


def _cert_status(status: CertStatus) -> bytes:
    if status.kind == "good":
        return b"\x80\x00"  # [0] IMPLICIT NULL
    if status.kind == "unknown":
        return b"\x82\x00"  # [2] IMPLICIT NULL
    if status.revoked_at is None:
        raise ValueError("a revoked status needs its revocation time")
    info = der.generalized_time(status.revoked_at)
    if status.reason is not None:
        info += der.explicit(0, der.enumerated(REASON_CODES[status.reason]))
    return der.tlv(0xA1, info)  # [1] IMPLICIT RevokedInfo


def build_response(
    backend: KeyBackend,
    algorithm: hashes.HashAlgorithm,
    *,
    request: ocsp.OCSPRequest,
    status: CertStatus,
    produced_at: dt.datetime,
    next_update: dt.datetime,
) -> bytes:
    """Return a successful OCSPResponse for the single certificate in *request*."""
    hash_name = request.hash_algorithm.name
    cert_id = der.sequence(
        der.sequence(der.oid(_HASH_OIDS[hash_name]), der.null()),
        der.octet_string(request.issuer_name_hash),
        der.octet_string(request.issuer_key_hash),
        der.integer(request.serial_number),
    )
    single = der.sequence(
        cert_id,
        _cert_status(status),
        der.generalized_time(produced_at),
        der.explicit(0, der.generalized_time(next_update)),
    )
    key_hash = x509.SubjectKeyIdentifier.from_public_key(backend.public_key()).digest
    parts = [
        der.explicit(2, der.octet_string(key_hash)),  # responderID byKey
        der.generalized_time(produced_at),
        der.sequence(single),
    ]
    nonce = _nonce(request)
    if nonce is not None:
        parts.append(der.explicit(1, der.sequence(der.sequence(der.oid(NONCE_OID), der.octet_string(nonce)))))
    basic = signed(der.sequence(*parts), backend, algorithm)
    response_bytes = der.sequence(der.oid(BASIC_RESPONSE_OID), der.octet_string(basic))
    return der.sequence(der.enumerated(0), der.explicit(0, response_bytes))


def supported_hash(request: ocsp.OCSPRequest) -> bool:
    """Tell whether the request's CertID hash algorithm is one this responder can echo."""
    return request.hash_algorithm.name in _HASH_OIDS


def _nonce(request: ocsp.OCSPRequest) -> bytes | None:
    try:
        value = request.extensions.get_extension_for_class(x509.OCSPNonce).value
    except x509.ExtensionNotFound:
        return None
    return value.public_bytes()

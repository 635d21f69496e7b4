"""TBSCertificate construction and certificate signing through any key backend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes

from signing import der
from signing.algorithms import signature_algorithm
from signing.assemble import extensions as encode_extensions
from signing.assemble import signed
from signing.keys import KeyBackend


def tbs_certificate(
    *,
    serial: int,
    signature_alg: bytes,
    issuer: x509.Name,
    not_before: dt.datetime,
    not_after: dt.datetime,
    subject: x509.Name,
    public_key: CertificatePublicKeyTypes,
    extensions: Sequence[x509.Extension[x509.ExtensionType]],
) -> bytes:
    """Encode an X.509 v3 TBSCertificate."""
    spki = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return der.sequence(
        der.explicit(0, der.integer(2)),
        der.integer(serial),
        signature_alg,
        issuer.public_bytes(),
        der.sequence(der.time(not_before), der.time(not_after)),
        subject.public_bytes(),
        spki,
        der.explicit(3, encode_extensions(extensions)),
    )


def sign_certificate(
    backend: KeyBackend,
    algorithm: hashes.HashAlgorithm,
    *,
    serial: int,
    issuer: x509.Name,
    subject: x509.Name,
    public_key: CertificatePublicKeyTypes,
    not_before: dt.datetime,
    not_after: dt.datetime,
    extensions: Sequence[x509.Extension[x509.ExtensionType]],
) -> x509.Certificate:
    """Build, sign with *backend* and parse back a certificate."""
    tbs = tbs_certificate(
        serial=serial,
        signature_alg=signature_algorithm(backend.public_key(), algorithm),
        issuer=issuer,
        not_before=not_before,
        not_after=not_after,
        subject=subject,
        public_key=public_key,
        extensions=extensions,
    )
    return x509.load_der_x509_certificate(signed(tbs, backend, algorithm))

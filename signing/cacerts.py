"""CA certificates: the self-signed certificate of each generation and the link certificates.

At a rollover from generation N to N+1 two cross certificates bind the keys together:

* NewWithOld: subject and key of generation N+1, issued and signed by generation N.
  Relying parties who trust only the old root use it to reach the new one.
* OldWithNew: subject and key of generation N, issued and signed by generation N+1.
  Relying parties who trust only the new root use it to validate old-generation leaves.

Each generation has its own subject DN (``<name> G<n>``) so path building never
confuses two keys under one name.
"""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from signing.certbuilder import sign_certificate
from signing.keys import KeyBackend
from signing.serials import random_serial
from signing.validity import add_months, require_aware


def generation_name(ca_name: str, number: int) -> x509.Name:
    """Return the subject DN of generation *number* of the CA called *ca_name*."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ca_name),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{ca_name} G{number}"),
        ]
    )


def _ca_extensions(
    subject_key: x509.Certificate | KeyBackend, issuer: KeyBackend
) -> list[x509.Extension[x509.ExtensionType]]:
    subject_public = subject_key.public_key()
    # The CA signs its OCSP responses itself, hence digitalSignature next to the CA bits.
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )
    values: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=True, path_length=None), True),
        (usage, True),
        (x509.SubjectKeyIdentifier.from_public_key(subject_public), False),  # type: ignore[arg-type]
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()), False),
    ]
    return [x509.Extension(v.oid, critical, v) for v, critical in values]


def self_signed(
    backend: KeyBackend,
    algorithm: hashes.HashAlgorithm,
    ca_name: str,
    number: int,
    now: dt.datetime,
    years: int = 10,
) -> x509.Certificate:
    """Return the self-signed certificate of a new generation valid for *years* from *now*."""
    not_before = require_aware(now).replace(microsecond=0)
    name = generation_name(ca_name, number)
    return sign_certificate(
        backend,
        algorithm,
        serial=random_serial(),
        issuer=name,
        subject=name,
        public_key=backend.public_key(),
        not_before=not_before,
        not_after=add_months(not_before, 12 * years),
        extensions=_ca_extensions(backend, backend),
    )


def link_certificate(
    signer: KeyBackend,
    signer_certificate: x509.Certificate,
    subject_certificate: x509.Certificate,
    algorithm: hashes.HashAlgorithm,
    now: dt.datetime,
) -> x509.Certificate:
    """Certify *subject_certificate*'s name and key with *signer* (a link certificate).

    The link is valid from *now* until the earlier of the two CA certificates expires.
    """
    not_before = require_aware(now).replace(microsecond=0)
    not_after = min(signer_certificate.not_valid_after_utc, subject_certificate.not_valid_after_utc)
    return sign_certificate(
        signer,
        algorithm,
        serial=random_serial(),
        issuer=signer_certificate.subject,
        subject=subject_certificate.subject,
        public_key=subject_certificate.public_key(),
        not_before=not_before,
        not_after=not_after,
        extensions=_ca_extensions(subject_certificate, signer),
    )

"""CRL v2 construction in one pass over pre-encoded entries.

cryptography's ``add_revoked_certificate`` is quadratic in the number of entries, so
the revokedCertificates list is concatenated here from entries encoded once (at
revocation time, see :func:`signing.revocation.encode_entry`) and only the small
header, the extensions and the signature are produced per CRL.
"""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from signing import der
from signing.algorithms import signature_algorithm
from signing.assemble import extension, signed
from signing.keys import KeyBackend
from signing.validity import require_aware


def crl_extensions(issuer_key_id: bytes, number: int, distribution_point: str | None = None) -> bytes:
    """Encode the crlExtensions: AKI, CRL number and, for partitions, the IDP."""
    values: list[x509.Extension[x509.ExtensionType]] = [
        x509.Extension(
            x509.AuthorityKeyIdentifier.oid,
            False,
            x509.AuthorityKeyIdentifier(issuer_key_id, None, None),
        ),
        x509.Extension(x509.CRLNumber.oid, False, x509.CRLNumber(number)),
    ]
    if distribution_point is not None:
        idp = x509.IssuingDistributionPoint(
            full_name=[x509.UniformResourceIdentifier(distribution_point)],
            relative_name=None,
            only_contains_user_certs=True,
            only_contains_ca_certs=False,
            only_some_reasons=None,
            indirect_crl=False,
            only_contains_attribute_certs=False,
        )
        values.append(x509.Extension(idp.oid, True, idp))
    return der.sequence_of(extension(v) for v in values)


def tbs_cert_list(
    *,
    signature_alg: bytes,
    issuer: bytes,
    this_update: dt.datetime,
    next_update: dt.datetime,
    entries: bytes,
    extensions: bytes,
) -> bytes:
    """Encode a TBSCertList around *entries* (the concatenated revokedCertificates)."""
    head = der.integer(1) + signature_alg + issuer + der.time(this_update) + der.time(next_update)
    revoked = der.header(der.SEQUENCE, len(entries)) if entries else b""
    tail = der.explicit(0, extensions)
    body_length = len(head) + len(revoked) + len(entries) + len(tail)
    return b"".join((der.header(der.SEQUENCE, body_length), head, revoked, entries, tail))


def build_crl(
    backend: KeyBackend,
    algorithm: hashes.HashAlgorithm,
    *,
    issuer: x509.Certificate,
    number: int,
    this_update: dt.datetime,
    next_update: dt.datetime,
    entries: bytes,
    distribution_point: str | None = None,
) -> bytes:
    """Return the DER of a signed CRL of *issuer* containing *entries*."""
    this_update = require_aware(this_update, "this_update").replace(microsecond=0)
    next_update = require_aware(next_update, "next_update").replace(microsecond=0)
    if next_update <= this_update:
        raise ValueError("nextUpdate must be later than thisUpdate")
    if number < 1 or number.bit_length() > 159:
        raise ValueError("CRL numbers are positive and at most 20 octets")
    key_id = x509.SubjectKeyIdentifier.from_public_key(backend.public_key()).digest
    tbs = tbs_cert_list(
        signature_alg=signature_algorithm(backend.public_key(), algorithm),
        issuer=issuer.subject.public_bytes(),
        this_update=this_update,
        next_update=next_update,
        entries=entries,
        extensions=crl_extensions(key_id, number, distribution_point),
    )
    return signed(tbs, backend, algorithm)

"""Signed-structure assembly: "build TBS DER, sign the bytes with a backend, assemble".

Certificates, CRLs and BasicOCSPResponses all share the shape
``SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING signature }``.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from signing import der
from signing.algorithms import signature_algorithm
from signing.keys import KeyBackend


def signed(tbs: bytes, backend: KeyBackend, algorithm: hashes.HashAlgorithm) -> bytes:
    """Sign *tbs* with *backend* and return the complete signed structure's DER."""
    algorithm_id = signature_algorithm(backend.public_key(), algorithm)
    signature = der.bit_string(backend.sign(tbs, algorithm))
    body_length = len(tbs) + len(algorithm_id) + len(signature)
    # One join keeps large CRLs from being copied once per nesting level.
    return b"".join((der.header(der.SEQUENCE, body_length), tbs, algorithm_id, signature))


def extension(ext: x509.Extension[x509.ExtensionType]) -> bytes:
    """Encode one Extension using cryptography's encoding of the extension value."""
    parts = [der.oid(ext.oid.dotted_string)]
    if ext.critical:
        parts.append(der.boolean(True))
    parts.append(der.octet_string(ext.value.public_bytes()))
    return der.sequence(*parts)


def extensions(exts: Sequence[x509.Extension[x509.ExtensionType]]) -> bytes:
    """Encode an Extensions SEQUENCE."""
    return der.sequence_of(extension(e) for e in exts)

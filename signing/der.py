"""A minimal DER encoder: just the ASN.1 types a CA needs to assemble signed structures.

Certificates, CRLs and OCSP responses are built here as "TBS bytes, signature, assembly"
so that any :class:`signing.keys.KeyBackend` (including a PKCS#11 token) can sign them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

SEQUENCE = 0x30
SET = 0x31


def length(n: int) -> bytes:
    """Encode a DER length (short form below 128, long form otherwise)."""
    if n < 0x80:
        return bytes((n,))
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(raw),)) + raw


def tlv(tag: int, content: bytes) -> bytes:
    """Encode one element with a single-octet *tag*."""
    return bytes((tag,)) + length(len(content)) + content


def header(tag: int, content_length: int) -> bytes:
    """Return only the tag and length octets, for content assembled elsewhere."""
    return bytes((tag,)) + length(content_length)


def sequence(*parts: bytes) -> bytes:
    """Encode a SEQUENCE of already-encoded elements."""
    return tlv(SEQUENCE, b"".join(parts))


def sequence_of(parts: Iterable[bytes]) -> bytes:
    """Encode a SEQUENCE OF from an iterable of already-encoded elements."""
    return tlv(SEQUENCE, b"".join(parts))


def integer_content(value: int) -> bytes:
    """Return the minimal two's-complement content octets of an INTEGER."""
    size = (value + (value < 0)).bit_length() // 8 + 1
    return value.to_bytes(size, "big", signed=True)


def integer(value: int) -> bytes:
    """Encode an INTEGER."""
    return tlv(0x02, integer_content(value))


def enumerated(value: int) -> bytes:
    """Encode an ENUMERATED."""
    return tlv(0x0A, integer_content(value))


def boolean(value: bool) -> bytes:
    """Encode a BOOLEAN (DER requires 0xFF for true)."""
    return b"\x01\x01\xff" if value else b"\x01\x01\x00"


def null() -> bytes:
    """Encode a NULL."""
    return b"\x05\x00"


def octet_string(data: bytes) -> bytes:
    """Encode an OCTET STRING."""
    return tlv(0x04, data)


def bit_string(data: bytes, unused_bits: int = 0) -> bytes:
    """Encode a BIT STRING whose content is whole octets (signatures, keys)."""
    return tlv(0x03, bytes((unused_bits,)) + data)


def oid(dotted: str) -> bytes:
    """Encode an OBJECT IDENTIFIER from its dotted form."""
    arcs = [int(a) for a in dotted.split(".")]
    if len(arcs) < 2:
        raise ValueError(f"OID needs at least two arcs: {dotted}")
    body = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body.extend(reversed(chunk))
    return tlv(0x06, bytes(body))


def explicit(number: int, content: bytes) -> bytes:
    """Wrap *content* in a constructed context-specific EXPLICIT tag."""
    return tlv(0xA0 | number, content)


def _require_utc(when: dt.datetime) -> dt.datetime:
    if when.tzinfo is None:
        raise ValueError("naive datetime cannot be encoded; give an aware UTC time")
    return when.astimezone(dt.UTC)


def utc_time(when: dt.datetime) -> bytes:
    """Encode a UTCTime (YYMMDDHHMMSSZ); only valid for years 1950-2049."""
    when = _require_utc(when)
    if not 1950 <= when.year <= 2049:
        raise ValueError("UTCTime only covers 1950-2049")
    return tlv(0x17, when.strftime("%y%m%d%H%M%SZ").encode("ascii"))


def generalized_time(when: dt.datetime) -> bytes:
    """Encode a GeneralizedTime without fractional seconds (YYYYMMDDHHMMSSZ)."""
    when = _require_utc(when)
    return tlv(0x18, f"{when.year:04d}{when.strftime('%m%d%H%M%S')}Z".encode("ascii"))


def time(when: dt.datetime) -> bytes:
    """Encode an RFC 5280 Time: UTCTime through 2049, GeneralizedTime from 2050."""
    when = _require_utc(when)
    if when.year < 2050:
        return utc_time(when)
    return generalized_time(when)

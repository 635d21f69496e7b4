"""The DER encoder against known encodings and cryptography's parser."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509

from signing import der


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (0, "020100"),
        (1, "020101"),
        (127, "02017f"),
        (128, "02020080"),
        (255, "020200ff"),
        (256, "02020100"),
        (-1, "0201ff"),
        (-128, "020180"),
        (-129, "0202ff7f"),
        (2**128 - 1, "021100" + "ff" * 16),
    ],
)
def test_integer(value: int, encoded: str) -> None:
    assert der.integer(value).hex() == encoded


@pytest.mark.parametrize(
    ("n", "encoded"),
    [(0, "00"), (127, "7f"), (128, "8180"), (255, "81ff"), (256, "820100"), (70000, "83011170")],
)
def test_length(n: int, encoded: str) -> None:
    assert der.length(n).hex() == encoded


def test_oid_matches_cryptography() -> None:
    for dotted in ("2.5.29.21", "1.2.840.113549.1.1.11", "2.23.140.1.5.4.2", "1.3.6.1.5.5.7.48.1.2"):
        encoded = der.oid(dotted)
        # An Extension's OID as cryptography encodes it inside a real structure.
        assert encoded[0] == 0x06
        assert x509.ObjectIdentifier(dotted).dotted_string == dotted
    assert der.oid("1.2.840.113549").hex() == "06062a864886f70d"
    assert der.oid("2.5.29.21").hex() == "0603551d15"
    with pytest.raises(ValueError):
        der.oid("1")


def test_times() -> None:
    when = dt.datetime(2026, 2, 3, 4, 5, 6, 999, tzinfo=dt.UTC)
    assert der.utc_time(when) == b"\x17\x0d260203040506Z"
    assert der.generalized_time(when) == b"\x18\x0f20260203040506Z"
    assert der.time(when) == der.utc_time(when)
    later = when.replace(year=2050)
    assert der.time(later) == b"\x18\x0f20500203040506Z"
    jst = dt.timezone(dt.timedelta(hours=9))
    assert der.utc_time(dt.datetime(2026, 2, 3, 13, 5, 6, tzinfo=jst)) == b"\x17\x0d260203040506Z"
    with pytest.raises(ValueError):
        der.time(dt.datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        der.utc_time(later)


def test_simple_types() -> None:
    assert der.boolean(True) == b"\x01\x01\xff"
    assert der.null() == b"\x05\x00"
    assert der.bit_string(b"\xab") == b"\x03\x02\x00\xab"
    assert der.enumerated(5) == b"\x0a\x01\x05"
    assert der.explicit(0, der.integer(2)) == b"\xa0\x03\x02\x01\x02"
    assert der.sequence(der.null(), der.null()) == b"\x30\x04\x05\x00\x05\x00"
    long = der.octet_string(b"x" * 300)
    assert long[:4] == b"\x04\x82\x01\x2c" and len(long) == 304

"""Certificate serial numbers: the one ``Serial`` type, and fresh random serials.

A serial is a positive integer of at most 159 bits (RFC 5280: at most 20 DER content
octets).  People write it in many ways — ``3A:7F:01:C2`` (OpenSSL), ``3a 7f 01 c2`` (the
Windows dialog), ``0x3a7f01c2``, ``3A7F-01C2``, full-width ``３Ａ７Ｆ`` — and every one of them
goes through :meth:`Serial.parse`.  There are exactly two written forms:

* the canonical text, ``str(serial)`` / ``serial.hex``: lower-case hexadecimal without
  leading zeros.  Mails, pages, the API and the CLI show this (templates may upper-case it);
* the database key, ``serial.key``: 40 lower-case hex digits, zero-padded, so that the
  register can index and compare serials as fixed-width strings.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

SERIAL_BYTES = 16
#: Serials are positive and fit in 20 DER octets, so they have at most 159 bits.
MAX_BITS = 159
KEY_WIDTH = 40

# Separators people put between digit groups: spaces, colons, hyphens, dots, underscores.
_SEPARATORS = re.compile(r"[\s:\-._]+")
_HEX = re.compile(r"[0-9a-f]+")


class InvalidSerial(ValueError):
    """The text is not a certificate serial number (the message says why)."""


@dataclass(frozen=True, order=True, slots=True)
class Serial:
    """A certificate serial number: an immutable wrapper around the positive integer."""

    value: int

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise InvalidSerial(f"a serial number is an integer, not {type(self.value).__name__}")
        if self.value <= 0:
            raise InvalidSerial("a serial number is positive (zero and negative numbers are not serials)")
        if self.value.bit_length() > MAX_BITS:
            raise InvalidSerial("a serial number has at most 40 hexadecimal digits (20 octets, RFC 5280)")

    @classmethod
    def from_int(cls, value: int) -> Serial:
        """Wrap an integer serial (e.g. ``x509.Certificate.serial_number``)."""
        return cls(value)

    @classmethod
    def parse(cls, text: str) -> Serial:
        """Read a serial written in hexadecimal in any of the usual forms.

        Accepted: upper or lower case, an optional ``0x`` prefix, digit groups separated by
        colons, spaces, hyphens, dots or underscores, full-width characters (NFKC).  Raises
        :class:`InvalidSerial` on anything else.
        """
        if not isinstance(text, str):
            raise InvalidSerial(f"a serial number is written as text, not {type(text).__name__}")
        cleaned = unicodedata.normalize("NFKC", text).strip().lower()
        if cleaned.startswith("0x"):
            cleaned = cleaned[2:]
        digits = _SEPARATORS.sub("", cleaned)
        if not digits:
            raise InvalidSerial(f"not a serial number: {text!r} (no hexadecimal digits)")
        if not _HEX.fullmatch(digits):
            raise InvalidSerial(f"not a serial number: {text!r} (only hexadecimal digits 0-9 and a-f are allowed)")
        value = int(digits, 16)
        if value == 0:
            raise InvalidSerial(f"not a serial number: {text!r} (zero is not a serial)")
        if value.bit_length() > MAX_BITS:
            raise InvalidSerial(f"not a serial number: {text!r} (longer than 40 hexadecimal digits)")
        return cls(value)

    @classmethod
    def from_key(cls, key: str) -> Serial:
        """Read a database key (the padded form written by :attr:`key`)."""
        return cls(int(key, 16))

    @property
    def hex(self) -> str:
        """The canonical text: lower-case hexadecimal without leading zeros."""
        return format(self.value, "x")

    @property
    def key(self) -> str:
        """The database key: 40 lower-case hex digits, zero-padded."""
        return format(self.value, f"0{KEY_WIDTH}x")

    def __int__(self) -> int:
        return self.value

    def __str__(self) -> str:
        return self.hex


def random_serial() -> int:
    """Return a fresh random serial number.

    Sixteen random octets give 128 bits of CSPRNG output (CA/B Forum asks for 64).  The
    value is read as an unsigned integer, so DER needs at most one extra 0x00 octet when
    the top bit is set: 17 octets, within RFC 5280's limit of 20.  Zero is not allowed.
    """
    while True:
        value = int.from_bytes(secrets.token_bytes(SERIAL_BYTES), "big")
        if value:
            return value

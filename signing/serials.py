"""Certificate serial numbers: 128 random bits, positive, at most 17 DER content octets."""

from __future__ import annotations

import secrets

SERIAL_BYTES = 16


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


def serial_key(serial: int) -> str:
    """Return the fixed-width hexadecimal database key of *serial*."""
    if serial <= 0 or serial.bit_length() > 159:
        raise ValueError("serial numbers are positive and fit in 20 DER octets")
    return format(serial, "040x")

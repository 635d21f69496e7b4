"""Serial numbers typed by operators: one serial per line (or comma), in any written form.

Spaces, colons and hyphens inside a line are group separators of ONE serial (as the Windows
certificate dialog and OpenSSL print them), never separators between serials, so a grouped
serial such as ``a0a4 d3ec ae02`` is read as one number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_BETWEEN = re.compile(r"[,;\n、，；]+")
_GROUP = re.compile(r"[\s:\-]+")


class BadSerial(ValueError):
    """The text is not a certificate serial number."""


def parse_serial(text: str) -> str:
    """Return the canonical form (lower-case hex, no leading zeros) of one typed serial."""
    cleaned = _GROUP.sub("", unicodedata.normalize("NFKC", text).strip().lower()).removeprefix("0x")
    if not cleaned or any(ch not in "0123456789abcdef" for ch in cleaned) or len(cleaned) > 40:
        raise BadSerial(f"not a certificate serial number: {text.strip()!r}")
    value = int(cleaned, 16)
    if value <= 0:
        raise BadSerial(f"a serial number is positive: {text.strip()!r}")
    return format(value, "x")


def parse_serials(entries: Iterable[str]) -> list[str]:
    """Parse every serial in *entries* (each may hold several, one per line or comma), in order, once each."""
    seen: list[str] = []
    for entry in entries:
        for piece in _BETWEEN.split(entry):
            if piece.strip():
                serial = parse_serial(piece)
                if serial not in seen:
                    seen.append(serial)
    return seen

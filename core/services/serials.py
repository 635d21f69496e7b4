"""Serials typed by operators: one serial per line (or comma), each in any written form.

Spaces, colons and hyphens inside a line are group separators of ONE serial (as the Windows
certificate dialog and OpenSSL print them), never separators between serials, so a grouped
serial such as ``a0a4 d3ec ae02`` is read as one number.  Each piece is read by the one
parser, :meth:`signing.serials.Serial.parse`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from signing.serials import Serial

_BETWEEN = re.compile(r"[,;\n、，；]+")


def parse_serials(entries: Iterable[str]) -> list[str]:
    """Parse every serial in *entries* (each may hold several, one per line or comma), in order, once each."""
    seen: list[str] = []
    for entry in entries:
        for piece in _BETWEEN.split(entry):
            if piece.strip():
                serial = str(Serial.parse(piece))
                if serial not in seen:
                    seen.append(serial)
    return seen



#: Quotes and brackets a serial is often wrapped in when copied from a mail or a dialog.
_WRAPPERS = "()[]{}<>「」『』【】\"'`“”‘’"
#: A label copied along with the number ("シリアル番号：", "Serial Number:").
_LABEL = re.compile(r"^\s*(?:serial(?:\s*number)?|シリアル(?:番号)?|s/n)\s*[:：]?", re.IGNORECASE)


def read_one_serial(text: str) -> Serial:
    """Read ONE serial typed into a field, in any written form.

    Groups may be separated by spaces, colons, hyphens or line breaks (a serial wrapped over two
    lines), written full-width, with ``0x``, wrapped in quotes or brackets, or copied with its
    label.  Raises :class:`signing.serials.InvalidSerial` when it is not a serial number.
    """
    cleaned = _LABEL.sub("", unicodedata.normalize("NFKC", text)).strip().strip(_WRAPPERS).strip()
    return Serial.parse(cleaned)

"""Extraction of certificate serial numbers from free text.

Users copy serials from the Windows certificate dialog (``3a 7f 01 c2``), from OpenSSL
(``3A:7F:01:C2``), from programs (``0x3a7f01c2``) or type them after a label
(``シリアル番号: 3A7F01C2``); a few give the decimal value and say so
(``シリアル番号（10進）: 981402050``).  Every form is returned as the canonical text of
:class:`signing.serials.Serial` (lower-case hexadecimal without leading zeros); zero and
values over 20 octets are not serials.  Bare numbers are never taken as serials without a
label, so phone numbers, dates, postal codes and amounts are left alone.  Phone numbers are not extracted
for any purpose: callbacks always use the registered number, never one from a mail.
"""

from __future__ import annotations

import re
import unicodedata

from signing.serials import InvalidSerial, Serial

_LABEL = r"(?:シリアル\s*(?:番号|ナンバー|No\.?|#)?|serial\s*(?:number|no\.?|#)?|s/n|証明書番号)"
_DECIMAL_MARK = r"(?:\(\s*(?:10進数?|十進数?|decimal|dec)\s*\)|\s*in\s+decimal|（?10進数?）?)"
_HEX_MARK = r"(?:\(\s*(?:16進数?|十六進数?|hex(?:adecimal)?)\s*\))"
_GLUE = r"(?:\s|:|=|は|が|です|is|was|:)*"
_GROUPED = r"[0-9a-f]{2}(?:[ :\-][0-9a-f]{2}){1,31}"
_CONTIGUOUS = r"(?:0x)?[0-9a-f]{2,64}"

_LABELLED = re.compile(
    _LABEL
    + r"\s*(?P<dec>"
    + _DECIMAL_MARK
    + r")?\s*(?:"
    + _HEX_MARK
    + r")?"
    + _GLUE
    + r"(?P<value>"
    + _GROUPED
    + r"|"
    + _CONTIGUOUS
    + r")(?![0-9a-z])",
    re.IGNORECASE,
)
_OX = re.compile(r"(?<![0-9a-z])0x(?P<value>[0-9a-f]{4,64})(?![0-9a-z])", re.IGNORECASE)
_COLON_GROUPS = re.compile(r"(?<![0-9a-f:])(?P<value>[0-9a-f]{2}(?::[0-9a-f]{2}){3,31})(?![0-9a-f:])", re.I)
_SPACE_GROUPS = re.compile(r"(?<![0-9a-z])(?P<value>[0-9a-f]{2}(?: [0-9a-f]{2}){3,31})(?![0-9a-z])", re.I)


def _normalise_hex(value: str) -> str | None:
    """Turn one written serial into canonical lower-case hex, or None if it is not one."""
    digits = re.sub(r"[\s:\-]", "", value.lower()).removeprefix("0x")
    if len(digits) < 4:  # Two hex digits after a label are more often a word or a number.
        return None
    try:
        return Serial.parse(value).hex
    except InvalidSerial:
        return None


def _normalise_decimal(value: str) -> str | None:
    """Turn a decimal serial into canonical hex, or None if it is not all digits."""
    digits = re.sub(r"[\s,]", "", value)
    if not digits.isdigit() or len(digits) < 3:
        return None
    try:
        return Serial.from_int(int(digits)).hex
    except InvalidSerial:
        return None


# A mail naming more serials than this is a list or a log, not a request; stop there.
MAX_SERIALS = 50


def extract_serials(text: str) -> list[str]:
    """Return the serial numbers in *text* (at most MAX_SERIALS), canonical, without duplicates."""
    norm = unicodedata.normalize("NFKC", text)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in _LABELLED.finditer(norm):
        value = match.group("value")
        if match.group("dec") and re.fullmatch(r"[0-9]+", value):
            serial = _normalise_decimal(value)
        else:
            if not re.search(r"[0-9]", value):
                # A label followed by a plain word ("serial number: face") is not a serial.
                continue
            serial = _normalise_hex(value)
        if serial:
            found.append((match.start("value"), serial))
            taken.append(match.span("value"))
            if len(found) >= MAX_SERIALS:
                break
    for pattern in (_OX, _COLON_GROUPS, _SPACE_GROUPS):
        if len(found) >= MAX_SERIALS:
            break
        for match in pattern.finditer(norm):
            if len(found) >= MAX_SERIALS:
                break
            start, end = match.span("value")
            if any(s <= start < e or s < end <= e for s, e in taken):
                continue
            value = match.group("value")
            mixed = re.search(r"[a-f]", value, re.I) and re.search(r"\d", value)
            if pattern is _SPACE_GROUPS and not mixed:
                # Unlabelled groups need both digits and hex letters: plain digit groups are
                # more likely a number, and plain letter pairs are words ("be ad ed").
                continue
            if pattern is _SPACE_GROUPS and re.search(r"[g-z]", value, re.I):
                continue
            serial = _normalise_hex(value)
            if serial:
                found.append((start, serial))
                taken.append((start, end))
    ordered = [serial for _pos, serial in sorted(found)]
    return list(dict.fromkeys(ordered))

"""Decoding of mail header values as Japanese senders really write them.

Handles RFC 2047 encoded words even when they are glued to other text without spaces,
split in the middle of a multi-byte character across adjacent words, labelled with the
wrong charset, or when the header carries raw 8-bit (CP932, EUC-JP, UTF-8) bytes.
Never raises; problems are returned as notes.
"""

from __future__ import annotations

import base64
import binascii
import re
from email.header import Header

from intake.charsets import decode_bytes

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")


def _word_bytes(encoding: str, payload: str) -> bytes:
    """Return the bytes of one encoded word's payload, tolerating missing padding."""
    if encoding.lower() == "b":
        cleaned = re.sub(r"[^A-Za-z0-9+/]", "", payload)
        cleaned += "=" * (-len(cleaned) % 4)
        try:
            return base64.b64decode(cleaned)
        except (binascii.Error, ValueError):
            return payload.encode("ascii", "replace")
    raw = payload.replace("_", " ").encode("utf-8", "surrogateescape")
    return re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes((int(m.group(1), 16),)), raw)


def _to_raw(value: object) -> bytes:
    """Recover the header's original bytes from what the compat32 parser returned."""
    if isinstance(value, Header):
        # compat32 returns a Header when the value holds 8-bit data it could not represent.
        parts = []
        for chunk, charset in getattr(value, "_chunks", []):
            if isinstance(chunk, bytes):
                parts.append(chunk)
            else:
                parts.append(str(chunk).encode("utf-8", "surrogateescape"))
            del charset
        return b"".join(parts)
    return str(value).encode("utf-8", "surrogateescape")


def decode_header_value(value: object) -> tuple[str, list[str]]:
    """Decode a raw header value to text, returning ``(text, notes)``."""
    notes: list[str] = []
    try:
        raw = _to_raw(value)
    except Exception:  # noqa: BLE001 - a header object we cannot read is recorded, not fatal.
        return str(value), ["unreadable header value"]
    has_raw_bytes = not isinstance(value, str) or re.search("[\udc80-\udcff]", value) is not None
    if (has_raw_bytes and any(b >= 0x80 for b in raw)) or b"\x1b" in raw:
        text, charset, more = decode_bytes(raw, None)
        notes.append(f"raw 8-bit header decoded as {charset}")
        notes.extend(more)
    elif isinstance(value, str):
        text = value
    else:
        text = raw.decode("utf-8", "replace")
    # Unfold continuation lines before looking for encoded words.
    text = re.sub(r"\r?\n[ \t]+", " ", text)
    return _decode_words(text, notes), notes


def _decode_words(text: str, notes: list[str]) -> str:
    """Replace every run of encoded words in *text* with its decoded form."""
    out: list[str] = []
    pos = 0
    run_charset: str | None = None
    run_bytes = b""

    def flush() -> None:
        nonlocal run_bytes, run_charset
        if run_charset is not None:
            decoded, _used, more = decode_bytes(run_bytes, run_charset)
            notes.extend(more)
            out.append(decoded)
        run_bytes, run_charset = b"", None

    for match in _ENCODED_WORD.finditer(text):
        between = text[pos : match.start()]
        charset = match.group(1).split("*", 1)[0].lower()
        data = _word_bytes(match.group(2), match.group(3))
        if run_charset is not None and between.strip() == "" and charset == run_charset:
            # Adjacent words of the same charset are joined before decoding, because some
            # mailers split a multi-byte character across two words.
            run_bytes += data
        else:
            if run_charset is not None and between.strip() == "":
                flush()
            else:
                flush()
                out.append(between)
            run_charset, run_bytes = charset, data
        pos = match.end()
    flush()
    out.append(text[pos:])
    return "".join(out).strip()

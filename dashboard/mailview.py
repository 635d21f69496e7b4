"""Reading a stored raw message for display: headers, text and attachments (e.g. fax PDFs).

Parsing uses the standard library only and never raises on broken input: a message that
cannot be decoded still shows what could be read.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.header import decode_header
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser

SHOWN_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To")
#: Attachment types a browser may display inline; everything else is only offered as a download.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/tiff", "text/plain"})


@dataclass(frozen=True)
class Attachment:
    """One attachment, numbered in walk order so that it can be fetched again by index."""

    index: int
    filename: str
    content_type: str
    size: int

    @property
    def inline_ok(self) -> bool:
        return self.content_type in INLINE_TYPES


def parse(raw: bytes) -> Message:
    return email.message_from_bytes(raw, policy=email.policy.default)


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\u2028\u2029]")


def printable(text: str) -> str:
    """Header text fit to show: control characters (decoded CR/LF, NUL, ...) become a visible mark."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)


def _decode_loosely(value: object) -> str:
    """Decode RFC 2047 words of a raw header value without ever raising."""
    text = str(value) if isinstance(value, str) else repr(value)
    try:
        return "".join(part.decode(charset or "ascii", "replace") if isinstance(part, bytes) else part
                       for part, charset in decode_header(text))
    except Exception:  # noqa: BLE001 - unknown charsets and the like: show it undecoded.
        return text


def headers(raw: bytes) -> list[tuple[str, str]]:
    """The headers worth showing, decoded (RFC 2047) where possible; never raises, whatever the bytes."""
    try:  # Headers only: a mail with thousands of parts must not be parsed whole for its header table.
        msg = BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    except Exception:  # noqa: BLE001 - the stdlib parser should not raise, but the page must render.
        return []
    loose = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
    out: list[tuple[str, str]] = []
    for name in SHOWN_HEADERS:
        try:
            values = [str(value) for value in msg.get_all(name, [])]
        except Exception:  # noqa: BLE001 - e.g. "address parts cannot contain CR or LF": decode loosely.
            values = [_decode_loosely(value) for value in loose.get_all(name, [])]
        out.extend((name, printable(value)) for value in values)
    return out


#: Attachments listed per page on the case page; every one stays downloadable by its index.
ATTACHMENTS_PER_PAGE = 100
#: Highest attachment index the download route accepts (a mail this size would not pass SMTP anyway).
MAX_ATTACHMENT_INDEX = 1_000_000


@dataclass(frozen=True)
class AttachmentPage:
    """One page of a message's attachments."""

    items: list[Attachment]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // ATTACHMENTS_PER_PAGE))


def _fast_parse(raw: bytes) -> Message:
    # compat32 is much faster than the default policy on mails with thousands of parts; the walk
    # order (and so every index) is the same.
    return email.message_from_bytes(raw, policy=email.policy.compat32)


def _filename(part: Message, index: int) -> str:
    name = part.get_filename()
    if not name:
        return f"attachment-{index + 1}"
    return printable(_decode_loosely(str(name)))


def attachment_page(raw: bytes, page: int = 1) -> AttachmentPage:
    """Page *page* (from 1) of the attachments, each with its size; only that page is decoded."""
    parts = _parts(_fast_parse(raw))
    page = max(1, min(page, max(1, -(-len(parts) // ATTACHMENTS_PER_PAGE))))
    start = (page - 1) * ATTACHMENTS_PER_PAGE
    items = []
    for i, part in enumerate(parts[start:start + ATTACHMENTS_PER_PAGE], start=start):
        payload = part.get_payload(decode=True)
        items.append(Attachment(i, _filename(part, i), part.get_content_type(),
                                len(payload) if isinstance(payload, bytes) else 0))
    return AttachmentPage(items, len(parts), page)


def _parts(msg: Message) -> list[Message]:
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_disposition() == "attachment" or part.get_filename():
            parts.append(part)
        elif part.get_content_maintype() not in ("text",):
            parts.append(part)
    return parts


def attachments(raw: bytes) -> list[Attachment]:
    """Every non-text part (and every part marked as an attachment)."""
    out = []
    for i, part in enumerate(_parts(parse(raw))):
        payload = part.get_payload(decode=True)
        size = len(payload) if isinstance(payload, bytes) else 0
        name = part.get_filename() or f"attachment-{i + 1}"
        out.append(Attachment(i, name, part.get_content_type(), size))
    return out


def attachment_bytes(raw: bytes, index: int) -> tuple[Attachment, bytes] | None:
    """The decoded content of attachment *index*, or None."""
    parts = _parts(_fast_parse(raw))
    if not 0 <= index < len(parts):
        return None
    part = parts[index]
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    return Attachment(index, _filename(part, index), part.get_content_type(), len(data)), data


def body_text(raw: bytes) -> str:
    """The plain-text body when the parsed form is missing (e.g. manual intake or quarantine)."""
    try:
        msg = parse(raw)
        if isinstance(msg, EmailMessage):
            part = msg.get_body(preferencelist=("plain",))
            if part is not None:
                return str(part.get_content())
    except Exception:  # noqa: BLE001 - show nothing rather than fail the page.
        return ""
    return ""


def clean(text: str) -> str:
    # Undecodable bytes come back as lone surrogates, which cannot be written into a page.
    return text.encode("utf-8", "replace").decode("utf-8")


def quick_view(raw: bytes, names: tuple[str, ...]) -> tuple[dict[str, str], str]:
    """Some headers (decoded) and the first plain-text body, read with the fast compat32 parser.

    For pages that show many messages at once (a case's conversation): the default policy
    parses every header into objects, about a millisecond each.  Never raises.
    """
    try:
        msg = _fast_parse(raw)
    except Exception:  # noqa: BLE001 - the stdlib parser should not raise, but the page must render.
        return {}, ""
    heads: dict[str, str] = {}
    for name in names:
        value = msg.get(name)
        if value is None:
            continue
        try:  # compat32 gives a Header object for raw 8-bit bytes; str() replaces what it cannot decode.
            text = value if isinstance(value, str) else str(value)
        except Exception:  # noqa: BLE001 - show nothing of a header that cannot be read at all.
            text = ""
        heads[name] = printable(clean(_decode_loosely(text))).strip()
    for part in msg.walk():
        if part.get_content_type() != "text/plain" or part.get_content_disposition() == "attachment":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset() or "utf-8"
        try:
            return heads, clean(payload.decode(charset, "replace"))
        except LookupError:  # an unknown charset name
            return heads, clean(payload.decode("utf-8", "replace"))
    return heads, ""

"""Parsing of raw incoming mail into a :class:`ParsedMail`.

Contract: :func:`parse_message` never raises for any ``bytes`` input.  Whatever goes wrong
inside (broken MIME, undecodable charsets, pathological headers) is recorded in
``ParsedMail.defects`` and the best text that could be recovered is returned, so the
caller never has to quarantine a mail because of the parser.  :class:`ParseError` is
raised only when the argument is not ``bytes`` at all, which is a programming error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from typing import NamedTuple

from intake.charsets import decode_bytes
from intake.headers import decode_header_value
from intake.htmltext import html_to_text
from intake.quoting import split_body
from intake.sender import read_sender

# Bodies larger than this are truncated for text analysis (attachments are kept whole).
_MAX_TEXT_BYTES = 2_000_000


class ParseError(Exception):
    """Raised only when parse_message is given something other than bytes."""


class Attachment(NamedTuple):
    """One attachment as received: a (filename, content_type, size, sha256, payload) tuple.

    ``payload`` holds the decoded bytes; a returned message (message/rfc822) is kept as
    its serialised bytes.
    """

    filename: str
    content_type: str
    size: int
    sha256: str
    payload: bytes


@dataclass
class ParsedMail:
    """Everything intake needs from one mail, decoded to text."""

    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    subject: str = ""
    from_addr: str = ""
    from_name: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    date: dt.datetime | None = None
    language: str = "ja"
    text: str = ""
    new_text: str = ""
    quoted_text: str = ""
    signature: str = ""
    html_converted: bool = False
    # The text of an HTML alternative set aside for the plain one (its tables and pasted screens are
    # sometimes missing from the plain text; see intake.classify).
    html_alternative: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    # Lower-case header name to its first decoded value.
    headers: dict[str, str] = field(default_factory=dict)
    # Every header in order as (lower-case name, decoded value), repeats included.
    header_list: list[tuple[str, str]] = field(default_factory=list)
    content_type: str = "text/plain"
    defects: list[str] = field(default_factory=list)
    # What was odd about the From header (see intake.sender), e.g. an address in the display name.
    sender_flags: list[str] = field(default_factory=list)

    @property
    def charset_notes(self) -> list[str]:
        """Alias of ``defects`` under the name used in the intake design notes."""
        return self.defects


_MSGID = re.compile(r"<[^<>\s]+>")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")


def parse_message(raw: bytes) -> ParsedMail:
    """Parse *raw* mail bytes; see the module docstring for the error contract."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise ParseError(f"expected bytes, got {type(raw).__name__}")
    raw = bytes(raw)
    result = ParsedMail()
    try:
        msg = message_from_bytes(raw, policy=compat32)
    except Exception as exc:  # noqa: BLE001 - the stdlib parser is documented not to raise, but be sure.
        result.defects.append(f"message could not be parsed: {exc!r}")
        text, _cs, notes = decode_bytes(raw[:_MAX_TEXT_BYTES], None)
        result.defects.extend(notes)
        _set_text(result, text)
        return result
    for defect in getattr(msg, "defects", []):
        result.defects.append(f"mime: {type(defect).__name__}")
    _read_headers(msg, result)
    try:
        _read_body(msg, result)
    except Exception as exc:  # noqa: BLE001 - any body failure is recorded; headers are still useful.
        result.defects.append(f"body could not be read: {exc!r}")
    result.language = guess_language(result.subject + "\n" + result.new_text)
    result.defects = list(dict.fromkeys(result.defects))
    return result


def guess_language(text: str) -> str:
    """Return ``"ja"`` when the text contains Japanese script, else ``"en"``."""
    letters = len(re.findall(r"[A-Za-z]", text))
    japanese = len(_JAPANESE.findall(text))
    # Japanese needs fewer characters per word; weigh it so mixed text stays Japanese.
    return "ja" if japanese * 4 >= letters and japanese > 0 else "en"


def _header(msg: Message, name: str, result: ParsedMail) -> str:
    """Return the first decoded value of header *name*, or ``""``."""
    return result.headers.get(name.lower(), "")


def _read_headers(msg: Message, result: ParsedMail) -> None:
    """Decode every header into ``result.headers`` and fill the address fields."""
    try:
        items = msg.items()
    except Exception as exc:  # noqa: BLE001
        result.defects.append(f"headers unreadable: {exc!r}")
        return
    for name, value in items:
        key = str(name).strip().lower()
        try:
            text, notes = decode_header_value(value)
        except Exception as exc:  # noqa: BLE001 - one undecodable header must not lose the mail.
            text, notes = str(value), [f"undecodable: {exc!r}"]
        result.header_list.append((key, text))
        result.headers.setdefault(key, text)
        result.defects.extend(f"header {key}: {note}" for note in notes)
    result.subject = _header(msg, "subject", result)
    # The address comes from the raw header's addr-spec, never from a decoded display name.
    sender = read_sender(list(msg.get_all("from") or []))
    result.from_name, result.from_addr, result.sender_flags = sender.display_name, sender.addr, sender.flags
    result.to = [a for _n, a in getaddresses([_header(msg, "to", result)]) if a]
    result.cc = [a for _n, a in getaddresses([_header(msg, "cc", result)]) if a]
    ids = _MSGID.findall(_header(msg, "message-id", result))
    result.message_id = ids[0] if ids else (_header(msg, "message-id", result).strip() or None)
    reply = _MSGID.findall(_header(msg, "in-reply-to", result))
    result.in_reply_to = reply[0] if reply else None
    result.references = _MSGID.findall(_header(msg, "references", result))
    date_text = _header(msg, "date", result)
    if date_text:
        try:
            parsed = parsedate_to_datetime(date_text)
            result.date = parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        except (TypeError, ValueError, IndexError, OverflowError):
            result.defects.append("unparseable Date header")
    try:
        result.content_type = msg.get_content_type()
    except Exception:  # noqa: BLE001
        result.defects.append("unparseable Content-Type")


def _leaf_parts(msg: Message, depth: int = 0) -> list[Message]:
    """List the leaf parts, treating message/rfc822 as a leaf (it is kept as an attachment)."""
    if depth > 20:
        return []
    if msg.get_content_maintype() == "multipart" and isinstance(msg.get_payload(), list):
        leaves: list[Message] = []
        for sub in msg.get_payload():
            if isinstance(sub, Message):
                leaves.extend(_leaf_parts(sub, depth + 1))
        return leaves
    return [msg]


def _alternative_choice(msg: Message) -> set[int]:
    """Return ids of text/html parts to skip because a text/plain alternative exists."""
    skip: set[int] = set()
    for part in msg.walk():
        if part.get_content_type() != "multipart/alternative" or not isinstance(part.get_payload(), list):
            continue
        subs = [p for p in part.get_payload() if isinstance(p, Message)]
        if any(p.get_content_type() == "text/plain" for p in subs):
            skip.update(id(p) for p in subs if p.get_content_type() == "text/html")
    return skip


def _payload_bytes(part: Message, result: ParsedMail) -> bytes:
    """Return a leaf part's decoded payload bytes (message/rfc822 re-serialised)."""
    if part.get_content_type() in ("message/rfc822", "message/global") or isinstance(part.get_payload(), list):
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            try:
                return inner[0].as_bytes()
            except Exception:  # noqa: BLE001
                result.defects.append("embedded message could not be re-serialised")
                return str(inner[0]).encode("utf-8", "surrogateescape")
        return b""
    data = part.get_payload(decode=True)
    if isinstance(data, bytes):
        return data
    text = part.get_payload()
    return str(text).encode("utf-8", "surrogateescape") if text is not None else b""


def _is_attachment(part: Message) -> bool:
    """Tell whether a leaf part is an attachment rather than body text."""
    disposition = str(part.get("content-disposition", "")).split(";", 1)[0].strip().lower()
    ctype = part.get_content_type()
    if disposition == "attachment":
        return True
    if ctype not in ("text/plain", "text/html"):
        return True
    return bool(part.get_filename()) and disposition != "inline"


def _read_body(msg: Message, result: ParsedMail) -> None:
    """Collect body text and attachments from every leaf part."""
    skip = _alternative_choice(msg)
    texts: list[str] = []
    for index, part in enumerate(_leaf_parts(msg)):
        try:
            if id(part) in skip:
                if not result.html_alternative:
                    _keep_alternative(part, result)
                continue
            payload = _payload_bytes(part, result)
            if _is_attachment(part):
                result.attachments.append(_attachment(part, payload, index, result))
                continue
            text, notes = _part_text(part, payload)
            result.defects.extend(notes)
            result.html_converted = result.html_converted or part.get_content_type() == "text/html"
            texts.append(text)
        except Exception as exc:  # noqa: BLE001 - one broken part must not lose the others.
            result.defects.append(f"part {index} unreadable: {exc!r}")
    _set_text(result, "\n\n".join(t.strip("\n") for t in texts))


def _part_text(part: Message, payload: bytes) -> tuple[str, list[str]]:
    """The text of a body part (HTML read as text, line ends as "\\n") and the notes on how it was decoded."""
    notes: list[str] = []
    charset = None
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001
        notes.append("unreadable charset parameter")
    text, _used, decoded = decode_bytes(payload[:_MAX_TEXT_BYTES], charset)
    if part.get_content_type() == "text/html":
        text = html_to_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n"), [*notes, *decoded]


def _keep_alternative(part: Message, result: ParsedMail) -> None:
    """Keep the text of an HTML alternative set aside for the plain one (its decoding notes are not the mail's)."""
    result.html_alternative, _notes = _part_text(part, _payload_bytes(part, result))


def _attachment(part: Message, payload: bytes, index: int, result: ParsedMail) -> Attachment:
    """Build an Attachment, decoding an encoded filename if there is one."""
    try:
        raw_name = part.get_filename() or part.get_param("name") or ""
    except Exception:  # noqa: BLE001
        raw_name = ""
        result.defects.append(f"part {index}: unreadable filename")
    if isinstance(raw_name, tuple):
        raw_name = raw_name[2]
    filename, notes = decode_header_value(str(raw_name)) if raw_name else ("", [])
    result.defects.extend(f"attachment name: {n}" for n in notes)
    return Attachment(
        filename=filename or f"part-{index}",
        content_type=part.get_content_type(),
        size=len(payload),
        sha256=hashlib.sha256(payload).hexdigest(),
        payload=payload,
    )


def _set_text(result: ParsedMail, text: str) -> None:
    """Store the full text and its split into new, quoted and signature parts."""
    text = text.replace("\r\n", "\n").replace("\x00", "")
    result.text = text
    split = split_body(text)
    result.new_text = split.new_text
    result.quoted_text = split.quoted_text
    result.signature = split.signature

"""The sender's address, read from the raw ``From`` header — never from a decoded display name.

Decoding RFC 2047 words before looking for the address lets a display name such as
``=?utf-8?b?<base64 of a customer's address>?= <attacker@evil.example>`` win, and lets encoded
CR/LF smuggle header text into replies. Here the undecoded header is tokenised by
:mod:`email.headerregistry` (which only ever takes the address from the addr-spec), the address
is checked to be a plain ``local@domain``, and a display name that itself looks like an address,
or carries control characters, is flagged and cleaned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.header import Header
from email.policy import default as default_policy

from intake.headers import decode_header_value

_ADDR = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")
_ADDRESS_LIKE = re.compile(r"[^\s<>@\"',;:()]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
#: Stands in for every encoded word while the address is parsed, so decoded text cannot take part.
_MASK = "x-encoded-word"


@dataclass(frozen=True)
class Sender:
    """The address mail may be answered to (empty when there is none we can trust) and what was odd."""

    addr: str = ""
    display_name: str = ""
    flags: list[str] = field(default_factory=list)

    @property
    def domain(self) -> str:
        return self.addr.rpartition("@")[2].lower()


def raw_header_text(value: object) -> str:
    """The header as it came over the wire (unfolded), encoded words left as they are."""
    text = str(value) if isinstance(value, Header | str) else repr(value)
    return re.sub(r"\r?\n[ \t]+", " ", text).replace("\r", " ").replace("\n", " ")


def clean_display_name(name: str) -> str:
    """A display name fit to show and to quote: control characters (CR, LF, ...) become spaces."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", name)).strip()


def read_sender(from_values: list[object]) -> Sender:
    """Read the sender from the raw values of every ``From`` header of a mail."""
    flags: list[str] = []
    if not from_values:
        return Sender(flags=["no From header"])
    if len(from_values) > 1:
        return Sender(flags=[f"{len(from_values)} From headers: no address is trusted"])
    raw = raw_header_text(from_values[0])
    try:
        header = default_policy.header_factory("from", _ENCODED_WORD.sub(_MASK, raw))
        mailboxes = list(getattr(header, "addresses", ()))
    except Exception:  # noqa: BLE001 - an unparseable header leaves no address we could trust.
        return Sender(flags=["From header could not be parsed"])
    if len(mailboxes) != 1:
        return Sender(flags=[f"From header names {len(mailboxes)} mailboxes: no address is trusted"])
    mailbox = mailboxes[0]
    addr = str(mailbox.addr_spec or "").strip()
    # The display name: decoded from the raw phrase by our tolerant decoder (Japanese charsets).
    angle = re.match(r"^(.*)<[^<>]*>\s*$", raw)
    phrase = angle.group(1).strip() if angle else ""
    name = decode_header_value(phrase)[0].strip().strip('"').strip() if phrase else ""
    if _CONTROL.search(name):
        flags.append("display name contains control characters (CR/LF)")
    name = clean_display_name(name)
    if not _ADDR.match(addr) or _MASK in addr:
        flags.append("From address is not a plain local@domain address")
        addr = ""
    for found in _ADDRESS_LIKE.findall(name):
        if found.lower() != addr.lower():
            flags.append(f"display name contains another address: {found}")
    return Sender(addr=addr, display_name=name, flags=flags)

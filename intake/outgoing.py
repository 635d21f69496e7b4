"""Composition and sending of outgoing mail, case tags for threading, and loop detection.

Every automatic mail we send is marked ``Auto-Submitted: auto-replied`` (RFC 3834) (a reply an
operator wrote is not), and every mail carries our
own ``X-Madoguchi-Loop`` header, so that our intake recognises its own mail coming back
and well-behaved auto-responders do not answer it.  Bodies are UTF-8, Japanese first.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterable, Mapping
from email.message import EmailMessage
from email.utils import formatdate

import aiosmtplib

from intake import texts
from intake.mailtemplates import MailTemplate
from intake.parse import ParsedMail

LOOP_HEADER = "X-Madoguchi-Loop"
_TAG = re.compile(r"\[?\b(MDG-\d{6})\b\]?")
_TAG_IN_ID = re.compile(r"<mdg-(\d{6})\.", re.I)


class SendError(Exception):
    """Base class for failures to hand a message to the smarthost."""


class PermanentSendError(SendError):
    """The server refused the message for good (5xx); retrying will not help."""


class TemporarySendError(SendError):
    """A 4xx answer or a connection problem; the message should be retried later."""


def format_case_tag(n: int) -> str:
    """Return the case tag for case number *n*, e.g. ``MDG-000123``."""
    if n < 0 or n > 999_999:
        raise ValueError(f"case number out of range: {n}")
    return f"MDG-{n:06d}"


def extract_case_tag(subject: str, references: list[str] | None = None) -> str | None:
    """Find the case tag in a reply's subject, or else in the Message-IDs it references."""
    match = _TAG.search(subject or "")
    if match:
        return match.group(1)
    for ref in references or []:
        found = _TAG_IN_ID.search(ref)
        if found:
            return f"MDG-{found.group(1)}"
    return None


def compose_reply(
    kind: str,
    to: str,
    case_tag: str,
    language: str,
    context: Mapping[str, object],
    in_reply_to: str | None,
    references: list[str],
    mail_domain: str,
    from_addr: str,
    *,
    source: tuple[str, str] | None = None,
    text: tuple[str, str] | None = None,
    auto: bool = True,
) -> EmailMessage:
    """Build the outgoing mail of *kind* (see ``texts.KINDS``), for the case *case_tag* if any.

    The body is always Japanese then English; *language* (the customer's) only orders the
    Content-Language header. ``context`` supplies the template fields (``name``, ``serial``...).
    *source* is an admin's edit of the template (Jinja2 subject and body) replacing the shipped
    file; *text* is a subject and body already written (an operator's reply), used as it is.
    *auto* marks the mail ``Auto-Submitted: auto-replied``; a reply a person wrote is not.
    """
    if kind not in texts.KINDS:
        raise ValueError(f"unknown mail kind: {kind}")
    if text is not None:
        subject, body = texts.finish(text[0], text[1], case_tag or None)
    else:
        template = MailTemplate(*source) if source is not None else None
        subject, body = texts.render(kind, {**context, "tag": case_tag or None}, template)

    msg = EmailMessage()
    msg["From"] = from_addr
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    # The case number is embedded in the Message-ID so replies that drop the subject tag
    # can still be threaded through References.
    number = case_tag.split("-")[-1].lower() if case_tag else "0"
    msg["Message-ID"] = f"<mdg-{number}.{_unique()}@{mail_domain}>"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    chain = [*references] + ([in_reply_to] if in_reply_to and in_reply_to not in references else [])
    if chain:
        msg["References"] = " ".join(chain)
    if auto:
        msg["Auto-Submitted"] = "auto-replied"
    msg[LOOP_HEADER] = mail_domain
    msg["Content-Language"] = "ja, en" if language != "en" else "en, ja"
    msg.set_content(body, charset="utf-8")
    return msg


def _unique() -> str:
    """Return a random, unique local part suffix for a Message-ID."""
    return f"{int(time.time())}.{secrets.token_hex(8)}"


def is_our_own(mail: ParsedMail | Mapping[str, str] | list[tuple[str, str]], domain: str) -> bool:
    """Tell whether a mail carries our loop header for *domain* (so it is our own mail).

    Accepts a :class:`ParsedMail` (every header occurrence is checked), a header mapping,
    or a list of ``(name, value)`` pairs.
    """
    items: Iterable[tuple[str, str]]
    if isinstance(mail, ParsedMail):
        items = mail.header_list
    elif isinstance(mail, Mapping):
        items = mail.items()
    else:
        items = mail
    wanted = domain.strip().lower()
    return any(name.strip().lower() == LOOP_HEADER.lower() and value.strip().lower() == wanted for name, value in items)


async def send_message(msg: EmailMessage, host: str, port: int, timeout: float = 30.0) -> None:
    """Send *msg* through the smarthost; raise Permanent- or TemporarySendError on failure."""
    try:
        errors, _response = await aiosmtplib.send(msg, hostname=host, port=port, timeout=timeout)
    except aiosmtplib.SMTPRecipientsRefused as exc:
        codes = [r.code for r in exc.recipients]
        if codes and all(500 <= c < 600 for c in codes):
            raise PermanentSendError(str(exc)) from exc
        raise TemporarySendError(str(exc)) from exc
    except aiosmtplib.SMTPResponseException as exc:
        if 500 <= exc.code < 600:
            raise PermanentSendError(f"{exc.code} {exc.message}") from exc
        raise TemporarySendError(f"{exc.code} {exc.message}") from exc
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        raise TemporarySendError(repr(exc)) from exc
    refused = {rcpt: resp for rcpt, resp in errors.items()}
    if refused:
        if all(500 <= resp.code < 600 for resp in refused.values()):
            raise PermanentSendError(f"recipients refused: {refused}")
        raise TemporarySendError(f"recipients refused: {refused}")

"""A logging filter that keeps secrets out of logs (bot token, API tokens, passwords, passphrases).

Libraries log what they do, e.g. httpx logs every request URL, and Telegram's Bot API puts the
bot token in the URL (``/bot<token>/getMe``). The filter rewrites each record's message, on the
handlers, so that records of every logger are covered: secrets known to the process (settings)
are replaced literally, and token-shaped strings by pattern.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "[REDACTED]"
PATTERNS = (
    re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}"),  # Telegram bot token
    re.compile(r"(/bot)[^/\s]+(?=/)"),  # ...and wherever the Bot API URL carries one, whatever its shape
    re.compile(r"mdg_[A-Za-z0-9_-]{16,}"),  # our API tokens
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"(?i)((?:password|passphrase|secret|token)[\"']?\s*[=:]\s*[\"']?)[^\s\"',&]+"),
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """*text* with every known secret and every token-shaped string masked."""
    for secret in secrets:
        if secret and len(secret) >= 6:
            text = text.replace(secret, MASK)
    for pattern in PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks secrets in the formatted message (and the exception text) of every record."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is still logged, masked as far as possible.
            message = str(record.msg)
        record.msg, record.args = redact(message, self.secrets), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        return True


def install(secrets: Iterable[str], root: logging.Logger | None = None) -> RedactingFilter:
    """Put one :class:`RedactingFilter` on every handler of the root logger."""
    root = root or logging.getLogger()
    flt = RedactingFilter(secrets)
    for handler in root.handlers:
        handler.addFilter(flt)
    return flt

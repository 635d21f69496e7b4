"""Ports: the small interfaces through which services reach the outside world.

The composition root (:mod:`madoguchi.app`) plugs real adapters in; tests plug in real but
local ones (a fixed clock, an SMTP sink on loopback) rather than patching our code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Protocol


class Clock(Protocol):
    """Tells the time; always timezone-aware UTC."""

    def now(self) -> dt.datetime: ...


class MailComposer(Protocol):
    """Builds an outgoing mail of a named template (the mail channel's texts and headers)."""

    def __call__(self, kind: str, to: str, case_tag: str, language: str, context: Mapping[str, object],
                 in_reply_to: str | None, references: list[str], mail_domain: str,
                 from_addr: str, *, source: tuple[str, str] | None = None,
                 text: tuple[str, str] | None = None, auto: bool = True) -> EmailMessage:
        """*source*: an admin's edit of the template (subject, body); *text*: a subject and body
        written by an operator, sent as they are; *auto*: an automatic reply (RFC 3834)."""
        ...


class MailTexts(Protocol):
    """The mail channel's templates: which there are, their shipped source, rendering and checking.

    Subjects and bodies are returned without the case tag and the signature, which the
    composer adds; :meth:`validate` raises ``ValueError`` for a template that does not render.
    """

    def kinds(self) -> tuple[str, ...]: ...

    def default(self, kind: str) -> tuple[str, str]: ...

    def render(self, kind: str, context: Mapping[str, object],
               source: tuple[str, str] | None = None) -> tuple[str, str]: ...

    def validate(self, source: tuple[str, str]) -> tuple[str, str]: ...

    def fields(self) -> tuple[str, ...]: ...


class PermanentSendError(Exception):
    """The relay refused a message for good (5xx): retrying cannot help, an operator must look."""


class Mailer(Protocol):
    """Delivers one composed message; raises :class:`PermanentSendError` when the relay refuses
    it for good, any other exception for a failure worth retrying."""

    def send(self, message: EmailMessage) -> None: ...


class Signer(Protocol):
    """The certification authority as the workflow sees it."""

    def revoke(self, serial: int, reason: str | None, invalidity_date: dt.datetime | None,
               now: dt.datetime) -> int:
        """Revoke *serial*, publish a new CRL and return that CRL's number."""
        ...

    def refresh_if_due(self, now: dt.datetime) -> list[int]:
        """Re-issue CRLs that are close to their nextUpdate; return the new CRL numbers."""
        ...


class Notifier(Protocol):
    """Tells operators' screens that something changed (live queue updates)."""

    def publish(self, topic: str, case_tag: str | None = None) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that only moves when told to (used by the demo and by tests)."""

    def __init__(self, start: dt.datetime) -> None:
        self._now = start

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, delta: dt.timedelta) -> None:
        self._now += delta

"""LMTP intake (RFC 2033), so that a local Postfix hands mail over to Madoguchi.

The same durability rules as :mod:`intake.smtp` (it is the same handler): ``250`` only after
the store has made the message durable, ``451 4.3.0`` on any failure of ours.  LMTP answers the
end of DATA once per accepted recipient; the message is stored once for all of them, so every
recipient gets the same answer.  Listens on TCP (``host``/``port``) or on a unix socket.
"""

from __future__ import annotations

import os
from typing import Any

from aiosmtpd.controller import Controller, UnixSocketController
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session

from intake.smtp import (
    DEFAULT_MAX_LINE_LENGTH,
    IntakeController,
    IntakeHandler,
    IntakeSMTP,
    MessageStore,
    StorePoolOwner,
    reader_limit,
)


class LmtpIntakeHandler(IntakeHandler):
    """The SMTP intake handler, answering DATA once per recipient."""

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        status = await super().handle_DATA(server, session, envelope)
        # aiosmtpd pushes the string followed by CRLF: N lines are N replies.
        return "\r\n".join([status] * max(1, len(envelope.rcpt_tos)))


class IntakeLMTP(IntakeSMTP, LMTP):
    """aiosmtpd's LMTP session with the SMTP intake's reader sized for a whole message."""


class LmtpController(IntakeController):
    """LMTP on a TCP address."""

    def factory(self) -> SMTP:
        return IntakeLMTP(self.handler, reader_limit=self.reader_limit, **self.SMTP_kwargs)


class LmtpUnixController(StorePoolOwner, UnixSocketController):
    """LMTP on a unix socket (mode 0660: give the Postfix user the socket's group)."""

    thread_name_prefix = "lmtp-store"

    def factory(self) -> SMTP:
        return IntakeLMTP(self.handler, reader_limit=self.reader_limit, **self.SMTP_kwargs)

    def start(self) -> None:
        super().start()
        os.chmod(self.unix_socket, 0o660)


def build_lmtp_controller(
    store: MessageStore, domains: list[str], max_size: int, *, host: str = "127.0.0.1", port: int = 0,
    unix_socket: str = "", store_threads: int = 16, max_line_length: int = DEFAULT_MAX_LINE_LENGTH,
) -> Controller | UnixSocketController:
    """Build (but do not start) the LMTP listener: on *unix_socket* when given, else on *host*:*port*.

    Long lines and bare LF line endings are accepted up to *max_line_length*, as over SMTP.
    """
    handler = LmtpIntakeHandler(store, domains, max_line_length)
    limit = reader_limit(max_size, max_line_length)
    common: dict[str, Any] = {"data_size_limit": max_size, "decode_data": False, "ident": "Madoguchi LMTP"}
    if unix_socket:
        return LmtpUnixController(handler, store_threads, limit, unix_socket=unix_socket, **common)
    return LmtpController(handler, store_threads, limit, hostname=host, port=port, **common)

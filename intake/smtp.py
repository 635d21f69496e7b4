"""The inbound SMTP server: accept mail for our domains and hand the raw bytes to a store.

Nothing is parsed here.  A message is acknowledged with ``250`` only after
``MessageStore.store`` has returned, which by contract means it is durable; any failure of
ours (the store raising, or an unexpected error in this module) is answered with a
temporary ``451 4.3.0`` so the sending server keeps the message and retries.  A ``5xx``
is given only for the sender's faults: an unknown recipient domain (``550 5.1.1``), a
message over the size limit (``552``, enforced by aiosmtpd itself), or a line longer than
the configured line limit (``500 5.5.2``).

Lines are measured the way Postfix measures them, not the way RFC 5321 asks: real senders
(fax gateways, scripts, mobile carriers) send bare LF line endings and unwrapped base64
lines of many kilobytes, and refusing them loses a customer's mail.  aiosmtpd only knows
CRLF lines and refuses anything over 1,001 bytes, so :class:`IntakeSMTP` lets a whole
message through its reader and the handler then checks every line, whether it ends in
CRLF or in a bare LF, against ``max_line_length`` (64 KiB unless configured).  A dot that
a client stuffed after a bare LF is removed as after a CRLF, so the message is stored
byte for byte as the client submitted it.
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from intake.peerlimit import TOO_MANY, PeerLimit

log = logging.getLogger(__name__)

TEMPORARY_FAILURE = "451 4.3.0 Temporary local problem, please try again later"
UNKNOWN_RECIPIENT = "550 5.1.1 Recipient address rejected: domain not served here"
LINE_TOO_LONG = "500 5.5.2 Message line too long"

# Postfix's default line_length_limit is 2,048 but it then folds, never refuses; we take a
# generous 64 KiB per line as the point past which a "line" is no longer mail.
DEFAULT_MAX_LINE_LENGTH = 64 * 1024

# A dot at the start of a line after a bare LF, as a sloppy client stuffs it.
_STUFFED_AFTER_BARE_LF = re.compile(rb"(?<!\r)\n\.")


class MessageStore(Protocol):
    """Durable storage of raw incoming mail, implemented by the caller (the database).

    A store may also offer ``store_async(mail_from, rcpt_tos, raw, peer)``, called on the
    server's event loop and returning an awaitable that resolves to the identifier once the
    message is durable; the server then awaits it instead of calling ``store`` in a thread.
    """

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        """Persist one message durably and return its identifier; raise on any failure."""
        ...


def unstuff_bare_lf_lines(raw: bytes) -> bytes:
    """Remove the transparency dot that a client put after a bare LF (aiosmtpd only does so after CRLF)."""
    # The plain search is a fast scan; the expression (with its look-behind) costs about ten
    # times more and is only needed when some line starts with a dot at all.
    if b"\n." not in raw:
        return raw
    return _STUFFED_AFTER_BARE_LF.sub(b"\n", raw)


def longest_line(raw: bytes) -> int:
    """Return the length of the longest line in *raw*, a line ending at LF (CRLF or bare)."""
    return max((len(line) for line in raw.split(b"\n")), default=0)


def _peer_text(peer: Any) -> str:
    """Render aiosmtpd's peer (usually a ``(host, port)`` tuple) as ``host:port``."""
    if isinstance(peer, tuple) and len(peer) >= 2:
        return f"{peer[0]}:{peer[1]}"
    return str(peer)


class IntakeHandler:
    """aiosmtpd handler: recipient domain check, then a blocking store call in a thread."""

    def __init__(
        self, store: MessageStore, domains: list[str], max_line_length: int = DEFAULT_MAX_LINE_LENGTH,
        peer_limit: PeerLimit | None = None,
    ) -> None:
        self.store = store
        self.domains = {d.strip().lower().rstrip(".") for d in domains if d.strip()}
        self.max_line_length = max_line_length
        self.peer_limit = peer_limit
        self.executor: ThreadPoolExecutor | None = None

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options: list[str]
    ) -> str:
        # A client over its per-address limit is told to come back later before it sends anything.
        host = session.peer[0] if isinstance(session.peer, tuple) and session.peer else str(session.peer)
        if self.peer_limit is not None and not self.peer_limit.allow(str(host)):
            log.warning("SMTP client over its message limit; MAIL refused with 451")
            return TOO_MANY
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        try:
            domain = address.rpartition("@")[2].strip().lower().rstrip(".")
            if "@" not in address or domain not in self.domains:
                return UNKNOWN_RECIPIENT
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 OK"
        except Exception:  # noqa: BLE001 - our own failure must be temporary, never a 5xx.
            log.exception("RCPT handling failed")
            return TEMPORARY_FAILURE

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        try:
            raw = envelope.original_content if envelope.original_content is not None else envelope.content
            if isinstance(raw, str):
                raw = raw.encode("utf-8", "surrogateescape")
            raw = unstuff_bare_lf_lines(bytes(raw or b""))
            # The limit counts a line without its line ending, as a client counts it. No line
            # is longer than the whole message, so most messages need no look at their lines.
            if len(raw) > self.max_line_length and longest_line(raw.replace(b"\r\n", b"\n")) > self.max_line_length:
                return LINE_TOO_LONG
            # The null reverse-path of bounces arrives as "<>"; it is stored as an empty string.
            mail_from = "" if envelope.mail_from in (None, "<>") else str(envelope.mail_from)
            rcpt_tos = list(envelope.rcpt_tos)
            peer = _peer_text(session.peer)
            store_async = getattr(self.store, "store_async", None)
            if callable(store_async):
                # A store that commits on its own thread hands back an awaitable: wait for it
                # without tying up a pool thread per connection.
                stored_id = await store_async(mail_from, rcpt_tos, bytes(raw or b""), peer)
            else:
                if self.executor is None:
                    raise RuntimeError("the store thread pool is not running")
                loop = asyncio.get_running_loop()
                stored_id = await loop.run_in_executor(
                    self.executor, self.store.store, mail_from, rcpt_tos, bytes(raw or b""), peer
                )
        except Exception:  # noqa: BLE001 - any store failure is answered with a retryable 451.
            log.exception("storing an incoming message failed")
            return TEMPORARY_FAILURE
        return f"250 2.0.0 OK queued as {stored_id}"

    async def handle_exception(self, error: Exception) -> str:
        # aiosmtpd would answer "500 Error" for exceptions escaping a handler; ours are temporary.
        log.error("SMTP session error: %r", error)
        return TEMPORARY_FAILURE


class IntakeSMTP(SMTP):
    """aiosmtpd's SMTP session with its stream reader sized for a whole message.

    aiosmtpd reads DATA in CRLF-terminated pieces and refuses any piece longer than its
    ``line_length_limit``; a message with bare LF line endings is a single such piece.
    The reader limit is therefore set to the message size limit plus one line, and the
    real per-line limit is enforced by :class:`IntakeHandler`.  Command lines keep their
    own limit (``command_size_limit``), which aiosmtpd checks separately.
    """

    def __init__(self, handler: Any, *, reader_limit: int, **kwargs: Any) -> None:
        # aiosmtpd reads the attribute in its constructor to size the stream reader.
        self.line_length_limit = reader_limit
        super().__init__(handler, **kwargs)


class StorePoolOwner:
    """Mixed into a Controller (TCP or unix socket): it owns the store's thread pool, created on
    start and drained on stop, and sizes each session's reader with ``reader_limit``."""

    thread_name_prefix = "mail-store"

    def __init__(self, handler: IntakeHandler, store_threads: int, reader_limit: int, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)  # type: ignore[call-arg]
        self.intake_handler = handler
        self.store_threads = store_threads
        self.reader_limit = reader_limit

    def start(self) -> None:
        self.intake_handler.executor = ThreadPoolExecutor(
            max_workers=self.store_threads, thread_name_prefix=self.thread_name_prefix
        )
        super().start()  # type: ignore[misc]

    def stop(self, no_assert: bool = False) -> None:
        super().stop(no_assert=no_assert)  # type: ignore[misc]
        # Stores already running finish (their clients may still get the answer) before
        # the pool goes away.
        if self.intake_handler.executor is not None:
            self.intake_handler.executor.shutdown(wait=True)
            self.intake_handler.executor = None


class IntakeController(StorePoolOwner, Controller):
    """The SMTP listener on a TCP address, owning the store's thread pool."""

    def factory(self) -> SMTP:
        """Build each session as an :class:`IntakeSMTP` with the controller's reader limit."""
        return IntakeSMTP(self.handler, reader_limit=self.reader_limit, **self.SMTP_kwargs)


def reader_limit(max_size: int, max_line_length: int) -> int:
    """The stream reader's limit: it must hold a whole bare-LF message, which aiosmtpd sees as one line."""
    return max(max_size, max_line_length) + max_line_length + 2


def build_controller(
    store: MessageStore,
    host: str,
    port: int,
    domains: list[str],
    max_size: int,
    tls_context: ssl.SSLContext | None = None,
    *,
    require_starttls: bool = False,
    store_threads: int = 16,
    server_hostname: str | None = None,
    max_line_length: int = DEFAULT_MAX_LINE_LENGTH,
    peer_limit: PeerLimit | None = None,
) -> Controller:
    """Build (but do not start) the intake SMTP server; call ``.start()`` and ``.stop()``.

    aiosmtpd closes the controller's event loop on stop, so build a new controller to
    start the server again.

    ``tls_context`` enables STARTTLS; ``require_starttls`` refuses mail before it.  The
    store runs in a pool of ``store_threads`` threads so slow commits do not block the
    event loop.  Messages larger than ``max_size`` bytes are refused with 552, and messages
    with a line longer than ``max_line_length`` bytes (CRLF or bare LF line endings) with 500.
    ``peer_limit`` bounds the messages one client address may send (see :mod:`intake.peerlimit`).
    """
    handler = IntakeHandler(store, domains, max_line_length, peer_limit)
    return IntakeController(
        handler,
        store_threads,
        reader_limit(max_size, max_line_length),
        hostname=host,
        port=port,
        data_size_limit=max_size,
        tls_context=tls_context,
        require_starttls=require_starttls and tls_context is not None,
        decode_data=False,
        server_hostname=server_hostname,
        ident="Madoguchi intake",
    )

"""The inbound SMTP server: accept mail for our domains and hand the raw bytes to a store.

Nothing is parsed here.  A message is acknowledged with ``250`` only after
``MessageStore.store`` has returned, which by contract means it is durable; any failure of
ours (the store raising, or an unexpected error in this module) is answered with a
temporary ``451 4.3.0`` so the sending server keeps the message and retries.  A ``5xx``
is given only for the sender's faults: an unknown recipient domain (``550 5.1.1``) or a
message over the size limit (``552``, enforced by aiosmtpd itself).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

log = logging.getLogger(__name__)

TEMPORARY_FAILURE = "451 4.3.0 Temporary local problem, please try again later"
UNKNOWN_RECIPIENT = "550 5.1.1 Recipient address rejected: domain not served here"


class MessageStore(Protocol):
    """Durable storage of raw incoming mail, implemented by the caller (the database).

    A store may also offer ``store_async(mail_from, rcpt_tos, raw, peer)``, called on the
    server's event loop and returning an awaitable that resolves to the identifier once the
    message is durable; the server then awaits it instead of calling ``store`` in a thread.
    """

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        """Persist one message durably and return its identifier; raise on any failure."""
        ...


def _peer_text(peer: Any) -> str:
    """Render aiosmtpd's peer (usually a ``(host, port)`` tuple) as ``host:port``."""
    if isinstance(peer, tuple) and len(peer) >= 2:
        return f"{peer[0]}:{peer[1]}"
    return str(peer)


class IntakeHandler:
    """aiosmtpd handler: recipient domain check, then a blocking store call in a thread."""

    def __init__(self, store: MessageStore, domains: list[str]) -> None:
        self.store = store
        self.domains = {d.strip().lower().rstrip(".") for d in domains if d.strip()}
        self.executor: ThreadPoolExecutor | None = None

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


class IntakeController(Controller):
    """A Controller that owns the store's thread pool: created on start, drained on stop."""

    def __init__(self, handler: IntakeHandler, store_threads: int, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.intake_handler = handler
        self.store_threads = store_threads

    def start(self) -> None:
        self.intake_handler.executor = ThreadPoolExecutor(
            max_workers=self.store_threads, thread_name_prefix="mail-store"
        )
        super().start()

    def stop(self, no_assert: bool = False) -> None:
        super().stop(no_assert=no_assert)
        # Stores already running finish (their clients may still get the answer) before
        # the pool goes away.
        if self.intake_handler.executor is not None:
            self.intake_handler.executor.shutdown(wait=True)
            self.intake_handler.executor = None


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
) -> Controller:
    """Build (but do not start) the intake SMTP server; call ``.start()`` and ``.stop()``.

    aiosmtpd closes the controller's event loop on stop, so build a new controller to
    start the server again.

    ``tls_context`` enables STARTTLS; ``require_starttls`` refuses mail before it.  The
    store runs in a pool of ``store_threads`` threads so slow commits do not block the
    event loop.  Messages larger than ``max_size`` bytes are refused with 552.
    """
    handler = IntakeHandler(store, domains)
    return IntakeController(
        handler,
        store_threads,
        hostname=host,
        port=port,
        data_size_limit=max_size,
        tls_context=tls_context,
        require_starttls=require_starttls and tls_context is not None,
        decode_data=False,
        server_hostname=server_hostname,
        ident="Madoguchi intake",
    )

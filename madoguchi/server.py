"""``madoguchi serve``: SMTP intake, HTTP (dashboard, API, repository, OCSP), worker and scheduler in one process.

Several processes may run against one PostgreSQL database; the job queue hands each job to
one of them.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

import uvicorn

from core.container import Container
from core.crlcopy import CrlSharer
from core.redact import install as install_redaction
from madoguchi.asgi import build_asgi
from madoguchi.metrics import MeteredStore, metrics_for

log = logging.getLogger(__name__)
#: Seconds between two rounds of CRL sharing between nodes (a CRL reaches every node within ~2 rounds).
CRL_SHARE_PERIOD = 0.25


async def serve(c: Container, stop: asyncio.Event | None = None) -> None:
    """Run until SIGINT/SIGTERM (or until *stop* is set)."""
    from intake.peerlimit import PeerLimit
    from intake.smtp import build_controller
    from madoguchi.logs import configure_logging

    s = c.settings
    configure_logging(s.log_format)
    # Secrets never reach the log: httpx logs request URLs, and the Bot API has the token in its URL.
    install_redaction([s.telegram_token, s.telegram_webhook_secret, s.ca_key_passphrase])
    telegram: Any = None
    # The FAQ engine is built on first use; a server builds it now, before it answers anyone.
    c.faq.current  # noqa: B018 - the property builds the engine.
    app = build_asgi(c)
    if s.telegram_token:
        telegram = await _start_telegram(c, app)
    config = uvicorn.Config(app, host=s.http_host, port=s.http_port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    metrics = metrics_for(c.factory, c.clock)
    tls = None
    if s.smtp_tls_cert and s.smtp_tls_key:
        import ssl

        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(s.smtp_tls_cert, s.smtp_tls_key)
    controller = build_controller(MeteredStore(c.store, metrics), s.smtp_host, s.smtp_port, list(s.smtp_domains),
                                  s.smtp_max_size, tls_context=tls, require_starttls=tls is not None,
                                  max_line_length=s.smtp_max_line_length,
                                  peer_limit=PeerLimit.of(s.smtp_peer_messages_per_minute, 60.0,
                                                          s.smtp_peer_limit_exempt))
    controller.start()
    app.state.probes.listeners["smtp"] = lambda: _listening(controller)
    lmtp: Any = None
    if s.lmtp_socket or s.lmtp_port:
        from intake.lmtp import build_lmtp_controller

        lmtp = build_lmtp_controller(MeteredStore(c.store, metrics), list(s.smtp_domains), s.smtp_max_size,
                                     host=s.lmtp_host, port=s.lmtp_port, unix_socket=s.lmtp_socket,
                                     max_line_length=s.smtp_max_line_length)
        lmtp.start()
        app.state.probes.listeners["lmtp"] = lambda: _listening(lmtp)
        log.info("LMTP on %s", s.lmtp_socket or f"{s.lmtp_host}:{s.lmtp_port}")
    worker = c.worker()
    worker.start()
    # Nodes on one database share the newest CRL through it (see core.crlcopy).
    sharing = threading.Event()
    sharer = threading.Thread(target=CrlSharer(c.factory, c.ca).run, args=(sharing, CRL_SHARE_PERIOD, c.clock),
                              name="crl-sharer", daemon=True)
    sharer.start()
    log.info("SMTP on %s:%s, HTTP on %s:%s, data in %s", s.smtp_host, s.smtp_port, s.http_host, s.http_port,
             s.data_dir)
    print(f"madoguchi serving: SMTP {s.smtp_host}:{s.smtp_port}  HTTP http://{s.http_host}:{s.http_port}/",
          flush=True)
    loop = asyncio.get_running_loop()
    if stop is not None:
        async def _watch() -> None:
            await stop.wait()
            server.should_exit = True

        loop.create_task(_watch())
    try:
        await server.serve()
    finally:
        controller.stop()
        if lmtp is not None:
            lmtp.stop()
        worker.stop()
        sharing.set()
        worker.join(timeout=10)
        if telegram is not None:
            from bots.telegram import stop_polling

            await stop_polling(telegram)
        c.dispose()


def _listening(controller: Any) -> bool:
    """True while an aiosmtpd controller's server accepts connections."""
    server = getattr(controller, "server", None)
    return bool(server is not None and server.is_serving())


async def _start_telegram(c: Container, app: Any) -> Any:
    """Start the Telegram bot: webhook mode when a secret is configured, else long polling."""
    from bots.telegram import build_application, start_polling
    from bots.webhook import build_webhook_router, set_webhook

    s = c.settings
    application = build_application(s.telegram_token, c.faq, c.chat, c.factory, base_url=s.telegram_base_url)
    if s.telegram_webhook_secret:
        app.include_router(build_webhook_router(application, s.telegram_webhook_secret))
        await application.initialize()
        await application.start()
        await set_webhook(application, f"{s.public_base_url.rstrip('/')}/telegram/webhook", s.telegram_webhook_secret)
    else:
        await start_polling(application)
    return application

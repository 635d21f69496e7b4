"""``madoguchi serve``: SMTP intake, HTTP (dashboard, API, repository, OCSP), worker and scheduler in one process.

Several processes may run against one PostgreSQL database; the job queue hands each job to
one of them.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import uvicorn

from core.app import Container
from core.web.asgi import build_asgi

log = logging.getLogger(__name__)


async def serve(c: Container, stop: asyncio.Event | None = None) -> None:
    """Run until SIGINT/SIGTERM (or until *stop* is set)."""
    from intake.smtp import build_controller

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    s = c.settings
    telegram: Any = None
    if s.telegram_token:
        telegram = await _start_telegram(c)
    app = build_asgi(c)
    config = uvicorn.Config(app, host=s.http_host, port=s.http_port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    controller = build_controller(c.store, s.smtp_host, s.smtp_port, list(s.smtp_domains), s.smtp_max_size)
    controller.start()
    worker = c.worker()
    worker.start()
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
        worker.stop()
        worker.join(timeout=10)
        if telegram is not None:
            await telegram.stop()
        c.dispose()


async def _start_telegram(c: Container) -> Any:
    """Start the Telegram bot in polling mode (webhook mode is mounted on the HTTP app instead)."""
    from bots.telegram import start_polling

    return await start_polling(c)

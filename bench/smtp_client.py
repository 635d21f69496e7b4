"""The two ends every SMTP benchmark shares: the bare aiosmtpd sink and the sending client.

``bench/smtp.py`` (throughput against the sink) and ``bench/smtp_cpu.py`` (server CPU per
message) both use them.  This module imports nothing of Madoguchi, so ``bench/smtp_cpu.py
--root DIR`` can still import ``intake`` and ``core`` from another checkout.
"""

from __future__ import annotations

import asyncio
import socket
import time
from typing import Any

import aiosmtplib


class SinkHandler:
    """The baseline: accept everything, store nothing."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "250 OK"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def drive(port: int, connections: int, messages: int, raw: bytes) -> float:
    """Send *messages* in total over *connections* persistent sessions; return messages/second."""
    per_conn = [messages // connections + (1 if i < messages % connections else 0) for i in range(connections)]

    async def one(count: int) -> None:
        client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, timeout=60)
        await client.connect()
        for _ in range(count):
            await client.sendmail("bench@example.net", ["ca@ca.example.jp"], raw)
        await client.quit()

    start = time.perf_counter()
    await asyncio.gather(*(one(n) for n in per_conn))
    return messages / (time.perf_counter() - start)

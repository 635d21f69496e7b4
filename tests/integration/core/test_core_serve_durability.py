"""Durability of the real server: SIGKILL during a burst, and two servers sharing PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import smtplib
import threading
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, func, select

from core.models import Case, InboundMessage, Job
from tests.conftest import ServerProcess, free_port, fresh_postgres_database, run_cli, server_env, start_server


def make_mail(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"sender{n % 37}@example.org"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = f"お問い合わせ {n}"
    msg["Message-ID"] = f"<burst-{n}@example.org>"
    msg["X-Seq"] = str(n)
    msg.set_content(f"証明書の料金について教えてください。番号 {n}\n")
    return bytes(msg)


def blast(port: int, numbers: list[int], acked: list[int], lock: threading.Lock) -> None:
    """Send *numbers* over one connection; record every message the server answered 250 to."""
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            for n in numbers:
                smtp.sendmail(f"sender{n % 37}@example.org", ["support@madoguchi.test"], make_mail(n))
                with lock:
                    acked.append(n)
    except (smtplib.SMTPException, OSError):
        return  # The server was killed; what was not acknowledged may or may not be stored.


def stored_sequences(url: str) -> list[int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        raws = conn.execute(select(InboundMessage.raw)).scalars().all()
    engine.dispose()
    seqs = []
    for raw in raws:
        for line in bytes(raw).split(b"\n"):
            if line.startswith(b"X-Seq: "):
                seqs.append(int(line[7:].strip()))
    return seqs


@pytest.mark.slow
def test_sigkill_during_burst_keeps_every_acknowledged_message_exactly_once(
    server: ServerProcess, database_url: str
) -> None:
    acked: list[int] = []
    lock = threading.Lock()
    total, clients = 1000, 16
    threads = [threading.Thread(target=blast, args=(server.smtp_port, list(range(i, total, clients)), acked, lock))
               for i in range(clients)]
    for t in threads:
        t.start()
    # Kill the server without warning once a good part of the burst is acknowledged.
    deadline = time.monotonic() + 60
    while len(acked) < 300 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(server.proc.pid, signal.SIGKILL)
    server.proc.wait()
    for t in threads:
        t.join()
    assert 300 <= len(acked) < total, "the kill should land in the middle of the burst"

    seqs = stored_sequences(database_url)
    counts = {n: seqs.count(n) for n in set(seqs)}
    assert all(counts.get(n) == 1 for n in acked), "an acknowledged message is missing or stored twice"
    assert all(c == 1 for c in counts.values())

    # After a restart, every stored message is processed: nothing is stuck or lost. A job the
    # killed worker had claimed is reclaimed once it is stale (shortened here from 5 minutes).
    restarted = start_server(dict(server.env, MADOGUCHI_JOB_STALE_SECONDS="3"))
    try:
        engine = create_engine(database_url)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                left = conn.execute(
                    select(func.count()).select_from(InboundMessage).where(InboundMessage.status == "stored")
                ).scalar_one()
            if left == 0:
                break
            time.sleep(0.5)
        with engine.connect() as conn:
            assert left == 0
            processed = conn.execute(select(func.count()).select_from(InboundMessage)
                                     .where(InboundMessage.status == "processed")).scalar_one()
            cases = conn.execute(select(func.count()).select_from(Case)).scalar_one()
        engine.dispose()
        assert processed == len(seqs) == cases
    finally:
        restarted.stop()


class Relay:
    """A real SMTP relay that accepts the answers the servers send."""

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        return "250 OK"


@pytest.mark.slow
def test_two_servers_share_postgresql_and_run_each_job_once(tmp_path: Path) -> None:
    relay_port = free_port()
    relay = Controller(Relay(), hostname="127.0.0.1", port=relay_port)
    relay.start()
    with fresh_postgres_database() as url:
        env1 = dict(server_env(url, tmp_path / "data"), MADOGUCHI_RELAY_HOST="127.0.0.1",
                    MADOGUCHI_RELAY_PORT=str(relay_port))
        run_cli(env1, "init")
        env2 = dict(server_env(url, tmp_path / "data"), MADOGUCHI_RELAY_HOST="127.0.0.1",
                    MADOGUCHI_RELAY_PORT=str(relay_port))
        servers = [start_server(env1), start_server(env2)]
        try:
            acked: list[int] = []
            lock = threading.Lock()
            total = 200
            threads = [threading.Thread(target=blast, args=(servers[i % 2].smtp_port, list(range(i, total, 4)),
                                                             acked, lock)) for i in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert sorted(acked) == list(range(total))
            engine = create_engine(url)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                with engine.connect() as conn:
                    pending = conn.execute(select(func.count()).select_from(Job)
                                           .where(Job.status != "done")).scalar_one()
                if pending == 0:
                    break
                time.sleep(0.5)
            with engine.connect() as conn:
                jobs = conn.execute(select(Job.locked_by, Job.attempts, Job.status, Job.last_error)).all()
                cases = conn.execute(select(func.count()).select_from(Case)).scalar_one()
            engine.dispose()
            assert pending == 0 and cases == total
            assert all(j.attempts == 1 and j.status == "done" for j in jobs), [
                j for j in jobs if j.attempts != 1 or j.status != "done"][:3]
            assert len({j.locked_by for j in jobs}) == 2, "both processes should have run jobs"
            # Both processes appended to one audit chain concurrently; it must still verify.
            out = json.loads(run_cli(env1, "audit", "verify"))
            assert out["ok"] and out["checked"] >= total
        finally:
            for srv in servers:
                srv.stop()
            relay.stop()

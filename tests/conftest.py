"""Shared fixtures: real databases (SQLite and PostgreSQL) created fresh for each test run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from dbkit.scratch import scratch_postgres_database

PG_ADMIN_URL = os.environ.get("MADOGUCHI_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parent.parent


def ensure_postgres() -> None:
    """Start the local PostgreSQL cluster if it is down; fail loudly if it cannot start."""
    probe = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True)
    if probe.returncode == 0:
        return
    versions = os.listdir("/etc/postgresql")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", "start"], check=True
    )


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """Create a brand-new PostgreSQL database, yield its URL, and drop it afterwards."""
    ensure_postgres()
    with scratch_postgres_database(PG_ADMIN_URL, "madoguchi_t") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: one SQLite file, or one new PostgreSQL schema-less database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'madoguchi.sqlite3'}"
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def session_factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    """A session factory on a fresh database migrated to the latest schema (Alembic)."""
    from dbkit.db import make_engine, make_sessionmaker
    from tests.templatedb import migrate_fresh

    migrate_fresh(database_url)
    engine = make_engine(database_url)
    try:
        yield make_sessionmaker(engine)
    finally:
        engine.dispose()


# ----------------------------------------------------------------------------- real server processes

MADOGUCHI = [sys.executable, "-m", "madoguchi.cli"]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_app(app: Any, timeout: float = 20) -> Iterator[str]:
    """Run the ASGI *app* with uvicorn on a free local port in a background thread; yield its URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def run_cli(env: dict[str, str], *args: str) -> str:
    """Run one ``madoguchi`` command; fail the test with its output when it fails."""
    out = subprocess.run([*MADOGUCHI, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr + out.stdout
    return out.stdout


@dataclass
class ServerProcess:
    """One running ``madoguchi serve`` process, its output going to the file *log_path*.

    The output goes to a file, not a pipe: a pipe nobody reads fills up (64 KiB on Linux), and then the
    server's next log line blocks the thread that writes it while that thread holds the logging lock,
    and soon every thread that logs, so the server stops answering in the middle of a test.
    """

    env: dict[str, str]
    base: str
    smtp_port: int
    proc: subprocess.Popen[str]
    log_path: Path

    def output(self) -> str:
        """Everything the server has written to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def server_env(database_url: str, data_dir: Path) -> dict[str, str]:
    """Environment for a server on fresh ports sharing *database_url* and *data_dir*."""
    http_port = free_port()
    return dict(os.environ, MADOGUCHI_DATA_DIR=str(data_dir), MADOGUCHI_DATABASE_URL=database_url,
                MADOGUCHI_SMTP_PORT=str(free_port()), MADOGUCHI_HTTP_PORT=str(http_port),
                MADOGUCHI_PUBLIC_BASE_URL=f"http://127.0.0.1:{http_port}",
                MADOGUCHI_RELAY_PORT=str(free_port()), MADOGUCHI_WORKER_POLL_SECONDS="0.1")


def start_server(env: dict[str, str], timeout: float = 60) -> ServerProcess:
    """Start ``madoguchi serve`` with *env* and wait until its HTTP side answers."""
    import httpx

    # Beside the data directory, one file per server (several may share a data directory).
    log_path = Path(env["MADOGUCHI_DATA_DIR"]).parent / f"serve-{env['MADOGUCHI_HTTP_PORT']}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w", encoding="utf-8") as log:
        # The child keeps its own copy of the file descriptor; ours is closed when the block ends.
        proc = subprocess.Popen([*MADOGUCHI, "serve"], env=env, cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{env['MADOGUCHI_HTTP_PORT']}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"server did not start: {log_path.read_text(encoding='utf-8', errors='replace')}")
        time.sleep(0.2)
    return ServerProcess(env=env, base=base, smtp_port=int(env["MADOGUCHI_SMTP_PORT"]), proc=proc,
                         log_path=log_path)


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    """An initialised data directory and a running ``madoguchi serve`` on *database_url*."""
    env = server_env(database_url, tmp_path / "data")
    run_cli(env, "init")
    srv = start_server(env)
    try:
        yield srv
    finally:
        srv.stop()

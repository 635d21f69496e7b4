"""Fixtures for the SMTP tests: a real SQLite message store and a running intake server."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from intake.smtp import MessageStore, build_controller
from tests.conftest import free_port  # noqa: E402


class SqliteMessageStore:
    """A durable store: each message is one row, committed with synchronous=FULL before return."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        with self._conn() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS mail"
                " (id INTEGER PRIMARY KEY, mail_from TEXT, rcpt TEXT, raw BLOB, peer TEXT)"
            )

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            self._local.conn = conn
        return conn

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        conn = self._conn()
        with conn:
            cur = conn.execute(
                "INSERT INTO mail (mail_from, rcpt, raw, peer) VALUES (?, ?, ?, ?)",
                (mail_from, "\n".join(rcpt_tos), raw, peer),
            )
        return str(cur.lastrowid)

    def rows(self) -> list[tuple[str, list[str], bytes, str]]:
        conn = sqlite3.connect(self.path)
        try:
            rows = conn.execute("SELECT mail_from, rcpt, raw, peer FROM mail ORDER BY id").fetchall()
        finally:
            conn.close()
        return [(f, r.split("\n"), bytes(raw), p) for f, r, raw, p in rows]


@pytest.fixture
def sqlite_store(tmp_path: Path) -> SqliteMessageStore:
    return SqliteMessageStore(tmp_path / "mail.sqlite3")


ServerFactory = Callable[..., int]


@pytest.fixture
def start_server() -> Iterator[ServerFactory]:
    """Start intake servers on free ports; every one is stopped after the test."""
    controllers = []

    def start(store: MessageStore, max_size: int = 10_000_000, **kwargs: object) -> int:
        port = free_port()
        controller = build_controller(store, "127.0.0.1", port, ["ca.example.jp"], max_size, **kwargs)  # type: ignore[arg-type]
        controller.start()
        controllers.append(controller)
        return port

    yield start
    for controller in controllers:
        controller.stop()

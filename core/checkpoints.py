"""Signed audit checkpoints kept outside the database, so that the audit log cannot be cut short.

The hash chain in the database detects an edited or deleted row in the middle, but someone who can
write the database can delete the newest rows and move ``audit_head`` back, or wipe everything.
A checkpoint — ``(seq, hash, time)`` with an HMAC under a key derived from the audit key — is
appended (and fsync'd) to ``<data_dir>/audit-checkpoints`` and to a published copy in the CA
repository (``/repository/audit-checkpoints``), so a copy leaves the machine. ``verify`` then
requires the database to contain every checkpointed event with the same hash: a truncated, wiped
or rolled-back database is behind (or different from) the latest checkpoint and fails.

Checkpoints are written only for committed events: after the commit of every ``every``-th event,
on the worker's periodic tick, and by ``madoguchi audit verify`` after a successful check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "audit-checkpoints"


@dataclass(frozen=True)
class Checkpoint:
    """One signed statement: "the audit chain had reached *seq* with *hash* at *at*"."""

    seq: int
    hash: str
    at: str

    def body(self) -> bytes:
        return json.dumps(["madoguchi-audit-checkpoint-v1", self.seq, self.hash, self.at],
                          separators=(",", ":")).encode()


@dataclass(frozen=True)
class CheckpointRead:
    """All checkpoints of a file, and the first line that failed to verify (if any)."""

    checkpoints: list[Checkpoint]
    error: str | None

    @property
    def latest(self) -> Checkpoint | None:
        return max(self.checkpoints, key=lambda c: c.seq, default=None)


def checkpoint_key(audit_key: bytes) -> bytes:
    """A key of its own for checkpoints, derived from the audit key (domain separation)."""
    return hmac.new(audit_key, b"madoguchi audit checkpoints", hashlib.sha256).digest()


class CheckpointFile:
    """An append-only, fsync'd file of signed checkpoints, mirrored to published copies."""

    def __init__(self, path: Path, audit_key: bytes, mirrors: Iterable[Path] = ()) -> None:
        self.path = path
        self.mirrors = list(mirrors)
        self._key = checkpoint_key(audit_key)
        self._lock = threading.Lock()

    def _mac(self, cp: Checkpoint) -> str:
        return hmac.new(self._key, cp.body(), hashlib.sha256).hexdigest()

    def write(self, seq: int, hash_: str, at: dt.datetime) -> Checkpoint:
        """Append one checkpoint to the file and to every mirror, each fsync'd."""
        cp = Checkpoint(seq, hash_, at.astimezone(dt.UTC).isoformat(timespec="seconds"))
        line = (json.dumps({"seq": cp.seq, "hash": cp.hash, "at": cp.at, "mac": self._mac(cp)},
                           separators=(",", ":")) + "\n").encode()
        with self._lock:
            for target in (self.path, *self.mirrors):
                _append_durably(target, line)
        return cp

    def read(self) -> CheckpointRead:
        """Every checkpoint of the local file; a line whose MAC does not verify is an error."""
        if not self.path.is_file():
            return CheckpointRead([], None)
        found: list[Checkpoint] = []
        for number, raw in enumerate(self.path.read_bytes().splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw)
                cp = Checkpoint(int(item["seq"]), str(item["hash"]), str(item["at"]))
                mac = str(item["mac"])
            except (ValueError, KeyError, TypeError):
                return CheckpointRead(found, f"checkpoint line {number} is unreadable")
            if not hmac.compare_digest(mac, self._mac(cp)):
                return CheckpointRead(found, f"checkpoint line {number} has a bad signature")
            found.append(cp)
        return CheckpointRead(found, None)


def _append_durably(path: Path, line: bytes) -> None:
    new = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)
    if new:  # Make the new directory entry durable too.
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

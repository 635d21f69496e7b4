"""Finding 1: cutting the audit log short (tail deleted, wiped, rolled back) must fail ``audit verify``.

The attacks are the ones of the probe: rows deleted in the database and ``audit_head`` moved to
match. The signed checkpoint file in the data directory (and its published copy) catches them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from core.checkpoints import FILE_NAME, CheckpointFile
from core.container import Container
from core.models import AuditEvent, AuditHead

ROOT = Path(__file__).resolve().parents[2]


def _events(c: Container, n: int) -> None:
    for i in range(n):
        with c.factory() as s, s.begin():
            c.audit.append(s, at=c.clock.now() + dt.timedelta(seconds=i), actor="alice", action="note",
                           detail={"i": i, "名": "山田"})


def _cli_verify(c: Container, *extra: str) -> dict[str, Any]:
    env = dict(os.environ, MADOGUCHI_DATA_DIR=str(c.settings.data_dir),
               MADOGUCHI_DATABASE_URL=c.settings.effective_database_url,
               MADOGUCHI_PUBLIC_BASE_URL="http://127.0.0.1:9")
    out = subprocess.run([sys.executable, "-m", "madoguchi.cli", "audit", "verify", *extra], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["rc"] = out.returncode
    return result


def _cut_to(c: Container, seq: int) -> None:
    """What the probe did: delete every event after *seq* and point the head at *seq*."""
    with c.factory() as s, s.begin():
        s.execute(text("DELETE FROM audit_events WHERE seq > :q"), {"q": seq})
        row = s.execute(text("SELECT hash FROM audit_events WHERE seq = :q"), {"q": seq}).first()
        s.execute(text("UPDATE audit_head SET seq = :q, hash = :h WHERE id = 1"),
                  {"q": seq, "h": row[0] if row else "0" * 64})


def test_tail_truncation_is_detected(container: Container) -> None:
    _events(container, 60)  # every 50th event is checkpointed after its commit
    assert _cli_verify(container)["ok"]  # ...and a successful verify checkpoints the head (seq 60)
    _cut_to(container, 55)
    with container.factory() as s:  # the chain itself is still consistent: only the checkpoint knows
        assert container.audit.verify(s, CheckpointFile(Path("/nonexistent"), b"")).ok
    result = _cli_verify(container)
    assert result["rc"] == 1 and not result["ok"] and "checkpoint" in result["message"]


def test_wipe_is_detected(container: Container) -> None:
    _events(container, 3)
    assert container.audit.checkpoint(container.factory, container.clock.now())  # the worker tick's call
    _cut_to(container, 0)
    result = _cli_verify(container)
    assert result["rc"] == 1 and result["checked"] == 0 and "seq 3" in result["message"]


def test_rollback_to_an_old_backup_is_detected(container: Container) -> None:
    _events(container, 5)
    container.audit.checkpoint(container.factory, container.clock.now())
    with container.factory() as s:  # the "backup"
        backup = [(e.seq, e.at, e.actor, e.action, e.case_id, e.detail, e.prev_hash, e.hash)
                  for e in s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()]
        head = tuple(s.execute(text("SELECT seq, hash FROM audit_head")).one())
    _events(container, 5)
    container.audit.checkpoint(container.factory, container.clock.now())
    _cut_to(container, 0)
    _restore(container, backup, head)  # the old backup, row for row
    result = _cli_verify(container)
    assert result["rc"] == 1 and result["checked"] == 5 and "rolled back" in result["message"]


def _restore(c: Container, rows: list[tuple[Any, ...]], head: tuple[Any, ...]) -> None:
    with c.factory() as s, s.begin():
        for seq, at, actor, action, case_id, detail, prev_hash, hash_ in rows:
            s.add(AuditEvent(seq=seq, at=at, actor=actor, action=action, case_id=case_id, detail=detail,
                             prev_hash=prev_hash, hash=hash_))
        h = s.get(AuditHead, 1)
        assert h is not None
        h.seq, h.hash = head


def test_published_copy_detects_a_wipe_of_data_dir_and_database(container: Container, tmp_path: Path) -> None:
    """The repository copy leaves the machine: verifying against it still catches the cut."""
    _events(container, 4)
    container.audit.checkpoint(container.factory, container.clock.now())
    published = container.settings.data_dir / "ca" / "repository" / FILE_NAME
    outside = tmp_path / "copy-kept-elsewhere"
    outside.write_bytes(published.read_bytes())
    (container.settings.data_dir / FILE_NAME).unlink()  # the attacker removes the local file too
    _cut_to(container, 2)
    result = _cli_verify(container, "--checkpoints", str(outside))
    assert result["rc"] == 1 and "seq 4" in result["message"]


def test_forged_checkpoint_line_is_refused(container: Container) -> None:
    _events(container, 2)
    container.audit.checkpoint(container.factory, container.clock.now())
    path = container.settings.data_dir / FILE_NAME
    line = json.loads(path.read_text().splitlines()[-1])
    line["seq"] = 1  # pretend the log was shorter
    path.write_text(json.dumps(line) + "\n")
    result = _cli_verify(container)
    assert result["rc"] == 1 and "bad signature" in result["message"]


def test_checkpoints_are_served_from_the_repository(container: Container) -> None:
    from fastapi.testclient import TestClient

    from madoguchi.asgi import build_asgi

    _events(container, 1)
    container.audit.checkpoint(container.factory, container.clock.now())
    with TestClient(build_asgi(container)) as client:
        r = client.get("/repository/audit-checkpoints")
    assert r.status_code == 200 and json.loads(r.text.splitlines()[-1])["seq"] == 1

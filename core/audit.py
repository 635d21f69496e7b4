"""Tamper-evident audit log: every event carries an HMAC over its content and its predecessor's hash.

The HMAC key lives outside the database (in the data directory), so someone who can only
edit database rows can neither change an event nor recompute the chain after deleting one.
:func:`verify` walks the chain and reports the first broken link. Signed checkpoints kept outside
the database (:mod:`core.checkpoints`) catch what the chain alone cannot: the newest rows deleted
together with the head, a wiped table, or a database rolled back to an old backup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from core.checkpoints import CheckpointFile
from core.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def _digest(key: bytes, seq: int, at: dt.datetime, actor: str, action: str, case_id: int | None,
            detail: dict[str, Any], prev_hash: str) -> str:
    body = json.dumps(
        [seq, at.astimezone(dt.UTC).isoformat(timespec="microseconds"), actor, action, case_id, detail, prev_hash],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    ).encode("utf-8")
    return hmac.new(key, body, hashlib.sha256).hexdigest()


class AuditLog:
    """Appends to and verifies the chained audit log."""

    def __init__(self, key: bytes, checkpoints: CheckpointFile | None = None, every: int = 50) -> None:
        self._key = key
        self.checkpoints = checkpoints
        self._every = max(1, every)
        self._last_checkpoint_seq: int | None = None

    def append(self, session: Session, *, at: dt.datetime, actor: str, action: str,
               case_id: int | None = None, detail: dict[str, Any] | None = None) -> AuditEvent:
        """Add one event inside the caller's transaction."""
        # The head row is created by migration 0002; locking it serialises appends.
        head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
        # JSON round trip so that what is hashed is exactly what the database will give back.
        clean = json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str))
        seq = head.seq + 1
        digest = _digest(self._key, seq, at, actor, action, case_id, clean, head.hash)
        event = AuditEvent(seq=seq, at=at, actor=actor, action=action, case_id=case_id, detail=clean,
                           prev_hash=head.hash, hash=digest)
        session.add(event)
        head.seq, head.hash = seq, digest
        if self.checkpoints is not None and seq % self._every == 0:
            self._checkpoint_after_commit(session, seq, digest, at)
        return event

    # ------------------------------------------------------------------ checkpoints

    def _checkpoint_after_commit(self, session: Session, seq: int, digest: str, at: dt.datetime) -> None:
        """Write a checkpoint for *seq* once (and only if) the caller's transaction commits."""
        session.info["audit_checkpoint"] = (seq, digest, at)
        if session.info.get("audit_listening"):
            return
        session.info["audit_listening"] = True

        def committed(s: Session) -> None:
            pending = s.info.pop("audit_checkpoint", None)
            if pending is not None:
                self._write(*pending)

        def rolled_back(s: Session) -> None:
            s.info.pop("audit_checkpoint", None)

        event.listen(session, "after_commit", committed)
        event.listen(session, "after_rollback", rolled_back)

    def _write(self, seq: int, digest: str, at: dt.datetime) -> None:
        assert self.checkpoints is not None
        if self._last_checkpoint_seq is not None and seq <= self._last_checkpoint_seq:
            return
        self.checkpoints.write(seq, digest, at)
        self._last_checkpoint_seq = seq

    def checkpoint(self, factory: sessionmaker[Session], now: dt.datetime) -> bool:
        """Write a checkpoint of the committed head when it moved since the last one (worker tick)."""
        if self.checkpoints is None:
            return False
        if self._last_checkpoint_seq is None:
            latest = self.checkpoints.read().latest
            self._last_checkpoint_seq = latest.seq if latest else 0
        with factory() as session:
            head = session.get(AuditHead, 1)
            if head is None or head.seq <= self._last_checkpoint_seq:
                return False
            seq, digest = head.seq, head.hash
        self._write(seq, digest, now)
        return True

    def verify(self, session: Session, checkpoints: CheckpointFile | None = None) -> VerifyResult:
        """Recompute the whole chain and compare it with every checkpoint; report the first problem found.

        *checkpoints* defaults to the local checkpoint file; pass another (e.g. a copy fetched
        from the published repository) to check against that one.
        """
        source = checkpoints or self.checkpoints
        read = source.read() if source is not None else None
        if read is not None and read.error:
            return VerifyResult(False, 0, read.error)
        wanted = {cp.seq: cp for cp in read.checkpoints} if read is not None else {}
        prev, expected_seq, count = GENESIS, 1, 0
        rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
        for ev in rows:
            if ev.seq != expected_seq:
                return VerifyResult(False, count, f"event seq {expected_seq} is missing (found {ev.seq})")
            if ev.prev_hash != prev:
                return VerifyResult(False, count, f"event seq {ev.seq} does not link to its predecessor")
            digest = _digest(self._key, ev.seq, ev.at, ev.actor, ev.action, ev.case_id, ev.detail, ev.prev_hash)
            if not hmac.compare_digest(digest, ev.hash):
                return VerifyResult(False, count, f"event seq {ev.seq} was altered")
            cp = wanted.get(ev.seq)
            if cp is not None and not hmac.compare_digest(cp.hash, ev.hash):
                return VerifyResult(False, count, f"event seq {ev.seq} differs from the checkpoint of {cp.at}")
            prev, expected_seq, count = ev.hash, expected_seq + 1, count + 1
        head = session.get(AuditHead, 1)
        head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
        if head_seq != count or head_hash != prev:
            return VerifyResult(False, count, f"chain ends at seq {count} but the head says {head_seq}")
        latest = read.latest if read is not None else None
        if latest is not None and count < latest.seq:
            return VerifyResult(False, count, f"chain ends at seq {count} but the checkpoint of {latest.at} "
                                              f"says seq {latest.seq}: events were removed or the database "
                                              "was rolled back")
        if latest is None:
            return VerifyResult(True, count, "ok (no checkpoint yet)")
        return VerifyResult(True, count, f"ok (latest checkpoint seq {latest.seq} of {latest.at})")


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :meth:`AuditLog.verify`."""

    ok: bool
    checked: int
    message: str

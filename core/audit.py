"""Tamper-evident audit log: every event carries an HMAC over its content and its predecessor's hash.

The HMAC key lives outside the database (in the data directory), so someone who can only
edit database rows can neither change an event nor recompute the chain after deleting one.
:func:`verify` walks the chain and reports the first broken link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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

    def __init__(self, key: bytes) -> None:
        self._key = key

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
        return event

    def verify(self, session: Session) -> VerifyResult:
        """Recompute the whole chain; report the first problem found."""
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
            prev, expected_seq, count = ev.hash, expected_seq + 1, count + 1
        head = session.get(AuditHead, 1)
        head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
        if head_seq != count or head_hash != prev:
            return VerifyResult(False, count, f"chain ends at seq {count} but the head says {head_seq}")
        return VerifyResult(True, count, "ok")


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :meth:`AuditLog.verify`."""

    ok: bool
    checked: int
    message: str

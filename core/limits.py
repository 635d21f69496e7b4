"""The shared limiter on anything that creates rows: fixed windows counted in the database.

Counting in the database (table ``rate_counters``) lets several ``serve`` processes on one
PostgreSQL share the limits, which per-process token buckets cannot.  Each check is one short
transaction: a conditional ``UPDATE … SET count = count + 1 WHERE count < limit`` (atomic on
both SQLite and PostgreSQL), or an ``INSERT`` of the window's first event; two processes racing
on that insert are resolved by the primary key.  Keys are stored as SHA-256 digests, so client
addresses and chat ids are not kept in clear.  Old windows are deleted as new ones start.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Final

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from core.models import RateCounter
from core.ports import Clock


@dataclass(frozen=True)
class Limit:
    """At most *count* events per *window* for one key of *scope*."""

    scope: str
    count: int
    window: dt.timedelta


#: Chat requests kept for one client (a web chat's address, a Telegram chat).
CHAT_REQUEST_PER_CLIENT: Final = Limit("chat_request", 5, dt.timedelta(hours=1))
#: Chat requests kept per channel in all (30 Telegram chat ids are 30 clients).
CHAT_REQUEST_PER_CHANNEL: Final = Limit("chat_request_all", 60, dt.timedelta(hours=1))
#: Requests for a one-time link, per client, per address asked for and in all.
LINK_PER_CLIENT: Final = Limit("link_client", 3, dt.timedelta(hours=1))
LINK_PER_ADDRESS: Final = Limit("link_address", 3, dt.timedelta(hours=1))
LINK_PER_CHANNEL: Final = Limit("link_all", 60, dt.timedelta(hours=1))
#: Attempts to follow a one-time link, per client address (tokens cannot be guessed; this bounds the work).
LINK_CONFIRM_PER_CLIENT: Final = Limit("link_confirm", 20, dt.timedelta(hours=1))
#: Questions recorded for a human and votes on answers, per client.
UNANSWERED_PER_CLIENT: Final = Limit("unanswered", 20, dt.timedelta(hours=1))
FEEDBACK_PER_CLIENT: Final = Limit("feedback", 30, dt.timedelta(hours=1))
#: Telegram updates taken in per chat (each is recorded once, to drop redeliveries).
TELEGRAM_UPDATES_PER_CHAT: Final = Limit("tg_updates", 30, dt.timedelta(minutes=10))


def key_hash(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class RowLimiter:
    """Counts events per (scope, key) in fixed windows shared through the database."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self.factory, self.clock = factory, clock

    def allow(self, limit: Limit, key: str) -> bool:
        """Count one event of *key*; False (and nothing counted) when its window is full."""
        seconds = max(1, int(limit.window.total_seconds()))
        # A window is named by its start (epoch seconds), so old ones can be purged across scopes.
        window = int(self.clock.now().timestamp()) // seconds * seconds
        digest = key_hash(key)
        for _ in range(2):
            with self.factory() as session, session.begin():
                bumped = session.execute(
                    update(RateCounter)
                    .where(RateCounter.scope == limit.scope, RateCounter.key_hash == digest,
                           RateCounter.window == window, RateCounter.count < limit.count)
                    .values(count=RateCounter.count + 1)
                    .execution_options(synchronize_session=False)
                )
                if int(getattr(bumped, "rowcount", 0) or 0) == 1:
                    return True
                if session.get(RateCounter, (limit.scope, digest, window)) is not None:
                    return False  # The window exists and is full.
            try:
                with self.factory() as session, session.begin():
                    # The window's first event; earlier windows of this key are no longer needed.
                    session.execute(delete(RateCounter).where(
                        RateCounter.scope == limit.scope, RateCounter.key_hash == digest,
                        RateCounter.window < window))
                    session.add(RateCounter(scope=limit.scope, key_hash=digest, window=window,
                                            count=1 if limit.count > 0 else 0))
                return limit.count > 0
            except IntegrityError:
                continue  # Another process created the window first: count in it.
        return False

    def allow_all(self, checks: list[tuple[Limit, str]]) -> bool:
        """Check several limits in order; stop at the first that refuses."""
        return all(self.allow(limit, key) for limit, key in checks)

    def purge(self, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
        """Delete windows that ended long ago (keys that never came back)."""
        cutoff = int((self.clock.now() - older_than).timestamp())
        with self.factory() as session, session.begin():
            result = session.execute(delete(RateCounter).where(RateCounter.window < cutoff))
            return int(getattr(result, "rowcount", 0) or 0)

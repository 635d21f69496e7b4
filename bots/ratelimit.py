"""Per-chat token buckets so one chat cannot flood the bot (or the FAQ engine)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class TokenBucketLimiter:
    """Allow *burst* messages at once, refilled at *rate* per second, separately per key."""

    def __init__(self, rate: float = 0.5, burst: int = 5, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one token for *key*; False when the bucket is empty."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens < 1.0:
                return False
            bucket.tokens -= 1.0
            # Full buckets carry no information; dropping them bounds memory.
            if len(self._buckets) > 10_000:
                self._buckets = {k: b for k, b in self._buckets.items() if b.tokens < self.burst}
            return True

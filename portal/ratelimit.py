"""Token buckets per client address, so one address cannot guess codes or flood the CA."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Limiter:
    """Allow *burst* actions at once per key, refilled at *per_hour* an hour."""

    def __init__(self, burst: int, per_hour: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst, self.rate, self.clock = burst, per_hour / 3600.0, clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one token for *key*; False when none is left."""
        now = self.clock()
        with self._lock:
            tokens, updated = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - updated) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1.0, now)
            # Full buckets carry no information; dropping them bounds memory.
            if len(self._buckets) > 10_000:
                self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self.burst - 1}
            return True

"""In-process notifier for live dashboard updates.

Each process keeps a counter that goes up whenever something operators should see happens;
screens poll or stream it. Across several ``serve`` processes the dashboard also compares a
fingerprint of the queue read from the database, so it never depends on this counter alone.
"""

from __future__ import annotations

import threading
from collections import deque


class QueueNotifier:
    """Counts changes and remembers the most recent ones."""

    def __init__(self, keep: int = 200) -> None:
        self._lock = threading.Condition()
        self.version = 0
        self.recent: deque[tuple[int, str, str | None]] = deque(maxlen=keep)

    def publish(self, topic: str, case_tag: str | None = None) -> None:
        with self._lock:
            self.version += 1
            self.recent.append((self.version, topic, case_tag))
            self._lock.notify_all()

    def wait_for_change(self, since: int, timeout: float) -> int:
        """Block until the version passes *since* or *timeout* seconds pass; return the version."""
        with self._lock:
            self._lock.wait_for(lambda: self.version > since, timeout=timeout)
            return self.version

"""In-process notifier for live dashboard updates.

Each process keeps a counter that goes up whenever something operators should see happens;
the dashboard's queue long-polls it. Across several ``serve`` processes the dashboard also
compares a fingerprint of the queue read from the database, so it never depends on this
counter alone.
"""

from __future__ import annotations

import threading


class QueueNotifier:
    """Counts changes that operators' screens should show."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.version = 0

    def publish(self, topic: str, case_tag: str | None = None) -> None:
        with self._lock:
            self.version += 1

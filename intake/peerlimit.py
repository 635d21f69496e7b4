"""A per-address limit on mail taken in over SMTP, so one client cannot flood the case store.

Each client address may start at most *count* messages per *window* (a sliding window);
beyond it ``MAIL FROM`` is answered ``451 4.7.1``, a temporary refusal a real server retries
later, so nothing is lost, while a flood stops creating rows.  Addresses of trusted relays
(by default the loopback addresses, where Postfix hands mail over when it stands in front)
are exempt: the relay applies its own per-client limits (``smtpd_client_message_rate_limit``).

The counts are kept in the process: an SMTP connection lives in one ``serve`` process, so with
*n* processes a client gets at most *n* × *count* (see README "Security").  Memory is bounded:
an address is forgotten once its window is empty, and at most ``max_addresses`` are tracked
(the oldest are dropped first).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

#: The reply to a client over its limit (temporary: it will retry later).
TOO_MANY = "451 4.7.1 Too many messages from your address; try again later"


@dataclass
class PeerLimit:
    """At most *count* messages per *window* seconds per client address, *exempt* addresses aside."""

    count: int
    window: float = 60.0
    exempt: frozenset[str] = frozenset({"127.0.0.1", "::1"})
    max_addresses: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _seen: OrderedDict[str, deque[float]] = field(default_factory=OrderedDict, repr=False)

    @classmethod
    def of(cls, count: int, window: float, exempt: Iterable[str]) -> PeerLimit | None:
        """The limit from settings; None when *count* is 0 (no limit)."""
        if count <= 0:
            return None
        return cls(count=count, window=window, exempt=frozenset(a.strip() for a in exempt if a.strip()))

    def allow(self, address: str) -> bool:
        """Count one message from *address*; False (nothing counted) when its window is full."""
        if address in self.exempt:
            return True
        now = self.clock()
        times = self._seen.get(address)
        if times is None:
            times = deque()
            self._seen[address] = times
            while len(self._seen) > self.max_addresses:
                self._seen.popitem(last=False)
        else:
            self._seen.move_to_end(address)
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) >= self.count:
            return False
        times.append(now)
        return True

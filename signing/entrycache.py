"""In-process cache of encoded CRL entries per generation, kept in step with the database.

Each change to a generation's revocations gets the next ``change_seq`` under the
generation row lock.  The cache remembers the highest sequence it has applied, so a
CRL re-issue only reads the rows changed since; a 1M-entry CRL then costs one join,
one hash and one signature instead of a million row fetches.

Entries of expired certificates may stay in a CRL after expiry (RFC 5280 only forbids
removing them earlier).  They are dropped when the cache is rebuilt from the database,
which happens at least once per rebuild interval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class EntryCache:
    """Encoded entries of one generation keyed by fixed-width hexadecimal serial."""

    built_at: dt.datetime
    seq: int = 0
    entries: dict[str, bytes] = field(default_factory=dict)

    def apply(self, rows: Iterable[tuple[str, bytes, int]]) -> None:
        """Merge rows of (serial_hex, entry_der, change_seq); later rows replace earlier ones."""
        entries = self.entries
        seq = self.seq
        for serial_hex, entry, change_seq in rows:
            entries[serial_hex] = bytes(entry)
            if change_seq > seq:
                seq = change_seq
        self.seq = seq

    def blob(self) -> bytes:
        """Return the concatenated revokedCertificates content."""
        return b"".join(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

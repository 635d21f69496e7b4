"""Case tags (``MDG-000123``): the one place that formats them from the case counter."""

from __future__ import annotations

#: The largest case number a tag can carry.
MAX_CASE_NUMBER = 999_999


def format_case_tag(n: int) -> str:
    """Return the case tag for case number *n*, e.g. ``MDG-000123``."""
    if n < 0 or n > MAX_CASE_NUMBER:
        raise ValueError(f"case number out of range: {n}")
    return f"MDG-{n:06d}"

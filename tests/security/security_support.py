"""Shared helpers of the security tests (importable by name; conftest puts this folder on the path)."""

from __future__ import annotations

from collections.abc import Callable

from core.models import Case

AUTHSERV_ID = "mx.madoguchi.test"

Deliver = Callable[[bytes], Case | None]


class StubDns:
    """TXT records answered from a dict: the DKIM keys the test generated."""

    def __init__(self) -> None:
        self.records: dict[str, bytes] = {}
        self.asked: list[str] = []

    def __call__(self, name: str) -> bytes | None:
        self.asked.append(name)
        return self.records.get(name.lower())

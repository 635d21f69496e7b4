"""Which of the serials a mail names it asks about (intake.serialscope), read through classify_text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.classify import classify_text
from intake.serialscope import requested_serials

CASES = json.loads((Path(__file__).resolve().parents[2] / "data" / "serials" / "scope.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_the_serials_asked_about(case: dict[str, Any]) -> None:
    assert sorted(classify_text(case["text"]).serials) == sorted(case["serials"])


def test_a_serial_left_out_is_named_in_a_reason() -> None:
    scope = requested_serials("Keep 4A7C19E0D2B3. Please revoke 9F01AB23CD45.", ["4a7c19e0d2b3", "9f01ab23cd45"])
    assert scope.serials == ["9f01ab23cd45"]
    assert scope.reasons == ["serial 4a7c19e0d2b3 left out: its clause says to keep it (Keep)"]
    result = classify_text("Keep 4A7C19E0D2B3. Please revoke 9F01AB23CD45.")
    assert "serial 4a7c19e0d2b3 left out: its clause says to keep it (Keep)" in result.reasons


def test_one_serial_is_narrowed_only_when_the_writer_says_not_to_revoke_it() -> None:
    assert requested_serials("Keep 4A7C19E0D2B3.", ["4a7c19e0d2b3"]).serials == ["4a7c19e0d2b3"]
    scope = requested_serials("Do not revoke 4A7C19E0D2B3.", ["4a7c19e0d2b3"])
    assert scope.serials == []
    assert scope.reasons == ["serial 4a7c19e0d2b3 left out: its clause says not to revoke it (Do not revoke)"]

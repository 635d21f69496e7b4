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


def test_a_serial_named_again_by_its_words_and_not_to_be_revoked_is_left_out_with_a_reason() -> None:
    text = "Next to my current certificate (serial 6C1A9E2B4D70) I ordered one.\nDo not revoke the current certificate."
    scope = requested_serials(text, ["6c1a9e2b4d70"])
    assert scope.serials == []
    assert scope.reasons == [
        "serial 6c1a9e2b4d70 left out: the writer says not to revoke the one named current certificate (Do not revoke)"
    ]


def test_serials_offered_as_alternatives_by_an_unsure_writer_are_both_left_out() -> None:
    scope = requested_serials("Serial 1D2C3B4A5F60 or 1D2C3B4A5F06, maybe.", ["1d2c3b4a5f60", "1d2c3b4a5f06"])
    assert scope.serials == []
    assert [reason.split(":")[0] for reason in scope.reasons] == [
        "serial 1d2c3b4a5f60 left out",
        "serial 1d2c3b4a5f06 left out",
    ]
    assert all("unsure" in reason for reason in scope.reasons)

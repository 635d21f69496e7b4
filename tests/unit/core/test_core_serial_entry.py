"""Serials typed by operators: spaces group one serial's digits; commas and lines separate serials."""

from __future__ import annotations

import pytest

from core.services.serials import parse_serials
from signing.serials import InvalidSerial


def test_a_grouped_serial_is_one_serial_and_commas_or_lines_separate() -> None:
    assert parse_serials(["a0a4 d3ec ae02 11f0"]) == ["a0a4d3ecae0211f0"]
    assert parse_serials(["3A:7F:01:C2, ０ｘ００ＡＢ\n5b-2c 10-0a"]) == ["3a7f01c2", "ab", "5b2c100a"]
    assert parse_serials(["3a7f01c2", "3A 7F 01 C2"]) == ["3a7f01c2"]  # Once each, in order.


def test_anything_else_is_refused() -> None:
    with pytest.raises(InvalidSerial):
        parse_serials(["12-34-ZZ"])

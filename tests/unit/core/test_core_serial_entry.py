"""Serials typed by operators: spaces group one serial's digits; commas and lines separate serials."""

from __future__ import annotations

import pytest

from core.services.serials import parse_serials, read_one_serial
from signing.serials import InvalidSerial


def test_a_grouped_serial_is_one_serial_and_commas_or_lines_separate() -> None:
    assert parse_serials(["a0a4 d3ec ae02 11f0"]) == ["a0a4d3ecae0211f0"]
    assert parse_serials(["3A:7F:01:C2, ０ｘ００ＡＢ\n5b-2c 10-0a"]) == ["3a7f01c2", "ab", "5b2c100a"]
    assert parse_serials(["3a7f01c2", "3A 7F 01 C2"]) == ["3a7f01c2"]  # Once each, in order.


def test_anything_else_is_refused() -> None:
    with pytest.raises(InvalidSerial):
        parse_serials(["12-34-ZZ"])


# One serial typed into the case page's field, in the forms people write it (issue 14).
ONE_SERIAL_FORMS = [
    ("a0a4 d3ec ae02 11f0", "a0a4d3ecae0211f0"),  # groups of four, spaces (Windows dialog)
    ("A0:A4:D3:EC:AE:02:11:F0", "a0a4d3ecae0211f0"),  # colons (OpenSSL)
    ("a0a4-d3ec-ae02-11f0", "a0a4d3ecae0211f0"),  # hyphens
    ("ａ０ａ４　ｄ３ｅｃ　ａｅ０２　１１ｆ０", "a0a4d3ecae0211f0"),  # full-width with ideographic spaces
    ("0xA0A4D3ECAE0211F0", "a0a4d3ecae0211f0"),  # 0x prefix
    ("a0a4 d3ec\nae02 11f0", "a0a4d3ecae0211f0"),  # wrapped over two lines
    ("「a0a4 d3ec ae02 11f0」", "a0a4d3ecae0211f0"),  # quoted
    ("(a0a4d3ecae0211f0)", "a0a4d3ecae0211f0"),  # in brackets
    ("シリアル番号：A0 A4 D3 EC AE 02 11 F0", "a0a4d3ecae0211f0"),  # copied with its label
    ("Serial Number: 00:a0:a4", "a0a4"),  # leading zeros do not matter
]


@pytest.mark.parametrize(("typed", "serial"), ONE_SERIAL_FORMS)
def test_one_serial_in_every_written_form(typed: str, serial: str) -> None:
    assert str(read_one_serial(typed)) == serial


@pytest.mark.parametrize("typed", ["", "   ", "xyz-12", "0", "serial", "a0a4, d3ec", "g0a4"])
def test_what_is_not_one_serial_is_refused(typed: str) -> None:
    with pytest.raises(InvalidSerial):
        read_one_serial(typed)

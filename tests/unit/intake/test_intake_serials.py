"""Serial number extraction: every common written form, and things that are not serials."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.serials import SerialCandidate, extract_serials, find_serials


@pytest.mark.parametrize(
    "text",
    [
        "3A 7F 01 C2",
        "3a:7f:01:c2",
        "0x3a7f01c2",
        "シリアル番号: 3A7F01C2",
        "シリアル番号：３Ａ７Ｆ０１Ｃ２",
        "ｼﾘｱﾙ番号 3a-7f-01-c2",
        "シリアル番号（10進）: 981402050",
        "シリアル番号(10進数) 981402050",
        "serial (decimal) 981402050",
        "Serial number is 00 3A 7F 01 C2.",
        "S/N: 3A7F01C2",
        "シリアル番号は 3A 7F 01 C2 です。",
    ],
)
def test_forms_of_one_serial(text: str) -> None:
    assert extract_serials(text) == ["3a7f01c2"]


def test_several_serials_keep_order_and_drop_duplicates() -> None:
    text = "シリアル番号: 0A0B0C0D と 3a:7f:01:c2、それと 0x0a0b0c0d"
    assert extract_serials(text) == ["a0b0c0d", "3a7f01c2"]


@pytest.mark.parametrize(
    "text",
    [
        "TEL 03-1234-5678 / 携帯 090-1234-5678 / +81 3 5555 1234",
        "〒100-0001 東京都千代田区千代田1-1-1",
        "2026/11/20 10:30:00 に受信",
        "2026-11-20",
        "会費 5,500円 を振り込みました",
        "受付番号 20261120-0042",
        "12 34 56 78",
        "be ad ed fa ce",
        "シリアル番号がわかりません",
        "Serial number: face",
        "We will call you back at 0120 123 456",
    ],
)
def test_not_serials(text: str) -> None:
    assert extract_serials(text) == []


def test_decimal_only_when_said_so() -> None:
    # Without the decimal mark a labelled number is read as hexadecimal, as Windows shows it.
    assert extract_serials("シリアル番号 981402050") == ["981402050"]
    assert extract_serials("serial number (decimal): 981402050") == ["3a7f01c2"]


CASES = json.loads((Path(__file__).resolve().parents[2] / "data" / "serials" / "cases.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_written_forms_and_decoys(case: dict[str, Any]) -> None:
    assert extract_serials(case["text"]) == case["serials"]
    inexact = [c.value for c in find_serials(case["text"]) if not c.exact]
    assert inexact == case.get("inexact", [])


def test_candidates_say_where_they_came_from() -> None:
    (candidate,) = find_serials("シリアル番号: 4f3e2d1c0b0a99887766\n554433221100ffee", where="subject")
    assert candidate == SerialCandidate("4f3e2d1c0b0a99887766554433221100ffee", "subject: labelled (wrapped)", True)
    (bare,) = find_serials("参照コード 9c8b7a6f5e4d")
    assert bare.source == "body: bare hex" and not bare.exact


def test_more_than_forty_digits_is_never_a_serial() -> None:
    assert find_serials("シリアル番号: " + "ab12" * 11) == []


def _groups_of(digits: str, size: int) -> list[str]:
    """*digits* padded to an even length and cut into groups of *size*, the last one possibly short."""
    even = digits.zfill(len(digits) + len(digits) % 2)
    return [even[i:i + size] for i in range(0, len(even), size)]


@pytest.mark.parametrize("size", [2, 4, 8])
@pytest.mark.parametrize("wrapped", [False, True], ids=["one line", "wrapped"])
def test_grouped_serials_of_every_length_are_read_whole(size: int, wrapped: bool) -> None:
    # Random serials have any length up to 40 digits; whatever the last group holds, the whole
    # number is read (a short last group made one browser test fail about once in 400 runs).
    pattern = "5c3f8e21d0a94b7612f0e3d45a6c7b8e91d2f3a4"
    for length in range(8, 41):
        digits = pattern[:length]
        groups = _groups_of(digits, size)
        half = len(groups) // 2
        full = sum(len(g) == size for g in groups)
        # Too short to be told from other numbers: fewer than four pairs or two full groups, or
        # a wrapped first line holding a single group.
        if full < (4 if size == 2 else 2) or (wrapped and half < 2):
            continue
        written = " ".join(groups[:half]) + "\n" + " ".join(groups[half:]) if wrapped else " ".join(groups)
        text = (f"本日、ノートPCを盗まれました。至急、緊急失効をお願いします。\nシリアル番号: {written}\n\n"
                "よろしくお願いします。\n")
        assert extract_serials(text) == [format(int(digits, 16), "x")], written


def test_the_cas_name_is_no_ip_address_label() -> None:
    # "iPROVE" starts with "ip", which once made the serial after it an IP address.
    assert extract_serials("[iPROVE] Revocation of certificate CF:A3:0F:D0:4D:82:05:F1") == ["cfa30fd04d8205f1"]
    assert extract_serials("IP address: 0a:0b:0c:0d") == []

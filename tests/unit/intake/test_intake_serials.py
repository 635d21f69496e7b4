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


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        ("Serial: 0x3A 0x7F 0x01 0xC2 0x9B 0x4D 0x5E 0x60", "3a7f01c29b4d5e60"),
        ("シリアル番号は 0x3a 0x7f 0x01 0xc2 0x9b 0x4d 0x5e 0x60 です。", "3a7f01c29b4d5e60"),
        ("serial bytes: 0x3a 0x7f 0x01 0xc2 0x9b 0x4d 0x5e 0x60 0x11 0x22 0x33 0x44", "3a7f01c29b4d5e6011223344"),
    ],
)
def test_a_byte_array_parted_by_spaces_alone_is_one_serial(text: str, serial: str) -> None:
    # A program prints a serial's bytes each with its "0x", parted by spaces: the bytes are one value.
    assert extract_serials(text) == [serial]


def test_a_few_prefixed_bytes_parted_by_spaces_are_no_serial() -> None:
    # Fewer than six bytes are no byte array of a serial (a status code, a flag or two).
    assert extract_serials("flags 0x3a 0x7f 0x01") == []


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


def test_each_item_of_a_list_of_certificates_holds_one_long_serial() -> None:
    # A mail about several certificates splits a run of 32 digits into two, but not one list item's.
    text = (
        "下記2件の証明書を失効してください。\n"
        "1. 佐々木 健　7C21 9A0B 44DE 1F3C 8B20 6E71 0AF9 D2C4\n"
        "2. 大川 舞　3E8F 0B61 C27A 95D4 61E0 7B3A 2C98 F415\n"
    )
    assert extract_serials(text) == ["7c219a0b44de1f3c8b206e710af9d2c4", "3e8f0b61c27a95d461e07b3a2c98f415"]


def test_list_items_with_a_remark_in_brackets_after_the_value_are_all_listed() -> None:
    text = "Please cancel the following certificates:\n- 5E0B7A91C2D3F446 (Ito)\n- 8D2C4E6F1A3B5C79 (retired)\n"
    assert extract_serials(text) == ["5e0b7a91c2d3f446", "8d2c4e6f1a3b5c79"]


def test_a_sentence_naming_the_certificate_is_no_persons_name() -> None:
    # "対象の証明書は " before a value once passed for a name, and the order number's label above won.
    text = "注文番号 ZX-88120 で申し込みました。\n対象の証明書は 3C9D0E7A15B2F468A0C1 です。失効をお願いします。"
    assert extract_serials(text) == ["3c9d0e7a15b2f468a0c1"]


def test_a_hash_named_with_its_own_value_does_not_name_a_later_serial() -> None:
    text = (
        "ログ（SHA-1: 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567）を添付します。"
        "証明書のシリアル 1F:2E:3D:4C:5B:6A:79:88:97:A6:B5:C4:D3:E2:F1:00 です。"
    )
    assert extract_serials(text) == ["1f2e3d4c5b6a798897a6b5c4d3e2f100"]


@pytest.mark.parametrize(
    "written",
    ["5B 2C9 0E1F7 A4 83D6 C0B 5E 19", "5b2 c90e 1f7a 483 d6c0 b5e1 9", "5B 2C 90 E1 F7 A4 83 D6 C0 B5 E1 9"],
)
def test_words_of_uneven_sizes_right_after_a_label_are_one_serial(written: str) -> None:
    assert extract_serials(f"Serial number: {written}\nPlease revoke it.") == ["5b2c90e1f7a483d6c0b5e19"]


def test_two_whole_serials_side_by_side_after_a_label_stay_two() -> None:
    assert extract_serials("Serial numbers: 5b2c90e1f7a483d6 c0b5e19a7d3e") == ["5b2c90e1f7a483d6", "c0b5e19a7d3e"]


def test_letters_that_look_like_digits_after_a_label_are_read_as_the_digits() -> None:
    assert extract_serials("証明書シリアル番号：7AlO3C9E2IB4D8O5F6 (FAX)") == ["7a103c9e21b4d805f6"]
    # Elsewhere they are letters of words.
    assert extract_serials("FOLIO 7A103C9E21B4D805F6") == []


def test_values_counted_as_the_first_and_second_certificate_are_both_serials() -> None:
    text = "2枚とも失効をお願いします。\n1枚目：9e0d3b7a51c2f48e66\n2枚目：04a8c3e19f7b2d5560aa\n"
    assert extract_serials(text) == ["9e0d3b7a51c2f48e66", "4a8c3e19f7b2d5560aa"]


def test_a_value_given_as_the_right_one_is_a_serial() -> None:
    assert extract_serials("先ほどの番号は誤りでした。正しくは\n6F0E2D9C8B7A5341\nです。") == ["6f0e2d9c8b7a5341"]

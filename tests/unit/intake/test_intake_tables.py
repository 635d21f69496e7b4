"""Plain-text tables: one cell splitter, and a rule under a header that is no signature, for both its readers.

The body splitter (:mod:`intake.quoting`) reads the raw text, the serial reader
(:mod:`intake.serials`) reads it folded to half-width; both must agree on what a table is.
"""

from __future__ import annotations

import unicodedata

import pytest

from intake.quoting import split_body
from intake.serials import find_serials
from intake.tables import cells, underlines_header


def _texts(line: str) -> list[str]:
    return [line[a:b].strip() for a, b in cells(line)]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("氏名      シリアル番号", ["氏名", "シリアル番号"]),
        ("| 氏名 | シリアル番号 | 注文番号 |", ["氏名", "シリアル番号", "注文番号"]),
        ("│山田  │200c6e4aaf46fb37    │", ["山田", "200c6e4aaf46fb37"]),
        ("山田\t3b57457b6ac15379\t20261120a1", ["山田", "3b57457b6ac15379", "20261120a1"]),
        ("氏名\u3000\u3000シリアル番号", ["氏名", "シリアル番号"]),
        ("｜氏名｜シリアル番号｜", ["氏名", "シリアル番号"]),
        # One space, half-width or full-width, stays inside a cell: it parts a name's words.
        ("西村\u3000拓也  3c05a1b2", ["西村\u3000拓也", "3c05a1b2"]),
        ("Ken Tanaka    9a614c7e70ba1bf9", ["Ken Tanaka", "9a614c7e70ba1bf9"]),
        # A quote mark before a row is no cell of it.
        (">  山田  3b57457b", ["山田", "3b57457b"]),
        ("ordinary text with single spaces", []),
        ("| one cell |", []),
        ("", []),
    ],
)
def test_cells_of_a_row(line: str, want: list[str]) -> None:
    assert _texts(line) == want


@pytest.mark.parametrize(
    "line",
    [
        "氏名\u3000\u3000シリアル番号\u3000\u3000注文番号",
        "｜山田｜３Ｂ５７４５７Ｂ｜",
        "山田太郎\u3000 3b57457b6ac15379",
        "Name\t\tSerial",
    ],
)
def test_raw_and_folded_text_split_alike(line: str) -> None:
    # The body splitter sees the raw text, the serial reader the NFKC-folded one.
    folded = unicodedata.normalize("NFKC", line)
    assert len(cells(line)) == len(cells(folded)) >= 2


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["氏名  シリアル番号", "----------", "北村  5e219ac0"], True),
        (["| 氏名 | シリアル番号 |", "-----------", "| 北村 | 5e219ac0 |"], True),
        (["よろしくお願いします。", "----------", "佐野  総務部"], False),
        (["氏名  シリアル番号  注文番号", "----------", "北村  5e219ac0"], False),
        (["----------", "北村  5e219ac0"], False),
        (["氏名  シリアル番号", "----------"], False),
    ],
    ids=["aligned", "bars", "text above", "cell counts differ", "first line", "last line"],
)
def test_a_rule_underlines_a_header(lines: list[str], want: bool) -> None:
    assert underlines_header(lines, lines.index("----------") if "----------" in lines else 1) is want


# A table near the end of a mail whose header is underlined by dashes, typed three ways.
_TABLES = [
    "以下の証明書を止めてください。\n\n  氏名      値\n  ------------------------\n  北村 翔    0x5e219ac073db\n",
    "以下の証明書を止めてください。\n\n│ 氏名 │ 値 │\n--------------------\n│ 北村 翔 │ 0x5e219ac073db │\n",
    "以下の証明書を止めてください。\n\n氏名\u3000\u3000値\n------------------------\n北村\u3000翔\u3000\u30000x5e219ac073db\n",
]


@pytest.mark.parametrize("text", _TABLES, ids=["aligned", "bars", "full-width spaces"])
def test_both_readers_keep_an_underlined_table_out_of_the_signature(text: str) -> None:
    split = split_body(text)
    assert split.signature == "" and "0x5e219ac073db" in split.new_text
    (serial,) = find_serials(text)
    assert serial.value == "5e219ac073db" and serial.exact


def test_both_readers_take_a_rule_above_a_name_for_a_signature() -> None:
    text = "証明書の件でご連絡しました。\n\n--------------------\n北村 翔\n0x5e219ac073db\n"
    split = split_body(text)
    assert split.signature.startswith("-----") and "0x5e219ac073db" in split.signature
    (serial,) = find_serials(text)
    assert not serial.exact


def test_both_readers_take_a_rule_between_rows_of_unequal_width_for_a_signature() -> None:
    text = "証明書の件でご連絡しました。\n\n氏名  所属  内線\n--------------------\n北村 翔  0x5e219ac073db\n"
    split = split_body(text)
    assert split.signature.startswith("-----")
    (serial,) = find_serials(text)
    assert not serial.exact


def test_a_table_typed_with_bars_is_content_not_a_quote() -> None:
    # Some mail programs mark quoted lines with a bar; a row that also closes with a bar is a table's.
    text = "3枚のうち1枚を失効してください。\n\n| PC | シリアル |\n|----|----|\n| ノートPC | 2E:41:9A:00:C7 |\n"
    split = split_body(text)
    assert "2E:41:9A:00:C7" in split.new_text and split.quoted_text == ""
    quoted = split_body("はい、お願いします。\n\n| 前回のメール\n| シリアル 2E:41:9A:00:C7 を失効しますか")
    assert quoted.new_text == "はい、お願いします。" and "2E:41:9A:00:C7" in quoted.quoted_text


def test_a_one_column_listing_as_a_shell_prints_it_is_content() -> None:
    # "Select SerialNumber" prints the property's name, a rule of its length and the value.
    text = "My laptop was stolen, please revoke.\n\nSerialNumber\n------------\n6E03A9D1C47B2F85\n"
    split = split_body(text)
    assert split.signature == "" and "6E03A9D1C47B2F85" in split.new_text


def test_a_name_over_a_rule_of_its_length_is_still_a_signature() -> None:
    # A writer's name, a rule as long as it, and a line sent from a phone: a signature, as before.
    text = "申し込み取り消しで。\n\n服部はるか\n-----\n携帯からの送信\n"
    assert split_body(text).signature.startswith("-----")


def test_a_table_framed_by_plain_rules_near_the_end_is_content() -> None:
    text = (
        "下記のうち西川のものを失効してください。\n\n----------------------------------\n"
        " 氏名　　　　シリアル番号　　　　　　　状態\n 西川 健一　7B 3E 90 C1 D5 28 A4 F6　　逝去\n"
        " 西川 恵子　A2 6D 14 F8 0C 93 B7 5E　　継続\n----------------------------------\n"
    )
    split = split_body(text)
    assert split.signature == "" and "7B 3E 90 C1" in split.new_text

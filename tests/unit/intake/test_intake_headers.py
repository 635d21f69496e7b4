"""Header decoding: RFC 2047 as written by real, and broken, senders."""

from __future__ import annotations

import base64

from intake.headers import decode_header_value


def test_iso2022jp_encoded_word() -> None:
    assert decode_header_value("=?ISO-2022-JP?B?GyRCJTclaiUiJWtIVjlmGyhC?=") == ("シリアル番号", [])


def test_encoded_word_glued_to_text_without_spaces() -> None:
    text, _ = decode_header_value("Re:=?UTF-8?B?5aSx5Yq5?=のお願い")
    assert text == "Re:失効のお願い"


def test_multibyte_character_split_across_words() -> None:
    data = "証明書の失効".encode()
    value = (
        "=?UTF-8?B?"
        + base64.b64encode(data[:4]).decode()
        + "?= =?UTF-8?B?"
        + base64.b64encode(data[4:]).decode()
        + "?="
    )
    assert decode_header_value(value)[0] == "証明書の失効"


def test_adjacent_words_without_whitespace() -> None:
    data = "証明書".encode()
    value = (
        "=?UTF-8?B?" + base64.b64encode(data[:2]).decode() + "?==?UTF-8?B?" + base64.b64encode(data[2:]).decode() + "?="
    )
    assert decode_header_value(value)[0] == "証明書"


def test_q_encoding_and_missing_padding() -> None:
    assert decode_header_value("=?utf-8?Q?=E5=A4=B1=E5=8A=B9_OK?=")[0] == "失効 OK"
    assert decode_header_value("=?utf-8?B?5aSx5Yq5?=")[0] == "失効"
    assert decode_header_value("=?utf-8?B?5aSx5Yq?=")[0].startswith("失")


def test_wrong_charset_label_in_word() -> None:
    # Labelled ISO-2022-JP but the bytes are Shift_JIS.
    text, notes = decode_header_value("=?iso-2022-jp?B?jriM+A==?=")
    assert text == "失効"
    assert notes


def test_raw_8bit_shift_jis_header() -> None:
    value = "証明書失効".encode("cp932").decode("utf-8", "surrogateescape")
    text, notes = decode_header_value(value)
    assert text == "証明書失効"
    assert "raw 8-bit header decoded as cp932" in notes


def test_raw_iso2022jp_header_without_encoded_words() -> None:
    assert decode_header_value("\x1b$B%F%9%H\x1b(B")[0] == "テスト"


def test_folded_header() -> None:
    assert decode_header_value("=?UTF-8?B?5aSx?=\r\n =?UTF-8?B?5Yq5?=")[0] == "失効"

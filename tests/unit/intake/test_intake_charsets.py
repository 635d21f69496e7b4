"""Charset decoding: CP50220 extensions, CP932, EUC-JP, detection and wrong labels."""

from __future__ import annotations

import codecs

import pytest

from intake.charsets import decode_bytes, decode_iso2022jp, detect, encode_cp50220


def test_cp50220_nec_row13_and_ibm_extension_from_literal_bytes() -> None:
    # Bytes as Outlook writes them: ① = 0x2D21, ㈱ = 0x2D6A (NEC row 13), 髙 = 0x7C62
    # (NEC-selected IBM extension), 橋 = 0x3636, then half-width ｱ in ESC ( I mode.
    raw = b"\x1b$B-!-j|b66\x1b(I1\x1b(B ok"
    text, notes = decode_iso2022jp(raw)
    assert text == "①㈱髙橋ｱ ok"
    assert notes == []


def test_stdlib_iso2022jp_cannot_do_what_we_need() -> None:
    # Documents why the custom decoder exists: the standard codec refuses NEC row 13.
    with pytest.raises(UnicodeDecodeError):
        b"\x1b$B-!\x1b(B".decode("iso2022_jp")


def test_declared_iso2022jp_label_uses_the_extended_decoder() -> None:
    text, used, notes = decode_bytes(b"\x1b$B-!-j|b66\x1b(B", "ISO-2022-JP")
    assert (text, used, notes) == ("①㈱髙橋", "iso-2022-jp", [])


def test_encode_cp50220_round_trips() -> None:
    sample = "①②㈱髙橋﨑 ｶﾀｶﾅ テスト ABC"
    assert decode_iso2022jp(encode_cp50220(sample))[0] == sample


def test_shift_jis_label_is_read_as_cp932() -> None:
    raw = "①㈱髙橋".encode("cp932")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("shift_jis")
    assert decode_bytes(raw, "Shift_JIS")[0] == "①㈱髙橋"


@pytest.mark.parametrize(
    "label", ["Windows-31J", '"windows-31j"', "csWindows31J", "x-ms-cp932", "windows-932", "MS932", "sjis-win"]
)
def test_names_of_cp932_that_python_does_not_know_are_read_as_cp932(label: str) -> None:
    # Java and the IANA registry call CP932 "Windows-31J"; Python has no codec by that name.
    raw = "㈱浪速商事 ① 髙橋".encode("cp932")
    text, used, notes = decode_bytes(raw, label)
    assert (text, notes) == ("㈱浪速商事 ① 髙橋", [])
    assert codecs.lookup(used).name == "cp932"


def test_jisx0212_segment() -> None:
    # ESC $ ( D selects JIS X 0212; 0x3021 there is 丂.
    assert decode_iso2022jp(b"\x1b$(D0!\x1b(B")[0] == "丂"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("失効をお願いします。".encode("cp932"), "cp932"),
        ("失効をお願いします。".encode("euc_jp"), "euc_jis_2004"),
        ("失効をお願いします。".encode(), "utf-8"),
        ("失効".encode("iso2022_jp"), "iso-2022-jp"),
    ],
)
def test_detect(raw: bytes, expected: str) -> None:
    assert detect(raw) == expected


def test_undeclared_charset_is_detected_and_noted() -> None:
    text, used, notes = decode_bytes("申込を取り消したい".encode("cp932"), None)
    assert text == "申込を取り消したい"
    assert used == "cp932"
    assert notes == ["no charset declared; detected cp932"]


def test_wrong_label_8bit_in_iso2022jp() -> None:
    text, _used, notes = decode_bytes("記載が間違っています".encode("cp932"), "iso-2022-jp")
    assert text == "記載が間違っています"
    assert "8-bit" in notes[0]


def test_wrong_label_utf8_declared_but_sjis() -> None:
    text, used, notes = decode_bytes("証明書".encode("cp932"), "utf-8")
    assert text == "証明書"
    assert used == "cp932"
    assert notes


def test_unknown_label() -> None:
    text, _used, notes = decode_bytes("質問".encode(), "x-no-such-charset")
    assert text == "質問"
    assert "unknown charset" in notes[0]


def test_broken_bytes_never_raise() -> None:
    text, _used, notes = decode_bytes(b"\x1b$B\xff\x00\x1b(Q!!\x1b", "iso-2022-jp")
    assert isinstance(text, str)
    assert notes

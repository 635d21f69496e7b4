"""Written forms of serials that outside writers (tests/data/serials/writer_s3.json, writer_s4.json) used, read wrong.

Each case is a general kind, written here anew: dotted groups of eight or with a short last
group, a wrap the writer marks with a hanging separator, an item number glued to its value, an
English word before the groups, inline lists, tables with an empty cell or a ``+---+`` frame,
corrections marked 正/誤, and serials the writer says are no part of the request; and (writer
s4) look-alike letters in a value alone on its line, grouped values broken inside a group or
before a separator where a line ended, a span of time counted in words ("two days") that counts
no certificates, a bare value in a forwarded request, and a value broken by hand after a serial
label whose rest the sentence goes on after.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.quoting import split_body
from intake.serials import extract_serials


@pytest.mark.parametrize(
    ("text", "serials"),
    [
        # Dotted groups of eight, and dotted fours with a short last group.
        ("シリアルNo.　3A4B5C6D.7E8F9A0B.1C2D3E4F\n", ["3a4b5c6d7e8f9a0b1c2d3e4f"]),
        ("Serial No.: B4A3C2D1.0E9F8A7B\n", ["b4a3c2d10e9f8a7b"]),
        ("証明書番号：4F2A.9C1B.7D3E.58\n", ["4f2a9c1b7d3e58"]),
        # A wrap marked by a hyphen, a colon or a dot left hanging at the line's end.
        ("シリアル：5D96F2A1-\n83C07B4E 19\n", ["5d96f2a183c07b4e19"]),
        ("S/N 0xab12c3-\n4d5e6f7081\n", ["ab12c34d5e6f7081"]),
        ("1. シリアル番号 7a2c.91bd.40e6.3f58.\n\t2b9d.c07e.61a4.d835\n2. シリアル番号 0x3fa9c2e1d7\n",
         ["7a2c91bd40e63f582b9dc07e61a4d835", "3fa9c2e1d7"]),
        ("下記2枚の証明書を失効してください。\n■9b17:c2e4:5f80:a3d6:\n1e4b:7c09:d2f5:86a1\n■0x4c5d6e7f8091a2b3\n",
         ["9b17c2e45f80a3d61e4b7c09d2f586a1", "4c5d6e7f8091a2b3"]),
        # An item number glued to its value by a colon.
        ("Cert 2:7D1E9C3B5A2F80461C9D7E2B4A6F1D3C5E7A9B1C\nSHA-256 of the scan: " + "ab" * 32 + "\n",
         ["7d1e9c3b5a2f80461c9d7e2b4a6f1d3c5e7a9b1c"]),
        ("Certificate #3:5A:0B:C1:D2:E3:F4:06:17\n", ["5a0bc1d2e3f40617"]),
        # An English word of hex letters before groups of four.
        ("Correction - it should be 7A1C 3B2D 9E4F 60A8, not the one above.\n", ["7a1c3b2d9e4f60a8"]),
        # Sixteen hyphen pairs in a sentence about certificates of a mail naming no hash.
        ("1A-2B-3C-4D-5E-6F-70-81-92-A3-B4-C5-D6-E7-F8-09の証明書を失効してください。\n",
         ["1a2b3c4d5e6f708192a3b4c5d6e7f809"]),
        # A MAC address named in katakana is another kind of number.
        ("紛失したPCのMACアドレスは3C:22:FB:1A:9E:07です。\n", []),
        # Look-alike letters in a value alone on its line, under a label line or with none.
        ("The serial number is:\n\n    5C2A OlB7 9E4D 2F80\n", ["5c2a01b79e4d2f80"]),
        ("Serial number (from the certificate viewer):\nC3B0A1OF7e92D4\n", ["c3b0a10f7e92d4"]),
        ("I copied it from the certificate details:\n4b7e2d9cla05f3e8b6d1c29a\n", ["4b7e2d9c1a05f3e8b6d1c29a"]),
        # Groups broken inside a group, or before a separator, where a line ended.
        ("シリアル番号 7f3a-2c\n9d-e41b-08c5 の証明書です。\n", ["7f3a2c9de41b08c5"]),
        ("The serial is 4d:9e:a1:07:3\nb:c2:5f:e8.\n", ["4d9ea1073bc25fe8"]),
        ("S/N: 6A:0F:D3:91:7C:B2:4E:58\n:1D:93:A0:6B\n", ["6a0fd3917cb24e581d93a06b"]),
        # "Two days" counts no certificates: the groups are one serial.
        ("The key was exposed for two days.\nSerial: 3c5e 8a1f 0b7d 92e4 6f1a c0d8 5b3e 27a9\n",
         ["3c5e8a1f0b7d92e46f1ac0d85b3e27a9"]),
    ],
)
def test_written_forms(text: str, serials: list[str]) -> None:
    assert extract_serials(text) == serials


def test_a_grouped_serial_listed_inline_with_another_is_one_serial() -> None:
    text = "7c1e　a4b2　93d0　5f68　2b7e　c019　d4a3　86f5と4e9d2c7a1b0f3e58の2枚について、別のPCで使えますか。"
    assert sorted(extract_serials(text)) == ["4e9d2c7a1b0f3e58", "7c1ea4b293d05f682b7ec019d4a386f5"]


def test_the_certificate_below_is_one_certificate() -> None:
    # "下記の証明書" says nothing of how many: 32 digits in fours are one serial.
    text = "下記の証明書について、記載の修正をお願いします。\n\n証明書番号：5E1A 9C3F 0B7D 2468 A1C3 E5F7 0918 2B3C\n"
    assert extract_serials(text) == ["5e1a9c3f0b7d2468a1c3e5f709182b3c"]


@pytest.mark.parametrize(
    "text",
    [
        # Spaces aligning a table, and a row whose last cell is empty.
        "下記2枚の証明書の失効をお願いします。\n\nNo  氏名       シリアル番号                        備考\n"
        "1   山田 一郎  0x5b3e2f1d0c9a8b7e6d5c4b3a2f1e0d9c  2024年1月5日\n"
        "2   山田 一郎  4F:0E:1D:2C:3B:4A:59:68:77:86:95:A4:B3:C2:D1:E0\n",
        # Tabs, the last row's last cell empty.
        "下記2枚の証明書で暗号化はできますか。\n\nNo\t氏名\tシリアル番号\t備考\n"
        "1\t山田 一郎\t0x5b3e2f1d0c9a8b7e6d5c4b3a2f1e0d9c\t2024年1月5日\n"
        "2\t山田 一郎\t4F:0E:1D:2C:3B:4A:59:68:77:86:95:A4:B3:C2:D1:E0\t\n",
    ],
)
def test_a_table_row_with_an_empty_cell_takes_its_column_label(text: str) -> None:
    assert sorted(extract_serials(text)) == ["4f0e1d2c3b4a5968778695a4b3c2d1e0", "5b3e2f1d0c9a8b7e6d5c4b3a2f1e0d9c"]


def test_a_table_framed_with_joints_is_no_signature() -> None:
    text = (
        "Please revoke the following 2 certificates.\n\n"
        "+----+------------+-----------------------------------------+\n"
        "| No | Name       | Serial number                           |\n"
        "+----+------------+-----------------------------------------+\n"
        "| 1  | Ann Lee    | 9c1d-2e3f-4a5b-6c7d-8e9f-0a1b-2c3d-4e5f |\n"
        "| 2  | Ann Lee    | 0x61e7d9c3b5a7f9e1d3c5b7a9f1e3d5c7b9a1  |\n"
        "+----+------------+-----------------------------------------+\n\n"
        "Regards,\nAnn Lee\n"
    )
    assert "9c1d-2e3f" in split_body(text).new_text
    serials = ["61e7d9c3b5a7f9e1d3c5b7a9f1e3d5c7b9a1", "9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"]
    assert sorted(classify_text(text).serials) == serials


@pytest.mark.parametrize(
    ("text", "serials"),
    [
        # Marked 誤 (wrong) and 正 (right).
        ("以下の証明書を止めてください。\n\n\t5c81e2a7d93f04b6c2\n\n訂正します。\n誤：0x5C81E2A7D93F04B6C2\n正：５ｃ８１ｅ２ａ７ｄ９３ｆ０４ｂ７ｃ２\n",
         ["5c81e2a7d93f04b7c2"]),
        # "The right one is" in the sentence after the one that says it was wrong.
        ("Please check the certificate below.\n\nSerial No.: 6D2E8F1A3B5C7D9E\n\n"
         "Sorry, I wrote it wrong. The right one is 6D2E8F1A 3B5C7E9D.\n", ["6d2e8f1a3b5c7e9d"]),
        # "Correction for #2:" before the corrected value, wrapped by hand.
        ("Please stop the certificates below.\n\n| No | Serial number      |\n| 1  | 3e5f7a9b1c2d4e6f70 |\n"
         "| 2  | 8a7b9c6d5e4f3a2b1c |\n\nCorrection for #2: 8a7bc96d-\n5e4f3a2b1c (not the one above).\n",
         ["3e5f7a9b1c2d4e6f70", "8a7bc96d5e4f3a2b1c"]),
    ],
)
def test_corrections(text: str, serials: list[str]) -> None:
    assert sorted(classify_text(text).serials) == sorted(serials)


@pytest.mark.parametrize(
    ("text", "serials"),
    [
        ("PCが盗まれました。以下の証明書を今すぐ止めてください！\n\n・0x1a2b3c4d5e6f70819a\n・2c3d4e5f60718293a4\n\n"
         "中村の分（0X9f8e7d6c5b4a39281706f5e4d3c2b1a0）は対象外です。\n",
         ["1a2b3c4d5e6f70819a", "2c3d4e5f60718293a4"]),
        ("Please revoke these certificates:\nSerial 1: 4b5c6d7e8f90a1b2c3\nSerial 2: 5c6d7e8f90a1b2c3d4\n\n"
         "(The certificate 7e8f90a1b2c belongs to my colleague Mr. Sato; it is not related to this request.)\n",
         ["4b5c6d7e8f90a1b2c3", "5c6d7e8f90a1b2c3d4"]),
        ("件名の証明書を至急失効してください。\n\nなお、3f4e5d6c7b8a99a8b7c6は以前の証明書で、昨年すでに失効済みです。\n",
         ["e4a9937e4"]),
    ],
)
def test_serials_the_writer_sets_apart(text: str, serials: list[str]) -> None:
    subject = "緊急失効のお願い（シリアル番号 E4a9937e4）" if "件名" in text else ""
    assert sorted(classify_text(text, subject=subject).serials) == sorted(serials)


def test_a_bare_value_of_a_forwarded_request_is_its_serial() -> None:
    text = (
        "母の件で届いた連絡を転送します。\n\n---------- Forwarded message ---------\n"
        "From: 佐藤 <sato@example.jp>\nDate: 2026年3月2日\nSubject: 死亡の連絡\n\n"
        "母が先日亡くなりました。証明書の失効をお願いします。\n対象：\n  7B2E9D4A1C6F3E80\n"
    )
    assert classify_text(text).serials == ["7b2e9d4a1c6f3e80"]


def test_thanks_in_advance_prepare_for_nothing() -> None:
    text = (
        "Internet Explorer says it cannot verify the certificate issued to me "
        "(serial number: 7b2e 41c9 a05d 3f86 e2). What should I do?\n\nThank you in advance.\n"
    )
    assert classify_text(text).serials == ["7b2e41c9a05d3f86e2"]


def test_an_html_document_is_read_as_its_text() -> None:
    text = (
        "<html><body><p>下記2枚の証明書の失効をお願いします。</p><table><tr><th>氏名</th><th>シリアル番号</th></tr>"
        "<tr><td>井上 真理子</td><td>3c5e7a9b1d2f4e6a8c</td></tr>"
        "<tr><td>井上 真理子</td><td>5e7a9b1d2f4e6a8c0b</td></tr>"
        "</table></body></html>"
    )
    assert sorted(classify_text(text).serials) == ["3c5e7a9b1d2f4e6a8c", "5e7a9b1d2f4e6a8c0b"]


def test_a_labelled_value_broken_by_hand_joins_its_rest_followed_by_words() -> None:
    # A label names one value: a first part of eight digits or more goes on on the next line, whose
    # words after the rest belong to the sentence.
    assert extract_serials("serial 5D2C8E1A07F\n3B6E9D04C7A12F58E6B0 is the right one.\n") == [
        "5d2c8e1a07f3b6e9d04c7a12f58e6b0"
    ]
    # A short number at the start of the next line is no rest of it.
    assert extract_serials("シリアル番号 5D2C8E1A07F\n20 件の申込があります。\n") == ["5d2c8e1a07f"]


@pytest.mark.parametrize(
    "text",
    [
        # Four groups of eight (this CA's 16-byte size), bare in a mail about a certificate, after a
        # sentence that says where the number is: the writer gives the serial without its word.
        "証明書(iPROVE)止めておいて。\n番号は事務所の台帳にあるはず。\n9BD5C2DB-B9D23A8E-08C9CBD5-4D9BA917\nだと思う。",
        "Please revoke my certificate.\nThe number should be in our ledger.\n"
        "9bd5c2db-b9d23a8e-08c9cbd5-4d9ba917\nI think.",
    ],
)
def test_four_groups_of_eight_told_bare_about_a_certificate_are_its_serial(text: str) -> None:
    assert extract_serials(text) == ["9bd5c2dbb9d23a8e08c9cbd54d9ba917"]


def test_four_groups_of_eight_in_a_mail_about_no_certificate_stay_unsure() -> None:
    assert extract_serials("注文の確認コード\n9BD5C2DB-B9D23A8E-08C9CBD5-4D9BA917\nです。") == []

"""Serials in every form people write them, and the hex strings that are no serial (stop 43).

Every sentence here is written anew for these tests.  A serial of this CA is 16 hex digits;
people write it in lower or upper case, grouped by two, four or eight with single or double
spaces, colons or hyphens, after "0x", in full-width characters, wrapped over two lines, in the
Subject, after short labels ("SN:", "S/N", "No.", "シリアル番号:"), and two or more in one mail.
Ticket tags, SHA-1 fingerprints, hashes in signatures and order or tracking numbers are no serials.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.serials import extract_serials, find_serials

SERIAL = "3a911c20bf101bef"


@pytest.mark.parametrize(
    "text",
    [
        # Case, and the short labels.
        "証明書を失効してください。シリアル番号: 3a911c20bf101bef",
        "証明書を失効してください。シリアル番号：3A911C20BF101BEF",
        "Please revoke my certificate. SN: 3A911C20BF101BEF",
        "Please revoke my certificate, S/N 0x3a911c20bf101bef.",
        "証明書の失効をお願いします。\nSN: 3a:91:1c:20:bf:10:1b:ef\n",
        # Groups of two, four and eight, parted by spaces, colons or hyphens.
        "シリアル番号: 3a 91 1c 20 bf 10 1b ef",
        "シリアル番号: 3A:91:1C:20:BF:10:1B:EF",
        "シリアル番号: 3a-91-1c-20-bf-10-1b-ef",
        "Serial number: 3a91 1c20 bf10 1bef",
        "Serial number: 3A91-1C20-BF10-1BEF",
        "Serial number: 3a911c20 bf101bef",
        # Double spaces between the groups, or a full-width space beside a half-width one.
        "証明書のシリアル番号は 3a91  1c20  bf10  1bef です。",
        "Serial: 3a  91  1c  20  bf  10  1b  ef",
        "Serial: 3a911c20  bf101bef",
        "証明書を失効してください。\nシリアル番号：３Ａ９１　 １Ｃ２０　 ＢＦ１０　 １ＢＥＦ\n",
        # Full-width characters.
        "証明書を失効してください。\nシリアル番号：３Ａ９１１Ｃ２０ＢＦ１０１ＢＥＦ\n",
        "証明書を失効してください。\nシリアル番号：３Ａ９１－１Ｃ２０－ＢＦ１０－１ＢＥＦ\n",
    ],
)
def test_one_serial_in_every_written_form(text: str) -> None:
    assert extract_serials(text) == [SERIAL]


def test_double_spaced_fours_alone_under_words_about_the_certificate() -> None:
    text = (
        "事務所の証明書を失効させたいと思います。\n"
        "証明書を開いて見たシリアル番号を書いておきます（スペースの入り方が合っているか自信がありません）。\n"
        "5d2e  07c1  9ab4  e360\n"
        "よろしくお願いします。\n"
    )
    assert extract_serials(text) == ["5d2e07c19ab4e360"]


def test_double_spaced_groups_of_other_sizes_stay_apart() -> None:
    # An aligned column of short numbers is no serial.
    text = "証明書の件です。\n部署  01  02  03\n"
    assert extract_serials(text) == []


def test_two_serials_of_eights_on_two_short_lines_are_two() -> None:
    text = "記載に誤りのあった証明書\n  6c0e91a2 d7b35f48\n  e1f0a6c3 92b8d47e\nを失効してください。\n"
    assert extract_serials(text) == ["6c0e91a2d7b35f48", "e1f0a6c392b8d47e"]


def test_two_serials_of_fours_on_two_short_lines_are_two() -> None:
    text = "Please revoke these certificates:\n4b1d 9e0a 27c3 f586\n0a7e 5c2d 91b4 e3f8\n"
    assert extract_serials(text) == ["4b1d9e0a27c3f586", "a7e5c2d91b4e3f8"]


def test_a_serial_wrapped_across_two_lines_is_one() -> None:
    text = "シリアル番号：3a911c20\nbf101bef\nを失効してください。\n"
    assert extract_serials(text) == [SERIAL]


def test_a_serial_in_the_subject() -> None:
    result = classify_text("証明書の失効をお願いします。", subject="失効依頼 シリアル番号 3A911C20BF101BEF")
    assert result.serials == [SERIAL]


def test_a_bare_serial_after_no_in_a_request() -> None:
    result = classify_text("証明書を失効してください。\nNo. 3a911c20bf101bef\nよろしくお願いします。")
    assert result.serials == [SERIAL]


def test_a_value_tagged_on_after_a_request_about_a_certificate() -> None:
    text = "異動したので証明書失効してください。7c1e40a9d2\n佐野"
    assert extract_serials(text) == ["7c1e40a9d2"]


def test_a_value_tagged_on_after_another_kind_of_number_stays_unsure() -> None:
    assert extract_serials("注文番号の件で証明書です。7c1e40a9d2") == []


def test_the_number_a_clause_describes_is_the_serial() -> None:
    text = "夫が証明書を使っていました。\n画面に出ていた番号は 9D04E1B27A3C6F58 です。\n"
    assert extract_serials(text) == ["9d04e1b27a3c6f58"]


def test_the_number_pointed_at_with_an_arrow_is_the_serial() -> None:
    text = "ノートに証明書入ってたんで止めてください。\n番号たぶんこれ→ 4F7A02C9E1B3D856\n"
    assert extract_serials(text) == ["4f7a02c9e1b3d856"]


def test_a_device_named_as_a_list_item_does_not_own_the_serial() -> None:
    text = "失効をお願いしたいのは自宅の方だけです：\n  自宅PC  シリアル 0b27e95c1a4d8f36  ← こちら\n"
    assert extract_serials(text) == ["b27e95c1a4d8f36"]


def test_a_device_serial_is_still_no_certificate_serial() -> None:
    assert extract_serials("ノートPCのシリアル番号 0b27e95c1a4d8f36 です。証明書を失効してください。") == []


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        ("この証明書は取り消して、出し直してください。\n\n1d4f-a0e7-62b9-c5d3-08f1-7e2a-94c6-b3d0-5a1e-f827\n",
         "1d4fa0e762b9c5d308f17e2a94c6b3d05a1ef827"),
        ("証明書のシリアル番号を確認しました。\n\n5e 0c 72 a1 9b d4 36 f8 e2 17 c9 40 8d b5 6a 03\n\nお願いします。\n",
         "5e0c72a19bd436f8e217c9408db56a03"),
        ("紙に書いてあった証明書の番号は\n 8a:41:0f:c3:6d:92:e7:15:b0:2c:d8:74:39:e6:a1:5f:07:c2:9b:d4\nです。\n",
         "8a410fc36d92e715b02cd87439e6a15f07c29bd4"),
    ],
)
def test_a_hash_sized_value_alone_in_a_mail_about_a_certificate_naming_no_hash(text: str, serial: str) -> None:
    assert extract_serials(text) == [serial]


def test_a_fingerprint_named_as_such_is_no_serial() -> None:
    text = (
        "証明書のシリアル番号: 3a911c20bf101bef\n"
        "SHA-1 fingerprint:\n"
        "8a:41:0f:c3:6d:92:e7:15:b0:2c:d8:74:39:e6:a1:5f:07:c2:9b:d4\n"
    )
    assert extract_serials(text) == [SERIAL]


def test_a_case_tag_in_the_subject_is_no_serial() -> None:
    assert [c.value for c in find_serials("Re: [iPROVE#C-20260412-0031] 失効のご依頼", "subject")] == []


def test_a_table_row_is_never_the_rest_of_the_row_above() -> None:
    text = (
        "退職する社員の証明書について、失効をお願いいたします。\n\n"
        " 社員番号 | 氏名       | シリアル番号\n"
        " ---------+------------+------------------\n"
        " 00731    | 北村 大介  | 2e90c14b7fa3d658\n"
        " 00844    | 森 千尋    | c5718d02e9b46af3\n"
    )
    assert extract_serials(text) == ["2e90c14b7fa3d658", "c5718d02e9b46af3"]


@pytest.mark.parametrize(
    "text",
    [
        # A ticket number, an order number and a tracking number.
        "チケット番号 4a7f02c19be3d586 の件でご連絡しました。",
        "注文番号: 8e21f0a3c7d94b56 についてお問い合わせします。",
        "Tracking no. 3c9e1a7f05b2d486 — the courier has the papers.",
        # A SHA-1 fingerprint under its name.
        "SHA-1 thumbprint: 9f2c41d07be3a15e88c0d3f6a2b47c19e0d5f8a3",
        # A hash in a signature.
        "よろしくお願いします。\n-- \n山田 太郎\nPGP: 7e3b 90a1 c4d2 58f6 1a0e  b7c9 3d25 e8f4 06a1 9c7b\n",
    ],
)
def test_hex_strings_that_are_no_serial(text: str) -> None:
    assert extract_serials(text) == []


def test_number_in_an_english_sentence_is_the_serial() -> None:
    text = "My shop is closing. I want to stop my certificate. Number is 5B8E0C2A91D7F364.\nThanks."
    assert extract_serials(text) == ["5b8e0c2a91d7f364"]


def test_this_number_after_an_aside_and_a_colon_is_the_serial() -> None:
    text = "She used the certificate for tax filings.\nI found this number in her notebook: 71c0e8a4d9b2f356\n"
    assert extract_serials(text) == ["71c0e8a4d9b2f356"]


def test_an_order_number_in_english_stays_no_serial() -> None:
    assert extract_serials("My order number is 5b8e0c2a91d7f364, about my certificate.") == []


def test_the_object_of_the_request_before_a_colon() -> None:
    text = "出張先で証明書の入ったPCを盗まれました。\n\n対象：e4 1b 07 c9 5a d2 83 f6 0c 9e 4a b1 72 d8 36 5f\n"
    assert extract_serials(text) == ["e41b07c95ad283f60c9e4ab172d8365f"]


def test_the_word_certificate_before_a_colon_is_no_name() -> None:
    text = "申込書には登録番号を書きました。訂正をお願いします。\n証明書: 7e-0a-c4-19-b5-d2-63-f8-0e-9a-41\n"
    assert extract_serials(text) == ["7e0ac419b5d263f80e9a41"]


@pytest.mark.parametrize(
    "text",
    [
        "Please revoke it.\nSerial Number\n5C9A\n07E3D1\n(I copied it from the screen, it is in two lines)\n",
        "母の証明書を止めてください。\nメモに書いてあった番号：　5c9a\n07　e3　d1\n"
        "（画面で折り返されていたので写しました）\n",
    ],
)
def test_a_wrap_told_in_a_remark_below_the_value(text: str) -> None:
    assert extract_serials(text) == ["5c9a07e3d1"]


def test_counted_devices_start_lines_of_their_own() -> None:
    text = (
        "ノートPC2台を盗まれました。どちらにも証明書が入っています。\n"
        "1台目: 0E 5D 93 A2 C7 41 B8 6F\n2台目: 8b 26 f1 0d 4e a9 c3 57\n2枚とも止めてください。\n"
    )
    assert extract_serials(text) == ["e5d93a2c741b86f", "8b26f10d4ea9c357"]


def test_items_whose_bullet_touches_the_value_hold_one_serial_each() -> None:
    text = (
        "該当の証明書は次の2枚です。\n"
        "・9C41E07B 2D58A6F3 0B7E94C1 D26A3F85\n"
        "・E3A05D92 7F1C68B4 C09E2A71 5B8D46F0\n"
    )
    assert extract_serials(text) == ["9c41e07b2d58a6f30b7e94c1d26a3f85", "e3a05d927f1c68b4c09e2a715b8d46f0"]


def test_a_long_heading_that_says_to_keep_the_serial_below_it() -> None:
    text = (
        "証明書を2枚発行していただいております。本日ノートPCを盗まれました。至急失効してください。\n\n"
        "失効してほしい方（ノートPC）：\n"
        "4e:02:b9:71:c5:8a:d3:16:f0:6b:27:e4:9c:a5:30:d8:1f:7b:62:c9\n\n"
        "こちらは事務所のデスクトップに入っていて無事なので、そのまま使い続けたいです（失効しないでください）：\n"
        "a1:5c:08:e7:3d:92:6f:b4:c0:27:e9:41:8b:d6:75:0a:f3:2e:9c:b8\n"
    )
    assert classify_text(text).serials == ["4e02b971c58ad316f06b27e49ca530d81f7b62c9"]


def test_fours_on_two_rows_under_one_serial_label_are_one_serial() -> None:
    text = "I would like to cancel my certificate.\nSerial number:\nD71A 03C5 9E28 4B60\n F195 2C07 8A3D 6E41\nRegards"
    assert extract_serials(text) == ["d71a03c59e284b60f1952c078a3d6e41"]


def test_the_object_of_the_request_under_a_line_with_a_phone_number() -> None:
    text = (
        "証明書を入れたPCを盗まれました。緊急失効をお願いします。\n"
        "コールバックは携帯（090-1234-5678）で受けられます。\n"
        "対象：e4 1b 07 c9 5a d2 83 f6 0c 9e 4a b1 72 d8 36 5f\n"
    )
    assert extract_serials(text) == ["e41b07c95ad283f60c9e4ab172d8365f"]

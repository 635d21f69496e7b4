"""Serial forms and scopes read from the fit halves of serial writer s29 and dev mail 60 at stop 58, in values and
words of their own.

A writer who says which letter of a copied value is which digit ("Sは5", "l→1、O→0", "（O=ゼロ、S=ゴ）",
"「S」に見える文字は「5」", "the l is a 1") has those letters read as the digits, and a value said to be read by OCR
or from a picture may hold OCR's look-alikes anywhere, in a table's row too; a later value marked wrong beside the right
one given first ("… （誤：…）") is the mistake; one of two readings of a doubtful character confirmed ("…で確定です")
sets the other aside; a half put right in English ("the second half is …, not …") mends the value; a labelled part
put right by its place ("シリアル、最後は 52 でした") is no value of its own; a certificate said to be still used
("まだ使います") stays apart from the one asked; a row picked by how its value starts ("91-D4で始まる方だけ"); the
quoted certificates asked about together with the writer's own ("前回の分（下の引用）と合わせて"); rows selected by a
sign in a column ("○が付いている行", "the ones marked \"Y\"", "○が付いている3名が対象です"), in CSV rows whose last
cell is blank too; an indented list item under a heading that keeps it ("【引き続き使用するもの】"); a label that
says the certificate is used from now on ("新証明書（今後使用）："); a remark closing a row that says it is right
("（正しい）"); a sentence wrapped by hand in the middle ("…こちらは所長が\\n引き続き使います") read as one;
and a long sentence that points at the list below it ("以下の2名は、…手続きは不要です。") heads it as a short
heading does.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from tests.support.serialcases import as_numbers, serials_read

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "look-alike letters the writer names, in a quoted OCR read",
        "有効期限の確認",
        "控えをスキャンしたらシリアル番号が「7S2l 0C9E B4A1 D3F6」と出ました。Sは5、lは1の間違いです。"
        "有効期限を教えてください。",
        ["75210c9eb4a1d3f6"],
    ),
    (
        "look-alikes named with arrows after a hyphened value",
        "失効",
        "写真から文字起こししたものです\nシリアル番号: 4S1O-9A2C-l7E3-B0D8\nO→0、S→5、l→1 に読み替えてください。"
        "退職するので失効をお願いします。",
        ["45109a2c17e3b0d8"],
    ),
    (
        "look-alikes named in English",
        "revoke please",
        "From my screenshot OCR: 5E:lA:O3:C8:9B:D2:4F:71 - the l is a 1 and the O is a zero.\nPlease revoke it.",
        ["5e1a03c89bd24f71"],
    ),
    (
        "OCR look-alikes in a scanned table's rows, only the rows asked",
        "失効対象（スキャン）",
        "紙の一覧をOCRしたものです。\n氏名　　シリアル番号　　　　　　処理\n北村 翔　　6C2S 81D0 A9F3 4E07　　失効\n"
        "南 陽子　　9B0E 3F7A C2D1 58B6　　継続\n北村の分をお願いします。",
        ["6c2581d0a9f34e07"],
    ),
    (
        "a later value marked wrong beside the right one",
        "失効依頼（訂正版）",
        "リストを訂正して送り直します。\n1. 3C8A 0F12 9D7E B4A6\n2. 7E05 C3B9 A1D4 28F6 （誤：7E05 C3B9 A1D4 26F8）\n"
        "2件とも失効をお願いします。",
        ["3c8a0f129d7eb4a6", "7e05c3b9a1d428f6"],
    ),
    (
        "one of two readings confirmed",
        "期限の確認",
        "シリアルは「9A4C2B8E0F1D37C5」と読めますが、5文字目が2なのかZなのか自信がありません。\n"
        "→PCの画面で確認できました。9A4C2D8E0F1D37C5 で確定です。有効期限はいつですか。",
        ["9a4c2d8e0f1d37c5"],
    ),
    (
        "a half put right in English",
        "Revocation",
        "Please revoke serial 4C91E07B-2D6A58F3. Sorry, typo: the first half is 4C91E7B0, not 4C91E07B.",
        ["4c91e7b02d6a58f3"],
    ),
    (
        "a labelled part put right by its place is no value",
        "至急",
        "PCを盗まれました。シリアル 5b 2e 8c 01 f4 a9 d3 67 です。\n"
        "あ、シリアル、最後は 76 でした。5b 2e 8c 01 f4 a9 d3 76 です。",
        ["5b2e8c01f4a9d376"],
    ),
    (
        "a certificate still used stays apart",
        "Re: 失効のご依頼",
        "確認したところ 2F7C 90A1 E3D8 B546 はノートPC用で、まだ使います。"
        "失効したいのは 8D13 C6E0 4A9F 72B5 の方です。",
        ["8d13c6e04a9f72b5"],
    ),
    (
        "a row picked by how its value starts",
        "失効",
        "Serial No.               Holder\n4A-7C-21-E0-9D-B3-F8-56  Mori\nC3-08-5F-A1-72-E6-D4-9B  Mori\n"
        "Moriは2枚ありますが、C3-08で始まる方だけ失効してください。",
        ["c3085fa172e6d49b"],
    ),
    (
        "quoted certificates asked together with the writer's own",
        "Re: 失効依頼",
        "前回の分（下の引用）と合わせて、追加でもう1枚失効をお願いします：6E 21 B0 9C 4D F7 3A 85\n\n"
        "> 失効をお願いします。シリアル：1B 9D 6A 02 E8 C5 F3 74",
        ["6e21b09c4df73a85", "1b9d6a02e8c5f374"],
    ),
    (
        "rows selected by a sign in a column",
        "失効依頼",
        "○印の行の証明書を失効してください。\n\n対象\t氏名\tシリアル\n○\t今井 亮\t2D:91:0A:E7:4C:B3:68:F5\n"
        "\t岡 恵\t7A:3E:C0:15:9F:D8:42:B6\n○\t関 浩\tE0:6B:29:D4:81:A7:C3:5F",
        ["2d910ae74cb368f5", "e06b29d481a7c35f"],
    ),
    (
        "rows marked in English",
        "Leavers",
        "Please revoke the ones marked \"Y\" below.\n\nName\tSerial\tRevoke\nA. Kato\t5F1C92E04D7AB836\tY\n"
        "B. Lin\t8E04A71C3B9D26F5\tN\nC. Ueda\t1A7D3E90C5F248B6\t",
        ["5f1c92e04d7ab836"],
    ),
    (
        "CSV rows with a blank last cell, the marked ones the object",
        "失効依頼（2名分）",
        "2名分の失効をお願いします。「失効」欄に○が付いている2名が対象です。\n\nNo,氏名,シリアル番号,失効\n"
        "1,浜田 誠,3B7E 0A19 C4D2 F865,○\n2,野口 舞,9C02 E7B4 16AF 3D58,\n3,坂本 亘,E41A 6D9F 02C7 B583,○",
        ["3b7e0a19c4d2f865", "e41a6d9f02c7b583"],
    ),
    (
        "an indented item under a heading that keeps it",
        "失効のお願い",
        "【失効をお願いしたいもの】\n　村田 晃　　シリアル番号 4E2B 9D07 C1A8 F356\n\n"
        "【引き続き使用するもの（失効しないでください）】\n　吉岡 愛　　シリアル番号 0C6F A3E9 5B12 D784",
        ["4e2b9d07c1a8f356"],
    ),
    (
        "a label that says the certificate is used from now on",
        "更新後の旧証明書",
        "新しい証明書をインストールしました。旧い方を失効してください。\n"
        "旧証明書（失効希望）：6A1D 0E7C 93B5 F248\n新証明書（今後使用）：D27F 4B80 1C6E A935",
        ["6a1d0e7c93b5f248"],
    ),
    (
        "a row whose closing remark says it is right",
        "記載の誤り",
        "3名分のうち1名のメールアドレスが誤っていました。\n"
        "・青木 拓　シリアル 1E5A 3C90 D7B2 48F6　aoki@example.test（正しい）\n"
        "・石井 凜　シリアル 8F03 B6D1 2A9E C475　ishii@old.example.test（←旧アドレスのまま）\n"
        "石井の証明書を正しいアドレスで再発行してください。",
        ["8f03b6d12a9ec475"],
    ),
    (
        "a sentence wrapped by hand before its remark",
        "死亡による失効",
        "当社の山下が亡くなりました。山下の証明書（シリアル 5C7E 1A09 D3B2 F846）の失効をお願いします。\n"
        "なお、同じPCには部長の証明書（シリアル 2B94 E0C7 6F1A 83D5）も入っていますが、こちらは部長が\n"
        "引き続き使いますので、手続きは不要です。",
        ["5c7e1a09d3b2f846"],
    ),
    (
        "a long sentence pointing at the list below heads it, wrapped by hand",
        "逝去に伴う失効",
        "弊社の部長 岡田 浩 が先日急逝いたしました。岡田の証明書の失効をお願いいたします。\n\n"
        "  岡田 浩  シリアル 3E9A 04C1 7D2B F568\n\n"
        "なお、同じ部で証明書を利用している以下の2名は、引き続き利用いたしますので\n手続きは不要です。\n"
        "  ・中西 亮  シリアル 8C14 E0B7 2A9D 365F\n  ・原田 結  シリアル F207 6B3C D91A 4E85",
        ["3e9a04c17d2bf568"],
    ),
    (
        "another CA's certificate named on a line wrapped by hand stays out",
        "証明書の失効希望",
        "取引先の指定で、別の認証局の証明書（商業登記ベース、シリアル 2B-41-9C-D0-76）を\n"
        "使うことになり、iPROVEの証明書は使わなくなりました。\n以下のiPROVE証明書を失効してください。\n"
        "  7a1e 4c08 d3b9 f265",
        ["7a1e4c08d3b9f265"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert serials_read(text, subject) == as_numbers(serials), why

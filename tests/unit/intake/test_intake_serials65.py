"""Serial forms and scopes read from the fit halves of serial writer s48 and dev mail 79 at stop 65, in values and
words of their own.

From writer s48 (serials pasted from command-line tools, spreadsheets with a status column, certificates named by
date, device or holder): a table whose cells single spaces part, under a header ruled with a run of dashes per
column (PowerShell's ``Format-Table``), gives each value its column's label, so the serial column is told from the
thumbprint beside it; a date after a value in such a row is no part of it; rows picked by a status counted in
English ("the two terminated employees") among the rows nothing else set apart, or by a cell of their own that asks
("有効（要失効）"); "both" of three values, the third kept by its own words; "the first two" rows; the row kept
"いちばん下（…）だけを残して"; a key's handle is no serial; a colleague's certificate named beside an application
the writer "revokes".  From dev mail 79 (universities and hospitals): a note's sentence wrapped under a hanging
indent is read whole, and a value named after the words for all of them, kept by its own words, is left out.  From
writer s47 (measured once at stop 64, never tuned on then): a row of the desk's quoted list named as the one meant
("It is the second one in your list"), the ask in a sentence of its own.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text

CASES: list[tuple[str, str, list[str]]] = [
    (
        "PowerShell's columns: the serial, not the thumbprint",
        "Please revoke both, the laptop was stolen.\n\n"
        "SerialNumber     Thumbprint                               NotAfter\n"
        "------------     ----------                               --------\n"
        "3C19A7E02B5D48F6 0A4E7C21D9F03B6A85C1E2D7409B3F6A18C5D2E7 2026/05/11 23:59:59\n"
        "7F02B4D9E81C36A5 B93D1F0E6A2C47D8591E3B0A7C6D24F9E8B1A035 2026/09/30 23:59:59\n",
        ["3c19a7e02b5d48f6", "7f02b4d9e81c36a5"],
    ),
    (
        "a date after a value in a listing is its own",
        "事務所のPCが盗まれました。下の2枚の失効をお願いします。\n\n"
        "SerialNumber     NotBefore           FriendlyName\n"
        "------------     ---------           ------------\n"
        "6E1A09C4D73B258F 2025/03/02 09:41:10 署名用\n"
        "D30F7B62A19E4C85 2025/03/02 09:43:52 暗号化用\n",
        ["6e1a09c4d73b258f", "d30f7b62a19e4c85"],
    ),
    (
        "rows picked by a status counted beside a holder set apart",
        "今年度の証明書の整理です。\n\n"
        "氏名          シリアル番号          状態\n"
        "荒木 修       4B7E20C9A13D58F6      退職\n"
        "井上 綾       91D3F6A08B2C47E5      在籍\n"
        "宇野 健       0E5C8A31F7D29B46      退職\n"
        "西田 美香     C72A4F19E06B3D85      休職\n\n"
        "退職した2名の証明書を失効してください。西田さんは休職中ですが復帰予定のため、証明書は引き続き使います。\n",
        ["4b7e20c9a13d58f6", "e5c8a31f7d29b46"],
    ),
    (
        "rows picked by a status counted in English beside one kept",
        "Export from our tracker:\n\n"
        "Name             Serial              Status\n"
        "Ken Mori         4B7E20C9A13D58F6    GONE\n"
        "Aya Sato         91D3F6A08B2C47E5    Active\n"
        "Joe Park         0E5C8A31F7D29B46    GONE\n"
        "Mia Endo         C72A4F19E06B3D85    Sabbatical\n"
        "\nPlease revoke the two gone employees. Mia is on sabbatical and coming back, leave hers alone.\n",
        ["4b7e20c9a13d58f6", "e5c8a31f7d29b46"],
    ),
    (
        "a row whose own cell asks",
        "退職者の証明書の件です。\n\n"
        "  氏名      シリアル番号          状態\n"
        "  小野 透   2A9D4E71C0B3F865      有効（要失効）\n"
        "  坂本 舞   F04C7B2E19A3D568      有効\n"
        "  辻 陽平   93B06E1F4A2C7D58      有効\n",
        ["2a9d4e71c0b3f865"],
    ),
    (
        "both of three, the third kept by its own words",
        "スマホとタブレットを落としました。\n"
        "スマホ用：1F 6C 0A 93 D2 7E 45 B8\n"
        "タブレット用：8E 35 C1 07 F9 2A 6D 40\n"
        "どちらも失効をお願いします。自宅PCの分（A5C3 19E0 74B2 6DF8）はなくしていないので、そのままで結構です。",
        ["1f6c0a93d27e45b8", "8e35c107f92a6d40"],
    ),
    (
        "the first two rows in English",
        "Serial Number,Expires\n5C0E9A27D14B83F6,2025/10/01\n2D7B41F09E6C35A8,2025/10/01\n"
        "9A4F0C63B1E827D5,2026/12/01\n\n"
        "Please revoke the first two. The 2026 one stays.",
        ["5c0e9a27d14b83f6", "2d7b41f09e6c35a8"],
    ),
    (
        "the bottom row kept with a remark",
        "古い証明書を整理したいです。\n"
        '"シリアル番号","有効期限"\n"3e0a7c91f42d6b58","2025/04/01"\n"b15d8e03a7c264f9","2026/11/30"\n\n'
        "いちばん下（来年まで有効なもの）だけを残して、ほかは失効してください。",
        ["3e0a7c91f42d6b58"],
    ),
    (
        "a row of the desk's quoted list named as the one meant, the ask in its own sentence",
        "Re: [Q-1] certificates\n\nThanks. It is the third one in your list, the certificate of Ms. Alvarez. "
        "Please revoke it.\n\n> 1. 0B3D 7E21 C94A 58F6\n> 2. 61F8 A20C 3D9E 47B5\n> 3. D4A9 5C07 E18B 326F\n",
        ["d4a95c07e18b326f"],
    ),
    (
        "a key's handle is no serial",
        "Hello, we sell HSMs to certificate authorities. Example output: Key handle: 0x5e21a9c4. "
        "Would you be open to a call next week?",
        [],
    ),
    (
        "a colleague's certificate named beside an application the writer revokes",
        "Hi, I'd like to revoke my application from Monday; nothing was issued yet. "
        "My colleague already has a certificate (7A 0C 4E 92 B1 D3 F5 68) and she is keeping hers.",
        [],
    ),
    (
        "a note wrapped under a hanging indent",
        "下記2名の証明書の緊急失効をお願いします。\n"
        "・川口 誠  5B90 1E7C 24AD 63F8\n"
        "・野村 直  C8E2 07F4 9A31 D56B\n\n"
        "※同じフォルダに名前のあった 本田（総務課、シリアル 0D7F3A29C61E84B5）は、\n"
        "  ファイルが空だったため、今回は対象外とします。\n",
        ["5b901e7c24ad63f8", "c8e207f49a31d56b"],
    ),
    (
        "a value named after the words for all of them, kept by its own words",
        "年度末の退職者の証明書を失効してください。いずれも本人の請求書を回収済みです。\n\n"
        "| 氏名 | シリアル番号 |\n|---|---|\n| 森 一郎 | 4C7A19E2D03B58F6 |\n| 林 花子 | 9E2D0B7A41C36F85 |\n\n"
        "※上田 教授（6A1F 3C9E 07B2 D485）も名簿に載っていますが、再雇用のため証明書は引き続き使用します。",
        ["4c7a19e2d03b58f6", "9e2d0b7a41c36f85"],
    ),
]


@pytest.mark.parametrize(("why", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, text: str, serials: list[str]) -> None:
    got = sorted(v.lstrip("0") for v in classify_text(text).serials)
    assert got == sorted(v.lstrip("0") for v in serials), why


def test_both_of_two_named_before_with_one_kept_still_asks_for_both() -> None:
    # Named before "両方とも", a certificate said to stay in use is among both.
    text = (
        "旧証明書 シリアル 4A7C19E0D2B3（もう使っていません）\n"
        "新証明書 シリアル 9F01AB23CD45（こちらは引き続き使います）\n両方とも失効してください"
    )
    assert sorted(classify_text(text).serials) == ["4a7c19e0d2b3", "9f01ab23cd45"]

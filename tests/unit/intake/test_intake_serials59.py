"""Serial forms and scopes read from the fit halves of serial writers s30, s31 and s32 and dev mail 61 to 63 at stop
59, in values and words of their own.

A short serial label joined to its value by a hyphen ("SN-…"); a date after a value whose groups are parted by
several spaces is no last group of it; a file's name is no value ("theft_20250526.csv"), so the serials of an
attached list are read; a PDF's text layer that parts every character by a space; a CRL's number is no serial; an
English writer who takes a value back ("… - I mean …", "actually …") or puts one group right ("sorry, the first group
is …"); rows picked or kept by their place in English ("the second one in your list", "(third line)", "all of them
except the last one", "Only the LAST certificate in …'s list") and by a word in Japanese ("最初の方（古い方）のみ");
a holder named alone in English ("Only Mr. Sato's certificate is concerned"); rows selected by a column's value
("where Status is \"Left\""); a table whose columns are named by the certificate's age ("旧シリアル", "old | new"),
asked of one of them; an exception named before the value ("all certificates … except Ms. Ono's (…)"); and a
colleague's certificate named beside the writer's own ("同じ部署の…さんの証明書").

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from tests.support.serialcases import as_numbers, serials_read

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "a short label joined by a hyphen",
        "revoke",
        "Please revoke SN-4C2B90E1A7D3F658 - the project is over.",
        ["4c2b90e1a7d3f658"],
    ),
    (
        "a date after widely spaced groups",
        "Re: 期限のお知らせ",
        "3行目の方を失効してください。\n"
        "> 山田 一郎   1D2E 3F40 5A6B 7C8D   2026-09-30\n"
        "> 山田 花子   2E3F 405A 6B7C 8D9E   2026-09-30\n"
        "> 佐藤 次郎   3F40 5A6B 7C8D 9EAF   2026-10-15",
        ["3f405a6b7c8d9eaf"],
    ),
    (
        "a file's name is no value",
        "盗難による緊急失効",
        "社用PCが盗まれました。至急失効をお願いします。対象のシリアルは lost_20261203.xlsx ではなく本文に書きます: "
        "9B1C 2D3E 4F50 6172",
        ["9b1c2d3e4f506172"],
    ),
    (
        "every character parted by a space, as a PDF's text layer gives it",
        "住所の誤り",
        "通知書のPDFからコピーしました。\nシ リ ア ル ： 7 E 2 A 9 C 0 B 4 D 1 F 3 5 6 8\n"
        "住所の番地が違っています。訂正してください。",
        ["7e2a9c0b4d1f3568"],
    ),
    (
        "a CRL's number is no serial",
        "CRL",
        "Our verifier downloaded a CRL with CRL Number 0x3B7E yesterday. When is the next one published?",
        [],
    ),
    (
        "a value taken back in English",
        "revocation",
        "Please revoke 5a1e92c07b3d4f86 - I mean 5a1e92c07b3d4f68. I retired last month.",
        ["5a1e92c07b3d4f68"],
    ),
    (
        "one group put right in English, one digit short before",
        "URGENT",
        "Phone stolen on the train. Serial C0E-71B2-9A4D-3F58 - sorry, the first group is C0E5. Revoke it now please.",
        ["c0e571b29a4d3f58"],
    ),
    (
        "a row picked by its place in a quoted list",
        "Re: Renewal notice",
        "The second one in your list can go now, please revoke it. The first I will renew.\n\n"
        "> 1. Serial 1A2B3C4D5E6F7081 expires 2026-08-31\n"
        "> 2. Serial 8190A2B3C4D5E6F7 expires 2026-09-15",
        ["8190a2b3c4d5e6f7"],
    ),
    (
        "a row named by its place in brackets",
        "Re: expiring certificates",
        "Mr. Kondo (third line) has left us, so please revoke his certificate now. The others renew as usual.\n\n"
        ">   Arai      0A1B 2C3D 4E5F 6071\n>   Baba      1B2C 3D4E 5F60 7182\n>   Kondo     2C3D 4E5F 6071 8293",
        ["2c3d4e5f60718293"],
    ),
    (
        "all except the last one",
        "revoke old ones",
        "I have three certificates:\n  4D5E 6F70 8192 A3B4\n  5E6F 7081 92A3 B4C5\n  6F70 8192 A3B4 C5D6\n"
        "Please revoke all of them except the last one, which I use now.",
        ["4d5e6f708192a3b4", "5e6f708192a3b4c5"],
    ),
    (
        "the first one picked by a word",
        "失効のお願い",
        "証明書が2つあります。最初の方のみ失効してください。\nシリアル番号  7A 8B 9C 0D 1E 2F 30 41\n"
        "シリアル番号  8B 9C 0D 1E 2F 30 41 52\n下の方は使っています。",
        ["7a8b9c0d1e2f3041"],
    ),
    (
        "a holder named alone in English",
        "Holder passed away",
        "Our colleague Mr. Sato passed away last week.\n\nHolder\tSerial\nKenji Sato\t9C0D1E2F30415263\n"
        "Lisa Brown\t0D1E2F3041526374\n\nOnly Mr. Sato's certificate is concerned. What do we need to send?",
        ["9c0d1e2f30415263"],
    ),
    (
        "rows selected by a column's value",
        "revoke leavers",
        "Please revoke the certificates where Status is \"Gone\".\n\nName\tSerial\tStatus\n"
        "Abe\t1E2F304152637485\tGone\nIto\t2F30415263748596\tActive\nUeda\t30415263748596A7\tGone",
        ["1e2f304152637485", "30415263748596a7"],
    ),
    (
        "old and new columns, the old asked",
        "更新済みの旧証明書",
        "更新が終わった2名の旧証明書の失効をお願いします。\n\n氏名\t旧シリアル\t新シリアル\n"
        "森\t415263748596A7B8\t5263748596A7B8C9\n林\t63748596A7B8C9DA\t748596A7B8C9DAEB\n\n新しい方は使い続けます。",
        ["415263748596a7b8", "63748596a7b8c9da"],
    ),
    (
        "old and new columns in English",
        "old certs",
        "We renewed everyone. Please revoke the old serials (left column); the new ones stay.\n"
        "old                 | new\n8596 A7B8 C9DA EBFC | 96A7 B8C9 DAEB FC0D\n"
        "A7B8 C9DA EBFC 0D1E | B8C9 DAEB FC0D 1E2F",
        ["8596a7b8c9daebfc", "a7b8c9daebfc0d1e"],
    ),
    (
        "an exception named before its value",
        "Closing the Kobe office",
        "Please revoke all certificates of the Kobe staff except Ms. Ono's (C9DA EBFC 0D1E 2F30), she moves to Osaka.\n"
        "  Ueno   DAEB FC0D 1E2F 3041\n  Ono    C9DA EBFC 0D1E 2F30\n  Mori   EBFC 0D1E 2F30 4152",
        ["daebfc0d1e2f3041", "ebfc0d1e2f304152"],
    ),
    (
        "the one picked by how it ends, in English",
        "revoke the one ending with 9A0B",
        "hello, two certificates on my old PC. please revoke the one ending with 9A0B, the PC is broken. the other "
        "I keep.\n\n51C2D3E4F5061728\n6A7B8C9D0E1F9A0B",
        ["6a7b8c9d0e1f9a0b"],
    ),
    (
        "a lone serial the next clause points back at and says needs nothing",
        "申込の取消",
        "先月送った更新の申込を取り消したいです。以前の証明書（シリアル 7B8C 9D0E 1F2A 3B4C）は先月で期限が"
        "切れています。そちらは何もしなくていいと理解しています。入金はまだです。",
        [],
    ),
    (
        "a colleague's certificate named to compare",
        "署名が表示されない",
        "同じ課の山本さんの証明書（シリアル 0D1E2F3041526374）では署名が正常に表示されますが、"
        "私の証明書のシリアルは 1E2F304152637485 で、開くとエラーになります。設定の問題でしょうか。",
        ["1e2f304152637485"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert serials_read(text, subject) == as_numbers(serials), why

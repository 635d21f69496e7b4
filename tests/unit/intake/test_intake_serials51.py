"""Serial forms read from the fit halves of serial writers s15 and s16 at stop 51, in values of their own.

Each case is a mail or chat text and the serials it asks about.  The writers' own texts stay in
``tests/data/serials``; these cases use other values and other words for the same forms, so that
they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.quoting import split_body

CASES: list[tuple[str, str, list[str]]] = [
    (
        "a label on the line above that was given its own number names nothing below",
        "先日の件（受付番号 #55102）の続きです。\n'9c41d07be2a35f18' の証明書の失効は済みましたか。",
        ["9c41d07be2a35f18"],
    ),
    (
        "an inquiry number's label ends its line with its value; a quoted value starts the next",
        "お世話になります。\n前回の問い合わせ番号 #30917 の件です。\n\"b7e20c5a91d4f366\" の証明書を失効してください。",
        ["b7e20c5a91d4f366"],
    ),
    (
        "a label on the line above that still waits for its value keeps naming it",
        "証明書の件でご連絡します。\n注文番号：\nA7310C92BD",
        [],
    ),
    (
        "fields framed by rules are the request, not a signature",
        "以下の証明書の失効をお願いします。\n\n------------------------------\n氏名 ：佐々木 恵\n"
        "シリアル番号 ：6d0a93c1\n7be45f20\n失効理由 ：退職\n------------------------------\n\n"
        "株式会社ミナト設計\nTEL 03-5555-0192",
        ["6d0a93c17be45f20"],
    ),
    (
        "eight digits and four joined by one hyphen are one value",
        "緊急失効の件、シリアル番号は次のとおりです。\n7E31C9A0-4B2D\n",
        ["7e31c9a04b2d"],
    ),
    (
        "a GUID's five groups are still no serial",
        "シリアル番号: 0f8fad5b-d9cb-469f-a165-70867728950e",
        [],
    ),
    (
        "a value given as an example of how to write one is not the writer's",
        "案内に「例）0a1b2c3d4e5f6a7b のように記入してください」とありました。私の証明書は 5e2d81c7a0f94b36 です。"
        "失効をお願いします。",
        ["5e2d81c7a0f94b36"],
    ),
    (
        "a value the writer calls wrong gives way to the one given as right, however unlike",
        "証明書の失効をお願いします。先ほどお送りしたシリアル 1f3e5d7c9b0a2468 は間違いでした。"
        "正しくは c2a4e6081b3d5f79 です。",
        ["c2a4e6081b3d5f79"],
    ),
    (
        "values marked 誤 and 正 on their lines: only the right one",
        "シリアル番号を書き間違えました。\n誤：88aa0c31d2e4f657\n正：04b7c9e1f2a3d5c6\n正しい方を緊急失効してください。",
        ["4b7c9e1f2a3d5c6"],
    ),
    (
        "an ID named after Japanese words is another kind of number",
        "証明書 a3c5e7f9b1d30246 を緊急失効してください。\n\n"
        "セキュリティソフトの検知ID: 7d1f0e2c3b4a59687766554433221100",
        ["a3c5e7f9b1d30246"],
    ),
    (
        "the serial of the CA's own certificate is not the writer's",
        "ルート証明書のシリアルは 4F:0A:9C:21 と表示されますが、これで正しいですか？",
        [],
    ),
    (
        "twenty hyphened pairs listed by a holder's name among certificates are that holder's serial",
        "盗難にあったPCの証明書を緊急失効してください。\n1) 山口 恵子  3a0b9c8d7e6f\n"
        "2) 小川 誠  d1-02-e3-f4-a5-96-87-78-69-5a-4b-3c-2d-1e-0f-90-81-72-63-54\n",
        ["3a0b9c8d7e6f", "d102e3f4a59687786" "95a4b3c2d1e0f9081726354"],
    ),
]


@pytest.mark.parametrize(("text", "want"), [pytest.param(t, w, id=name) for name, t, w in CASES])
def test_serials_read(text: str, want: list[str]) -> None:
    got = [value.lstrip("0") for value in classify_text(text).serials]
    assert sorted(got) == sorted(value.lstrip("0") for value in want)


def test_framed_fields_stay_in_the_new_text() -> None:
    body = (
        "失効をお願いします。\n\n-----------\nシリアル番号：6d0a93c17be45f20\n失効理由：退職\n-----------\n\n"
        "山田 太郎\n"
    )
    split = split_body(body)
    assert "6d0a93c17be45f20" in split.new_text
    assert "6d0a93c17be45f20" not in split.signature


def test_a_rule_before_a_name_is_still_a_signature() -> None:
    body = "失効をお願いします。\n\n-----------\n山田 太郎\n株式会社ミナト設計\nTEL 03-5555-0192\n"
    assert "山田 太郎" in split_body(body).signature

"""Serial forms read from the fit halves of serial writer s19 and dev mail 50 at stop 54, in values and words of
their own.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.wishes import NOT_WANTED

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "the words between two values take the first back after looking again",
        "カード紛失",
        "ICカードを落としました。至急止めてください。\n控えの番号は 5D21 9A0C 7E44 B318 です。\n"
        "…すみません、失礼しました。よく見たら最後は B381 でした。\n正しい番号は 5D21 9A0C 7E44 B381 です。",
        ["5d219a0c7e44b381"],
    ),
    (
        "a value marked wrong stays wrong, though 'correct' is said above the marks",
        "番号の訂正",
        "昨日お送りした失効依頼の番号が違っていました。正しくは次のとおりです。\n"
        "誤：9c03e6b1a27f4d58\n正：9c03e6b1a27f4d85\n退職に伴う失効です。",
        ["9c03e6b1a27f4d85"],
    ),
    (
        "a mail address with 'sample' in it makes no value beside it an example",
        "Wrong address in my certificate",
        "My certificate shows k.ito@samplecorp.jp but it should be k.ito@sample.co.jp.\n"
        "Serial: <7E19A0C35B2D84F6>\nPlease fix it.",
        ["7e19a0c35b2d84f6"],
    ),
    (
        "a value on a labelled line under a heading that says to leave it alone",
        "Old certificate only",
        "Please revoke my previous certificate:\n   prev  S/N 2a7c91e0d4b3f658  (2023)\n"
        "and do not touch the current one:\n   curr  S/N 61f0b8d2c9a3e147  (2024)\nThanks.",
        ["2a7c91e0d4b3f658"],
    ),
    (
        "a certificate named in full, then in short as the one to keep",
        "旧証明書の失効",
        "先月、更新後の証明書（シリアル 3e8d01c6a9b27f54）が届きました。\n"
        "以前の証明書 9b94f27d6c1e8a35 はもう使わないので失効させてください。\n"
        "更新後の方は使っていますので止めないようお願いします。",
        ["9b94f27d6c1e8a35"],
    ),
    (
        "a value whose label says in brackets that it is given for reference",
        "PC盗難",
        "PCを盗まれました。私の証明書を緊急失効してください。\n私の証明書：7f 20 c4 9b 1e 6a d3 58\n"
        "上司の証明書（念のため参考）：7f 20 c4 9b 1e 6a d3 91",
        ["7f20c49b1e6ad358"],
    ),
    (
        "a colleague's certificate said to have been made right, in a correction of two others",
        "社員2名の証明書の誤り",
        "弊社社員の証明書に誤りがありました。\n(1) 田村 シリアル 4c19e0a7b25d83f6 氏名の漢字違い\n"
        "(2) 小池 シリアル 8e07d3b9a1c46f25 部署名違い\n"
        "なお、同じ日に発行された岡田の証明書（シリアル 5a3c8e1f07b9d462）は正しく発行されています。\n"
        "訂正をお願いします。",
        ["4c19e0a7b25d83f6", "8e07d3b9a1c46f25"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert classify_text(text, subject=subject).serials == serials, why


@pytest.mark.parametrize(
    ("text", "matches"),
    [("新しい方は止めないようお願いします", True), ("止めないように", True), ("止めないと困ります", False)],
)
def test_not_to_stop_is_not_wanted(text: str, matches: bool) -> None:
    assert bool(NOT_WANTED.search(text)) is matches

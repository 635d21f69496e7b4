"""Serial forms read from the fit halves of serial writer s20 and dev mail 51 at stop 55, in values and words of
their own.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "'0x' before fours whose last group is short",
        "緊急失効",
        "カバンごと盗まれました。証明書(シリアル:0x5D2E 81C4 07)を止めてください。",
        ["5d2e81c407"],
    ),
    (
        "'0x' before three fours",
        "revoke",
        "Please revoke my old certificate, serial 0x3B7A C209 E4F1.",
        ["3b7ac209e4f1"],
    ),
    (
        "values marked × and ○ on their own lines",
        "失効請求",
        "さっきのメールの番号を打ち間違えていました。\n× 6C1B0E93AD2F\n○ 6C1B0E93AD27\n"
        "こちらを失効してください。退職のためです。",
        ["6c1b0e93ad27"],
    ),
    (
        "the body says the subject's value is wrong",
        "失効 7A0C3E51D2",
        "失効をお願いします。件名に書いた番号は間違いで、正しくは 7A0C3E51D9 です。",
        ["7a0c3e51d9"],
    ),
    (
        "the body says the subject's value is wrong, in English, the right one bare",
        "revoke 7A0C3E51D2",
        "Please revoke my certificate. Sorry, the number in the subject is wrong; it should be 7A0C3E51D9.",
        ["7a0c3e51d9"],
    ),
    (
        "a value said to be right as it is, right after it",
        "訂正依頼",
        "2枚申し込みました。1枚目（シリアル 51C0A93E27）は正しく、2枚目（シリアル 51C0A93F80）の住所が違っていました。"
        "2枚目を訂正してください。",
        ["51c0a93f80"],
    ),
    (
        "a wife's certificate on a row of its own, said to stay in use",
        "失効",
        "家族で取った証明書のうち、私の分だけ失効してください。妻の分はそのまま使います。\n"
        "私の証明書の番号：4D 20 9C 1E 7B\n妻の証明書の番号：4D 20 9C 1F 05",
        ["4d209c1e7b"],
    ),
    (
        "a colleague's serial in brackets after the name, the colleague to apply in person",
        "退職",
        "退職するので私の証明書を失効してください。シリアル番号：2C:80:1F:9A:D3:6E\n"
        "同じ課の田村さん（シリアル 9E41C07B2A55）も退職されますが、田村さんはご自身で別途申請されるそうです。",
        ["2c801f9ad36e"],
    ),
    (
        "a certificate named and, in the next clause, to be left as it is",
        "cancel",
        "Please withdraw the renewal application I sent on Monday. My current certificate (serial 3E71A0C95B) is valid "
        "until May; please leave it as is.",
        [],
    ),
    (
        "the same in Japanese, the next sentence without a pointer",
        "更新申込の取消",
        "更新の申込を取り消してください。今の証明書（シリアル 3E71A0C95B）は5月まで有効です。そのままにしてください。",
        [],
    ),
    (
        "certificates counted above bare values that share their first digits, one per line",
        "どれ？",
        "証明書が3枚あって、どれを使えばいいのか分かりません。\n C07A21E4\n C07A2390\n C07A25F1\n教えてください。",
        ["c07a21e4", "c07a2390", "c07a25f1"],
    ),
    (
        "two halves of one value on two lines, unlike at their start, stay one value",
        "失効",
        "シリアル番号:\n 5A3C9E01\n 7B2D4F68\nを失効してください。",
        ["5a3c9e017b2d4f68"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert classify_text(text, subject=subject).serials == serials, why

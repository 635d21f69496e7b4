"""Serial forms read from the fit halves of serial writer s18 and dev mail 49 at stop 53, in values and words of
their own.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.serials import find_serials

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "the next clause says the value given first was a colleague's",
        "証明書の部署名が違っています",
        "シリアル番号 41C9 07AE 3D52 B816 と書きましたが、これは隣の席の同僚の証明書の番号でした。\n"
        "私のものは 41C9 07AE 3D52 C0A3 です。部署名を「総務部」に直してください。",
        ["41c907ae3d52c0a3"],
    ),
    (
        "the next clause says the value is an old certificate's",
        "父の証明書の失効",
        "父が先月亡くなりました。証明書の失効をお願いします。\n"
        "机にあったメモの番号は 7B30E1A2 94C6D05F ですが、これは期限切れになった古い証明書のもののようです。"
        "今年更新した証明書は 7B30E1A2 94C6F2B8 です。",
        ["7b30e1a294c6f2b8"],
    ),
    (
        "a remark in brackets says the value is not the writer's",
        "Key leaked",
        "My key was exposed in a public chat log. Please revoke.\n"
        "My certificate: serial 5e:21:9a:c0:77:3d:b4:18\nIssuer serial 02:7c:1f:4d (not mine)",
        ["5e219ac0773db418"],
    ),
    (
        "a person listed with a serial and told to be kept stays out",
        "退職者の証明書失効（2名）",
        "退職者2名の失効をお願いします。\n1) 岡本 直樹　シリアル 2f81c0d3a94e7b65\n"
        "2) 谷口 明美　シリアル 6a0e93b7c1d24f58\n"
        "なお一覧では 石田 学（シリアル 4d7e2a1c0b9f3e86）も同じ課ですが、石田は在籍しておりますので、"
        "こちらは失効しないでください。",
        ["2f81c0d3a94e7b65", "6a0e93b7c1d24f58"],
    ),
    (
        "a death certificate's document number written 第…号 is no serial",
        "母の証明書",
        "母が亡くなりました。証明書の失効をお願いします。\n証明書番号：3E 9A 07 C1 5B D2 84 6F\n"
        "死亡届の受理証明書の番号（第2218号）も書いておきます。",
        ["3e9a07c15bd2846f"],
    ),
    (
        "the whole value wins over its two halves given first",
        "Revocation",
        "I am leaving the company and would like to revoke my certificate.\n"
        "Serial: 0x1C4E7A90 0x3BD2F561 (I think it is really one number: 1C4E7A903BD2F561)",
        ["1c4e7a903bd2f561"],
    ),
    (
        "a serial the signature gives under its label is the writer's own, when the body gives none",
        "証明書の氏名の誤り",
        "名前が「高橋」ではなく「髙橋」です。申込書のとおり直してください。\n\n--\n髙橋 由紀\nS/N 58F1D0A7C3E2964B",
        ["58f1d0a7c3e2964b"],
    ),
    (
        "a My Number written out is no product of another issuer",
        "祖父の証明書",
        "祖父（証明書のシリアル番号：6D 0B 47 E2 91 AC 35 F8）が亡くなりました。必要な書類を教えてください。"
        "マイナンバー（4417 2290 8531）が必要なら書きます。",
        ["6d0b47e291ac35f8"],
    ),
    (
        "a generation of the CA's certificates names the CA's serial",
        "CA証明書",
        "リポジトリのCA証明書はどれを入れればよいですか。PCには第1世代（シリアル 2A 00 3F 11）しかありません。",
        [],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert classify_text(text, subject=subject).serials == serials, why


def test_a_signature_hash_without_a_serial_label_is_not_read() -> None:
    text = (
        "証明書の住所が違います。直してください。\n\n--\n山田 花子\n"
        "PGP: 3A4B 5C6D 7E8F 9012 3456 7890 ABCD EF01 2345 6789"
    )
    assert classify_text(text, subject="住所の誤り").serials == []


def test_the_ca_certificate_named_on_the_line_before_its_serial() -> None:
    found = find_serials("The issuing CA certificate shows serial 01 a4 77 2f 3e 90.", "body")
    assert [c.value for c in found if c.exact] == []

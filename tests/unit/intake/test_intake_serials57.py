"""Serial forms and scopes read from the fit halves of serial writer s26 and dev mail 57 at stop 57, in values and
words of their own.

A part of a value put right by its place ("3つ目は47ではなく4fでした",
"最後の2桁は 56 でした") mends the value, or sets it aside when the right one is given whole; an arrow note beside a
value ("← こちらは対応不要です") sets it apart; OpenSSL's decimal serial before its long hexadecimal twin is no value
of its own; a holder named as the one asked for ("野村の証明書だけ失効", "失効をお願いしたいのは田中の1件のみです")
narrows a table to that holder's rows; a row picked by its place after the ask put first ("失効してほしいのは2行目
の…") is picked; a plan to go on using the only certificate named ("このまま使い続けるつもりですが") asks nothing of
it; a colleague's certificate named beside the writer's own in a question asks nothing of it; a serial label after a
device names the certificate's serial when the value is said to be a certificate's ("PC（シリアル … の証明書が入って
いるもの）"); a list under a heading that needs nothing ("■対応不要") stays apart from "all" asked under another; and
a sentence the mail program broke after a particle goes on to its remark ("…)は\\n…対象外です").

From the fit halves of serial writer s27 and dev mail 58, measured blind after those fixes: lines labelled by the last
and this time's certificate ("前回の:", "今回分:", "古い方のシリアル番号:"), or the kind named right before the value
in a sentence ("新しい方（…）は"), with the other kind asked of; the other certificate used for a while ("しばらく
そちらを使います"); an English list's holder who "keeps her certificate"; a value said inside its own bracket to be a
colleague's; the subject's value put right in the body ("件名の番号…打ち間違えました。正しくは …").

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from tests.support.serialcases import as_numbers, serials_read

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "a pair put right by its place",
        "失効のお願い",
        "不要になったので失効してください。シリアルは 2d 71 90 ab 4e c3 08 f5 です。\n"
        "すみません、見直したら5つ目は4eではなく4aでした。",
        ["2d7190ab4ac308f5"],
    ),
    (
        "the last digits put right, the right value given whole too",
        "先ほどの番号",
        "先ほどお伝えした 6c0a 3f9e 81d2 b447 ですが、最後の2桁は 74 でした。\n"
        "6c0a 3f9e 81d2 b474 で失効をお願いします。",
        ["6c0a3f9e81d2b474"],
    ),
    (
        "the last digits put right, the value not given again",
        "失効依頼",
        "退職のため、シリアル 0d4b 7e21 a9c6 35f0 の失効をお願いします。\n失礼しました、末尾の2桁は 0f でした。",
        ["0d4b7e21a9c6350f"],
    ),
    (
        "a value told as it is names it, corrects nothing",
        "失効依頼",
        "証明書（シリアル 8a61 e2d0 4b97 3c15）を失効してください。念のため、最後の4桁は 3c15 です。",
        ["8a61e2d04b973c15"],
    ),
    (
        "an arrow note beside a value sets it apart",
        "番号の訂正",
        "失効をお願いするのは 4f1a 92c0 7b3e d856 です。\n"
        "(前回のメールの番号：93de 0a71 c5b2 4e68 ← これは対応不要です)",
        ["4f1a92c07b3ed856"],
    ),
    (
        "OpenSSL's decimal serial before its long hexadecimal twin",
        "失効",
        "この証明書を失効してください。\n        Serial Number: 6011747340588357447 (0x536d2f01a8c4e947)\n",
        ["536d2f01a8c4e947"],
    ),
    (
        "a holder named as the one asked for narrows a table",
        "1名分の失効",
        "氏名\tシリアル番号\n大西 健\t4a92e07c1db35f68\n小松 綾\t9e03b7d5c2a1468f\n北村 誠\t62c8f0a1e7d9354b\n\n"
        "このうち小松の証明書だけ失効をお願いします。",
        ["9e03b7d5c2a1468f"],
    ),
    (
        "the ask put first, the holder after it",
        "盗難の件",
        "事務所に泥棒が入りPCが盗まれました。\n\n"
        "  氏名      シリアル番号               状況\n"
        "  吉村 亮   3c 9e 01 d4 7a b2 f6 58    PCごと盗難\n"
        "  松井 由美  a4 17 6b e0 c9 32 d8 0f    無事\n\n"
        "失効をお願いしたいのは吉村の1件のみです。",
        ["3c9e01d47ab2f658"],
    ),
    (
        "a row picked by its place after the ask put first",
        "旧証明書の失効",
        "更新後の新しい証明書が届きました。\n\n"
        "発行日 / 状態 / シリアル\n2023/04/02 / 有効(旧) / 7d2c90e1a4b6358f\n"
        "2024/03/28 / 有効(新) / b13e6f0a92d75c48\n\n"
        "失効してほしいのは1行目の1枚だけです。",
        ["7d2c90e1a4b6358f"],
    ),
    (
        "a plan to go on using the only certificate named",
        "他の用途について",
        "今の証明書（S/N 2e9f 40a1 c7d3 865b）はこのまま使い続けるつもりですが、"
        "別途、社内システムのログインにも使えるものでしょうか。",
        [],
    ),
    (
        "a colleague's certificate named beside the writer's own in a question",
        "署名ができません",
        "同僚の岡本さんの証明書（シリアル 51c0 8e2a 9d47 f3b6）では同じPCで署名できるのに、"
        "私の証明書だとエラーになります。原因として何が考えられますか。",
        [],
    ),
    (
        "a device's serial label read as the certificate's when the value is said to be a certificate's",
        "至急",
        "会社のノートPC（シリアル 7e40 a2c1 9bd3 f058 の証明書が入っているもの）を電車に置き忘れ、見つかりません。"
        "至急止めてください。",
        ["7e40a2c19bd3f058"],
    ),
    (
        "a list headed as needing nothing stays apart from all asked under another",
        "退職者2名の失効",
        "■失効をお願いしたい者（いずれも本日付で退職）\n  ・高田 直人  シリアル:1F0C7A92E4D3B568\n"
        "  ・森田 愛    シリアル:6A3D0E81C9F2B457\n\n■対応不要（参考）\n"
        "  ・野口 亮    C2B8E41D07A9F365 … 異動のみ、引き続き使用\n",
        ["1f0c7a92e4d3b568", "6a3d0e81c9f2b457"],
    ),
    (
        "a sentence broken after a particle goes on to its remark",
        "社名変更",
        "社名変更に伴い、以下の者の証明書を失効してください。\n  ・石田 修  シリアル 2b7e 0c94 d1a6 f385\n\n"
        "なお、元社員の 上野 拓(シリアル 9c03 e7b1 4a2d 56f8)は\n"
        "3月に退職し、すでに失効手続きを済ませておりますので対象外です。",
        ["2b7e0c94d1a6f385"],
    ),
    (
        "lines labelled by the last and this time's certificate, the last asked of",
        "更新しました",
        "更新後の証明書が届きました。前回のは失効してください。\n 前回の:4b1e0c97d2a3f658\n 今回の:a09d3e71c52b46f8\n",
        ["4b1e0c97d2a3f658"],
    ),
    (
        "a line labelled '古い方のシリアル番号:' and one '新しい方:'",
        "更新前の証明書の失効",
        "更新前の証明書を失効してください。\n古い方のシリアル番号:2F7D 90A1 C3E5 4B68\n新しい方:9E04 B1C7 2A5D 6F38\n",
        ["2f7d90a1c3e54b68"],
    ),
    (
        "the new one named right before its value inside a sentence, the old one asked of",
        "旧証明書の失効",
        "新しい証明書が届いたので、旧い証明書を失効してほしいのですが、"
        "昨年から使っていた 71C4 0E9B D2A3 5F86 の方です。"
        "新しい方（C35A 8E01 7B9D 24F6）はもう設定済みです。",
        ["71c40e9bd2a35f86"],
    ),
    (
        "the other certificate used for a while ('しばらくそちらを使います')",
        "記載誤り",
        "新しく発行された証明書（シリアル 0E5B 7A92 C41D 836F）の氏名の漢字が違っています。直していただけますか。\n"
        "前回の証明書（D7A2 19C4 0B6E 53F8）はまだ期限内なので、しばらくそちらを使います。",
        ["0e5b7a92c41d836f"],
    ),
    (
        "an English HR list, one who keeps his certificate",
        "Staff changes",
        "Two of our staff are retiring:\n- Mr. Ono (serial 5a2c90e7b14d3f86) - retiring\n"
        "- Ms. Sakai (serial e81b47c0d29a365f) - moving to another branch, keeps her certificate\n"
        "- Mr. Kudo (serial 39f0d2a6c1e84b57) - retiring\nPlease revoke the certificates of the two retirees.",
        ["5a2c90e7b14d3f86", "39f0d2a6c1e84b57"],
    ),
    (
        "a value said inside its bracket to be a colleague's",
        "Correction",
        "Sorry, I gave the wrong serial last time (6d1e0a93c7b2f458 is my colleague's, not mine). "
        "My certificate is 0b47e2c9a1d3568f. Please revoke that one.",
        ["0b47e2c9a1d3568f"],
    ),
    (
        "the subject's value put right in the body",
        "失効のお願い 3a90e1c75b2d48f6",
        "件名の番号、最後の1桁を打ち間違えました。正しくは 3a90e1c75b2d48f7 です。退職のため失効をお願いします。",
        ["3a90e1c75b2d48f7"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert serials_read(text, subject) == as_numbers(serials), why

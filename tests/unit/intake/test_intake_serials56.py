"""Serial forms and scopes read from the fit halves of serial writer s23 and dev mail 54 at stop 56, in values and
words of their own.

Cases from the fit halves of serial writer s24 and dev mail 55 (measured blind after the first fixes) follow: lines
labelled "古いの：" and "新しいの：" with the one asked of named ("古い方だけ失効"), the writer's own certificate kept
"このまま" beside another's asked of in one sentence, a value's first groups corrected ("「…」ではなく「…」でした"), a
value taken back at once ("いえ、…でした"), a long value wrapped with its last group behind a hyphen, a caution
against a mix-up that corrects nothing ("お間違えのないよう"), a past told before a remark that doubts something else
("has already expired, so I think nothing needs to be done"), and a relying party's question about the signer's
certificate, whose serial names the certificate asked about (six outside writers label it so).

An administrator's list is narrowed by the holder named as the exception ("山本の端末は除外です", "except our CEO,
Mr. Ishikawa", "Tanaka Yoko is listed by mistake"), by rows picked by their place ("上から1つ目と3つ目", "2番目は
そのまま"), by the mark the writer selects rows by ("備考欄に「退職」とある方"), and by item numbers written "No.1".
A value named again broken off after a group separator ("9E:5B:D1:04:...") is the whole one; a line of oddly spaced
groups given joined as well is one value; eight digits and two fours joined by hyphens are one value; and the cells
of a CSV column the header names otherwise are no serials.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from tests.support.serialcases import as_numbers, serials_read

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "a holder named as the one left out of a table",
        "緊急失効(3名中2名)",
        "ウイルス感染が確認されたため、次の証明書を緊急失効してください。\n"
        "ただし 山本 の端末は感染していないことを確認済みのため除外です。\n\n"
        " 山本 健一  4c:1d:9e:02:b7:a3:65:f8\n 西田 涼子  8a:e3:50:1c:d9:74:2b:06\n"
        " 川村 陽   d1:07:6f:ba:33:c8:91:4e\n",
        ["8ae3501cd9742b06", "d1076fba33c8914e"],
    ),
    (
        "all but the holder excepted by name in English",
        "Revocation of our staff certificates",
        "We are closing the office. Please revoke all certificates of our staff, except the one of our director,\n"
        "Ms. Okada, which stays in use.\n\n"
        "Name            Serial\nOkada Rie       5B20 C1D7 8E94 03AF\nMiller Tom      7F31 0A6C D2E9 B845\n"
        "Sato Ken        2C8D 94B1 07EA 6F53\n",
        ["7f310a6cd2e9b845", "2c8d94b107ea6f53"],
    ),
    (
        "a holder listed by mistake in a CSV export",
        "Leavers",
        "Please revoke the certificates of these leavers. Note that Brown Alice is listed by mistake - she stays.\n\n"
        '"name","serial"\n"Brown Alice","3E:91:0B:C4:7A:D2:58:F6"\n"Ito Jun","A0:5C:E7:19:34:BD:82:6F"\n'
        '"Khan Sara","6D:F2:48:0A:C3:91:E7:5B"\n',
        ["a05ce71934bd826f", "6df2480ac391e75b"],
    ),
    (
        "rows of a quoted list picked by their place",
        "Re: ご登録の証明書",
        "上から1つ目と3つ目を失効してください。退職者の分です。\n\n"
        "> 貴社の証明書は以下の通りです。\n>  大野 9f 2e 41 c0 7d b8 15 a6\n>  森  30 ab 6c 9e f1 04 d2 87\n"
        ">  林  e4 58 0d 2b 93 c6 7a 1f\n",
        ["9f2e41c07db815a6", "e4580d2b93c67a1f"],
    ),
    (
        "a row kept by its place",
        "失効のお願い",
        "以下のうち、2番目はそのまま使いますので残してください。\n"
        "(1) 1a2b 3c4d 5e6f 7a8b\n(2) 9c0d 1e2f 3a4b 5c6d\n(3) 7e8f 9a0b 1c2d 3e4f\n"
        "それ以外は退職者のものですので失効してください。",
        ["1a2b3c4d5e6f7a8b", "7e8f9a0b1c2d3e4f"],
    ),
    (
        "a place named to correct a value picks no row",
        "失効請求",
        "退職者2名分の証明書を失効してください。\n"
        "シリアルは 5d0e7a91c3b2f486 と 0c6b3e9a2d71f584 です。\n"
        "※訂正：1番目 誤 5d0e7a91c3b2f486 → 正 5d0e7a91c3b2f468",
        ["5d0e7a91c3b2f468", "0c6b3e9a2d71f584"],
    ),
    (
        "the second question of a mail is no row",
        "質問と失効",
        "2つ目の質問ですが、以下の2枚はどちらも失効してください。\n"
        "・3a6f 90c1 d2e7 4b85\n・b019 2c7e 58d4 a3f6\n",
        ["3a6f90c1d2e74b85", "b0192c7e58d4a3f6"],
    ),
    (
        "rows selected by a remark column's mark",
        "退職者の失効",
        "管理表です。備考に「退職」とある方の証明書を失効してください。\n\n"
        "氏名 | シリアル | 備考\n---- | ---- | ----\n"
        "平田 | 6E 1A 9C 03 B7 D5 28 F4 | 退職\n"
        "小松 | 0B 8D E2 54 1F 96 C3 7A | 産休\n"
        "菊池 | C5 73 2A 0E 9D 61 B4 8F | 退職\n",
        ["6e1a9c03b7d528f4", "c5732a0e9d61b48f"],
    ),
    (
        "item numbers written No.1",
        "失効依頼",
        " No.1 S/N 4A7C 1E09 D3B2 85F6\n No.2 S/N 93E0 5B1D 7C48 A2F3\n No.3 S/N 2F6D 80A9 E1C7 354B\n\n"
        "No.2 は在籍中のため除外し、No.1 と No.3 のみ失効してください。",
        ["4a7c1e09d3b285f6", "2f6d80a9e1c7354b"],
    ),
    (
        "a listed value named again broken off after a colon, as left out",
        "失効依頼 3件",
        "以下の証明書を失効してください。\n\n  3C:A1:77:0E:D4:29:B8:65\n  8F:02:6B:E9:1D:C3:54:A7\n"
        "  E6:4D:93:B0:2A:7F:C1:58\n\n※最後の E6:4D:93:B0:... はすでに失効済みですので対象外です。",
        ["3ca1770ed429b865", "8f026be91dc354a7"],
    ),
    (
        "oddly spaced groups given joined as well",
        "証明書の失効",
        "廃業しましたので証明書を失効してください。\n画面から写したら空白がずれました。\n\n"
        "7 c2 0e 9a 4 d1 b8 6f 3 e\n\n空白を取ると「7c20e9a4d1b86f3e」です。",
        ["7c20e9a4d1b86f3e"],
    ),
    (
        "eight digits and two fours joined by hyphens",
        "Death of a certificate holder",
        "We write on behalf of the estate of the late Mr. Aoki, who held your certificate.\n"
        "Its serial number is:\n\n  5E0C7A21-9B3D-4F86\n\nPlease tell us how to revoke it.",
        ["5e0c7a219b3d4f86"],
    ),
    (
        "a CSV column that the header names otherwise holds no serials",
        "失効リスト",
        "status が「revoke」のものを失効してください。\n\n"
        "staff_no,name,serial_hex,status\nB0213,関 一郎,0x5A0E93C1D7B2846F,revoke\n"
        "B0378,沢 花,0x1C7F02A9E4D6B358,keep\n",
        ["5a0e93c1d7b2846f"],
    ),
]


CASES += [
    (
        "lines labelled old and new, the old one asked of",
        "古いほうを失効で",
        "更新したので前のを止めたいです\n古いの：5A-0C-E2-91-7D-34-B8-F6\n新しいの：5a-0c-e2-91-7d-34-b8-f7\n"
        "古い方だけ失効でお願いします。新しい方は使ってます",
        ["5a0ce2917d34b8f6"],
    ),
    (
        "lines labelled by use, the unused one asked of",
        "二重発行",
        "1枚のはずが2枚発行されていました。使わない方を失効してください。\n\n"
        "使う方：    シリアル 7d3e90c1b25a48f6\n使わない方：シリアル 7d3e90c1b25a48f7",
        ["7d3e90c1b25a48f7"],
    ),
    (
        "the writer's own kept as it is beside another's asked of in one sentence",
        "母の証明書",
        "母が先月亡くなりました。母のはシリアル 3c 9d 0e 51 a7 f2 84 b6 です。"
        "私の分（シリアル 3c 9d 0e 51 a7 f2 84 b7）はこのまま使いますので、母の分だけ止めてください。",
        ["3c9d0e51a7f284b6"],
    ),
    (
        "a value's first groups corrected",
        "兄の証明書",
        "兄が亡くなりました。証明書の番号です。\nシリアル 4e 1b c0 92 d7 3a 65 f8 0c\n"
        "と書きましたが、よく見たら「4e 1b c0 92」ではなく「4e 1b c0 93」でした。失効をお願いします。",
        ["4e1bc093d73a65f80c"],
    ),
    (
        "a value taken back at once",
        "氏名の訂正",
        "氏名の漢字が違っていました。再発行をお願いします。シリアルは 6f10 a2c8 93d4 7e5b です、\n"
        "いえ、通知メールを見たら 6f10 a2c8 93d4 7e5c でした。",
        ["6f10a2c893d47e5c"],
    ),
    (
        "a long value wrapped with its last group behind a hyphen",
        "所属の訂正",
        "所属が間違っていました。再発行をお願いします。シリアルが長いので2行になりました。\n\n"
        "8B1E 04C7 D9A2 35F6\n-7C0E\n",
        ["8b1e04c7d9a235f67c0e"],
    ),
    (
        "a caution against a mix-up corrects nothing",
        "所員の死亡による失効",
        "当事務所の所員が急逝いたしました。失効をお願いします。\n  シリアル番号: 1d4a 7e90 c2b5 38f6 0a21\n"
        "なお、私も同じ時期に発行を受けております(シリアル番号: 1d4a 7e90 c2b5 38f6 0a24)が、\n"
        "こちらは引き続き使用いたしますので、お間違えのないようお願いいたします。",
        ["1d4a7e90c2b538f60a21"],
    ),
    (
        "a past told before a remark that doubts something else",
        "Compromised mailbox",
        "My mailbox was hacked and my key backup was in it. Please revoke my certificate now:\n"
        "  Serial: 2f8a 61c0 d3e9 47b5\n"
        "My older certificate (serial 0e31 b7c9 50a2 d84f) has already expired, so I think nothing needs to be "
        "done for that one.",
        ["2f8a61c0d3e947b5"],
    ),
    (
        "a line's label says the certificate on it stays in use",
        "古い証明書の失効",
        "古いのと新しいのが両方入っていて紛らわしいので、古い方は失効をお願いします。\n\n"
        "古い（失効してほしい方）: 4a 1e 0c 93 d7 b2 58 f6 a0 3e\n"
        "新しい（このまま使います）: 0b 82 c4 6e 1f d9 73 a5\n",
        ["4a1e0c93d7b258f6a03e"],
    ),
    (
        "a line's label names the certificate in use now",
        "前の証明書",
        "更新したので前の方を失効してください。\n\n今使っているもの（新）：シリアル 6c 0e 93 a1 d4 7b 25 f8\n"
        "失効してほしいもの（前の）：シリアル 2d 91 b0 7e c3 58 a6 14\n",
        ["2d91b07ec358a614"],
    ),
    (
        "a past doubted right after its words stays asked",
        "再度の失効",
        "シリアル 7A2E91C04D3B65F8 は失効済みのはずですが、一覧に残っています。念のため再度失効してください。"
        "また 1C8D4F70B2A9E356 も失効してください。",
        ["7a2e91c04d3b65f8", "1c8d4f70b2a9e356"],
    ),
    (
        "a relying party's question names the signer's certificate",
        "契約書の署名について",
        "取引先から電子署名付きの見積書を受け取りました。署名者の証明書（シリアル 9C:20:E4:7B:1A:D6:58:03）が"
        "失効していないかどうか、そちらで確認していただけますか。",
        ["9c20e47b1ad65803"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert serials_read(text, subject) == as_numbers(serials), why


def test_a_relying_partys_lookup_is_a_persons_work_and_asks_nothing_of_the_writers_own() -> None:
    text = (
        "取引先から電子署名付きの見積書を受け取りました。署名者の証明書（シリアル 9C:20:E4:7B:1A:D6:58:03）が"
        "失効していないかどうか、そちらで確認していただけますか。"
    )
    result = classify_text(text, subject="契約書の署名について")
    assert result.intent == "other"

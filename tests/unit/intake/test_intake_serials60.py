"""Serial forms and scopes read from the fit halves of serial writers s33 to s35 and dev mail 64 to 66 at stop 60,
in values and words of their own.

A short value put right by a bare one after it ("↑すみません一桁抜けてました、…"), or after looking again ("…と思ったら
確認したら…", "wait, checked my notes"); a wrong value marked "訂正前"; a part of a group named by its place ("2ブロック
目の最後が9") is no correction of the value's end; rows numbered "N行目" are no digits of the row above, and rows
picked by "N行目" with the ask in the next sentence ("この2名分"); two or three lines of one shape are a list, not one
value wrapped; a table row's number on the next line is no digit of this row; the one of two rows named "上の1件";
the end of a value picked in a reply ("末尾がE1の方です"), by a holder ("It's the one for Ms. …", "…さんと…さんの分を
お願いします", "…様と…様の2名分"); a holder's title inside another ("副所長" is no 所長); rows under a bracketed heading
that keeps them; a certificate kept "期限まで", "従来どおり", "現在も使用"; "stays as it is"; an English word before
pairs ("should be 5A 91 …"); an identity card's number, a crypto wallet, openssl's "Version: 3 (0x2)", a count
("2通り") and the CA's certificate in keytool's chain are no serials.  Read later at stop 60 from the fit halves of
serial writers s36 and s37 and dev mail 67 and 68: a value sent in two pieces ("つづき", "途中で送った", a PDF's page
footer, a quoted-printable soft break); "It's the one ending in ...9E1F"; a relative's row picked by the relative
(rows marked "（母・故人）", "父：", "娘（…）"); a version, a size in bytes, a token's or a card reader's serial and
another paper's certificate number are no serials.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from intake.fax import find_form
from tests.support.serialcases import as_numbers, serials_read

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "a short value put right by a bare one",
        "失効",
        "失効お願いします。\nシリアル 5B8E1F2A3C4D6E7\n↑すみません一桁抜けてました、5B8E1F2A3C4D6E70 です",
        ["5b8e1f2a3c4d6e70"],
    ),
    (
        "a value taken back after looking again",
        "失効",
        "シリアル 7C2D4E6F8A0B1C3D を失効お願いします。…と思ったら確認したら 7C2D4E6F8A0B1D3C でした。",
        ["7c2d4e6f8a0b1d3c"],
    ),
    (
        "wait, checked my notes",
        "stolen",
        "phone stolen, serial 3E4F5A6B7C8D9E0F - wait, checked my notes, it's 3E4F5A6B7C8D9EF0. revoke asap",
        ["3e4f5a6b7c8d9ef0"],
    ),
    (
        "a wrong value marked 訂正前",
        "不正利用",
        "至急失効してください。\nシリアル番号：6A7B 8C9D 0E1F 2A3B\n（訂正前：6A7B 8C9D 0E1F 2B3A ←打ち間違いでした）",
        ["6a7b8c9d0e1f2a3b"],
    ),
    (
        "a group's own digit named by its place",
        "Re: 氏名の訂正",
        "先日の番号が違っていました。正しくは 0d5e 61a8 b3c2 4f70 です（2ブロック目の最後が8でした）。"
        "訂正をお願いします。",
        ["d5e61a8b3c24f70"],
    ),
    (
        "rows numbered N行目, picked with the ask after",
        "失効",
        "一覧の1行目と3行目の方が異動しました。この2名分の失効をお願いします。\n\n"
        "　1行目　田中 一　　1A2B 3C4D 5E6F 7A8B\n　2行目　中田 二　　2B3C 4D5E 6F7A 8B9C\n"
        "　3行目　山中 三　　3C4D 5E6F 7A8B 9CAD\n",
        ["1a2b3c4d5e6f7a8b", "3c4d5e6f7a8b9cad"],
    ),
    (
        "three lines of one shape are a list, the end picked",
        "失効",
        "このうち末尾9C0Dの分だけ失効をお願いします。\n\n　4A1B 2C3D 4E5F 6A7B\n　5B2C 3D4E 5F6A 9C0D\n"
        "　6C3D 4E5F 6A7B 8C9D\n",
        ["5b2c3d4e5f6a9c0d"],
    ),
    (
        "a table row's number on the next line",
        "失効（2名）",
        "下記2名の失効をお願いします。\n No. 氏名        社員番号  シリアル番号\n"
        " 1   青木 一郎   E-101     2A3B 4C5D 6E7F 8A9B\n"
        " 2   木村 花子   E-102     2A3B 4C5D 6E7F 8BA0\n",
        ["2a3b4c5d6e7f8a9b", "2a3b4c5d6e7f8ba0"],
    ),
    (
        "the upper one of two rows",
        "失効",
        "下記2件のうち、上の1件の失効をお願いします。下のものは先月失効済みなので不要です。\n\n"
        "　7D8E 9F0A 1B2C 3D4E\n　8E9F 0A1B 2C3D 4E5F\n",
        ["7d8e9f0a1b2c3d4e"],
    ),
    (
        "the end of a value picked in a reply",
        "Re: 失効対象のご確認",
        "末尾が4Eの方です。もう一方は新しい証明書なので残してください。\n\n"
        "> 以下2件の証明書がございます。\n> 　・1F2A 3B4C 5D6E 7F4E\n> 　・2A3B 4C5D 6E7F 8A91\n"
        "> どちらを失効されますか。",
        ["1f2a3b4c5d6e7f4e"],
    ),
    (
        "a holder picked in an English reply",
        "RE: Which certificate?",
        "It's the one for Mr. Okada. Not mine.\n\n> Your request names two certificates:\n"
        ">  - Kenji Mori     serial 3B4C5D6E7F8A9B0C\n>  - Taro Okada     serial 4C5D6E7F8A9B0C1D\n> Which one?",
        ["4c5d6e7f8a9b0c1d"],
    ),
    (
        "two holders picked in a Japanese reply",
        "Re: 失効対象者のご確認",
        "佐藤さんと小林さんの分をお願いします。残りの方は在籍中です。\n\n> 一覧は以下のとおりです。\n"
        "> 　佐藤 大輔　　5D6E 7F8A 9B0C 1D2E\n> 　小林 恵　　　6E7F 8A9B 0C1D 2E3F\n"
        "> 　中村 翔　　　7F8A 9B0C 1D2E 3F4A\n",
        ["5d6e7f8a9b0c1d2e", "6e7f8a9b0c1d2e3f"],
    ),
    (
        "two holders, one joined before, as 2名分",
        "失効",
        "下記のうち、退職した石井様と松本様の2名分の失効をお願いいたします。\n\n"
        "  石井 優（石井商店）　4a 5b 6c 7d 8e 9f 0a 1b\n"
        "  森 真（森デザイン）　5b 6c 7d 8e 9f 0a 1b 2c\n  松本 亮（松本運輸）　6c 7d 8e 9f 0a 1b 2c 3d\n"
        "森様は引き続き使用されます。",
        ["4a5b6c7d8e9f0a1b", "6c7d8e9f0a1b2c3d"],
    ),
    (
        "a title inside another title",
        "失効",
        "下記のうち部長以外の分を失効してください。\n\n1. 部長 上田 進　　シリアル 7A8B9C0D1E2F3A4B\n"
        "2. 副部長 下田 梓　シリアル 8B9C0D1E2F3A4B5C\n",
        ["8b9c0d1e2f3a4b5c"],
    ),
    (
        "rows under a bracketed heading that keeps them",
        "支店長異動に伴う電子証明書失効のお願い",
        "福岡支店長 司法書士 岡 誠が本部付きへ異動となり、使用しておりました電子証明書が不要となりましたので、"
        "失効のお手続きをお願い申し上げます。\n\n【失効対象】\n　氏名：岡 誠\n"
        "　シリアル番号：9C 0D 1E 2F 3A 4B 5C 6D\n\n【参考：失効対象外（引き続き使用）】\n"
        "　新 福岡支店長 司法書士 村田 由紀子　3B18 D6F4 0A2E 95C7\n\n失効請求書は本日簡易書留にて発送いたしました。",
        ["9c0d1e2f3a4b5c6d"],
    ),
    (
        "a certificate kept until it expires, beside an application called off",
        "更新の申込を取り消したい",
        "更新の申込をしましたが、やっぱり更新しないことにしたので取り消してください。\n"
        "※今の証明書（シリアル 1E2F3A4B5C6D7E8F）は期限まで使います。失効はしないでください。",
        [],
    ),
    (
        "a colleague's certificate in use, beside an application withdrawn",
        "申込の取り下げ",
        "私の発行申込は取り下げをお願いします。なお、同じ部署の西（シリアル 2F3A 4B5C 6D7E 8F90）の証明書は"
        "現在も使用しております。",
        [],
    ),
    (
        "stays as it is",
        "Revocation for two staff",
        "Please revoke these two:\n  Aki Ono      - 3A4B 5C6D 7E8F 9012\n  Ben Ueda     - 4B5C 6D7E 8F90 1234\n"
        "Ms. Sato's own certificate (5C6D 7E8F 9012 3456) stays as it is.",
        ["3a4b5c6d7e8f9012", "4b5c6d7e8f901234"],
    ),
    (
        "an English word before pairs",
        "lost phone",
        "Lost my phone. The screenshot reads 7A 8l C9 D0 E1 F2 A3 B4 with l for 1, so it should be "
        "7A 81 C9 D0 E1 F2 A3 B4. Please revoke.",
        ["7a81c9d0e1f2a3b4"],
    ),
    (
        "an identity card's number",
        "revoke",
        "Please revoke my certificate, serial 6D:7E:8F:90:A1:B2:C3:D4. Residence card no. CE 5521 8830 AB for ID.",
        ["6d7e8f90a1b2c3d4"],
    ),
    ("a crypto wallet", "Offer", "Deposit to wallet 0x4b8C1d2E3f4A5b6C7d8E9f0A1b2C3d4E5f6A7b8C today!", []),
    (
        "openssl's Version line and a count",
        "失効",
        "事務所を閉じるので失効してください。\n    Version: 3 (0x2)\n    Serial Number: 2305843009213693951 "
        "(0x1fffffffffffffff)\nシリアル番号が10進数と16進数の2通りで出ています。",
        ["1fffffffffffffff"],
    ),
    (
        "the CA's certificate in keytool's chain",
        "失効",
        "keytool の出力です。\n証明書[1]:\n所有者: CN=Abe Ken, C=JP\n発行者: CN=iPROVE CA, C=JP\n"
        "シリアル番号: 3e4f5a6b7c8d9e0f\n証明書[2]:\n所有者: CN=iPROVE CA, C=JP\n発行者: CN=iPROVE CA, C=JP\n"
        "シリアル番号: 2b\n\n証明書[1]の方を失効してください。",
        ["3e4f5a6b7c8d9e0f"],
    ),
    (
        "a value sent in two pieces, 'つづき' between",
        "夫の証明書",
        "夫からLINEで来たシリアルです↓\n[夫] シリアル 5C1D 2E3F 4A5B\n[夫] つづき 6C7D 8E9F 0A1B 2C3D 4E5F\n"
        "[夫] 全部で32桁のはず",
        ["5c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"],
    ),
    (
        "a chat sent half way, times between",
        "Fwd: PCがウイルス",
        "社長の証明書をすぐ止めてください。\n> 社長 9:41 シリアルこれ？ 4D5E6F\n"
        "> 社長 9:42 ごめん途中で送った　７Ａ８Ｂ９Ｃ０Ｄ１Ｅ",
        ["4d5e6f7a8b9c0d1e"],
    ),
    (
        "a PDF's page footer between the two halves",
        "失効請求",
        "発行通知のPDFからコピーしました。\n\nシリアル番号 7E2F 9A1B\n－ 1/2 －\nC3D4 E5F6\n\n"
        "退職のため失効を希望します。",
        ["7e2f9a1bc3d4e5f6"],
    ),
    (
        "a quoted-printable soft break left in the text",
        "her certificate",
        "The serial number was sent to me in a mail that got wrapped oddly:\n\n6C2D8E0F1A3B=\n4C5D\n\n"
        "Please tell us what to send for the death notice.",
        ["6c2d8e0f1a3b4c5d"],
    ),
    (
        "the one ending in ... picked in English",
        "Revocation",
        "Mr. Sato left last week; please revoke his certificate. It's the one ending in ...9E1F in the list below.\n\n"
        " Abe Ken      1A2B 3C4D 5E6F 7081\n Sato Jun     2B3C 4D5E 6F70 9E1F\n Ito Mai      3C4D 5E6F 7081 92A3\n",
        ["2b3c4d5e6f709e1f"],
    ),
    (
        "a relative's row picked by the relative",
        "母の死亡届",
        "母が亡くなりました。家族3人が証明書を持っていますが、母の分だけ手続きをお願いします。\n\n"
        "　佐野 和子（母・故人）　A1 B2 C3 D4 E5 F6 07 18\n　佐野 一郎（父）　　　　B2 C3 D4 E5 F6 07 18 29\n"
        "　佐野 健（私）　　　　　C3 D4 E5 F6 07 18 29 3A\n",
        ["a1b2c3d4e5f60718"],
    ),
    (
        "rows that start with the relative, one put right",
        "父の証明書の住所が違います",
        "両親の証明書が届きました。父の証明書の住所が申込書と違っています。\n\n父：7B 1C 4D E2 F3 80 9A 65\n"
        "母：3A 9C 52 E8 A7 F1 D6 4B\n\n父の分を直してください。母の分はこのままで結構です。",
        ["7b1c4de2f3809a65"],
    ),
    (
        "rows marked by the relative in brackets, one stopped",
        "娘の証明書",
        "家族3人で証明書を使っています。娘が自分の証明書のパスワードをSNSに載せてしまいました。娘の証明書を緊急で"
        "止めてください。私と妻の分は関係ないので、そのままで結構です。\n\n私（林 一）　 1B4F 8D03 F2C6 E579\n"
        "妻（林 恵）　 6C92 E1F5 3B08 D47A\n娘（林 葵）　 F8D3 5019 A2EB 4C67\n",
        ["f8d35019a2eb4c67"],
    ),
    (
        "a browser's version and a size in bytes",
        "Macで使えますか",
        "事務所のPCはMac（シリアル C02XK3QJH7）で、\nブラウザは Chrome 128.0.6613.84 です。"
        "serial numbers longer than 20 bytes はどうなりますか。",
        [],
    ),
    (
        "the serial on the back of a token, and a card reader's",
        "トークンの件",
        "トークンの裏のシリアル番号: 0B8-4429-6173\nICカードリーダー(S/N 30120845300991)は手元にあります。"
        "証明書のシリアルは 3F4A5B6C7D8E9F01 です。失効をお願いします。",
        ["3f4a5b6c7d8e9f01"],
    ),
    (
        "another paper's certificate number",
        "PC廃棄に伴う失効",
        "PCを廃棄しました。データ消去証明書番号:DS-260114-0057\n失効する証明書のシリアル番号:2a 3b 4c 5d 6e 7f 80 91",
        ["2a3b4c5d6e7f8091"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert serials_read(text, subject) == as_numbers(serials), why


def test_a_cover_letter_sentence_is_no_form_title() -> None:
    # The sentence above the form ("電子証明書の失効の書類をお送りします。") reads like a revocation form's title; the
    # form's own title below it names the death notice.
    text = (
        "DEC-01-2026 10:02 FROM: 0312345678   P. 1\n\niPROVE CA局 御中\n\nいつもお世話になっております。\n"
        "母 佐藤 和子 が先月亡くなりましたので、\n電子証明書の失効の書類をお送りします。\n"
        "戸籍謄本は本日郵便で送りました。\nわからないことが多く、書き方が違っていたら\nお電話ください。\n"
        "佐藤 一郎\nDEC-01-2026 10:03 FROM: 0312345678   P. 2\n\n電子証明書失効請求書（名義人死亡届）\n"
        "iPROVE CA局 御中\n【名義人】\n氏名：佐藤 和子\n"
    )
    assert find_form(text)[0] == "death_notice"

"""Serial forms and scopes read from the fit halves of serial writer s44, dev mail 75 and, measured once at stop 62 and
never tuned on then, serial writer s43 and dev mail 74, at stop 63, in values and words of their own.

From writer s44 (serials copied from wherever people see them): a mail meant for a colleague ("部内の…に送るつもりの
メールでした") sent here by mistake and asked to be discarded names no serial; a holder whose certificate was dealt with
already ("…さんの分は…手続き済みですので、今回は不要です") is left out; bulleted items with a caption before each
value ("・同じく本人の2枚目　c94a…") are serials as their sure sibling is; invoices named as what a certificate
signs make no invoice number of the values below; of three tries at one value, those marked wrong in brackets after
them ("（間違い）") are the mistakes; "2件とも" asks for both items; an old value "nothing needs to be done with" is no
part of the request; a value sent cut short and then whole is the whole one; a thumbprint labelled in katakana
("サムプリント") is no serial; letters read by a phone camera whose digits the writer tells ("「S」と出ているところは
全部数字の5です") are those digits; the writer's own share named with the name in brackets ("私の分（桑田）だけ").
From dev mail 75: thirty-two digits in fours under a label in a mail that gives away "a file and its PIN both" are
one serial; rows that give each holder's value after a colon are one value each, though the mail says "それぞれ";
a certificate counted as the second ("2枚目：") in twenty hyphened pairs is a serial, not a thumbprint.  From writer
s43: a numbered list with a date after each value, rows picked by number; the certificate kept named by a label
("※残す証明書："); a colleague's value "…から別途連絡します" and the writer's own value "…とは別です" are no part of
the request; a value spelled out in English and then given after "i.e."; a value noted after the CA's name
("「iPROVE 5B09…」"); a table whose next row starts with an employee number (no rest of this row's value), its rows
picked by a branch's members ("…支店の所属者の証明書"); a holder named as the clause's topic with the ask after it
("このうち 2 の野村さんは…失効をお願いします").  From writer s41: a serial in hyphened fours with one space between
its halves ("3B9D-0E27 C4A1-58F6"); a serial broken by a page number, then given whole (the broken end is no serial
of its own).

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms.
"""

from __future__ import annotations

import pytest

from tests.support.serialcases import as_numbers, serials_read

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "a mail meant for a colleague, sent here by mistake and asked to be discarded, forwarding a register",
        "Fwd: 更新予定リスト",
        "申し訳ありません、部内の山下さんに送るつもりのメールでした。誤ってサポート宛に送ってしまいました。"
        "破棄をお願いします。\n\n-----Original Message-----\nFrom: 本田\nSubject: 更新予定リスト\n\n"
        "・営業 森 4d:0e:a1:c7:92:3b:5f:e8:10:d2:6a:97 期限 2026/01/31\n"
        "・営業 林 a8:1c:f0:3e:57:b9:24:d6:0c:81:e3:4a 期限 2026/02/28\n",
        [],
    ),
    (
        "a holder whose certificate was dealt with already is not needed now",
        "退職者の証明書",
        "3月末の退職者の失効をお願いします。なお村井さんの分は先週別途手続き済みですので、今回は不要です。\n\n"
        "> 退職者一覧\n> 村井 聡　Serial: 0x3B8E0F12C4D7A965\n> 堀 明日香　Serial: 0x7C2D94E1A0B58F36\n",
        ["7c2d94e1a0b58f36"],
    ),
    (
        "bulleted items with a caption before each value, one of them only counted",
        "2枚とも失効希望",
        "ノートPCを処分する前に証明書を消してしまいました。2枚とも失効をお願いします。\n\n"
        "・文書署名用（本人）　6e1f0a9c2b7d4835\n・同じく本人の2枚目　c94a3e07d1b6f258\n",
        ["6e1f0a9c2b7d4835", "c94a3e07d1b6f258"],
    ),
    (
        "invoices named as what a certificate signs, above the serials",
        "Stolen tablet",
        "Our office tablet was stolen last night. It held two certificates: mine, and the one our accounts team "
        "uses for signing invoices.\n\nMine:        1e 4d 7a 0b c9 35 f2 86\nAccounts:    b3 70 2c 9e 5d 18 a4 e1\n\n"
        "Please revoke both immediately.",
        ["1e4d7a0bc935f286", "b3702c9e5d18a4e1"],
    ),
    (
        "three tries of one value, each wrong one marked in brackets after it",
        "【至急】紛失",
        "財布ごとICカードを落としました。失効をお願いします。何度か打ち直したので最後が正しいです。\n\n"
        "1回目：3f 92 c0 7a 1d e5 68 b4（間違い）\n2回目：3f 92 c0 7a 1d e5 86 b4（これも間違い）\n"
        "正しくは：3f 92 c0 a7 1d e5 86 b4\n",
        ["3f92c0a71de586b4"],
    ),
    (
        "two items asked together as two, the second one's value put right",
        "Re: 失効依頼（2件）― 2件目の番号訂正",
        "昨日お送りした失効依頼の件です。2件のうち、1件目はそのままで合っています。2件目の番号を打ち間違えていました"
        "。\n\n"
        "1件目（正しい）：5d 1a e8 07 c3 9f 42 b6\n2件目（誤り）　：8b 2c 61 f0 4e d9 a7 35\n"
        "2件目（正しい）：8b 2c 61 f0 4e d9 a7 53\n\n"
        "2件とも失効をお願いします。",
        ["5d1ae807c39f42b6", "8b2c61f04ed9a753"],
    ),
    (
        "an old value named in brackets with nothing to be done with it",
        "Re: [MDG-003015] revocation - right serial",
        "Hello,\n\nMy last mail gave the serial of my expired certificate by mistake (it was 0x4A9D17E03C6B25F8 - "
        "nothing needs to be done with it).\n\nPlease revoke this one instead:\n\n0x6F03B2D98E1A4C7520\n",
        ["6f03b2d98e1a4c7520"],
    ),
    (
        "a value sent cut short, then whole",
        "",
        "\nスマホ落とした!証明書とめて\n2c:91:e0:4f:\n↑途中で送信しちゃった、これが全部\n2c:91:e0:4f:b7:36:d8:0a:5e:"
        "13\n",
        ["2c91e04fb736d80a5e13"],
    ),
    (
        "a thumbprint labelled in katakana beside the serial",
        "氏名の漢字の誤り",
        "発行された証明書の氏名が「斎藤」になっていますが、申込書には「齋藤」と書きました。\n"
        "証明書の詳細から:\n\nシリアル番号: 00b7d20e91c4a53f68\nサムプリント: 7f3e09a1c5d86b24e0f17a93c2d5b48e61f0a7"
        "c3\n\n"
        "訂正をお願いします。",
        ["b7d20e91c4a53f68"],
    ),
    (
        "letters read by a phone camera, the digits they stand for told in words",
        "退職に伴う失効",
        "今月で退職しますので証明書の失効をお願いします。スマホで画面を撮って読み取った番号ですが、"
        "「S」と出ているところは全部数字の5です。「l」（エル）に見えるところは1です。\n\n7aS1 l0c9 e2Sd 4b8f l3a6\n",
        ["7a5110c9e25d4b8f13a6"],
    ),
    (
        "thirty-two digits in fours under a label, in a mail that gives away a file and its password both",
        "偽サイトに入力してしまいました",
        "更新のお知らせを装ったメールのリンク先で、証明書のファイルとPINの両方を入力してしまいました。"
        "至急止めてください。\n\n　シリアル番号：3e9a 07c1 d4b2 58f6 a01c 7e93 b25d 4f80\n",
        ["3e9a07c1d4b258f6a01c7e93b25d4f80"],
    ),
    (
        "rows of holders each with one value after a colon, the mail saying each applied",
        "1名分の氏名の誤り",
        "当社の3名がそれぞれ申込みをし、同じ日に発行していただきました。私の分だけ氏名の漢字が誤っています。\n\n"
        "　渡辺 一樹　：4C1E9A07 D3B85F26 0E7A41C9 B58D2F63 ← 誤りあり\n"
        "　小島 七海　：9A0D3E71 C5B2F846 1D7E ← 問題なし\n　大西 翼　：E2C7081A 5F94B3D6 ← 問題なし\n\n"
        "私の分のみ訂正をお願いします。",
        ["4c1e9a07d3b85f260e7a41c9b58d2f63"],
    ),
    (
        "a certificate counted as the second, its serial in twenty hyphened pairs",
        "PC盗難による緊急失効",
        "ノートPCを車ごと盗まれました。私の証明書が2枚入っています。2枚とも至急失効させてください。\n\n"
        "　1枚目：7c04e1b9a3d25f6807c4e1b9a3d25f68\n　2枚目：5a-1e-90-c3-7d-24-b8-6f-e0-13-9c-4a-d7-52-08-be-f1-36-6"
        "d-a9\n",
        ["7c04e1b9a3d25f6807c4e1b9a3d25f68", "5a1e90c37d24b86fe0139c4ad75208bef1366da9"],
    ),
    (
        "a numbered list of holders with a date after each value, rows picked by number",
        "証明書失効依頼",
        "事務所で管理している証明書は以下の4件です。\n\n1. 上野 健   3c8e1a07b5d2   2024/01/10発行\n"
        "2. 上野 理沙 3c8e1a07b5d3   2024/01/10発行\n3. 岡 俊介   8f20d9c14e6b   2024/04/02発行\n"
        "4. 井口 萌   b51e3a90c7d4   2024/06/21発行\n\nこのうち2番と4番の2名が退職しましたので失効をお願いします。1"
        "番と3番は継続です。",
        ["3c8e1a07b5d3", "b51e3a90c7d4"],
    ),
    (
        "the certificate kept named by a label that says so",
        "2件の失効",
        "以下の2件の失効をお願いします。\n\n・4d7e2a91c03f（三浦 愛／退職）\n・9b0c5e18f2a6（小池 亮／退職）\n\n"
        "※残す証明書：e28a6f0d31b7（三浦 健）\n",
        ["4d7e2a91c03f", "9b0c5e18f2a6"],
    ),
    (
        "a colleague's value named in brackets as one the colleague will ask about",
        "失効",
        "社内で別のサービスに切り替えるため、私の証明書は不要になりました。失効をお願いします。\n\n"
        "シリアル番号: 7a2e9c1d04b6\n（同じ課の松井さんの 7a2e9c1d04b7 は松井さんから別途連絡します）",
        ["7a2e9c1d04b6"],
    ),
    (
        "the writer's own value set apart in brackets beside the deceased's",
        "母の証明書",
        "母が先月亡くなりました。名義人死亡届の用紙を送ってください。\n母の証明書のシリアル: C19A04E7B2\n"
        "（私の証明書 C19A04E7B3 とは別です。私のほうはそのまま使います）",
        ["c19a04e7b2"],
    ),
    (
        "a serial spelled out aloud in English, then given in brackets after i.e.",
        "Lost laptop - please revoke",
        "I left my laptop in a taxi last night and it had my iPROVE certificate on it. The serial, which I noted down "
        "when I installed it, is:\n\n  dee-four-see-nine-zero-bee-seven-ee-two-eff-one-three\n\n(i.e. D4C90B7E2F13 - "
        "sorry, that is how it was read out to me.)\n\nMobile 080-1234-9876 until 6pm.",
        ["d4c90b7e2f13"],
    ),
    (
        "a value copied from a note after the CA's name, in a death notice",
        "祖母の件",
        "祖母の佐野 春江が亡くなりました。祖母の手帳に「iPROVE 5B09E3C7A1D4」というメモがありました。"
        "手続きの書類を送っていただけますか。",
        ["5b09e3c7a1d4"],
    ),
    (
        "the writer's own share named with the name in brackets",
        "Fwd: 部内の証明書",
        "回覧されてきたリストのうち、私の分（桑田）だけ失効をお願いします。転居したためです。\n\n"
        "> 部内の証明書一覧です。\n> 桑田　5e:91:0c:a4:7d:3b:e2:18:6f:c0:94:2a\n> 平野　b2:6c:e0:19:4f:a8:d3:71:05:9"
        "e:c6:3b\n",
        ["5e910ca47d3be2186fc0942a"],
    ),
    (
        "a table whose next row starts with an employee number, rows picked by a branch's members",
        "支店統合に伴う失効",
        "統合する名古屋支店の所属者の証明書の失効をお願いします。\n\n社員番号 氏名       所属       シリアル番号\n"
        "-------- ---------- ---------- ----------------\n20114    北川 誠    本社       A1C3E5F7092B4D6E\n"
        "20257    東 由紀    名古屋支店 A1C3E5F7092B4D6F\n20391    南 和也    本社       A1C3E5F7092B4D70\n"
        "20402    西 陽菜    名古屋支店 A1C3E5F7092B4D71\n\n本社の2名は継続です。",
        ["a1c3e5f7092b4d6f", "a1c3e5f7092b4d71"],
    ),
    (
        "a holder named as the clause's topic with the ask after it, in a table numbered by rows",
        "1件のみ失効",
        "管理表から抜粋します。\n\n| No | 氏名 | シリアル番号 |\n|----|------|--------------|\n| 1 | 原 浩 | 2B7D-90"
        "E1-C4A3-F658 |\n"
        "| 2 | 野村 聡子 | 8E02-C7B4-51D9-3A6F |\n| 3 | 堤 亮 | D5A1-3F80-6C29-E74B |\n\n"
        "このうち 2 の野村さんは結婚して姓が変わったので失効をお願いします。1 と 3 は変更ありません。",
        ["8e02c7b451d93a6f"],
    ),
    (
        "a serial in hyphened fours with a space between its halves",
        "証明書ファイル持ち出しの疑い",
        "退職した元社員が、私のPCから証明書のバックアップをコピーしていた形跡がありました。止めてください。\n\n"
        "シリアル番号　3B9D-0E27 C4A1-58F6\n",
        ["3b9d0e27c4a158f6"],
    ),
    (
        "a serial broken by a page number when copied from a PDF, then given whole",
        "失効のお願い（PDFからコピー）",
        "退職のため失効をお願いします。番号は発行通知のPDFからコピーしたので、間にページ番号が入ってしまいました。\n\n"
        "5E8A 1C\n―― 2 / 3 ――\n7D 30F2 B94E\n\n正しくは 5E8A 1C7D 30F2 B94E の16桁です。",
        ["5e8a1c7d30f2b94e"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert serials_read(text, subject) == as_numbers(serials), why

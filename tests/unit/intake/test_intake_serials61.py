"""Serial forms and scopes read from the fit halves of serial writers s38 and s39 and dev mail 69 at stop 61, in
values and words of their own.

Rows picked by what a cell of theirs says ("「状態」が退職となっている2名分", "所属が…の行", "社員番号 … の人", "…年
入社の3名", "…月…日にまとめて発行していただいた3件", a mark after the names, a name in capitals; see
:mod:`intake.rowpick`); a row whose cell says it is revoked already; "下から2番目" of numbered rows; holders named
with spaces after a list's name ("一覧のうち、退職した 岡崎 と 福井 の2名分"), as "…名義のもの" with "手続きを進めたい",
and as "Only Ms. …, please"; the one whose detail is told wrong picked by its end ("末尾が「A7」の証明書の氏名が…");
a value said to be "対象外" beside "両方とも", in a bracket opened "（参考：", or after "は、" wrapped to the next line;
the CA's certificate named with its generation ("CA証明書（旧 第2世代、シリアル番号 …）"); a GUID led by a word
("le-3c9a…"); a label and value spaced letter by letter by a scan's text layer; pairs written down a screen one per
line; labelled pairs wrapped after the first; "…失礼、A6B3 でした" puts the end right; a faxed cancellation form's
certificate "失効不要" under "取消の理由".  Read in the second pass from the fit halves of serial writer s41 and dev
mail 72: rows picked by a quoted status in a CSV parted by semicolons, by a mark named without its brackets, by a sign
("○"), by a quoted cell with another kept in the next clause, by an office's rows "の2名分" beside another office's said
to be right, by a cell named in an ask ("everyone in cost center …"), by a year named as the selector ("発行日が2025年
のもの"); the new certificate set apart by "（新:シリアル …）".  Two guards, which pass on stop 60's code too, keep
:mod:`intake.rowpick` from picking where nothing picks: a counted list of every row, whatever one row's date is said
to be, and a word of status ("有効") named beside an ask.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms,
so that they test the rule, not the item.
"""

from __future__ import annotations

import pytest

from intake.serialscope import requested_serials
from tests.support.serialcases import as_numbers, serials_read

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "rows picked by a status cell and a count",
        "退職者の失効",
        "今月末で2名が退職しますので失効をお願いします。「区分」が退職の2名分です。\n\n"
        "No.\t氏名\tシリアル\t区分\n1\t青木 一郎\t4A 11 C2 0F 9B 33 D8 71\t在籍\n"
        "2\t石原 二美\t5B 22 D3 1E 8C 44 E9 82\t退職\n3\t上田 三郎\t6C 33 E4 2D 7D 55 FA 93\t在籍\n"
        "4\t江藤 四季\t7D 44 F5 3C 6E 66 0B A4\t退職\n",
        ["5b22d31e8c44e982", "7d44f53c6e660ba4"],
    ),
    (
        "rows picked by a department cell",
        "課の廃止",
        "下のCSVのうち、所属が第3営業課の行の証明書を失効してください。2名です。\n\n"
        '"氏名","所属","シリアル"\n"井口 彩","第1営業課","8e55 06a7 5f77 1cb5"\n'
        '"宇野 剛","第3営業課","9f66 17b8 4e88 2dc6"\n"遠藤 智","第3営業課","a077 28c9 3d99 3ed7"\n'
        '"大西 恵","総務課","b188 39da 2caa 4fe8"\n',
        ["9f6617b84e882dc6", "a07728c93d993ed7"],
    ),
    (
        "a row picked by an employee number",
        "失効依頼",
        "社員番号 30512 の人の証明書を失効してください。\n\n社員番号,氏名,シリアル\n30498,小野 光,c299 4aeb 1bbb 50f9\n"
        "30512,加藤 海,d3aa 5bfc 0acc 610a\n30577,木下 空,e4bb 6c0d f9dd 721b\n",
        ["d3aa5bfc0acc610a"],
    ),
    (
        "rows picked by a date cell the writer names in words",
        "プロジェクト終了",
        "昨年9月3日にまとめて発行していただいた2件は、もう使いません。失効をお願いします。\n\n"
        "発行先 | シリアル番号 | 発行日\n久保 一 | 1A:2B:3C:4D:5E:6F:70:81 | 2025/05/12\n"
        "久保 一 | 2B:3C:4D:5E:6F:70:81:92 | 2025/09/03\n黒田 二 | 3C:4D:5E:6F:70:81:92:A3 | 2025/09/03\n",
        ["2b3c4d5e6f708192", "3c4d5e6f708192a3"],
    ),
    (
        "rows picked by a mark after the names",
        "契約終了者",
        "契約が終わった方（名前の後に(契)と書いています）の証明書を失効してください。\n\n"
        "・小林 健(契) 4d5e6f708192a3b4\n・斎藤 茂 5e6f708192a3b4c5\n・佐野 優(契) 6f708192a3b4c5d6\n",
        ["4d5e6f708192a3b4", "6f708192a3b4c5d6"],
    ),
    (
        "a row picked by one word of a name in capitals",
        "失効依頼",
        "一覧はローマ字ですが、島田（Shimada）の分をお願いします。退職です。\n\n"
        "Issued To\tSerial Number\nSHIMAMURA KEN\t70 81 92 a3 b4 c5 d6 e7\nSHIMADA YUI\t81 92 a3 b4 c5 d6 e7 f8\n"
        "SHIMAZU RIN\t92 a3 b4 c5 d6 e7 f8 09\n",
        ["8192a3b4c5d6e7f8"],
    ),
    (
        "every row of a counted list, whatever one row's date is said to be",
        "退職者の失効（3名分）",
        "退職に伴い失効をお願いします。\n\nNo. 氏名       シリアル               退職日\n"
        "1  今村 亮     1c2d3e4f5a6b7c8d       2026/03/31\n2  岩田 舞     2d3e4f5a6b7c8d9e       2026/03/31\n"
        "3  植田 翔     3e4f5a6b7c8d9eaf       2026/04/15\n\n"
        "※3の植田は4月15日退職予定のため、失効は4月16日以降にお願いします。",
        ["1c2d3e4f5a6b7c8d", "2d3e4f5a6b7c8d9e", "3e4f5a6b7c8d9eaf"],
    ),
    (
        "a word of status named beside an ask picks no row",
        "どれが有効ですか",
        "証明書が3つ入っていました。一覧を貼ります。\n\n発行先\t状態\tシリアル番号\n森 一\t期限切れ\t4f5a6b7c8d9eaf01\n"
        "森 一\t有効?\t5a6b7c8d9eaf0112\n森 一\t有効\t6b7c8d9eaf011223\n\n"
        "下の2つは両方ともまだ有効な扱いでしょうか。古い方が有効なら、失効すべきかアドバイスをお願いします。",
        ["5a6b7c8d9eaf0112", "6b7c8d9eaf011223"],
    ),
    (
        "a row that says it is revoked already",
        "Office closing",
        "Please revoke every certificate on our list that is still active.\n\nserial,holder,status\n"
        "a3b4c5d6e7f8091a,Anna Berg,active\nb4c5d6e7f8091a2b,Ole Dahl,revoked\nc5d6e7f8091a2b3c,Eva Lund,active\n",
        ["a3b4c5d6e7f8091a", "c5d6e7f8091a2b3c"],
    ),
    (
        "the second from the bottom of numbered rows",
        "失効",
        "下の一覧の下から2番目の方を失効してください。\n\n1. 今井 1b2c 3d4e 5f60 7182\n2. 上野 2c3d 4e5f 6071 8293\n"
        "3. 尾崎 3d4e 5f60 7182 93a4\n4. 片山 4e5f 6071 8293 a4b5\n",
        ["3d4e5f60718293a4"],
    ),
    (
        "holders with spaces after a list's name",
        "2名の失効",
        "当社の証明書一覧のうち、退職した 川村 と 北野 の2名分を失効してください。\n\n"
        "　川村 聡　　5F 60 71 82 93 A4 B5 C6\n　木村 望　　60 71 82 93 A4 B5 C6 D7\n"
        "　北野 亮　　71 82 93 A4 B5 C6 D7 E8\n",
        ["5f60718293a4b5c6", "718293a4b5c6d7e8"],
    ),
    (
        "a holder named as 名義 with the procedure asked",
        "故人の証明書",
        "管理している証明書は次のとおりで、このうち中川名義のものについて、\nご家族のご了解を得て手続きを進めたいと"
        "存じます。\n\n　中川 正　　82 93 A4 B5 C6 D7 E8 F9\n　西村 誠　　93 A4 B5 C6 D7 E8 F9 0A\n"
        "　野田 隆　　A4 B5 C6 D7 E8 F9 0A 1B\n",
        ["8293a4b5c6d7e8f9"],
    ),
    (
        "only one holder, named alone in English",
        "Revocation",
        "Please revoke the certificate of Mr. Tom Hart, who left in May. Our register:\n\n"
        "  Ann Lee        B5:C6:D7:E8:F9:0A:1B:2C\n  Tom Hart       C6:D7:E8:F9:0A:1B:2C:3D\n"
        "  Raj Patel      D7:E8:F9:0A:1B:2C:3D:4E\n\nOnly Mr. Hart, please. The others stay.",
        ["c6d7e8f90a1b2c3d"],
    ),
    (
        "the one whose detail is told wrong, picked by its end",
        "Re: 発行のお知らせ",
        "3名分を確認しました。末尾が「5B」の証明書の氏名が「斉藤」となっていますが、申込書では「齋藤」です。"
        "この1件だけお願いします。\n\n> ・斉藤 学 シリアル番号 E8F90A1B2C3D4E5B\n"
        "> ・田中 修 シリアル番号 F90A1B2C3D4E5F60\n"
        "> ・中野 仁 シリアル番号 0A1B2C3D4E5F6071\n",
        ["e8f90a1b2c3d4e5b"],
    ),
    (
        "a value said to be out of scope beside 'both'",
        "父の証明書",
        "父が亡くなりました。父の証明書は2枚あります。\n　事務所用：1B2C 3D4E 5F60 7182\n"
        "　自宅用：2C3D 4E5F 6071 8293\n"
        "両方とも失効をお願いします。なお、私の証明書（3D4E 5F60 7182 93A4）は引き続き使いますので対象外です。",
        ["1b2c3d4e5f607182", "2c3d4e5f60718293"],
    ),
    (
        "a value in a bracket opened for reference",
        "私の証明書の失効",
        "来月から出向のため、私の証明書も失効をお願いします。\n　私の証明書：4E5F 6071 8293 A4B5\n"
        "　（参考：前任の証明書は 5F60 7182 93A4 B5C6 でした。こちらは失効済みです）",
        ["4e5f60718293a4b5"],
    ),
    (
        "a value set apart after a line wrapped at 'は、'",
        "緊急失効",
        "元社員のPCに証明書が残っていることが分かりました。念のため緊急失効をお願いします。\n"
        "　シリアル：6071 8293 A4B5 C6D7\n"
        "なお、別の元社員の証明書（シリアル 7182 93A4 B5C6 D7E8）は、\n"
        "昨年すでに失効済みですので、今回は関係ありません。",
        ["60718293a4b5c6d7"],
    ),
    (
        "the CA's certificate named with its generation",
        "二点",
        "1. 私の証明書（シリアル番号 82 93 A4 B5 C6 D7 E8 F9）を失効してください。\n"
        "2. 御社のCA証明書（新 第3世代、シリアル番号 5A 2B 0C 91）の確認方法も教えてください。",
        ["8293a4b5c6d7e8f9"],
    ),
    (
        "a GUID led by a word",
        "Key compromise",
        "A backup of our signing key was left on a public share.\n\n$ openssl pkcs12 -in backup.p12 -nokeys -info\n"
        "MAC: sha256, Iteration 2048\nCertificate bag\n    localKeyID: 01 00 00 00\n"
        "    friendlyName: kx-5b0a8e21-7c3d-4f19-a2b6-90de13c47f58\nserial=93A4B5C6D7E8F90A\n\n"
        "Please revoke 93A4B5C6D7E8F90A immediately.",
        ["93a4b5c6d7e8f90a"],
    ),
    (
        "a label and value spaced letter by letter",
        "住所の誤り",
        "証明書の住所の番地が申込書と違っています。証明書を印刷してスキャンしたら次のようになりました。\n-----\n"
        "シ リ ア ル 番 号 : A 4 B 5 C 6 D 7 E 8 F 9 0 A 1 B\n発 行 者 : i P R O V E C A\n"
        "有 効 期 間 : 2 0 2 5 / 0 4 / 0 1 ~ 2 0 2 6 / 0 5 / 0 1\n-----\n訂正をお願いします。",
        ["a4b5c6d7e8f90a1b"],
    ),
    (
        "pairs written down a screen one per line",
        "やめたい",
        "仕事をやめましたので証明書を止めてください。番号は画面の通りに写します。\n\n　　Ｂ５\n　　Ｃ６\n　　Ｄ７\n"
        "　　Ｅ８\n　　Ｆ９\n　　０Ａ\n　　１Ｂ\n　　２Ｃ\n",
        ["b5c6d7e8f90a1b2c"],
    ),
    (
        "labelled pairs wrapped after the first",
        "失効",
        "退職しますので失効してください。シリアル番号: c6\nd7 e8 f9 0a 1b 2c 3d\n",
        ["c6d7e8f90a1b2c3d"],
    ),
    (
        "an end put right after 失礼",
        "氏名の誤記",
        "証明書の氏名が違っています。シリアルは D7E8 F90A 1B2C 3D4F …失礼、3D4E でした。\nD7E8F90A1B2C3D4E です。",
        ["d7e8f90a1b2c3d4e"],
    ),
    # Read in the second pass, from the fit halves of serial writer s41 and dev mail 72.
    (
        "rows picked by a quoted status in a CSV with semicolons",
        "Leavers",
        'Kindly revoke the certificates where the status is "left". The active ones stay.\n\n'
        '"Name";"Status";"Cert serial"\n"Abe, Jun";"active";"1F2E3D4C5B6A7980"\n'
        '"Baker, Tom";"left";"2E3D4C5B6A798011"\n"Cruz, Ana";"left";"3D4C5B6A79801122"\n'
        '"Dunn, Liz";"active";"4C5B6A7980112233"\n',
        ["2e3d4c5b6a798011", "3d4c5b6a79801122"],
    ),
    (
        "rows marked after the names, named without the brackets",
        "Leavers",
        'Please revoke the certificates of the staff marked "moving" below.\n\n- Ota Ken \u2014 5B6A798011223344\n'
        "- Lena Vogt (moving) \u2014 6A79801122334455\n- Mori Aki \u2014 79A0112233445566\n"
        "- Sam Reid (moving) \u2014 80B1223344556677\n",
        ["6a79801122334455", "80b1223344556677"],
    ),
    (
        "rows marked with a sign",
        "本人申出分",
        "申出のあった者に○を付けました。○の2名分のみ失効をお願いします。\n\n○ 青山 一　9a0b1c2d3e4f5061\n"
        "　 石川 二　ab1c2d3e4f506172\n○ 内田 三　bc2d3e4f50617283\n",
        ["9a0b1c2d3e4f5061", "bc2d3e4f50617283"],
    ),
    (
        "rows picked by a quoted cell, another kept in the next clause",
        "契約満了",
        "雇用区分が「契約」の者が対象で、「正社員」は引き続き利用します。失効をお願いします。\n\n"
        "雇用区分　氏名　　　シリアル番号\n正社員　　江口 健　　CD3E 4F50 6172 8394\n"
        "契約　　　大野 花　　DE4F 5061 7283 94A5\n"
        "正社員　　小川 純　　EF50 6172 8394 A5B6\n契約　　　加藤 光　　F061 7283 94A5 B6C7\n",
        ["de4f5061728394a5", "f061728394a5b6c7"],
    ),
    (
        "rows picked by an office, another office's said to be right",
        "住所の誤り",
        "今回発行の証明書のうち、大阪支店の2名分は住所のビル名が違っています。本社の2名分は正しく記載されていました。\n\n"
        "拠点　　　氏名　　　シリアル\n本社　　　木村 一　　0172839405a6b7c8\n大阪支店　工藤 二　　172839405a6b7c8d\n"
        "本社　　　小池 三　　2839405a6b7c8d9e\n大阪支店　近藤 四　　39405a6b7c8d9eaf\n\n"
        "大阪支店の2名分の再発行をお願いします。",
        ["172839405a6b7c8d", "39405a6b7c8d9eaf"],
    ),
    (
        "rows picked by a cell named in an ask",
        "Cost center 5520",
        "Please revoke the certificates of everyone in cost center 5520 in the list below.\n\n"
        "EmpNo  CostCtr  Name          Serial\n20011  5520     Arai Ken      405a6b7c8d9eaf01\n"
        "20012  5530     Bell Amy      5a6b7c8d9eaf0112\n20013  5520     Cho Min       6b7c8d9eaf011223\n",
        ["405a6b7c8d9eaf01", "6b7c8d9eaf011223"],
    ),
    (
        "rows picked by a year named as the selector",
        "旧証明書の失効",
        "更新が済みましたので、旧証明書（発行日が2025年のもの）の失効をお願いします。2026年発行の新しい方は使用中です。\n\n"
        "氏名　　　発行日　　　　シリアル\n林 一　　2025/04/08　　7c:8d:9e:af:01:12:23:34\n"
        "林 一　　2026/04/07　　8d:9e:af:01:12:23:34:45\n",
        ["7c8d9eaf01122334"],
    ),
    (
        "the new one set apart by a label in brackets",
        "旧証明書の失効依頼",
        "新しい証明書を発行していただきました（新:シリアル 9E AF 01 12 23 34 45 56）。古い方の証明書は失効させて"
        "ください。\n\n　旧:シリアル AF 01 12 23 34 45 56 67（有効期限 2026/09/30）",
        ["af01122334455667"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert serials_read(text, subject) == as_numbers(serials), why


def test_a_faxed_cancellation_forms_certificate_in_use_is_no_serial_asked_about() -> None:
    # The form's field "取消の理由" names the request only as a heading; the certificate in use is kept.
    form = (
        "iPROVE電子証明書 発行申込取消依頼書\n申込者氏名 山本 一\n取消の理由 別のサービスを使うことになったため。\n"
        "(参考)現在利用中の\n証明書\nシリアル番号 E8F9 0A1B 2C3D 4E5F\n※有効期限まで引き続き使用します。失効不要。\n"
        "上記のとおり、電子証明書の発行申込を取り消したく依頼いたします。\n"
    )
    assert requested_serials(form, ["e8f90a1b2c3d4e5f"]).serials == []

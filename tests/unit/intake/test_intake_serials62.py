"""Serial forms and scopes read from the fit halves of serial writer s42 and dev mail 73 at stop 62, in values and words
of their own.

A value of twelve digits pointed at as the one concerned ("対象は …です", "つまり …です"), after it was read aloud in
kana; a register pasted as plain rows with no label, picked by boxes ticked ("[✓]") or by a run at one end
("最後の2件", with the rows numbered "01", "02"…), or pointed at by its place ("…の証明書が下記一覧の2行目にございま
す"); rows picked by a status in capitals ("STATUSがRETIREDになっている3名") beside "ACTIVEの方はそのままで" (the 方
is nobody's name); two values listed in one bracket and said together to be out of the request; a certificate the
writer goes on using ("これを使います") while an application is called off, its revocation perhaps asked later ("別途
お願いするかもしれません"); a mail sent here by mistake and asked to be discarded, whose forwarded register names
serials.  Read from the fit halves of serial writers s40 (measured once at stop 61, never tuned on then) and s41: a
serial read aloud with digits in hiragana; groups parted by middle dots; a one-column listing as a shell prints it
("SerialNumber" / "----" / value); a reply that picks one of the desk's list by its end "でお願いします"; the top row
named as the exception with a remark in brackets ("一番上（…）以外"); a colleague's value set apart on the line
after "（…）、"; a row's own note that points at it and asks ("←こちらを失効"); a row kept by a cell named in a clause
that keeps it; the new certificate named with its serial ("新しい証明書（シリアル …）") before the old one asked; rows
picked by a year named with "発行分"; a row of the desk's quoted list told wrong by its place; a signer of the other
party named without の ("取引先担当者の証明書"); the current certificate left to run out beside a renewal application
called off.  From dev mail 72's fit half: a table framed by plain rules near the end of a mail (no signature), its row
asked by a name written without its space and with a title ("…医師のもの").  Three cases pass on stop 61's code too:
the mail sent here by mistake and a pasted register that picks no rows (guards: neither names a serial asked about)
and the row's own note.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms.
"""

from __future__ import annotations

import pytest

from tests.support.serialcases import as_numbers, serials_read

CASES: list[tuple[str, str, str, list[str]]] = [
    (
        "a twelve-digit value pointed at after it was read aloud in kana",
        "紛失の件",
        "お電話で読み上げた番号を念のため文字でも送ります。\nエー・セブン・ツー・ビー・エフ・ゼロ…\n"
        "つまり A72BF09C4E1D です。\nノートPCを置き忘れて見つからないので止めてください。",
        ["a72bf09c4e1d"],
    ),
    (
        "a twelve-digit value named as the one concerned in a reply",
        "Re: 失効請求書の記載漏れ",
        "失効請求書のシリアル番号の記入漏れ、失礼しました。失効をお願いします。対象は 5C81E0D3A94F です。",
        ["5c81e0d3a94f"],
    ),
    (
        "rows of a pasted list picked by boxes ticked",
        "失効対象(✓の行)",
        "いただいた一覧に✓を入れました。\n\n[✓] 3B10C7E2A58D 森 一\n[ ] 3B10C7E2A59E 森 二葉\n"
        "[ ] 3B10C7E2A5AF 林 三\n[✓] 3B10C7E2A5B0 林 四郎\n\n印のない方は今後も利用します。",
        ["3b10c7e2a58d", "3b10c7e2a5b0"],
    ),
    (
        "the last rows of a numbered list",
        "台帳の下2件の失効",
        "以前お送りした台帳のうち、最後の2件の失効をお願いします。\n\n  01 7F20A1B3C4D5 北\n  02 7F20A1B3C4E6 南\n"
        "  03 7F20A1B3C4F7 東\n  04 7F20A1B3C508 西\n",
        ["7f20a1b3c4f7", "7f20a1b3c508"],
    ),
    (
        "the deceased's row pointed at by its place",
        "社員の逝去について",
        "弊社の 西村 は先月逝去いたしました。西村名義の証明書は下記の3行目にございます。\n\n"
        "  氏名      シリアル          期限\n  東 一     0E7B2C9D4A5F6071  2026/01/31\n"
        "  南 二     0E7B2C9D4A5F6182  2026/01/31\n  西村 三   0E7B2C9D4A5F6293  2026/03/31\n\n"
        "手続きに必要な書類を教えてください。",
        ["e7b2c9d4a5f6293"],
    ),
    (
        "rows picked by a status in capitals beside the others' 方 kept",
        "退所者の失効",
        "SERIAL      NAME          STATUS\n5D6E7F80    ONO KEN       LEFT\n5D6E7F91    AOI RIN       ACTIVE\n"
        "5D6E7FA2    SATO MAI      LEFT\n\nSTATUSがLEFTになっている2名を失効してください。"
        "ACTIVEの方はそのままでお願いします。",
        ["5d6e7f80", "5d6e7fa2"],
    ),
    (
        "two values in one bracket said together to be out of the request",
        "至急失効",
        "サーバから証明書ファイルが持ち出された可能性があります。\n対象: 9E8D7C6B5A40(社長)\n"
        "ほかの社員の分(9E8D7C6B5A51、9E8D7C6B5A62)はサーバにないため対象外です。\n至急失効をお願いします。",
        ["9e8d7c6b5a40"],
    ),
    (
        "a certificate in use kept while an application is called off",
        "申込の取下げ",
        "先日の申込を取り下げたいです。入金はまだです。\n"
        "今の証明書(シリアル 44:A0:B1:C2:D3:E4:F5:06)は期限が残っているので、"
        "しばらくこれを使います(こちらの失効は別途お願いするかもしれません)。",
        [],
    ),
    (
        "a mail sent here by mistake, asked to be discarded",
        "FW: 今月の証明書台帳",
        "すみません、社内向けのメールを誤ってこちらに送ってしまいました。破棄してください。\n\n"
        "----- Forwarded -----\n各位\n台帳を更新しました。\n 山本 8A7B6C5D4E3F 有効\n 川本 8A7B6C5D4E50 有効\n",
        [],
    ),
    (
        "a pasted register that picks no rows is no request of its serials",
        "台帳の件",
        "証明書の台帳です。失効の手続きについて確認したいのですが、どれが対象になるか社内で相談中です。\n\n"
        "01 B1C2D3E4F506 一\n02 B1C2D3E4F517 二\n03 B1C2D3E4F528 三\n04 B1C2D3E4F539 四\n05 B1C2D3E4F54A 五\n",
        [],
    ),
    (
        "a serial read aloud with its digits in hiragana",
        "PC盗難",
        "駅でPCを盗まれました。至急失効をお願いします。番号は家族に読み上げてもらいました。\n\n"
        "さん、エフ、ゼロ、いち、ビー、なな、はち、シー、よん、ディー、きゅう、ご、エー、ろく、に、イー\n",
        ["3f01b78c4d95a62e"],
    ),
    (
        "groups parted by middle dots, as noted by hand",
        "母の証明書",
        "母が先月亡くなりました。母の手帳に 証明書番号 7C2E・90B1・D4F3・A658 とありました。"
        "失効の手続きを教えてください。",
        ["7c2e90b1d4f3a658"],
    ),
    (
        "a listing of one column as a shell prints it",
        "Stolen laptop",
        "My laptop was stolen from my car an hour ago. Please revoke my certificate now.\n\n"
        "PS> Get-ChildItem Cert:\\CurrentUser\\My | Select SerialNumber\nSerialNumber\n------------\n"
        "6E03A9D1C47B2F85\n\nI will fax the form today.\n\nKenji Arai",
        ["6e03a9d1c47b2f85"],
    ),
    (
        "a reply that picks one of the desk's list by its end, asked with でお願いします",
        "Re: どちらの証明書でしょうか",
        "末尾が 7D1E のほうでお願いします。もう一方は今も使っています。\n\n"
        "> 有効な証明書が2枚ございます。どちらを失効いたしますか。\n> ・3A90 C4E2 11F8 7D1E\n> ・B605 7E3D 92A4 0C6B\n",
        ["3a90c4e211f87d1e"],
    ),
    (
        "the top row named as the exception, with a remark in brackets",
        "3枚のうち2枚",
        "証明書の一覧です。\n\n・4F10 A2B3 C4D5 E6F7\n・5A21 B3C4 D5E6 F708\n・6B32 C4D5 E6F7 0819\n\n"
        "一番上（先月更新したもの）以外の2枚を失効してください。",
        ["5a21b3c4d5e6f708", "6b32c4d5e6f70819"],
    ),
    (
        "a colleague's value set apart on the next line after a bracket and a comma",
        "失効のお願い",
        "退職するので私の証明書を失効してください。\n私のシリアル: 2C4E 6A80 9B1D 3F57\n"
        "隣の席の同僚も同じ証明書を使っていますが（8E0A 2C4E 6B1D 9F35）、\nそちらは関係ありません。",
        ["2c4e6a809b1d3f57"],
    ),
    (
        "a row's own note that points at it and asks",
        "2枚のうち1枚",
        "以前2枚発行していただきました。\n\n事務所PC シリアル 90AB 12CD 34EF 5601\n"
        "自宅PC用 シリアル 8D62 C0F4 E59A 0B17 ←こちらを失効\n\n自宅のPCは処分しました。",
        ["8d62c0f4e59a0b17"],
    ),
    (
        "a row kept by a cell named in a clause that keeps it",
        "タブレット紛失",
        "タブレットをなくしました。タブレットに入れていた1枚だけ緊急失効をお願いします。\n\n"
        "| 端末 | シリアル |\n| タブレット | 1F2E 3D4C 5B6A 7988 |\n| 据置PC | 2A3B 4C5D 6E7F 8091 |\n\n"
        "据置PCの1枚は引き続き使います。",
        ["1f2e3d4c5b6a7988"],
    ),
    (
        "the new certificate named with its serial before the old one asked",
        "旧証明書の失効",
        "更新した新しい証明書（シリアル 5E6F 7A8B 9C0D 1E2F）が届きました。\n"
        "古い方の証明書（シリアル 0C9B 2E3D 4A7F 6A1B）を失効してください。新しい方は失効しないでください。",
        ["c9b2e3d4a7f6a1b"],
    ),
    (
        "rows picked by a year named with 発行分",
        "旧事業用の証明書",
        "2022年発行分のみ失効をお願いします。\n\n発行日\tシリアル\t名義\n2022/05/10\t3c4d5e6f7a8b9c0d\t岡 一\n"
        "2024/05/12\t4d5e6f7a8b9c0d1e\t岡 一\n2022/07/01\t5e6f7a8b9c0d1e2f\t谷 二\n",
        ["3c4d5e6f7a8b9c0d", "5e6f7a8b9c0d1e2f"],
    ),
    (
        "a row of the desk's quoted list told wrong by its place",
        "Re: 発行のお知らせ",
        "2行目の方（氏名の漢字）に誤りがありました。再発行をお願いします。他は問題ありません。\n\n"
        "> 発行済みの証明書\n> 森 一 シリアル番号：0f1e 2d3c 4b5a 6978\n> 林 二 シリアル番号：1e2d 3c4b 5a69 7887\n"
        "> 原 三 シリアル番号：2d3c 4b5a 6978 8796\n",
        ["1e2d3c4b5a697887"],
    ),
    (
        "a signer of the other party named without の",
        "身に覚えのない署名",
        "私の証明書で署名された覚えのないPDFが届きました。私のシリアル番号: 6B 7C 8D 9E A0 B1 C2 D3 です。"
        "すぐに失効してください。\nなお取引先担当者の証明書（シリアル 1A 2B 3C 4D 5E 6F 70 81）でも署名されていますが、"
        "先方のものです。",
        ["6b7c8d9ea0b1c2d3"],
    ),
    (
        "the current certificate left to run out beside a renewal application called off",
        "Please cancel my renewal application",
        "I applied to renew my certificate last week (the current one is serial 3E5A7C9B1D2F4068). "
        "We no longer need it, please cancel the renewal application. The current certificate I will just leave "
        "until it expires.",
        [],
    ),
    (
        "a table framed by plain rules near the end, its row asked by a name written without its space and a title",
        "職員の逝去",
        "当院の医師が先週逝去いたしました。下記のうち、西川健一医師のものについて失効をお願いします。\n\n"
        "------------------------------------------\n 氏名　　　　シリアル番号　　　　　　　状態\n"
        " 西川 健一　7B 3E 90 C1 D5 28 A4 F6　　← 逝去\n 西川 恵子　A2 6D 14 F8 0C 93 B7 5E　　継続\n"
        "------------------------------------------\n\n必要な書類をお知らせください。\n",
        ["7b3e90c1d528a4f6"],
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, subject: str, text: str, serials: list[str]) -> None:
    assert serials_read(text, subject) == as_numbers(serials), why

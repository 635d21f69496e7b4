"""Serial forms and scopes read from the fit halves of serial writer s46 and dev mail 77 and, measured once at stop 63
and never tuned on then, serial writer s45, at stop 64, in values and words of their own.

From writer s46 (serials copied from where people see them): rows of an exported list picked by a sign
("★印が失効対象です"), the sign opening a cell that says more ("★退職"); a row captioned with a machine and a colon
("自宅のPC:シリアル番号 …") whose value is written in a certificate viewer's pairs is a certificate's serial, not the
machine's; a character the writer corrects by its place ("5文字目の「B」は数字の「8」です", "先頭の「B」は数字の「8」
でした") is read so, and the value misread is dropped when the right one is given too.  From writer s45 (offices and
families picking rows of their lists), and dev mail 76 (an application "のほう" called off beside the certificate
kept): a title's full stop ends no clause ("(Dr. Lee: …, Dr. Tanaka: …) are not affected"); rows picked by a cell
that "「closed」になっている"; certificates listed under a heading that keeps them
("…以下の2件です（こちらは引き続き使用します）") beside an application called off; a holder's value pointed back at
by a pronoun and asked to be left alone ("…, but hers is fine — please don't touch hers"); a group of holders whose
values are listed in brackets after it ("補助者2名（宮本 … ／ 小川 …）"), kept by name later in the mail.

The writers' own texts stay in ``tests/data``; these cases use other values and other words for the same forms.
"""

from __future__ import annotations

import pytest

from intake.charfix import corrected_serials
from intake.classify import classify_text

CASES: list[tuple[str, str, list[str]]] = [
    (
        "rows of an exported list picked by a star",
        "退職者の証明書の失効をお願いします。☆ではなく★印の行が失効対象です。\n\n"
        "番号,氏名,シリアル番号,備考\n"
        '1,青木 誠,"3D5A0C19E7B24F86",\n'
        '2,岡 真由,"9B2E47D01C6A3F58",★退職\n'
        '3,菅 大地,"60F1C8A3D9E2B457",★退職\n',
        ["9b2e47d01c6a3f58", "60f1c8a3d9e2b457"],
    ),
    (
        "a machine's caption and a colon before a viewer's pairs",
        "名前の漢字が間違っていたので直してください。2台とも同じ証明書です。\n"
        "自宅のPC:シリアル番号 3a 7f 91 c2 0d 5e 8b 64 aa 13\n"
        "会社のPC:シリアル番号 3a 7f 91 c2 0d 5e 8b 64 aa 14\n",
        ["3a7f91c20d5e8b64aa13", "3a7f91c20d5e8b64aa14"],
    ),
    (
        "a character corrected by its place",
        "転職したので証明書の失効をお願いします。\nシリアル番号：7C41D0E9A2B35F68\n"
        "※控えを見直したら、8文字目の「9」は数字の「0」でした。失礼しました。",
        ["7c41d0e0a2b35f68"],
    ),
    (
        "a value misread beside the right one",
        "2枚とも失効してください。\n(1) 5E0A 71C3 9D2B 84F6\n(2) D3F0 28A1 6C9E 4B57\n"
        "(2)の先頭の「D」は数字の「0」でした。正しくは以下です。\n(2) 03F0 28A1 6C9E 4B57\n",
        ["5e0a71c39d2b84f6", "3f028a16c9e4b57"],
    ),
    (
        "a title's full stop ends no clause",
        "My tablet was stolen this morning. Please revoke mine urgently: 4e2b-91c0-7d35-a8f6-1b09\n"
        "The two other nurses (Ms. Ito: 4e2b-91c0-7d35-a8f6-1c44, Mr. Abe: 4e2b-91c0-7d35-a8f6-1d81) are not affected.",
        ["4e2b91c07d35a8f61b09"],
    ),
    (
        "rows picked by a cell a word became",
        "3列目が「retired」になっている行の証明書を失効してください。「active」の行は引き続き使います。\n\n"
        "Sato Jun,Osaka,retired,a93c05e7f14b2d68\n"
        "Mori Aya,Tokyo,active,c2f8d10b6e3a7945\n"
        "Kudo Ren,Osaka,retired,a93c05e7f14b2e9c\n",
        ["a93c05e7f14b2d68", "a93c05e7f14b2e9c"],
    ),
    (
        "certificates listed under a heading that keeps them, beside an application called off",
        "先月出した事務員1名分の新規申込を取り消していただけますでしょうか。入職前に辞退しました。照会書はまだ返送して"
        "いません。\n"
        "参考までに、当院で既に発行を受けている証明書は以下の2件です（こちらは引き続き使用します）。\n"
        "　院長 森田 一郎　1c6e9a0b3f52d7e84a21\n"
        "　副院長 森田 花子　7b20d4e91a6c3f85e09b\n",
        [],
    ),
    (
        "the certificate in use kept beside an application called off as 'the one' applied for",
        "更新のつもりで新規の申込書を出してしまいました。今の証明書（シリアル 0A4D7E21C9B3F856E07D）は期限が\n"
        "まだ半年あるので、このまま使い続けます。出した申込のほうを\n取り消していただけますでしょうか。",
        [],
    ),
    (
        "a holder's value pointed back at and asked to be left alone",
        "My laptop was infected with malware and my certificate file may be stolen. Please revoke it: 0a-3c-5e-7f-91-b2"
        "-"
        "d4-e6-08-2a-4c-6e\nMy sister 上田 美香 also has one (serial 0a-3c-5e-7f-91-b2-d4-e6-08-2a-4c-7f), but hers is "
        "on "
        "her own PC in Osaka and is fine — please don't touch hers.",
        ["a3c5e7f91b2d4e6082a4c6e"],
    ),
    (
        "a group of holders listed in brackets, kept by name",
        "所長の 山下 修 が先月亡くなりました。所長の証明書（シリアル番号 5b 19 e0 7c 2d a8 43 f6 91 0e）について失効の"
        "手続きをお願いします。\n所員2名（原 3c 80 1f d6 a2 57 e9 0b 4c 21 ／ 森 3c 80 1f d6 a2 57 e9 0b 4c 38）も証明"
        "書を"
        "持っておりますが、所員2名の証明書は引き続き使用いたします。",
        ["5b19e07c2da843f6910e"],
    ),
]


@pytest.mark.parametrize(("why", "text", "serials"), CASES, ids=[c[0] for c in CASES])
def test_serials(why: str, text: str, serials: list[str]) -> None:
    got = sorted(v.lstrip("0") for v in classify_text(text).serials)
    assert got == sorted(v.lstrip("0") for v in serials), why


def test_a_correction_that_fits_no_serial_or_two_changes_nothing() -> None:
    assert corrected_serials("3文字目の「A」は数字の「4」です", ["12b4"]) == (["12b4"], [])
    assert corrected_serials("先頭の「B」は数字の「8」です", ["b001", "b002"]) == (["b001", "b002"], [])
    fixed, why = corrected_serials("最後の「E」は「3」の間違いです", ["c0ffee"])
    assert fixed == ["c0ffe3"] and why

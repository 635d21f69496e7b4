"""Kinds of wording that outside writers' texts (t40 and older sets, fit halves) were read wrong on, at stop 54.

Each case is written here anew from a kind seen in a fit half, not copied:

* status inquiries: "その後どうなりましたか" after the writer's earlier word, and "現在の状況を教えていただけますか"
  asked by one who has done every step;
* a revocation form sent again after the CA found it lacking ("不備を直して再送いたしました") is a request still
  worked on, not a thank-you note, though the writer thanks for the CA's notice;
* a death written as a note, the noun alone ("妻死去。証明書失効希望");
* a signed mail in the writer's name that they never sent ("私の名前で署名されたメールが…送っていません") is a key used
  behind its holder's back, and "すぐ止めて" at the end of a chat is an order;
* a message of marks alone ("？") holds no words, and the models read no request in it.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.rules import DEATH_EVENT, REQUEST, STATUS_ASKED


@pytest.mark.parametrize(
    ("text", "subject", "intent"),
    [
        ("氏名の漢字の訂正をお願いした件、その後どうなりましたか？まだ連絡がないので。", "", "other"),
        (
            "9月初めに申込書を郵送し、照会書の返送と入金も済ませました。\n"
            "3週間近くたちますがまだ何も届いていません。現在の状況を教えていただけますか。",
            "申込の状況",
            "other",
        ),
        (
            "ご指摘ありがとうございました。\n"
            "記入漏れのあった住所欄を直し、失効請求書を本日再送いたしました。\n"
            "対象の証明書は前回と同じ シリアル 5c0e71a9d3b28f46 です。退職のためです。",
            "Re: 失効請求書の記入漏れ",
            "revocation",
        ),
        ("父死去。証明書の失効をお願いしたい。", "", "death_notice"),
        (
            "自分の名前で電子署名された請求書が取引先に何通も届いているそうです。送信していません。すぐ止めて",
            "",
            "emergency_revocation",
        ),
        ("？", "", "other"),
        ("…", "", "other"),
    ],
)
def test_intent(text: str, subject: str, intent: str) -> None:
    assert classify_text(text, subject=subject).intent == intent


@pytest.mark.parametrize(
    ("rule", "text", "matches"),
    [
        (STATUS_ASKED, "先週お願いした再発行の件、その後どうなっていますか", True),
        (STATUS_ASKED, "あれから進展はありましたか", True),
        (STATUS_ASKED, "現在の状況を教えてください", True),
        # How a procedure goes in general is no status of the writer's own request.
        (STATUS_ASKED, "発行後の流れを教えてください", False),
        (DEATH_EVENT, "母死去。", True),
        # Given as the reason, the noun is a death told too (stop 57, from intent texts t47: "本人死去のため失効希望");
        # not in a what-if.
        (DEATH_EVENT, "祖父他界のため", True),
        (DEATH_EVENT, "名義人死亡により失効する場合", False),
        (REQUEST, "パスワードも盗まれた。今すぐ止めて！", True),
        # Not an order inside a sentence that goes on.
        (REQUEST, "すぐ止めてもらえるのか知りたいです", False),
    ],
)
def test_rule(rule: object, text: str, matches: bool) -> None:
    assert bool(rule.check(text)) is matches  # type: ignore[attr-defined]

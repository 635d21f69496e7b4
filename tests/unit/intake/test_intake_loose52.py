"""Kinds of wording that outside writers' texts (t37, t38 fit halves, dev mail 47 and 48 fit halves) were read
wrong on, at stop 52.

Each case is written here anew from a kind seen in a fit half, not copied:

* a wrong detail told as it is now ("つづり間違ってるんですけど直せますか", "部屋番号抜けてます") is the writer's
  own correction, even when they only ask whether it can be fixed; a what-if is still a question;
* "アドレス帳の入力を間違えて送ってしまった場合は削除してください" and "メールを間違えて送ってしまいました" tell of
  a mail sent to the wrong person, no wrong detail of a certificate;
* a thank-you for a revocation done ("Thanks for revoking…", "失効完了のご連絡、確かに受け取りました…結局
  見つかっていませんが") asks nothing new;
* status inquiries: "状況どうなってます？" after days, "証明書まだですか？", "照会書もう届いてる?", "返却まだですか?",
  "処理状況を教えていただけますか", "When will my certificate be issued?", and when-will-it-come from a writer who
  has done every step;
* a mail meant for colleagues sent here by mistake ("部内向けのメールを誤って送信いたしました"), telling of a
  revocation done, asks nothing;
* a writer who takes back their own earlier mail ("さっきの失効のメール、やっぱりなしで") asks nothing;
* "please do not issue" and "証明書の発行を止めて" call an application off, not a certificate;
* a relative's death told in a chat's plain words ("おやじ死んだんだけど") is a death notice; a family named in a
  what-if about a death ("仮に名義人が死亡した場合…遺族として") is not.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.rules import DEATH, DEATH_EVENT, WRONG_TOLD


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("証明書のローマ字表記、名字のつづり間違ってるんですけど直してもらえますか？", "correction"),
        ("先週届いた証明書、住所の号室抜けてます。修正できますか", "correction"),
        (
            "伸也へ\n来週の同窓会の幹事の件、了解です。会場は駅前で。\n\n"
            "（アドレス帳の入力を間違えて届いてしまった場合は、お手数ですが破棄してください）",
            "other",
        ),
        ("Thank you so much for revoking my old certificate this morning. Everything is fine now.", "other"),
        (
            "ご担当者様\n先日お願いした証明書の失効完了のご連絡、拝受いたしました。"
            "休日にもかかわらずご対応いただき、大変助かりました。USBトークンはいまだに見つかっていませんが、ひと安心です。\n"
            "取り急ぎお礼まで。",
            "other",
        ),
        ("申請の入力してから10日たつけど、審査の状況どうなってます？", "other"),
        ("証明書まだですか？振込は月曜に済ませました", "other"),
        ("照会書もう届いてます？先週ポストに入れたんだけど", "other"),
        ("印鑑証明の返却まだですか?", "other"),
        ("失効請求書は先週届いているはずです。処理状況を教えていただけますか。", "other"),
        ("When will my certificate be issued? I sent the forms and paid two weeks ago.", "other"),
        (
            "更新の申込をしました。照会書の返送と会費の振込も済んでいます。\nいつごろ発行されますか。",
            "other",
        ),
        ("今朝の失効のお願い、やっぱりなしで。別の人の証明書と勘違いしていました", "other"),
        ("先ほどの失効依頼は撤回します。今後も使い続けます。", "other"),
        ("Please do not issue my certificate. I applied on Monday but my company chose another provider.",
         "cancellation"),
        ("先月申し込んだ証明書の発行を止めてほしいです。会社の方針が変わりました。", "cancellation"),
        (
            "Fw: 失効完了のお知らせ（部内共有）\n\n経理部の皆様\n"
            "山口さんの証明書の失効処理が完了しましたので共有します。\n"
            "※CA局ご担当者様：部内向けのメールを誤って送信いたしました。ご対応は不要です。",
            "other",
        ),
        ("おふくろ死んだんだけど、証明書ってどうすりゃいいの？", "death_notice"),
        (
            "社内マニュアル作成のため伺います。仮に社員の名義人が死亡した場合、遺族としてはどんな書類を出すのでしょうか。"
            "（現時点で該当者はおりません）",
            "faq",
        ),
    ],
)
def test_intent(text: str, intent: str) -> None:
    assert classify_text(text).intent == intent


def test_a_what_if_is_no_wrong_detail_told_and_no_death() -> None:
    # A what-if ("間違っている場合は", "父が死んだら") tells of no wrong detail and no death.
    assert not WRONG_TOLD.check("氏名の漢字が間違っている場合は、どうすればいいですか？")
    assert WRONG_TOLD.check("氏名の漢字が間違ってるんですけど")
    assert not DEATH.check("父が死んだら、父の証明書はどうなるの？")
    assert not DEATH_EVENT.check("父が死んだら、父の証明書はどうなるの？")
    assert DEATH_EVENT.check("おやじ死んだんだけど、証明書どうすれば")


def test_a_new_request_after_taking_back_an_earlier_mail_is_still_read() -> None:
    said = "先ほどのメールは取り消します。正しくは 4f0c2a91d8e7b365 の証明書を失効してください。"
    assert classify_text(said).intent == "revocation"

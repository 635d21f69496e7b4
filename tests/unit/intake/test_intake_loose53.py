"""Kinds of wording that outside writers' texts (t39 and dev mail 49, fit halves) were read wrong on, at stop 53.

Each case is written here anew from a kind seen in a fit half, not copied:

* status inquiries: a cancellation asked last week whose outcome is not told yet ("取消しが確定したかどうかの連絡が
  まだありません"), "現在どのような状況でしょうか", "何も連絡がないので…状況を教えてください", and a paper or mail
  of the CA's own process not come yet ("請求書まだ届いてないです", "PINのメールまだ来ないです"); but beside a
  cancellation that paper only tells how far the application got ("取り下げます…照会書はまだ届いていません");
* "電話つながらないんですけど！！" is a complaint, "電話がつながらない場合は" still a question;
* a slip of the keys told with a fix wished ("打ち間違えたっぽいです、修正したいです") is a correction;
* "申し込みストップで！" calls an application off;
* "はい、取り消しで間違いありません" in a reply to our call confirms the cancellation the subject replied to names;
* thanks for a corrected certificate received ("訂正後の証明書を受け取りました…ありがとうございました") ask nothing;
* whether a mail came from the CA ("iPROVEから送られたものでしょうか？…怪しい") is for a person to answer, and the
  serial of the doubted mail, quoted below, is none the writer asks about.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.rules import COMPLAINT, PAPER_AWAITED, SENDER_CHECKED, STATUS_ASKED


@pytest.mark.parametrize(
    ("text", "subject", "intent"),
    [
        (
            "先月メールでお願いした、発行申込の取消しの件です。確認のお電話もいただきましたが、"
            "取消しが完了したかどうかの連絡がまだありません。書類はいつ返ってきますか。",
            "取消しの件",
            "other",
        ),
        (
            "8月2日に申込書を送り、照会書の返送と振込も済ませています。\n"
            "その後ご連絡がありませんが、現在どのような状況でしょうか。",
            "発行状況について",
            "other",
        ),
        (
            "申請して2週間になります。審査が通ったのかどうか、何も連絡がないので心配です。状況を教えてください。",
            "",
            "other",
        ),
        ("照会書まだ届いてないです。申込書は先週出しました", "", "other"),
        ("ダウンロードPINのメールまだ来ないです、いつ来るんでしょう", "", "other"),
        (
            "申込を取り下げます。事情により予算がつきませんでした。照会書はまだ届いていません。",
            "申込の取り下げ",
            "cancellation",
        ),
        ("申し込んだやつ、やっぱりキャンセルで。PINのメールはまだ来てないです", "", "cancellation"),
        ("電話つながらないんですけど！！何回かけても話し中", "", "other"),
        ("オンライン申請で生年月日を打ち間違えたみたいです、修正したいです", "", "correction"),
        ("証明書の申込み、ストップでお願いします！部署の予定が変わりました", "", "cancellation"),
        (
            "お電話ありがとうございました。\nはい、取り消しで間違いありません。夕方以降なら電話に出られます。\n\n"
            "> 発行申込の取り消しのご依頼について、ご意思の確認のためお電話いたしました。",
            "Re: 発行申込取り消しのご意思確認",
            "cancellation",
        ),
        (
            "再発行された証明書、無事ダウンロードできました。\nお手数をおかけしました。ありがとうございました。",
            "Re: 証明書の記載訂正について",
            "other",
        ),
        (
            "次のメールが届いたのですが、iPROVEから送られたものでしょうか？振込先が個人名で不審に思っています。\n\n"
            "> 【ご請求】証明書更新料のお支払いのお願い",
            "FW: ご請求",
            "other",
        ),
    ],
)
def test_intent(text: str, subject: str, intent: str) -> None:
    assert classify_text(text, subject=subject).intent == intent


def test_a_doubted_mails_serial_is_none_the_writer_asks_about() -> None:
    text = (
        "下記のメールが来ました。そちらからのメールでしょうか？ 私の証明書とは違う番号です。\n\n"
        "> 【重要】お客様の電子証明書（シリアル番号 5C1E 0A97 D3B2 648F）は本日で停止されます。\n"
        "> 継続手続きは下記URLから https://iprove-renewal.example/"
    )
    result = classify_text(text, subject="このメールは本物ですか")
    assert result.intent == "other"
    assert result.serials == []


@pytest.mark.parametrize(
    ("rule", "text", "matches"),
    [
        (STATUS_ASKED, "現在どのような状況でしょうか", True),
        (STATUS_ASKED, "処理が完了したかどうかの連絡がまだ来ていません", True),
        (PAPER_AWAITED, "請求書まだ届いてないです", True),
        (PAPER_AWAITED, "証明書がまだ届いていません", False),
        (COMPLAINT, "電話つながらないんですけど", True),
        (COMPLAINT, "電話つながらない場合はどうすれば", False),
        (SENDER_CHECKED, "iPROVEさんからのものでしょうか", True),
        (SENDER_CHECKED, "こちらからの連絡でよろしいでしょうか", False),
        (SENDER_CHECKED, "Is this email really from you?", True),
    ],
)
def test_rule(rule: object, text: str, matches: bool) -> None:
    assert bool(rule.check(text)) is matches  # type: ignore[attr-defined]

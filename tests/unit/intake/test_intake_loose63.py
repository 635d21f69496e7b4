"""Kinds of wording read wrong at stop 63.

Read from the fit halves of intent texts t65 and dev mail 75 (written anew) and of intent texts t64 and dev mail 74
(measured once at stop 62, never tuned on then): an old PC replaced with a theft denied in casual words ("盗難とかじゃ
ないです") is an ordinary revocation; an application called off because another card will do, with the form told as
sent in plain words ("申込書を送ってしまいましたが"), is a cancellation; so is a reply over the desk's quoted mail with
its case tag when the subject was lost, an English writer who never finished the online form, the fee's invoice
arrived and not yet paid ("支払う前に"), and an English administrator's application withdrawn for a staff member who
left "before it was issued"; what the word means, asked ("失効というのは…ってことですか"), is a question; an office
moved with the certificate's address still the old one ("旧住所（…）のまま"), a fix or else a revocation asked, is a
revocation, but a name issued as the old one though the application gave the new, the CA's slip named ("そちらの入力
間違い"), is a correction; a PC destroyed with misuse feared by nobody ("誰かに使われる心配はないと思いますが"), and an
English "Nothing's been lost or compromised", make no emergency; a forward that warns of a fake mail in the CA's name
asks nothing the fake asks; thanks for a detail put right ("直していただき") ask nothing; a scam call quoted in the
CA's words ("「…失効するので…」という電話") reports no request.  From the fit halves of older intent texts (t16,
t21, t22, t24, t25, t43, t46, t47): a copy of the key kept by a leaver ("A former employee still has a copy of my
certificate file", "退職した部下のPCに…返ってきません") is an emergency; the fee left unpaid ("払わずに", "haven't
paid") and a reply under the desk's quoted question make a cancel word the CA's business; an application withdrawn as
the writer's decision beside thanks for the desk's mail ("取り下げることにいたしました") is a cancellation; so is
"しんせいとりけし" in kana.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text

CASES: list[tuple[str, str, str, str]] = [
    (
        "an old PC replaced, theft denied in casual words",
        "",
        "パソコン新しくしたんで前の証明書は失効でお願いします。古いPCは初期化済みなんで盗難とかじゃないです",
        "revocation",
    ),
    (
        "an application called off because another card will do, the form told as sent in plain words",
        "もうしこみ とりけし",
        "申込書を送ってしまいましたが、家族に聞いたらマイナンバーカードで足りると言われました。"
        "申し訳ないですが取り消してください。お金はまだ払っていません。",
        "cancellation",
    ),
    (
        "a reply over the desk's quoted mail with its case tag, the subject lost",
        "",
        "すみません、これ取り消しでお願いします。\n上司に確認したら今期は見送りになりました。振込もまだです。\n\n"
        "-----Original Message-----\nFrom: iPROVE CA局\nSubject: [MDG-005221] 照会書送付のご案内\n\n"
        "照会書一式を本日発送いたしました。内容をご確認のうえ、ご返送ください。",
        "cancellation",
    ),
    (
        "an English writer cancelling before the online form is done",
        "",
        "Is it too late to cancel? I paid yesterday but never finished the online form. If not, please cancel.",
        "cancellation",
    ),
    (
        "what the word means, asked beside the serial from the renewal notice",
        "お知らせが来たのですが",
        "有効期限のお知らせというメールが来ました。正直よくわかっていません。失効というのは、期限が来たら勝手に"
        "そうなるってことですか？更新するとまたお金がかかりますか？\n番号は 5e20c4a19b7d3f86 と書いてありました。",
        "faq",
    ),
    (
        "an office moved, the certificate still with the old address, a fix or else a revocation asked",
        "証明書の住所が違っているので直してほしい",
        "12月1日に事務所を港区から品川区に移転しました。\n今使っている証明書の住所が旧住所（港区芝）のままになってい"
        "て、"
        "取引先から「住所が違うけど大丈夫？」と言われました。\n\n住所を新しいものに直していただくことはできますか？\n"
        "シリアル番号：0C7E1A93B5D2F468\n\nもし直すことができず、いったん失効させて取り直す必要があるなら、それで構"
        "いません"
        "ので手続きを進めてください。費用がかかるなら教えてください。",
        "revocation",
    ),
    (
        "a broken PC disposed of, misuse feared by nobody, a revocation asked",
        "",
        "証明書を入れていたPCが壊れて、業者に廃棄してもらいました。ディスクも物理的に壊してもらったので、"
        "誰かに使われる心配はないと思いますが、念のため失効の手続きをお願いします。",
        "revocation",
    ),
    (
        "a forward that warns of a fake mail in the CA's name",
        "FW: 【重要】電子証明書の利用停止のお知らせ",
        "御局を名乗る下記のメールが届きました。送信元のアドレスが御局のものではなく、リンクも怪しいので開いていません。"
        "念のためお知らせします。\n\n-----Original Message-----\nFrom: iprove-support <info@iprove-secure.example.ne"
        "t>\n"
        "Subject: 【重要】電子証明書の利用停止のお知らせ\n\nお客様の電子証明書は本日失効されます。下記より手続きして"
        "ください。",
        "other",
    ),
    (
        "thanks for a wrong name put right, the new certificate told as right",
        "再発行のお礼",
        "先日は住所の番地の誤りを直していただき、ありがとうございました。届いた証明書はちゃんと「12-3」になっていま"
        "した。",
        "other",
    ),
    (
        "the fee's invoice arrived, the application called off before paying",
        "",
        "請求書来たけど、支払う前に取消したいです。メールで大丈夫ですか？大丈夫ならこれで取消お願いします",
        "cancellation",
    ),
    (
        "a scam call in the CA's words, told only to warn",
        "不審な電話",
        "「証明書が失効するので今日中に手数料を振り込んで」という電話が父にありました。父は払っていません。"
        "iPROVEさんとは関係ないと思いますが念のためご連絡まで。父は証明書を持っていません。",
        "other",
    ),
    (
        "an English administrator withdrawing an application of a staff member who left before issue",
        "",
        "Pls withdraw application for Mr. Tan (our staff), he left the company before it was issued. thx - HR",
        "cancellation",
    ),
    (
        "a name issued as the old one though the application gave the new, the CA's slip named",
        "旧姓で発行されています",
        "8月に結婚して姓が変わり、前の証明書を失効してから新しい姓「松下」で申し込みました。ところが届いた証明書は"
        "旧姓「今井」のままでした。申込書の控えには松下と書いてあるので、そちらの入力間違いだと思います。"
        "正しい氏名での再発行をお願いします。",
        "correction",
    ),
    (
        "an English revocation before leaving the country, nothing lost",
        "Revoking my certificate before I move",
        "I'm moving back to Canada next month and won't need my iPROVE certificate any more. Could you please revoke "
        "it? Nothing's been lost or compromised - I just won't be using it.",
        "revocation",
    ),
    (
        "the fee's invoice arrived and is left unpaid, the application called off",
        "",
        "請求書が来たけど払わずにキャンセルしたいです",
        "cancellation",
    ),
    (
        "an English applicant backing out with the invoice unpaid",
        "",
        "Can I still back out? I got the invoice but haven't paid it yet. If so, please take this as my cancellation.",
        "cancellation",
    ),
    (
        "a short yes under the desk's quoted question about calling the application off",
        "Re: ご確認のお願い",
        "はい、取消で進めてください。\n\n> 申込取消をご希望とのことですが、照会書の返送前であれば取消が可能です。\n"
        "> 取消でよろしいでしょうか。",
        "cancellation",
    ),
    (
        "thanks for the desk's mail beside an application withdrawn as the writer's decision",
        "Re: 申込内容のご確認",
        "ご連絡いただきありがとうございました。社内で検討しましたが、今回は申込自体を取り下げることにいたしました。"
        "お手数をおかけして申し訳ございません。",
        "cancellation",
    ),
    (
        "an application called off in kana",
        "",
        "しんせいとりけしおねがいします\nなまえ やまだ はなこ\nまだなにもきていません",
        "cancellation",
    ),
]


@pytest.mark.parametrize(("why", "subject", "text", "intent"), CASES, ids=[c[0] for c in CASES])
def test_intent(why: str, subject: str, text: str, intent: str) -> None:
    assert classify_text(text, subject=subject).intent == intent, why


@pytest.mark.parametrize(
    "text",
    [
        "A former assistant of mine still has a copy of my certificate file, and she knows the password. I'd like the "
        "certificate revoked for that reason. 5c:0e:a1:93:d7:28:4f:b6",
        "退職した元部下のパソコンに私の証明書が入ったまま、パソコンごと返ってきません。失効をお願いしたいです"
        "（番号 4e 1a 9c 07 d2 b8 63 f5）",
    ],
)
def test_a_key_kept_by_a_leaver_is_an_emergency_by_the_rules(text: str) -> None:
    # Not only a possible emergency the models promote: the rules read the compromise themselves.
    result = classify_text(text)
    assert (result.intent, result.read_as) == ("emergency_revocation", "")

"""Mail intent on words used loosely: cancellations called revocations, questions about emergencies,
families asking what to do, internal mis-sends, thank-yous for finished work, and mails that speak
as the CA (notices or phishing).  Texts written for this test, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from intake.classify import classify_text

CASES = [
    (
        "Hello, I applied last month but have not received any certificate yet. "
        "Please revoke my application, we no longer need it.",
        "",
        "cancellation",
    ),
    ("先日申し込みましたが、まだ証明書は届いていません。この申込を失効してください。", "", "cancellation"),
    (
        "情報システム部です。社内の事故対応手順書を作成しており、証明書の入ったPCを紛失した場合の"
        "緊急失効の流れを確認したいのですが、どのような手順になりますか。",
        "",
        "faq",
    ),
    (
        "母が先月亡くなりました。母の名義で電子証明書を持っていたようなのですが、家族として何をすればよいでしょうか。",
        "",
        "death_notice",
    ),
    ("総務各位 明日の第2会議室の予約はキャンセルしてください。よろしくお願いします。", "会議室予約の取消", "other"),
    (
        "承知いたしました。迅速なご対応ありがとうございました。\n\n> 失効手続きが完了いたしました。",
        "Re: [MDG-000200] 失効完了のお知らせ",
        "other",
    ),
    (
        "Thank you very much for your help.\n\n> Your certificate has been revoked.",
        "Re: [MDG-000202] Revocation completed",
        "other",
    ),
    (
        "iPROVEをご利用のお客様\nお客様の電子証明書は本日中に失効されます。"
        "失効を回避するには以下のリンクから本人確認を行ってください。",
        "【緊急】証明書の確認",
        "other",
    ),
    # Kana, homophones, casual speech and non-native English (written from the FAQ).
    ("申し込みをとりけしたいです。まだ照会書も届いてないです。", "", "cancellation"),
    ("申し込んだやつ、まだ証明書はもらってないけど申し込みを失効してもらえますか。", "", "cancellation"),
    ("I want to revoke my aplication, certificate is not yet issue.", "", "cancellation"),
    (
        "My laptop with the certificate was stole yesterday in train. Please stop the certificate quick.",
        "",
        "emergency_revocation",
    ),
    (
        "I loose my notebook computer at airport, it have my iprove certificate inside. What I must do now?",
        "",
        "emergency_revocation",
    ),
    (
        "Somebody broke into my car last night and took my notebook. My certificate is on it.",
        "",
        "emergency_revocation",
    ),
    ("会社のパソコンに誰かが勝手にログインした形跡があります。証明書を止めてください。", "", "emergency_revocation"),
    ("届いた証明書の名前の漢字がちがってます。なおしてもらえますか。", "", "correction"),
    ("my sertificate say my name TANAKA TARO but it should be TANAKA TAROU. please fix.", "", "correction"),
    # Questions about the emergency procedure, a what-if and a trouble told without a question mark.
    ("What if I lose my card?", "", "faq"),
    ("もしICカードをなくしてしまったら、どうすればいいのでしょうか。今なくしたわけではありません。", "", "faq"),
    ("キャンセルした場合、払ったお金は返ってきますか？", "", "faq"),
    ("間違えてPCの証明書を削除してしまいました。", "", "faq"),
    # "Make it unusable" is a plain revocation, no loss; an application made wrongly is cancelled.
    ("メールアドレスが変わるので、今の証明書は使えなくしてください。", "", "revocation"),
    ("一般向けの申込書で送ってしまったので、その申込内容の誤りのため申込を取り消してください。", "", "cancellation"),
    ("Hi, I want to stop my application. I changed my mind. I didn't receive anything yet.", "", "cancellation"),
    ("My bag was snatched on the street today. The USB key with my certificate was in it.", "", "emergency_revocation"),
    ("退職した社員が証明書の入ったPCを返さずに辞めました。悪用されないようにして。", "", "emergency_revocation"),
    ("How can I revoke my certificate? What form I need?", "", "faq"),
    ("Hello, my husband is dead last week. He have certificate from your company. What I do?", "", "death_notice"),
    # The press writing about the CA's business asks no customer's question.
    ("電子署名の特集記事を企画しております。認証局の業務についてお話を伺えないでしょうか。", "取材のお願い", "other"),
    # A lost seal or a paper certificate of the city office holds no key: a plain revocation.
    (
        "退職するので証明書を失効したいです。届出印をなくしたので、印鑑登録証明書を添えて請求書を出せばよいですか。",
        "失効の手続き",
        "revocation",
    ),
    # Transfers listed with their incidents denied are revocations, not emergencies.
    (
        "総務部です。異動する社員2名の証明書の失効をお願いします。いずれも紛失等の事故はありません。\n"
        "佐藤 花子 3a7f01c2\n鈴木 一郎 4b8e02d3",
        "社員の証明書の失効",
        "revocation",
    ),
    # A yes to a question of ours still confirms it: thanks alone is not what this reply says.
    (
        "承知しました。では失効をお願いします。\n\n> 失効請求書を受理いたしました。失効してよろしいですか。",
        "Re: [MDG-000201] 確認",
        "revocation",
    ),
]


@pytest.mark.parametrize(("text", "subject", "intent"), CASES)
def test_loose_words_are_read_for_what_they_ask(text: str, subject: str, intent: str) -> None:
    result = classify_text(text, subject)
    assert result.intent == intent, result.reasons
    assert result.reasons[-1].startswith("decision:") or result.reasons[-1].startswith("model")


def test_a_customer_quoting_one_ca_phrase_is_still_read() -> None:
    """One CA-like phrase in a customer's own report is not enough to call it a notice."""
    text = "ご利用のお客様向けの案内を読みました。ノートPCを盗まれたので至急証明書を失効してください。"
    assert classify_text(text).intent == "emergency_revocation"

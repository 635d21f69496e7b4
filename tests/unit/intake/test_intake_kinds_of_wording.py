"""Kinds of wording that the intent rules misread before stop 24, written for this test.

Someone else using the writer's key named with a qualifier ("my iPROVE certificate"); a writer who
wonders whether the CA would stop a certificate at night, before anything is lost; a family that
follows up its death notice with the papers that prove the death; consent to marketing mail
withdrawn, which asks nothing of a certificate.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts

CASES = [
    (
        "Someone is using my iPROVE certificate: a contract I never signed carries my signature. "
        "Stop my certificate now, please.",
        "emergency_revocation",
    ),
    (
        "Somebody has been using our company certificate to sign invoices. Please stop the certificate.",
        "emergency_revocation",
    ),
    (
        "これから申し込む予定です。もしタブレットを盗まれた場合、休日でも証明書を止めてもらえるのでしょうか。"
        "気になったので事前の確認です。",
        "faq",
    ),
    (
        "社用のスマホを盗まれた場合、夜中でも証明書を止めてもらえるかどうか知りたいです。",
        "faq",
    ),
    (
        "先日は母の件でご案内ありがとうございました。死亡診断書の写しは本日取り寄せました。"
        "請求書と一緒にお送りしますので、母の証明書の失効をお願いします。",
        "death_notice",
    ),
    (
        "除籍謄本が取れ次第、祖父の証明書の失効請求書と一緒に郵送いたします。",
        "death_notice",
    ),
    ("iPROVEのご案内メールを受け取ることへの同意を撤回します。今後は送らないでください。", "other"),
    ("I hereby withdraw my consent to receive marketing e-mails about iPROVE certificates.", "other"),
]


@pytest.mark.parametrize(("text", "intent"), CASES)
def test_kinds_of_wording_from_the_rules_alone(text: str, intent: str) -> None:
    result = classify_parts("", text, "", use_model=False)
    assert result.intent == intent, result.reasons


# Their twins that must keep their reading.
TWINS = [
    ("夜間でも証明書を止めていただけますか。ノートPCを電車に置き忘れました。", "emergency_revocation"),
    ("名義人が死亡した場合、除籍謄本は必要ですか。", "faq"),
    ("利用規約への同意を撤回しますので、私の証明書を失効してください。", "revocation"),
]


@pytest.mark.parametrize(("text", "intent"), TWINS)
def test_twins_keep_their_reading(text: str, intent: str) -> None:
    result = classify_parts("", text, "", use_model=False)
    assert result.intent == intent, result.reasons


# Certificates the CA does not deal in: a web server's, another CA's, the e-bidding system's own card.
OTHER_PRODUCTS = [
    "弊社ウェブサイトのSSLサーバー証明書を失効してください。ドメインを移管したためです。",
    "Please revoke the TLS certificate of our web server www.example.jp, it was issued by mistake.",
    "電子入札コアシステム用ICカードの更新書類はどこへ送ればよいですか。",
]


@pytest.mark.parametrize("text", OTHER_PRODUCTS)
def test_certificates_of_other_kinds_are_other(text: str) -> None:
    result = classify_parts("", text, "", use_model=False)
    assert result.intent == "other", result.reasons


# Misuse suspected, or a signature the writer never made, with a request to stop: an emergency.
MISUSE = [
    "There was a possible misuse of my signing key. Please stop it today.",
    "I received a contract that I never signed, bearing my signature. Kindly stop it now.",
    "身に覚えのない契約書に私の電子署名が付いていました。すぐに止めてください。",
]


@pytest.mark.parametrize("text", MISUSE)
def test_misuse_with_a_request_is_an_emergency(text: str) -> None:
    result = classify_parts("", text, "", use_model=False)
    assert result.intent == "emergency_revocation", result.reasons


def test_a_question_about_misuse_stays_a_question() -> None:
    result = classify_parts("", "What should I do in case of possible misuse of my certificate?", "", use_model=False)
    assert result.intent == "faq", result.reasons

"""A text written as the CA to its customers (a notice, or phishing imitating one) asks the help desk for nothing."""

from __future__ import annotations

import pytest

from intake.classify import classify_text

_PHISHING = {
    "ja, link and secrets": (
        "iPROVE をご利用のお客様\n\nお客様の電子証明書（シリアル番号: 7F:00:00:01）は本日で失効します。\n"
        "24時間以内に下記URLから本人確認を行わない場合、すべての署名が無効となります。\n"
        "https://iprove.example-verify.top/login\n\nご確認のうえ、PINコードとパスワードを入力してください。"
    ),
    "ja, secrets only": (
        "お客様の証明書は明日停止いたします。継続してご利用の場合は、こちらのリンクからログインし、"
        "暗証番号をご入力ください。"
    ),
    "en": (
        "Dear customer, your certificate will be revoked within 24 hours. "
        "Click the link below to verify your identity and enter your PIN."
    ),
}


@pytest.mark.parametrize("case", list(_PHISHING))
def test_phishing_in_the_ca_voice_is_no_request(case: str) -> None:
    result = classify_text(_PHISHING[case])
    assert result.intent == "other", result.reasons
    assert sum(r.startswith("ca voice:") for r in result.reasons) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "PCを紛失しました。証明書を至急失効してください。パスワードを入力する画面が出ても何もしていません。",
        "My laptop was stolen. Please revoke my certificate. Do I need to enter my PIN anywhere?",
    ],
)
def test_a_customer_naming_a_pin_is_still_heard(text: str) -> None:
    result = classify_text(text)
    assert result.intent == "emergency_revocation", result.reasons
    assert not any(r.startswith("ca voice:") for r in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        # A customer who typed their secrets into a phishing page tells the story in the past;
        # the words are the phishing mail's, the voice is the customer's own.
        "件名：証明書のパスワードを入力してしまいました\n\n偽のメールのリンク先で証明書ファイルとPINを入力してしまいました。"
        "後から偽サイトだと気づきました。証明書を直ちに失効させてください。",
        "昨日、届いたメールのサイトでパスワードを入力していました。暗証番号も入力しておりました。"
        "証明書を止めてください。",
    ],
)
def test_a_customer_telling_of_secrets_typed_into_a_phishing_page_is_heard(text: str) -> None:
    result = classify_text(text)
    assert not any(r.startswith("ca voice:") for r in result.reasons), result.reasons
    assert result.intent == "emergency_revocation", result.reasons

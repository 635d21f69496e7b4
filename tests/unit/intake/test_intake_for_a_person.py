"""Questions that only a person can settle, which the rules read as FAQ questions before stop 25.

A phishing check ("is this mail really from you?"), the writer's own mail to the CA that came back, a
relying party asking about a signature it received from someone else, and an invoice sent twice are
``other``: no FAQ answer settles them.  Their twins, questions about how the CA's own certificates and
procedures work, stay ``faq``.  The texts are written for this test.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts

FOR_A_PERSON = [
    # Phishing checks.
    "御社を名乗るSMSが届き、証明書の更新はこちらとURLが書かれていました。これは本物でしょうか。",
    "iPROVEから「証明書が停止されます」という不審なメールが来ました。クリックしていませんが大丈夫でしょうか。",
    "I received a text saying my iPROVE certificate expires today with a link to renew. Is this legitimate?",
    "Did you really send me a message asking for my PIN? It looks odd to me.",
    # The writer's own mail came back.
    "申込書をスキャンしてメールで送信したところ、エラーで戻ってきました。どうすればよいでしょうか。",
    "My mail with the application form bounced twice. What is wrong with your address?",
    # A relying party.
    "お客様から電子署名された契約書をいただきましたが、その証明書が有効かどうか確認できますか。",
    "A supplier sent us a signed invoice. Can you tell us whether the signer's certificate is still valid?",
    # A bill sent twice.
    "年会費の請求書が二重に届いています。どちらを支払えばよいですか。",
    "It looks like I was charged twice for my certificate fee. Could you check?",
]


@pytest.mark.parametrize("text", FOR_A_PERSON)
def test_a_matter_for_a_person_is_other(text: str) -> None:
    result = classify_parts("", text, "", use_model=False)
    assert result.intent == "other", result.reasons
    assert any("matter for a person" in r for r in result.reasons), result.reasons


# Their twins: how the CA's own certificates and procedures work.
TWINS = [
    "証明書の発行通知メールが届かないのですが、どうすればよいですか。",
    "会費の支払い方法を教えてください。請求書はいつ届きますか。",
    "自分の証明書でPDFに署名するとエラーが出ます。どうすればよいでしょうか。",
    "How do I check whether my own certificate is still valid?",
    # A relying party asking how the CA's own procedures work; a bounce told only as why the writer asks again.
    "As a relying party we verify iPROVE signatures. How often is your CRL updated?",
    "先日の質問は宛先を間違えて戻ってきました。あらためて質問させてください。申込書に携帯のメールアドレスを書いてもよいですか。",
]


@pytest.mark.parametrize("text", TWINS)
def test_twins_stay_faq(text: str) -> None:
    result = classify_parts("", text, "", use_model=False)
    assert result.intent == "faq", result.reasons


def test_the_models_do_not_make_a_relying_partys_question_a_request() -> None:
    # The models read "失効" and a serial; the writer is not the holder and asks only whether it is valid.
    text = (
        "取引先から署名付きの見積書を受け取りました。署名した方の証明書が失効していないか気になっています。"
        "当方は名義人ではなく受け取り側です。有効かどうか教えていただけますか。"
    )
    result = classify_parts("", text, "", use_model=True)
    assert result.intent == "other", result.reasons

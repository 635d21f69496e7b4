"""Questions about another's business are other; questions about the CA's own procedures stay faq (intake.offtopic)."""

from __future__ import annotations

import pytest

from intake import offtopic
from intake.classify import classify_parts

# Questions that use the CA's words (証明書, 申請, certificate, sign) about a city office, a bank, a school or
# another vendor: the FAQ engine refuses them and finds them nearer its out-of-scope questions, or they name
# what the CA does not handle.  The rules alone read every one of these as faq.
ELSEWHERE = [
    "車庫証明の申請に必要な書類を教えてください。",
    "子どもの出生証明書の英訳はどこで頼めますか？",
    "取引銀行から届いた電子証明書を新しいパソコンに入れ直す方法を教えてください。",
    "How do I get a police clearance certificate for my visa application?",
    "How do I apply for a residence certificate at the ward office?",
    "Where can I get my university diploma certificate translated and certified?",
]

# Questions about the CA's own procedures, papers and devices: faq whether or not an entry answers them
# (unanswered, they go to a person).  The card reader questions are refused by the FAQ engine as near its
# out-of-scope questions; only the words of our own business keep them faq.
OWN_PROCEDURES = [
    "ICカードリーダーはどこで買えばいいですか？おすすめの機種はありますか。",
    "ICカードリーダーが認識されない時、ドライバはどこから入手できますか？",
    "Where can I buy a card reader that works with your IC card?",
    "My card reader stopped working after a Windows update; should I buy a new one?",
    "証明書を入れたノートPCを盗まれた場合、再発行の費用はいくらかかりますか？",
    "証明書のシリアル番号を控え忘れました。どこで確認できますか？",
    "名義人の父が亡くなったら、その証明書を家族が引き継ぐことはできますか？",
    "If my certificate is stolen, how much does a reissue cost?",
    "Can my children inherit my certificate after I die?",
    "If I revoke my certificate halfway through, do I get part of the money back?",
]


@pytest.mark.parametrize("text", ELSEWHERE)
def test_a_question_about_another_business_is_other(text: str) -> None:
    result = classify_parts("", text, "")
    assert result.intent == "other", result.reasons
    assert any(r.startswith("offtopic: the FAQ engine refuses it") for r in result.reasons), result.reasons
    assert result.reasons[-1] == "decision: a question about something the CA does not deal in"


@pytest.mark.parametrize("text", OWN_PROCEDURES)
def test_a_question_about_our_own_procedures_stays_faq(text: str) -> None:
    result = classify_parts("", text, "")
    assert result.intent == "faq", result.reasons


def test_our_own_words_keep_a_refused_question_and_say_so() -> None:
    judged = offtopic.judge("ICカードリーダーはどこで買えばいいですか？おすすめの機種はありますか。")
    assert not judged.off_topic
    assert judged.reason == "offtopic: 'カードリーダ' names the CA's own procedure"


def test_another_business_named_outweighs_our_words() -> None:
    # 再発行 is ours too, but a reissue of a bank's certificate is the bank's.
    judged = offtopic.judge("ネットバンキングの電子証明書を再発行してもらうにはどうすればいいですか？")
    assert judged.off_topic, judged.reason
    assert "names what the CA does not handle" in judged.reason


def test_an_answered_question_is_never_off_topic() -> None:
    judged = offtopic.judge("証明書の再発行は何日くらいかかりますか？")
    assert not judged.off_topic
    assert judged.reason.startswith("offtopic: ")


def test_the_faq_engine_is_built_once() -> None:
    assert offtopic.faq_engine() is offtopic.faq_engine()


def test_the_ca_addressed_keeps_a_refused_question() -> None:
    # Refused and nearer an out-of-scope question, but asked of the CA's own certificate.
    text = "ネットで別の会社の情報漏えいを知りました。御社の証明書も念のため止めた方がいいでしょうか？"
    judged = offtopic.judge(text)
    assert not judged.off_topic
    assert judged.reason == "offtopic: '御社' names the CA's own business"


def test_our_procedure_spelled_in_kana_keeps_faq() -> None:
    """A kana-only writer's 失効 ("しっこう") is our procedure as much as the kanji is."""
    verdict = offtopic.judge("しょうめいしょ を しっこう する とき どう すれば いいか おしえて ください")
    assert not verdict.off_topic, verdict.reason
    assert "失効" in verdict.reason

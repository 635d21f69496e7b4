"""Intent rules: the business distinctions the CA cares about, with recorded reasons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.classify import INTENTS, classify, classify_parts, classify_text
from intake.parse import parse_message


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Emergency revocation: loss/theft or compromise plus urgency or a revocation request.
        ("ノートPCを紛失しました。至急証明書を失効してください。", "emergency_revocation"),
        ("電車でパソコンをなくしました！すぐに止めてください。", "emergency_revocation"),
        ("My laptop was stolen. Please revoke my certificate immediately.", "emergency_revocation"),
        ("緊急失効の手続きをお願いします。", "emergency_revocation"),
        (
            "ウイルスに感染しました。秘密鍵が漏れたかもしれません。至急対応お願いします。",
            "emergency_revocation",
        ),
        # A question about how it works is an FAQ, not a request.
        ("緊急失効はどうすればできますか？", "faq"),
        ("What happens if I lose my laptop? How can I revoke the certificate in an emergency?", "faq"),
        ("名義人が死亡した場合はどうすればよいですか？", "faq"),
        ("申込の取り消しはいつまで可能ですか？", "faq"),
        ("iPROVE電子証明書の料金を教えて下さい。", "faq"),
        # Losing a seal is not a key compromise.
        ("印鑑を紛失してしまったのですが、失効請求書には実印でよいでしょうか。", "faq"),
        # Cancellation of an application versus cancelling an issued certificate.
        ("先日申し込んだ電子証明書の申込をキャンセルしたいです。", "cancellation"),
        ("申込をｷｬﾝｾﾙしたいです。まだ振込してません。", "cancellation"),
        ("申込をキャンセルしたいです。証明書はまだ発行されていません。", "cancellation"),
        ("I would like to cancel my application.", "cancellation"),
        ("発行を申し込んだのですが、取り消しは可能ですか。", "cancellation"),
        ("昨日発行された証明書をキャンセルしたいです。", "revocation"),
        ("証明書をキャンセルしたいです。シリアル番号 5B:2C:10:0A", "revocation"),
        ("Please cancel my certificate. It was issued last week.", "revocation"),
        # "My certificate" or a serial named does not say it was issued: the models may read an application.
        ("Please cancel my certificate. I applied for it on Monday by mistake.", "cancellation"),
        ("先日申し込んだ証明書をキャンセルしたいです。シリアル番号はまだ分かりません。", "cancellation"),
        ("退職のため証明書を失効してください。", "revocation"),
        ("Please revoke my certificate, serial 3a:7f:01:c2.", "revocation"),
        # Death notice outranks the revocation it implies.
        ("母が亡くなりました。母の名義の電子証明書の失効手続きをお願いします。", "death_notice"),
        ("父（名義人）が先月逝去いたしました。名義人死亡届を送ってください。", "death_notice"),
        ("My husband, who held a certificate, passed away last week.", "death_notice"),
        # Correction of certificate contents.
        ("証明書の氏名の漢字が間違っています。訂正をお願いします。", "correction"),
        ("発行された証明書のメールアドレスが申込書と違っています。", "correction"),
        ("The certificate has my name misspelled. Please correct it.", "correction"),
        # Nothing to do.
        ("先日はありがとうございました。", "other"),
        ("", "other"),
    ],
)
def test_intents(text: str, intent: str) -> None:
    result = classify_text(text)
    assert result.intent == intent, result.reasons
    assert result.reasons and result.reasons[-1].startswith("decision:")
    assert 0 < result.confidence <= 1


def test_intent_names_are_the_documented_ones() -> None:
    assert set(INTENTS) == {
        "cancellation",
        "revocation",
        "emergency_revocation",
        "death_notice",
        "correction",
        "faq",
        "other",
    }


def test_reasons_name_the_matching_rules() -> None:
    result = classify_text("ノートPCを紛失しました。至急証明書を失効してください。")
    joined = " ".join(result.reasons)
    assert "compromise:" in joined and "urgency:" in joined and "revocation:" in joined


def test_new_text_outweighs_quoted_text() -> None:
    text = "証明書の有効期間は何年ですか？\n\n> 発行申込のキャンセルを承りました。\n> 失効も承りました。"
    assert classify_text(text).intent == "faq"


def test_quoted_topic_is_adopted_when_the_reply_confirms_it() -> None:
    text = "はい、お願いします。\n\n> シリアル番号 3A 7F 01 C2 の証明書の失効をご希望でしょうか。"
    result = classify_text(text, subject="Re: [MDG-000123] ご確認")
    assert result.intent == "revocation"
    assert result.serials == ["3a7f01c2"]
    assert result.confidence < 0.75
    assert result.reasons[0] == "from quoted text or subject"


def test_thanks_reply_does_not_inherit_the_quoted_topic() -> None:
    text = "ありがとうございました。\n\n> 発行申込をキャンセルしました。"
    assert classify_text(text, subject="Re: 取り消し").intent == "other"


def test_reply_subject_is_context_not_request() -> None:
    # "Re: 失効のお願い" with a new question must not become a revocation.
    assert classify_text("CPSとは何ですか？", subject="Re: 失効のお願い").intent == "faq"


def test_signature_urgency_does_not_make_an_emergency() -> None:
    text = "退職のため証明書を失効してください。\n\n━━━━━━━━━━\n池田\n緊急連絡先: 090-9876-5432\n━━━━━━━━━━"
    result = classify_text(text)
    assert result.intent == "revocation"
    assert result.serials == []


def test_serials_of_classify_text() -> None:
    assert classify_text("serial (decimal) 981402050, please revoke").serials == ["3a7f01c2"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("いいえ、失効ではなく申込の取り消しです。まだ証明書は発行されていません。", "cancellation"),
        ("照会書を返送し、会費も振り込みましたが、やはり申込をキャンセルできますか？", "cancellation"),
        (
            "I am writing to inform you that my father, the holder, died on 1 November. What do you need?",
            "death_notice",
        ),
        ("秘密鍵のパスワードを他人に知られてしまいました。証明書を停止したいです。", "emergency_revocation"),
        ("PCを紛失した場合、証明書の失効は必要でしょうか？", "faq"),
    ],
)
def test_harder_cases(text: str, intent: str) -> None:
    assert classify_text(text).intent == intent


def test_long_text_costs_what_its_read_prefix_costs() -> None:
    # Only a bounded part of a huge mail is read, so eight times the text costs about the same
    # CPU (a linear reader would cost eight times as much, a backtracking pattern far more).
    # CPU time, and a ratio within one run, so that a busy machine does not decide the outcome.
    import time

    unit = "お世話になっております。証明書の件でご連絡します。3A 7F 01 C2 申込 "
    classify_text(unit)

    def cpu(repeats: int) -> float:
        start = time.process_time()
        classify_text(unit * repeats)
        return time.process_time() - start

    small = min(cpu(2_500) for _ in range(2))
    assert cpu(20_000) < 3 * small + 0.05


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("申込を取り下げたいです。", "cancellation"),
        ("申込を解約したいです。照会書はまだ返送していません。", "cancellation"),
        ("使っている証明書を解約したいです。", "revocation"),
        ("Please deactivate my certificate, I have left the company.", "revocation"),
    ],
)
def test_other_words_for_cancel_and_revoke(text: str, intent: str) -> None:
    assert classify_text(text).intent == intent


CASES = json.loads((Path(__file__).resolve().parents[2] / "data" / "intents" / "cases.json").read_text("utf-8"))


def _case_param(case: dict[str, Any]) -> Any:
    """A case as a test parameter; one the classifier is known to miss fails strictly, with the why."""
    if "known_miss" in case:
        return pytest.param(case, id=case["kind"], marks=pytest.mark.xfail(strict=True, reason=case["known_miss"]))
    return pytest.param(case, id=case["kind"])


@pytest.mark.parametrize("case", [_case_param(c) for c in CASES])
def test_loose_words_and_framings(case: dict[str, Any]) -> None:
    result = classify_text(case["text"], case.get("subject", ""))
    assert result.intent == case["intent"], result.reasons
    for name, value in case.get("signals", {}).items():
        assert getattr(result.signals, name) is value, name


def test_model_votes_and_is_recorded() -> None:
    result = classify_text("弊社の新しい文書管理サービスのご紹介です。オンラインでご説明の機会をいただけませんか。")
    assert set(result.model) == set(INTENTS)
    assert abs(sum(result.model.values()) - 1) < 1e-4
    assert any(r.startswith("model: ") for r in result.reasons)


def test_rules_alone_still_decide_without_the_model() -> None:
    result = classify_parts("", "退職のため証明書を失効してください。", "", use_model=False)
    assert result.intent == "revocation" and result.model == {}


def test_inexact_serial_candidates_are_kept_for_the_caller() -> None:
    result = classify_text("証明書を失効してください。\n参照コード 9c8b7a6f5e4d")
    assert result.serials == []
    assert [(c.value, c.exact) for c in result.serial_candidates] == [("9c8b7a6f5e4d", False)]


def test_serial_in_a_raw_utf8_reply_subject_is_found() -> None:
    raw = (
        "From: a@example.jp\r\nTo: ca@ca.example.jp\r\n"
        "Subject: Re: 証明書の失効 シリアル番号 a0a4 d3ec ae02 9f1b\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        "上記の件、よろしくお願いいたします。\r\n"
    ).encode()
    result = classify(parse_message(raw))
    assert result.serials == ["a0a4d3ecae029f1b"]
    assert result.serial_candidates[0].source == "subject: labelled"


def test_a_hex_string_alone_on_a_list_line_of_a_revocation_is_its_serial() -> None:
    result = classify_text(
        "鞄を紛失しました。以下2件とも大至急止めてください。\n\n"
        "1) Ｄ６５６７９６４ＣＦＢＡＡ４ＤＤ\n2) 83de0b93946a0998\n"
    )
    assert result.intent == "emergency_revocation"
    assert result.serials == ["d6567964cfbaa4dd", "83de0b93946a0998"]
    assert any(r.startswith("serial: unlabelled hex taken") for r in result.reasons)
    assert not any(c.exact for c in result.serial_candidates)  # the candidates still say how they were read


def test_a_hex_string_after_the_kana_word_for_number_in_a_correction_is_its_serial() -> None:
    result = classify_text(
        "とどいた証明書のなまえのローマ字がまちがってます。なおしてほしいです\n"
        "ばんごう Ｃ４ＥＥ８ＡＢＣ７Ｃ０Ｄ５Ｃ８６\n"
    )
    assert result.intent == "correction" and result.serials == ["c4ee8abc7c0d5c86"]


def test_a_lone_hex_string_in_a_question_or_a_long_list_is_not_taken() -> None:
    question = classify_text("証明書の有効期間は何年ですか。\n9c8b7a6f5e4d3c2b\n")
    assert question.intent == "faq" and question.serials == []
    many = classify_text("証明書を失効してください。\n" + "".join(f"{i}) 9c8b7a6f5e4d3c{i:02x}\n" for i in range(1, 6)))
    assert many.serials == []
    signed = classify_text("証明書を失効してください。\n\n--\n山田\nd41d8cd98f00b204\n")
    assert signed.serials == []

"""Greetings, thanks and small talk are refused with the rule's id; a greeting before a question is not.

Also the share of words the FAQ's own texts use (faq_coverage), which the rejection model reads.

The sentences were written by hand for this test (not copied from any evaluation set).
"""

from __future__ import annotations

from collections import Counter

import pytest

from faq.engine import FaqEngine
from faq.smalltalk import RULES, small_talk

SMALL_TALK: list[tuple[str, str]] = [
    ("こんにちは！", "smalltalk-greeting"),
    ("おはようございます。", "smalltalk-greeting"),
    ("今日は。", "smalltalk-greeting"),
    ("お世話になっております。よろしくお願いいたします。", "smalltalk-greeting"),
    ("Hello there!", "smalltalk-greeting"),
    ("Good afternoon, everyone.", "smalltalk-greeting"),
    ("Hey, is anybody there?", "smalltalk-greeting"),
    ("ありがとうございました！助かりました。", "smalltalk-thanks"),
    ("Thanks a lot!", "smalltalk-thanks"),
    ("Thank you very much for your help.", "smalltalk-thanks"),
    ("誰かいませんか？", "smalltalk-presence"),
    ("だれかいる？", "smalltalk-presence"),
    ("Is someone available?", "smalltalk-presence"),
    ("Are you a real person?", "smalltalk-presence"),
    ("テスト", "smalltalk-presence"),
    ("お元気ですか", "smalltalk-chat"),
    ("How's it going?", "smalltalk-chat"),
    ("では、失礼いたしました。", "smalltalk-farewell"),
    ("Goodbye, have a nice day!", "smalltalk-farewell"),
]

QUESTIONS: list[str] = [
    "こんにちは。証明書の有効期間は何年ですか。",
    "ありがとうございます。ついでに料金も教えてください。",
    "Hello, how do I revoke my certificate?",
    "Thanks. Can an agent apply on my behalf?",
    "Is anyone allowed to get an iPROVE certificate?",
    "誰でも電子証明書を取得できますか。",
    "His certificate expired last week.",
    "テスト用の証明書は発行してもらえますか。",
    "今日は申込書を出せますか。",
    "",
]


@pytest.mark.parametrize(("text", "rule_id"), SMALL_TALK)
def test_faq_small_talk_is_read_with_its_rule(text: str, rule_id: str) -> None:
    talk = small_talk(text)
    assert talk is not None and talk.rule_id == rule_id, talk
    assert talk.reason.startswith(rule_id + ": ")


@pytest.mark.parametrize("text", QUESTIONS)
def test_faq_a_question_with_a_greeting_is_not_small_talk(text: str) -> None:
    assert small_talk(text) is None


def test_faq_small_talk_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) and all(i.startswith("smalltalk-") for i in ids)


@pytest.mark.parametrize("text", ["Hi, is anybody around?", "こんにちは、誰かいますか？", "ありがとうございました。"])
def test_faq_engine_refuses_small_talk_with_the_rule_id(engine: FaqEngine, lexical: FaqEngine, text: str) -> None:
    for eng in (engine, lexical):
        answer = eng.ask(text)
        assert not answer.answered and answer.confidence == 0.0
        assert answer.refusal is not None and answer.refusal.startswith("smalltalk-")


def test_faq_engine_answers_a_question_after_a_greeting(engine: FaqEngine) -> None:
    answer = engine.ask("こんにちは。証明書を失効する方法を教えてください。")
    assert answer.refusal is None
    if engine.fused:
        assert answer.faq_id == "revocation-01", (answer.faq_id, answer.confidence)


def test_faq_coverage_counts_only_the_faqs_own_words(lexical: FaqEngine) -> None:
    # "天気" (weather) is used by out-of-scope phrasings only: known to the index, foreign to the FAQ.
    weather: Counter[str] = lexical.analyzer.features("明日の天気はどうなりますか")
    assert lexical.faq_coverage(weather) < lexical.coverage(weather)
    own: Counter[str] = lexical.analyzer.features("証明書の有効期間を教えてください")
    assert lexical.faq_coverage(own) == pytest.approx(lexical.coverage(own))


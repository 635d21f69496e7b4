"""What the writer says they do not want (intake.wishes), shared by the intent rules and the serial scope."""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.serialscope import requested_serials
from intake.wishes import NEGATED_TOPIC, NOT_THIS_ONE, not_wanted, wanted_only


@pytest.mark.parametrize(
    "text",
    [
        "今の証明書は失効しないでください",
        "キャンセルは不要です",
        "失効の必要はありません",
        "取り消さないでほしい",
        "こちらは止めないでください",
        "停止しなくていいです",
        "無効にしないよう",
        "Please do not revoke my old one",
        "no need to cancel it",
        "can I renew without revoking the current certificate",
        "don't disable the work certificate",
        "please don't stop that one",
    ],
)
def test_asking_not_to_act_is_found(text: str) -> None:
    assert not_wanted(text), text


@pytest.mark.parametrize(
    "text",
    [
        "失効してください",
        "至急キャンセルをお願いします",
        "Please revoke it now",
        "I do not know how to revoke it, please do it for me",
        "Stop the certificate please",
    ],
)
def test_a_plain_request_is_not_taken_for_its_opposite(text: str) -> None:
    assert not not_wanted(text), text


def test_each_phrase_is_named_once_in_order() -> None:
    text = "失効しないでください。do not revoke. 失効しないでください"
    assert not_wanted(text) == ["失効しないでください", "do not revoke"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("失効ではなく申込の取り消しです", "申込の取り消しです"),
        ("キャンセルじゃなくて訂正をお願いします", "訂正をお願いします"),
        ("失効ではないです。名前の誤りです", "。名前の誤りです"),
    ],
)
def test_a_topic_set_aside_is_removed(text: str, kept: str) -> None:
    assert wanted_only(text) == kept


@pytest.mark.parametrize("text", ["電車でなくしました", "駅でなくした", "会社でなくなった書類", "どこかでなくすと困る"])
def test_losing_something_somewhere_is_no_negation(text: str) -> None:
    # "で" + "なくした" (lost it at …) is not "でなく" (not …): the loss must stay readable.
    assert NEGATED_TOPIC.search(text) is None
    assert wanted_only(text) == text


def test_a_bare_denakute_after_a_value_says_it_is_not_meant() -> None:
    assert NOT_THIS_ONE.match("）でなく、", 0)
    assert NOT_THIS_ONE.match(" ではなく", 0)
    assert not NOT_THIS_ONE.match("でなくしたカード", 0)


def test_the_intent_rules_and_the_serial_scope_read_the_same_words() -> None:
    # "止めないで" was known to the serial scope only, "失効の必要はありません" to neither; both
    # readers now see them.
    text = "証明書 4A7C0E11 は止めないでください。3B9F2D01 を失効してください。"
    result = classify_text(text)
    assert any(r.startswith("not wanted:") and "止めないで" in r for r in result.reasons)
    assert requested_serials(text, ["4a7c0e11", "3b9f2d01"]).serials == ["3b9f2d01"]
    result = classify_text("申込はもう不要ですが、失効の必要はありません。発行前です。")
    assert any("失効の必要はありません" in r for r in result.reasons)

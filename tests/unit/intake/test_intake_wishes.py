"""What the writer says they do not want (intake.wishes), shared by the intent rules and the serial scope."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from intake.classify import classify_text
from intake.fax import form_from_words
from intake.serialscope import requested_serials
from intake.wishes import NEGATED_TOPIC, NOT_THIS_ONE, REPORTED_TITLE, denied_incidents, not_wanted, wanted_only


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
        "失効は希望しません",
        "4,佐藤,継続利用のため失効しない",
        "| 佐藤 | 継続利用・失効しない |",
        '"阿部","7D2E0004","継続利用のため失効しない"',
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
        "早く失効しないといけないので、手続きを教えてください",
        "失効しないと困ります",
        "失効を希望します",
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


# Incidents denied and told, from mails and faxed forms alike: the intent rules and the fax
# reader share one pattern (intake.wishes.DENIED_INCIDENT) and must read every line alike.
INCIDENTS = json.loads((Path(__file__).resolve().parents[2] / "data" / "intents" / "denied_incidents.json").read_text())


@pytest.mark.parametrize("case", INCIDENTS["denied"], ids=lambda c: c["text"][:30])
def test_an_incident_the_writer_denies_is_found_by_both_readers(case: dict[str, str]) -> None:
    text = unicodedata.normalize("NFKC", case["text"])
    assert denied_incidents(text), text
    assert not denied_incidents(wanted_only(text)), "the denial is removed whole"
    # A form that only denies an incident is a plain revocation form, not an emergency one.
    assert form_from_words(text, "revocation")[0] == "revocation", text


@pytest.mark.parametrize("case", INCIDENTS["reported"], ids=lambda c: c["text"][:30])
def test_an_incident_told_as_it_happened_is_no_denial(case: dict[str, str]) -> None:
    text = unicodedata.normalize("NFKC", case["text"])
    # What the intent rules keep still tells of the incident, and the form is an emergency one.
    assert form_from_words(wanted_only(text), "revocation")[0] == "emergency_revocation", text
    assert form_from_words(text, "revocation")[0] == "emergency_revocation", text


@pytest.mark.parametrize(
    "text",
    [
        "社内サービスの切替のため、代表者の証明書の失効をお願いします。（紛失・漏洩等はございません。）\nシリアル番号：6F1A2B3C",
        "I am leaving Japan and will not need my certificate any more. It is still on my PC, nothing was lost or"
        " stolen. Please revoke it. Serial number: 3e:90:0d:1f:aa:62",
    ],
)
def test_an_ordinary_revocation_that_denies_a_loss_is_no_emergency(text: str) -> None:
    result = classify_text(text)
    assert result.intent == "revocation", result.reasons
    assert any(r.startswith("not happened:") for r in result.reasons)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            'A mail titled "Your key was leaked, act now" came this morning. Is it yours?',
            "A mail  came this morning. Is it yours?",
        ),
        ("件名「証明書が盗まれました」というメールが届きました。", "というメールが届きました。"),
    ],
)
def test_the_title_of_a_mail_received_is_its_senders_claim(text: str, kept: str) -> None:
    assert REPORTED_TITLE.search(text)
    assert wanted_only(text) == kept


def test_a_phishing_title_asked_about_is_no_emergency() -> None:
    # The writer asks whether a mail is genuine; the compromise is only in its quoted title.
    text = (
        'I received a message with the subject "URGENT: your certificate has been hacked".\n'
        "I did nothing with it. Is it really from you?"
    )
    assert classify_text(text).intent != "emergency_revocation"


def test_a_compromise_told_in_the_writers_own_words_stays() -> None:
    text = "My laptop was stolen yesterday. Please revoke my certificate."
    assert wanted_only(text) == text

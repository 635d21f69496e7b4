"""Kinds of wording the rules misread before stop 45, each with the look-alikes that must not change.

A Japanese sentence that a mail client wrapped at the paragraph's width, inside a clause ("…PCを紛失・盗難された
／場合に…"), is read as one line; the inquiry package received together with its invoice ("照会書・請求書ともに受領")
means nothing is issued yet; a certificate order terminated in English, not yet delivered, is an application
cancelled; another business's signing service chosen instead of ours is why the writer calls off their own
application, not what the mail is about; a key said to be safe where it belongs ("PCも手元にあります") denies the
incident that a model's vote alone would flag; a device whose whereabouts are unknown ("所在不明") is gone, and a key
used behind its holder's back ("本人の知らないうちに署名に使われた", "身に覚えのない電子署名") is compromised, in the
rules' own words.  Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.compromise import key_safe
from intake.rules import COMPROMISE, NOT_ISSUED, OTHER_CHOSEN
from intake.spelling import join_wrapped

_WRAPPED = (
    "弊社では役員の電子証明書をノートパソコンに入れて使っております。\n"
    "今のところ紛失などは起きていませんが、万一、海外の出張先でノートパソコンを紛失・盗難された\n"
    "場合に、どのように証明書を止めるのかを社内規程に書いておきたいと考えております。\n"
)


def test_a_line_filled_to_the_width_inside_a_sentence_is_joined() -> None:
    joined = join_wrapped(_WRAPPED)
    assert "盗難された場合に" in joined
    # The line that ends its sentence stays a line of its own.
    assert "使っております。\n今のところ" in joined


@pytest.mark.parametrize(
    "text",
    [
        # Short lines of a form or a chat are never run together, filled or not.
        "氏名　山田花子\n住所　東京都千代田区\n電話　03-0000-0000\n",
        "PCなくした\n止めてください\n",
        # A line that ends its sentence, or a line before a blank one, is no wrapped line.
        "証明書の失効をお願いしたく、本日この連絡を差し上げた次第でございます。\n次に必要な書類を教えてください。\n",
        "証明書の失効をお願いしたく、本日ご連絡を差し上げた次第でございますがよろしく\n\nお願いいたします\n",
    ],
)
def test_lines_that_were_not_wrapped_stay_apart(text: str) -> None:
    assert join_wrapped(text) == text


def test_a_what_if_wrapped_across_two_lines_is_a_question() -> None:
    assert classify_parts("緊急時の手順について", _WRAPPED, "").intent == "faq"


def test_a_loss_told_across_a_wrapped_line_is_still_an_emergency() -> None:
    body = (
        "至急のお願いです。本日の午後、取引先へ向かう電車の中で証明書を入れたノートパソコンを\n"
        "盗まれてしまいました。警察には届けてありますので、証明書をすぐに止めてください。\n"
    )
    assert classify_parts("", body, "").intent == "emergency_revocation"


@pytest.mark.parametrize(
    "text",
    ["照会書・請求書ともに受領しましたが", "照会書と請求書を受領しています", "照会書は昨日受領しました"],
)
def test_the_inquiry_package_received_with_its_invoice_means_not_issued(text: str) -> None:
    assert NOT_ISSUED.check(text)


def test_not_received_by_us_is_not_the_package_received() -> None:
    assert not NOT_ISSUED.check("照会書をご返送いただきありがとうございます")


def test_an_application_whose_package_arrived_is_cancelled_even_when_the_certificate_is_not_needed() -> None:
    body = (
        "申込取消しのお願いです。照会書・請求書ともに受領しましたが、まだ何も返送していません。"
        "電子証明書が不要となったためです。"
    )
    assert classify_parts("", body, "").intent == "cancellation"


def test_an_order_terminated_before_delivery_is_a_cancellation() -> None:
    body = (
        "Please terminate my certificate order from last month. It has not been delivered yet"
        " and I no longer need it."
    )
    assert classify_parts("", body, "").intent == "cancellation"


@pytest.mark.parametrize(
    "body",
    [
        "お世話になります。申込を取り下げたいです。理由：会社としてクラウドサインに一本化することになったため。",
        "We have decided to go with DocuSign, so please withdraw the application I sent in October.",
    ],
)
def test_another_signing_service_chosen_is_why_our_application_is_called_off(body: str) -> None:
    assert classify_parts("", body, "").intent == "cancellation"


@pytest.mark.parametrize(
    "body",
    [
        "DocuSignのプランを解約したいのですが、どこに連絡すればよいですか。",
        "個人でクラウドサインを使っています。契約書の送り方を教えてください。",
    ],
)
def test_the_other_service_itself_is_still_not_our_business(body: str) -> None:
    assert classify_parts("", body, "").intent == "other"


def test_other_chosen_needs_the_service_chosen() -> None:
    assert OTHER_CHOSEN.check("社内ではGMOサインを使うことに決まりました")
    assert not OTHER_CHOSEN.check("GMOサインの使い方がわかりません")


def test_a_key_said_safe_denies_what_a_vote_alone_would_flag() -> None:
    body = (
        "失効をお願いします。証明書を入れたUSBメモリのコピーは会社の金庫に保管してありますし、パソコンも手元にあります。"
        "プロジェクトが終わったので不要になっただけです。"
    )
    result = classify_parts("", body, "")
    assert (result.intent, result.possible_emergency) == ("revocation", False)



@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("パソコンも手元にありますし、特に問題はありません。", True),
        ("The laptop is still with me.", True),
        # Handed back, the machine may have gone with the key on it; a hope is no denial.
        ("そのパソコンは先月リース会社に返却済みで、データが消去されたかは分かりません。", False),
        ("PCは手元にあると思います。", False),
    ],
)
def test_only_a_key_said_to_be_at_hand_denies_an_incident(text: str, safe: bool) -> None:
    assert bool(key_safe(text)) is safe


@pytest.mark.parametrize(
    "body",
    [
        "経理部の共有トークンが、棚の中で所在不明になっています。証明書の失効をお願いします。",
        "営業部長の電子証明書が、本人の知らないうちに見積書の署名に使われていたようです。すぐ止めてください。",
        "取引先から、私の知らないうちに私の証明書で署名された契約書が届いたと連絡がありました。失効してください。",
    ],
)
def test_a_device_gone_missing_or_a_key_used_behind_its_holders_back_is_an_emergency(body: str) -> None:
    assert classify_parts("", body, "").intent == "emergency_revocation"


@pytest.mark.parametrize(
    "body",
    [
        # A person whose whereabouts are unknown is no device gone; a card of another business misused is theirs.
        "担当者の所在が不明で連絡が取れません。証明書を失効したいのですが、本人でなくてもできますか。",
        "クレジットカードが不正に使用されたので、カード会社に連絡しました。",
        # Asked in advance, the misuse is a what-if.
        "本人の知らないうちに証明書が使われた場合の対応を教えてください。",
    ],
)
def test_look_alikes_of_a_missing_device_or_a_misused_key_are_no_emergency(body: str) -> None:
    assert classify_parts("", body, "").intent != "emergency_revocation"


@pytest.mark.parametrize(
    "text",
    [
        "共有トークンが棚の中で所在不明になっています",
        "電子証明書が、本人の知らないうちに見積書の署名に使われていた",
        "身に覚えのない電子署名が付いた契約書が届きました",
    ],
)
def test_the_rules_themselves_see_the_compromise(text: str) -> None:
    # The models alone may already vote these emergencies; the rules now give the reason.
    assert COMPROMISE.check(text)


def test_a_person_whose_whereabouts_are_unknown_is_no_compromise() -> None:
    assert not COMPROMISE.check("担当者の所在が不明で連絡が取れません")

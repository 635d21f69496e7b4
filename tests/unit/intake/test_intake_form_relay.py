"""A contact form's relay of a person's message is a person's request, though marked machine-sent.

Form scripts mark their mail ``Auto-Submitted: auto-generated``; the detector must not set the
request aside as an auto-reply, and the header's own meaning (do not answer automatically) is
kept apart by :func:`intake.automated.reply_suppression`.  Every text here was written for this test.
"""

from __future__ import annotations

from email.mime.text import MIMEText

import pytest

from intake.automated import detect_automated, reply_suppression
from intake.classify import classify
from intake.formrelay import form_relay_reasons
from intake.parse import parse_message


def mail(subject: str, body: str, **headers: str) -> bytes:
    message = MIMEText(body, "plain", "utf-8")
    message["From"] = "form@shop.example.jp"
    message["To"] = "support@ca.example.jp"
    message["Subject"] = subject
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return message.as_bytes()


RELAY_JA = (
    "ホームページのお問い合わせフォームより送信されました。\n\n"
    "【お名前】 : 佐藤 花子\n【メールアドレス】 : hanako@example.co.jp\n【電話番号】 : 03-1234-5678\n"
    "【お問い合わせ内容】 :\n発行された証明書の氏名の漢字が「斉藤」になっています。\n"
    "正しくは「齋藤」です。訂正をお願いします。\n"
)
RELAY_EN = (
    "Name: John Carter\nEmail: j.carter@example.com\nCompany: Carter Trading\n"
    "Message: The address on my new certificate is wrong, the street number should be 12 not 21. "
    "Please correct it.\n"
)
# A ticket system's acknowledgement quotes the person's fields back: an auto-reply, not a relay.
ACK_QUOTING_FIELDS = (
    "お問い合わせありがとうございます。以下の内容で受け付けました。担当者よりご連絡いたします。\n\n"
    "お名前: 佐藤 花子\nメールアドレス: hanako@example.co.jp\nお問い合わせ内容: 証明書の訂正について\n"
)


@pytest.mark.parametrize("body", [RELAY_JA, RELAY_EN])
def test_a_form_relay_marked_auto_submitted_is_a_persons_request(body: str) -> None:
    parsed = parse_message(mail("Webサイトからのお問い合わせ", body, Auto_Submitted="auto-generated"))
    verdict, reasons = detect_automated(parsed)
    assert verdict == "none", reasons
    assert any(r.startswith("a web form relays a person's message") for r in reasons)
    # The header's own meaning is still read: nobody answers it automatically.
    assert reply_suppression(parsed) == ["Auto-Submitted: auto-generated"]
    assert classify(parsed, automated=verdict).intent == "correction"


def test_an_acknowledgement_quoting_the_fields_stays_an_auto_reply() -> None:
    raw = mail("【自動返信】お問い合わせありがとうございます", ACK_QUOTING_FIELDS, Auto_Submitted="auto-replied")
    assert detect_automated(raw).verdict == "auto_reply"


@pytest.mark.parametrize(
    "text",
    [
        # A person who mentions the form in their own words, with no fields: not a relay.
        "フォームから送信しようとしましたがエラーになったのでメールします。証明書を失効してください。",
        # Fields without the message itself (a signature block): not a relay.
        "Name: John Carter\nEmail: j.carter@example.com\nPhone: 555-0100\n",
        # Two fields without the form's banner: not enough.
        "お名前: 佐藤\nお問い合わせ内容: 証明書について\n",
    ],
)
def test_what_is_not_a_relay(text: str) -> None:
    assert form_relay_reasons(text) == []


@pytest.mark.parametrize(
    ("headers", "want"),
    [
        ({}, []),
        ({"Auto_Submitted": "no"}, []),
        ({"Auto_Submitted": "auto-replied"}, ["Auto-Submitted: auto-replied"]),
        ({"Auto_Submitted": "auto-generated; type=form"}, ["Auto-Submitted: auto-generated; type=form"]),
        # Exchange's hint to its own responders, which a person's client may set: not read.
        ({"X_Auto_Response_Suppress": "All"}, []),
    ],
)
def test_reply_suppression_reads_rfc_3834s_header_only(headers: dict[str, str], want: list[str]) -> None:
    assert reply_suppression(parse_message(mail("件名", "本文です。", **headers))) == want

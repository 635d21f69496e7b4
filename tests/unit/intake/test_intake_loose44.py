"""Kinds of wording the rules misread before stop 44, each with the look-alikes that must not change.

"もし" inside "何もしていない" is no "if"; a loss followed by "たら…どうなりますか" is a what-if; "nothing urgent"
denies haste; a pending application stopped or made "none" in a chat's words, and "cancel my app"; the application
form the writer posted is their application to the CA, even when another CA is why it is cancelled; a detail of the
certificate asked to be put right in a question, in chat words or in mixed Japanese and English; whether the CA's own
certificate can be used with a system the CA does not run is a question about the CA's product; a bounce whose copy
of our notice lists the certificates it revoked.  Every sentence here is written for these tests.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from intake.classify import classify, classify_parts
from intake.parse import parse_message
from intake.rules import CORRECTION, HYPOTHETICAL, OUR_USE_ASKED, OWN_SLIP, URGENCY


@pytest.mark.parametrize(
    "text",
    ["まだ何もしていないです", "誰もしらないと思う", "いつもしているように送りました"],
)
def test_mo_shi_inside_a_word_is_no_if(text: str) -> None:
    assert not HYPOTHETICAL.check(text)


@pytest.mark.parametrize("text", ["もし紛失したら連絡します", "もしもの時のために", "もし、PCをなくしたら"])
def test_a_real_if_is_still_read(text: str) -> None:
    assert HYPOTHETICAL.check(text)


@pytest.mark.parametrize(
    "body",
    [
        "証明書を入れてたタブレットごと落としたらどうなりますか？質問です",
        "ICカードを盗まれたら、どうすればいいんでしょう。念のため聞いておきたいです。",
    ],
)
def test_a_loss_asked_as_what_would_follow_is_a_question(body: str) -> None:
    assert classify_parts("", body, "").intent == "faq"


@pytest.mark.parametrize(
    "text",
    [
        "USBを紛失しました。拾われたらどうなりますか",
        "PCをなくしたらしくて、どうしようもないです",
    ],
)
def test_a_consequence_feared_after_a_loss_is_no_what_if(text: str) -> None:
    assert not HYPOTHETICAL.check(text)


def test_nothing_urgent_denies_haste() -> None:
    assert not URGENCY.check("Please revoke it, nothing urgent.")
    assert URGENCY.check("This is urgent, please revoke it.")
    body = "Please revoke cert 0x5b2e90c1d7a4f368, I am changing to another provider. Nothing urgent."
    assert classify_parts("", body, "").intent == "revocation"


@pytest.mark.parametrize(
    "body",
    [
        "cancel my app pls, havent paid yet",
        "申込 pending のやつ、stop してもらえますか？ まだ支払ってません",
        "先週申込んだやつ、なしで！",
    ],
)
def test_a_pending_application_called_off_in_chat_words_is_a_cancellation(body: str) -> None:
    assert classify_parts("", body, "").intent == "cancellation"


def test_an_app_on_a_phone_is_not_our_application() -> None:
    assert classify_parts("", "Can you stop the app from crashing? It closes every time.", "").intent != "cancellation"


def test_the_posted_form_is_our_application_even_when_another_ca_is_the_reason() -> None:
    body = (
        "5/12 に申込書を郵送しましたが、cancel させてください。\n"
        "Reason: our office will get a certificate from another CA.\n"
    )
    assert classify_parts("申込の取消", body, "").intent == "cancellation"


@pytest.mark.parametrize(
    "body",
    [
        "証明書の住所で「番地」の部分が抜けてるんですが、これって直してもらえますか？",
        "Could you fix the name on my cert? The form says Tanaka Yuki, the cert says Tanaka Yuuki.",
        "my 氏名 on the certificate is wrong, 高じゃなくて髙です",
        "申込書の email、typo しちゃいました。yaho → yahoo です。修正できますか？",
    ],
)
def test_a_detail_asked_to_be_put_right_is_a_correction(body: str) -> None:
    assert classify_parts("", body, "").intent == "correction"


@pytest.mark.parametrize(
    "text",
    ["PCを直してもらえますか", "Could you fix the printer in room 3?", "住所の書き方を教えてください"],
)
def test_a_repair_or_a_how_to_is_no_correction(text: str) -> None:
    assert not CORRECTION.check(text)


def test_a_slip_owned_in_chat_words() -> None:
    assert OWN_SLIP.check("住所ミスっちゃった")
    assert OWN_SLIP.check("メールアドレスのtypoしちゃいました")
    assert not OWN_SLIP.check("ミスがないか確認してください")


def test_our_certificate_asked_about_with_another_system_is_a_question() -> None:
    assert OUR_USE_ASKED.check("電子入札コアシステムで iPROVE の証明書は使えますか？")
    assert OUR_USE_ASKED.check("Can I use your certificate for signing PDFs?")
    body = "県の電子入札コアシステムで、御社の証明書は使えますか？使えないならどれを買えばいいでしょう。"
    assert classify_parts("電子入札について", body, "").intent == "faq"


def test_another_system_alone_stays_other() -> None:
    body = "電子入札コアシステムのログイン画面が開きません。どうすればいいですか。"
    assert classify_parts("", body, "").intent == "other"


def _bounce_with_pasted_copy(listing: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Mail Delivery System <mailer-daemon@mx.example.jp>"
    msg["To"] = "ca-desk@iprove.example.jp"
    msg["Subject"] = "Mail delivery failed: returning message to sender"
    msg.set_content(
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        "  somu@kita-kogyo.example.jp\n    mailbox is full: retry timeout exceeded\n\n"
        "------ This is a copy of the message, including all the headers. ------\n\n"
        "From: iPROVE CA局 <ca-desk@iprove.example.jp>\n"
        "To: somu@kita-kogyo.example.jp\n"
        "Subject: [MDG-000812] 名義人死亡による失効完了のお知らせ\n\n"
        "北工業 総務部 様\n\n故 北川 修 様名義の電子証明書2枚について、失効手続きが完了いたしました。\n\n"
        f"{listing}\n\niPROVE CA局\n"
    )
    return msg.as_bytes()


def test_a_bounce_keeps_the_serials_its_pasted_copy_lists() -> None:
    raw = _bounce_with_pasted_copy("  1. 5c1e0a9b7d3f2468\n  2. 9e8d7c6b5a4f3e21")
    result = classify(parse_message(raw), automated="bounce")
    assert result.serials == ["5c1e0a9b7d3f2468", "9e8d7c6b5a4f3e21"]


def test_a_bounce_without_a_listed_value_reads_none() -> None:
    raw = _bounce_with_pasted_copy("  ご不明点はお問い合わせください。")
    assert classify(parse_message(raw), automated="bounce").serials == []


def test_a_notice_received_by_someone_else_goes_to_an_operator() -> None:
    body = "このメール、宛先間違いではないですか？\n私は申込なんてしていません。同姓同名の別人だと思います。"
    quoted = "> 電子証明書の発行が完了いたしました。\n> シリアル番号：4f1a2b3c4d5e6f70\n"
    result = classify_parts("Re: [MDG-000321] 電子証明書発行のお知らせ", body, quoted)
    assert result.intent == "other"
    assert any("not meant for them" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("body", "intent"),
    [
        ("宛先を間違えて申込書を送ってしまいました。その申込は取り消してください。", "cancellation"),
        ("I think you have the wrong person, but my laptop with your certificate was stolen today. Revoke it now.",
         "emergency_revocation"),
    ],
)
def test_a_wrong_address_beside_a_request_keeps_the_request(body: str, intent: str) -> None:
    assert classify_parts("", body, "").intent == intent


@pytest.mark.parametrize(
    "body",
    [
        "照会書が届きましたが、やっぱり失効してください。",
        "I received the inquiry form yesterday, but please revoke my certificate application.",
    ],
)
def test_revoke_after_the_inquiry_form_arrived_is_a_cancellation(body: str) -> None:
    # The inquiry package (照会書一式) is sent before any issuance, so nothing issued can be revoked yet.
    assert classify_parts("", body, "").intent == "cancellation"


def test_the_inquiry_form_beside_an_issued_serial_keeps_the_revocation() -> None:
    body = "更新の照会書が届きました。今の証明書（シリアル 6a7b8c9d0e1f2a3b）は失効してください。"
    assert classify_parts("", body, "").intent == "revocation"


def test_the_writers_own_wrong_address_is_no_mail_received_by_mistake() -> None:
    body = (
        "先日、別のアドレス宛てに質問を送ったのですが戻ってきました（宛先を間違えていたようです）。\n"
        "あらためて質問です。申込書の電話番号は勤務先の番号でも大丈夫でしょうか。"
    )
    assert classify_parts("Fwd: Undelivered Mail Returned to Sender", body, "").intent == "faq"

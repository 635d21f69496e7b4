"""Kinds of wording the rules misread before stop 42, each with the look-alikes that must not change.

Incidents denied in a letter's words ("紛失や漏えいといった事情はなく", "紛失などの問題はございません",
"トラブルがあったわけではありません") and a hurry denied ("急ぎの事情はございません") or tied to a date ("最終出社日",
"間に合わせたい"); corrections told as typos, slips of the writer's own, letters lost, values shown with an arrow or
worded "になってますが、正式には"; an English word inside a Japanese sentence ("先週のapply"); a relative's death
told in a chat's few words; one's own certificate needed no more, asked how to cancel; a USB stick lost; a PIN sent
to a colleague; a seminar called off; a mail sent to the wrong address.  Every sentence here is written for these
tests.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.rules import CORRECTION, DEATH_EVENT, OWN_ENDED, OWN_SLIP, URGENCY
from intake.wishes import denied_incidents


@pytest.mark.parametrize(
    "text",
    [
        "秘密鍵の漏えいや紛失といった事情はなく、PCも手元にあります。",
        "端末について紛失などの問題はございません。",
        "盗難や紛失といった事象はございません。",
        "何かトラブルがあったわけではありません。",
    ],
)
def test_incidents_denied_in_a_letters_words_are_read_as_denied(text: str) -> None:
    assert denied_incidents(text)


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("急ぎの事情はございませんので、通常の順番で結構です。", False),
        ("急ぎではありません。", False),
        ("至急の対応をお願いします。", True),
        ("急ぎで失効してください。", True),
    ],
)
def test_a_hurry_denied_is_no_urgency(text: str, urgent: bool) -> None:
    assert bool(URGENCY.check(text)) is urgent


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "退職に伴う失効",
            "今月末で退職するため、証明書の失効をお願いします。シリアルは 7B21 90CE 44A0 D3F5 です。\n"
            "ノートPCは会社に返却済みで、紛失や漏えいといった事情はございません。急ぎの事情もございません。",
        ),
        (
            "【至急】失効のお願い",
            "引っ越しで住所が変わったため、急ぎで今の証明書を失効して申し込み直したいです。来週の入札に間に合わせたいのです。"
            "なくしたわけではありません。",
        ),
        (
            "",
            "最終出社日が来週水曜なので、それまでに私の証明書を失効しておきたいです。急ぎといえば急ぎですが、"
            "何かトラブルがあったわけではありません。",
        ),
    ],
)
def test_an_ordinary_revocation_with_its_incident_denied_is_no_emergency(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "revocation"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("", "急ぎで証明書を失効してください。昨日、証明書の入ったノートPCを電車に置き忘れました。"),
        ("", "PINを元同僚にメールで送ってしまいました…もう退職した人です。証明書を止めてください。"),
        (
            "Lost backup",
            "I copied my certificate to a USB stick as a backup, and I lost the stick on the bus. Please revoke it.",
        ),
    ],
)
def test_a_real_loss_or_leak_stays_an_emergency(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "emergency_revocation"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("", "登録したメールアドレスのtypoがありました。修正をお願いします。"),
        ("", "漢字ミスです。「沢」→「澤」でお願いします。"),
        ("", "会社名が「(株)サクラ製作所」になってますが、正式には「株式会社サクラ製作所」です。直してください。"),
        ("Phone number", "Hi, I wrote wrong phone number on my form. The right one is 090-2222-3333. Sorry!"),
        (
            "Accent",
            "Your system dropped the accent in my first name (José became Jose). Could this be corrected?",
        ),
        (
            "Typo",
            "I typed my postcode with two digits swapped on the online form and already submitted it. Can I fix it?",
        ),
        ("Address", "I wrote my room number as 305 on the application, but it's 503. Can you change it?"),
    ],
)
def test_corrections_told_in_loose_words(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "correction"


def test_a_mail_sent_to_the_wrong_address_is_no_correction() -> None:
    body = "Sorry, wrong address - this was meant for our office manager. Please disregard my last mail."
    assert not CORRECTION.check(body)
    assert classify_parts("", body, "").intent == "other"


def test_a_slip_asked_about_as_a_what_if_is_not_the_writers_own() -> None:
    assert not OWN_SLIP.check("If I typed my address wrongly, how would I correct it?")
    assert OWN_SLIP.check("申込書の住所を書き間違えました。")


@pytest.mark.parametrize(
    ("subject", "body", "intent"),
    [
        ("", "先月のapply、やっぱりなしでお願いします", "cancellation"),
        (
            "",
            "文書情報管理士で申し込んだ者です。書類が揃わないので、いったん申込を白紙に戻していただけますか。",
            "cancellation",
        ),
        ("", "来月のセミナー申込、取消したいです。予定が入りました", "other"),
        ("Webinar", "Please cancel my seat at the webinar next Tuesday.", "other"),
    ],
)
def test_cancellations_in_loose_words_and_events_called_off(subject: str, body: str, intent: str) -> None:
    assert classify_parts(subject, body, "").intent == intent


@pytest.mark.parametrize(
    "body",
    ["Dad passed 😢 what do I do with his certificate?", "my late wife's cert - please revoke"],
)
def test_a_relatives_death_told_in_few_words_is_a_death_notice(body: str) -> None:
    assert classify_parts("", body, "").intent == "death_notice"


def test_passed_an_exam_is_no_death() -> None:
    assert not DEATH_EVENT.check("My son passed the exam for document information manager.")


def test_ones_own_certificate_needed_no_more_asks_for_its_revocation() -> None:
    body = "I don't need my certificate any more since I moved abroad. How do I cancel it? It was issued in 2025."
    assert OWN_ENDED.check(body)
    assert classify_parts("No longer needed", body, "").intent == "revocation"
    assert not OWN_ENDED.check("If I don't need my certificate anymore, what happens?")


def test_a_general_question_asked_before_applying_is_faq() -> None:
    body = "Can an application be withdrawn after the fee has been paid? I am asking before I apply."
    assert classify_parts("", body, "").intent == "faq"


@pytest.mark.parametrize(
    "body",
    [
        "法人向けインターネットバンキングの電子証明書が期限切れになりました。どう更新すればよいでしょうか。",
        "Our corporate banking login says the certificate has expired. How do we renew it?",
        "クラウドサインとiPROVE、どっちが安いですか？",
        "My DocuSign account is locked. Can you unlock it?",
    ],
)
def test_questions_about_a_banks_certificate_or_another_e_signature_service_are_other(body: str) -> None:
    assert classify_parts("", body, "").intent == "other"


def test_a_key_file_sent_by_mistake_told_in_speech_is_an_emergency() -> None:
    assert classify_parts("", "秘密鍵のpfxファイル、取引先に誤送信しちゃいました…", "").intent == "emergency_revocation"

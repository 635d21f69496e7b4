"""Kinds of wording the rules misread before stop 43, each with the look-alikes that must not change.

A death told with the words before the relative ("死んだ父の", "しんだ ちちの"); a death denied ("nobody has died")
beside a question about what happens after one; the family and the given name in each other's place; a message
the writer says is not about certificates; a mail meant for someone else that asks to cancel something of theirs;
a complaint about a request that is already done; a receipt asked about beside the CA's fee payment.  Every
sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.rules import CORRECTION, DEATH_EVENT, FEE_PAYMENT, MISSENT, REQUEST_DONE, UNRELATED
from intake.wishes import denied_incidents, wanted_only


@pytest.mark.parametrize(
    "body",
    [
        "死んだ母の証明書、止めてもらえますか。",
        "しんだ おっとの しょうめいしょ を とめたい です",
        "なくなった ちちの でんししょうめいしょ は どうしたら いいですか",
        "亡くなった祖父のiPROVE証明書を失効させたいです。",
    ],
)
def test_a_relative_named_as_dead_before_the_word_is_a_death_notice(body: str) -> None:
    assert classify_parts("", body, "").intent == "death_notice"


@pytest.mark.parametrize(
    "text",
    [
        "なくなったファイルの証明書を探しています。",
        "なくなったつまみを探しています。",
    ],
)
def test_a_thing_lost_before_a_kana_word_is_no_death(text: str) -> None:
    assert not DEATH_EVENT.check(text)


@pytest.mark.parametrize(
    "body",
    [
        "What happens to the certificate if the holder dies? Nobody has died, I'm writing our office handbook.",
        "名義人が亡くなったときの手続きを知りたいです。終活の準備で調べています。",
        "If a certificate holder passes away, who asks for the revocation? No one in our family has died.",
    ],
)
def test_a_death_asked_about_and_denied_is_a_question(body: str) -> None:
    assert classify_parts("", body, "").intent == "faq"


@pytest.mark.parametrize("text", ["Nobody has died.", "No one in our family has died yet.", "誰も亡くなっていません。"])
def test_a_death_denied_is_read_as_denied(text: str) -> None:
    assert denied_incidents(text)
    assert not DEATH_EVENT.check(wanted_only(text))


def test_a_death_that_has_happened_is_still_a_death_notice() -> None:
    body = "My father has died last month. Nobody told us what to do with his certificate."
    assert classify_parts("", body, "").intent == "death_notice"


@pytest.mark.parametrize(
    "text",
    [
        "証明書の姓と名が逆になっています。",
        "苗字と名前が反対で発行されました",
        "my certificate shows my given name and surname swapped",
        "The last name and first name are the wrong way round on the cert.",
    ],
)
def test_names_in_each_others_place_are_a_correction(text: str) -> None:
    assert CORRECTION.check(text)


def test_names_swapped_in_a_chat_with_a_serial_is_a_correction() -> None:
    body = "hey, the cert shows my family name and given name switched?? 'Aiko Mori' came out as 'Mori Aiko'"
    assert classify_parts("", body, "").intent == "correction"


@pytest.mark.parametrize(
    "body",
    [
        "証明書とは関係ないのですが、御社のビルの駐車場は使えますか？",
        "This has nothing to do with certificates, but is your office open on Saturday?",
    ],
)
def test_a_message_the_writer_says_is_not_about_certificates_is_other(body: str) -> None:
    assert UNRELATED.check(body)
    assert classify_parts("", body, "").intent == "other"


def test_unrelated_words_do_not_hide_an_incident() -> None:
    body = "証明書とは関係ないかもしれませんが、証明書を入れたノートPCを盗まれました。失効してください。"
    assert classify_parts("", body, "").intent == "emergency_revocation"


@pytest.mark.parametrize(
    "body",
    [
        "Oops, this message was intended for our facilities team: please cancel my parking permit request.",
        "Sorry wrong chat — please cancel my lunch order for Friday.",
        "間違えてこちらに送ってしまいました。来週の備品の申込はキャンセルでお願いします。",
    ],
)
def test_a_mail_meant_for_someone_else_is_other(body: str) -> None:
    assert MISSENT.check(body)
    assert classify_parts("", body, "").intent == "other"


@pytest.mark.parametrize(
    "text",
    [
        "I sent the application to the wrong address first and then resent it.",
        "宛先を間違えて証明書ファイルを取引先に送ってしまいました。",
    ],
)
def test_a_form_or_a_key_sent_to_the_wrong_place_is_no_missent_mail(text: str) -> None:
    assert not MISSENT.check(text)


def test_a_key_file_sent_to_the_wrong_person_stays_an_emergency() -> None:
    body = "宛先を間違えて、証明書のpfxファイルを別の会社の人に送ってしまいました。失効をお願いします。"
    assert classify_parts("", body, "").intent == "emergency_revocation"


def test_a_complaint_about_a_request_already_done_is_other() -> None:
    body = (
        "先月、証明書の失効をお願いした者です。手続きは完了していますが、窓口の電話が全然つながらず困りました。"
        "もう少し何とかしてください。返信は不要です。"
    )
    assert REQUEST_DONE.check(body)
    assert classify_parts("", body, "").intent == "other"


def test_a_complaint_about_a_request_done_that_wants_an_answer_is_not_set_aside() -> None:
    body = "申込の手続きは完了していますが、電話が全然つながりません。証明書を失効してください。"
    assert classify_parts("", body, "").intent == "revocation"


def test_a_complaint_with_a_request_still_open_stays_a_request() -> None:
    body = "失効をお願いしてから2週間、何の連絡もありません。まだ失効されていないなら至急失効してください。"
    assert classify_parts("", body, "").intent in ("revocation", "emergency_revocation")


def test_a_receipt_asked_about_beside_the_fee_payment_is_a_question() -> None:
    body = (
        "経理担当です。社員の証明書の費用は会社で払います。支払いのタイミングはいつですか。"
        "また、領収書はいただけますか。"
    )
    assert FEE_PAYMENT.check(body)
    assert classify_parts("", body, "").intent == "faq"


def test_a_receipt_alone_asked_to_be_reissued_stays_other() -> None:
    body = "会費の領収書をなくしてしまいました。再発行していただけますか。"
    assert classify_parts("", body, "").intent == "other"

"""Kinds of wording the rules misread before branch loose41, each with the look-alikes that must not change.

Loose ways of calling off one's own application (a polite "なしにして", an application all in kana, a decision
"とりやめにします", stopping the issuance, one's own application withdrawn whatever paper or product is named
beside it, only the new application cancelled); a correction asked for where a cancel word is weighed, set
aside or is a strikethrough; and emergencies that are none: "not an emergency", a hurry from a writer who
denies any loss and gives an everyday reason, an earlier loss set apart as another matter, a what-if
asked in English, a procedure prepared for, a fear taken back for a slip; and a meeting about certificates called
off.  Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.compromise import hurry_without_incident
from intake.rules import CA_CONTEXT, CANCEL_WORD, WRONG_RIGHT
from intake.wishes import denied_incidents, not_wanted


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("", "先月頼んだ分ですが、なしにしてもらえますか。振込用紙はまだ使っていません。"),
        ("申込について", "しんせいしたのを とりけしたいです。まだ何も届いていません。"),
        (
            "申込のとりやめ",
            "昨日はお電話ありがとうございました。ご説明いただいた通り、申請はとりやめにいたします。\n川村",
        ),
        ("Stop issuing", "Please stop the issuance of my certificate. I applied two weeks ago but no longer need it."),
        (
            "Withdrawal",
            "I would like to withdraw my application sent in March. Please also send back the certificate of "
            "residence I enclosed.",
        ),
        (
            "",
            "今の証明書はこのまま使い続けます。更新用に出した申込だけキャンセルしてください。出すのが早すぎました。",
        ),
    ],
)
def test_loose_ways_of_calling_off_ones_own_application_are_cancellations(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "cancellation"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("", "来週の打ち合わせ、なしにしてもらえますか。別の日程でお願いします。"),
        ("Meeting", "Please cancel tomorrow's meeting, we will find another date."),
    ],
)
def test_a_meeting_called_off_stays_other(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "other"


def test_an_issued_certificate_stopped_is_still_a_revocation() -> None:
    body = "I have retired. Please stop my certificate, serial 3A:91:0C:5D:E2:77:48:B1.\nHelen"
    assert classify_parts("Retired", body, "").intent == "revocation"


def test_the_kana_words_of_an_application_called_off_are_read() -> None:
    # Read by the rules, not folded: the n-gram model's features stay the ones it was trained on.
    assert CANCEL_WORD.check("もうしこみは とりやめに します")
    assert CA_CONTEXT.check("しんせいしたのを")
    assert CA_CONTEXT.check("しんせつにしてもらいました") == []


@pytest.mark.parametrize(
    "text",
    ["申込書の住所を取り消し線で直しました。", "申込書の住所を取消線で消して書き直しました。"],
)
def test_a_strikethrough_is_no_cancel_word(text: str) -> None:
    assert CANCEL_WORD.check(text) == []


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "申込内容の誤り",
            "申込書の電話番号を書き間違えました。\n誤：03-1234-5678\n正：03-1234-5687\n訂正の仕方を教えてください。",
        ),
        ("", "申請をキャンセルするつもりはありません。申込書の番地だけ修正してほしいです。"),
        (
            "",
            "申込書の氏名の漢字を間違えていました。取り消して出し直すしかないのでしょうか。できれば訂正で済ませたいです。",
        ),
        (
            "Not a cancellation",
            "My last mail said cancel, but I don't want to cancel. I only want to correct my address.",
        ),
        ("Name", "the surname in my cert is wrong, it is Okafor not Okafur. please correct it"),
    ],
)
def test_a_correction_asked_for_is_no_cancellation(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "correction"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("", "申込書の住所を間違えてしまったので、申込を取り消してください。"),
        ("Wrong address", "I made a mistake in my address on the application. Please cancel my application."),
    ],
)
def test_an_application_made_wrongly_and_cancelled_stays_a_cancellation(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "cancellation"


def test_the_wrong_and_the_right_value_side_by_side_are_read() -> None:
    assert WRONG_RIGHT.check("誤：昭和52年 正：昭和53年")
    assert WRONG_RIGHT.check("wrong: 420\ncorrect: 402")
    assert WRONG_RIGHT.check("正しい住所は誤りなく書きました") == []


def test_a_cancellation_not_meant_is_not_wanted() -> None:
    assert not_wanted("申込をキャンセルするつもりはないのですが")


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("", "Please revoke my certificate, I'm moving abroad for good. This is not an emergency."),
        (
            "至急",
            "至急、証明書の失効をお願いします。鍵がなくなったとかではなく、来月から別の会社のサービスに移るためです。",
        ),
        (
            "失効のお願い（前回とは別件）",
            "2年前にノートPCを盗まれて緊急失効していただいた者です。今回はそれとは別件で、退職のため失効をお願いします。",
        ),
        (
            "Revocation",
            "Some years ago I reported a stolen phone and you revoked that certificate. This is a different matter: "
            "please revoke my current certificate because I am closing my office.",
        ),
    ],
)
def test_an_ordinary_revocation_told_beside_emergency_words_is_no_emergency(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "revocation"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Procedure",
            "For our staff handbook: if a lawyer's laptop is ever stolen, how do we ask for emergency revocation?",
        ),
        (
            "緊急失効の手順",
            "緊急失効をFAXで申し込んだ場合、確認の電話はどの番号にかかりますか。確認したいです。\n（今は失効の予定はありません）",
        ),
        (
            "Playbook",
            "We are preparing an incident response plan and would include how emergency revocation works and "
            "which documents are needed. Nothing has happened; this is for the plan only.",
        ),
    ],
)
def test_a_question_about_the_emergency_procedure_is_no_emergency(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent != "emergency_revocation"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("至急", "至急失効してください。証明書の入ったノートPCを電車に置き忘れて、まだ見つかっていません。"),
        (
            "以前の件とは別件です",
            "以前お問い合わせした件とは別件です。昨日、証明書の入ったノートPCを盗まれました。至急失効してください。",
        ),
        (
            "Stolen laptop",
            "Some years ago I asked about renewal; this is a different matter. My laptop with the certificate "
            "was stolen from my car this morning. Please revoke it urgently.",
        ),
        ("Lost", "If it matters: my laptop was stolen yesterday and the certificate is on it. Please revoke it now."),
        ("Urgent", "Urgent: my token was stolen today. Please revoke my certificate immediately."),
    ],
)
def test_an_emergency_told_beside_those_words_stays_an_emergency(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "emergency_revocation"


def test_a_key_gone_denied_in_passing_is_a_denial() -> None:
    assert denied_incidents("鍵がなくなったとかではなく、切り替えのためです")


def test_a_hurry_with_a_denial_but_no_everyday_reason_keeps_its_urgency() -> None:
    hits = {"urgency": ["urgency: '至急'"], "compromise": [], "emergency_revocation": []}
    kept = hurry_without_incident("至急失効してください。紛失ではありません。", dict(hits), ["紛失ではありません"])
    assert kept["urgency"]
    eased = hurry_without_incident(
        "至急失効してください。紛失ではなく、他社への切替のためです。", dict(hits), ["紛失ではなく"]
    )
    assert eased["urgency"] == []


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("申込中の分", "申込中の証明書をrevokeしてほしいです。まだ発行前で、部署で別の方法に決まりました。"),
        ("", "Could you cancel my pending application? I changed my plans."),
    ],
)
def test_the_models_cannot_vote_away_ones_own_application_called_off(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "cancellation"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("mtg", "来週の証明書更新の打ち合わせはキャンセルです。日程はまた連絡します。"),
        ("Renewal sync", "The meeting about our certificate renewal is cancelled; I'll send a new invite."),
    ],
)
def test_a_meeting_about_certificates_cancelled_is_other(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "other"


def test_an_application_called_off_after_a_meeting_stays_a_cancellation() -> None:
    body = "After the meeting with my manager we decided: please cancel my application, we do not need it."
    assert classify_parts("", body, "").intent == "cancellation"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Stolen? No, a typo",
            "At first I thought my certificate had been stolen, because it shows another company's name, "
            "but it's only a typo in the organisation name. Please correct it.",
        ),
        ("乗っ取り？いいえ", "乗っ取られたと思いましたが、証明書の氏名の誤記でした。訂正をお願いします。"),
    ],
)
def test_a_fear_taken_back_for_a_slip_is_a_correction(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "correction"


def test_a_fear_taken_back_for_a_worse_one_stays_an_emergency() -> None:
    body = "I thought my laptop was stolen, but it turns out I left it on the train and it's gone. Please revoke now."
    assert classify_parts("Laptop", body, "").intent == "emergency_revocation"

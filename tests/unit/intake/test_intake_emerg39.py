"""Kinds of wording the emergency and other-or-faq rules misread before branch emerg39.

Each test names one kind: a hurry that is only a deadline, a "lost" that is no thing, the other sense of
なくす, a wish denied, a card of another business stopped at once, a writer who holds no certificate at
all, an everyday word one slip from "urgently", and the state's cards and a driving licence asked about.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.rules import COMPROMISE, NO_KEY_HELD
from intake.spelling import fold
from intake.wishes import not_wanted


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "至急：退職者の証明書の失効",
            "至急お願いします。年度末までに退職者の証明書をすべて失効させるよう監査で指摘されました。\n"
            "シリアル 4C:19:7E:02:B8:55:A1:3D\n総務 岡本",
        ),
        (
            "Urgent revocation",
            "Urgent: please revoke the certificate of our former accountant before the end of the month; "
            "the auditors asked for it. Serial 5B:0E:91:C4:27:6A:D3:18.\nLena, office manager",
        ),
    ],
)
def test_a_hurry_to_meet_a_deadline_is_an_ordinary_revocation(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "revocation"


def test_a_stolen_laptop_with_a_deadline_is_still_an_emergency() -> None:
    body = (
        "My laptop with the signing certificate was stolen from my car last night. "
        "Please revoke it immediately, before Friday at the latest.\nKen"
    )
    assert classify_parts("Stolen laptop", body, "").intent == "emergency_revocation"


@pytest.mark.parametrize(
    "text",
    [
        "I got the certificate through my company, but I lost my job last week.",
        "The certificate was ordered by our office, and then we lost the contract.",
    ],
)
def test_a_job_or_contract_lost_is_no_device_lost(text: str) -> None:
    assert COMPROMISE.check(text) == []


def test_a_laptop_lost_is_still_read() -> None:
    assert COMPROMISE.check("I lost my laptop on the bus, with the certificate on it.")


@pytest.mark.parametrize("text", ["申請中の証明書をなくしてください。", "発行前の証明書は無くしてほしいです。"])
def test_nakushite_kudasai_asks_for_it_to_be_done_away_with(text: str) -> None:
    assert COMPROMISE.check(text) == []


def test_a_loss_told_with_nakushite_is_still_read() -> None:
    assert COMPROMISE.check("証明書の入ったUSBメモリをなくしてしまいました。")


@pytest.mark.parametrize(
    "text",
    [
        "すぐに失効したいわけではありません。",
        "キャンセルしたいのではなく、確認だけです。",
        "I don't want to revoke anything yet.",
        "I'm not asking to cancel it.",
    ],
)
def test_a_wish_denied_is_not_wanted(text: str) -> None:
    assert not_wanted(text)


def test_a_question_that_denies_the_hurry_is_no_emergency() -> None:
    body = "失効の届出の書式を見ておきたいです。今すぐ失効したいわけではありません。\n松田"
    assert classify_parts("書式について", body, "").intent != "emergency_revocation"


def test_a_card_of_another_business_stopped_at_once_is_no_emergency() -> None:
    body = "My bank card was taken at the market. Please block it immediately.\nS. Lee"
    assert classify_parts("Bank card", body, "").intent != "emergency_revocation"


@pytest.mark.parametrize(
    "text", ["（電子証明書は持っていません）", "証明書なんて持ってないです。", "、証明書は何も持っておりません。"]
)
def test_a_writer_who_holds_no_certificate_at_all_is_read(text: str) -> None:
    assert NO_KEY_HELD.check(text)


def test_a_lost_tablet_of_a_writer_with_no_certificate_is_no_emergency() -> None:
    body = "タブレットを落としました。\n電子証明書は持っていません。どこに連絡すればよいでしょうか。"
    assert classify_parts("タブレット", body, "").intent != "emergency_revocation"


def test_currently_is_no_slip_of_urgently() -> None:
    assert "urgently" not in fold("I am currently abroad and will reapply later.")


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("マイナ保険証", "マイナ保険証の期限が近いと通知がありました。どこで更新できますか？"),
        ("めんきょ", "運転免許証が失効していました。どこで手続きすればよいですか。"),
        ("まいなんばー", "まいなんばー の でんし しょうめいしょ が しっこう しました どうしたら いいですか"),
        ("Licence", "My driver's license expired last month. Can I renew it with you?"),
    ],
)
def test_the_states_cards_and_a_driving_licence_are_not_ours(subject: str, body: str) -> None:
    assert classify_parts(subject, body, "").intent == "other"

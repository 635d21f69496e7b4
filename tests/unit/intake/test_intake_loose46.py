"""Kinds of writing the readers missed before stop 46, each with the look-alikes that must not change.

A serial that a screen or a notebook broke anywhere, at the end of a full line or right after its label, is one
serial when its two parts make a serial's usual size; a wrapped serial ends where its digits end, so a second serial
on the same line is still read; a bank account abroad ("IBAN DE89 3704 …") is written in groups like a serial but is
none; a revocation asked for a forwarded mail that tells of a lost key is an emergency, as the forwarded mail's
sender would have written it.  Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.serials import extract_serials


@pytest.mark.parametrize(
    "text, serial",
    [
        # Broken at the end of a line filled to a mail program's width.
        (
            "お世話になります。先日お問い合わせした件で、父の手帳に番号らしきものが書いてあり、"
            "Serial No. として 9C41B7\n"
            "0D2E88F1A3 とメモしてありました。これで合っていますか。\n",
            "9c41b70d2e88f1a3",
        ),
        # Broken right after its label on a short line.
        ("シリアル番号: 5be0417\nc2d9a38e1 です。\n", "5be0417c2d9a38e1"),
    ],
)
def test_a_serial_broken_anywhere_is_joined_when_its_parts_make_a_serial(text: str, serial: str) -> None:
    assert extract_serials(text) == [serial]


@pytest.mark.parametrize(
    "text",
    [
        # The parts make no serial's size: two values, not one.
        "シリアル番号: 5be0417\nc2d9a38e1f0 です。\n",
        # A short line that names no serial: nothing says the two are one.
        "メモ 3f2a1b\n9c0d4e5f6a\n",
    ],
)
def test_parts_that_make_no_serial_are_not_joined(text: str) -> None:
    assert not any(len(s) in (16, 20) for s in extract_serials(text))


def test_a_second_serial_on_the_line_a_wrapped_one_ends_on_is_read() -> None:
    text = (
        "2枚とも住所の番地が違っていましたので、両方とも訂正をお願いいたします。\n"
        "1枚目のシリアル番号は3e91a07c55d2b\n"
        "640、2枚目は a81f0c6e29d47b13 です。\n"
    )
    assert extract_serials(text) == ["3e91a07c55d2b640", "a81f0c6e29d47b13"]


@pytest.mark.parametrize(
    "text",
    [
        "Please send any refund to my bank account, IBAN DE44 5001 0517 5407 3249 31.\n",
        "Refund to: IBAN GB29 NWBK 6016 1331 9268 19, BIC NWBKGB2L\n",
        "口座（海外）: IBAN FR14 2004 1010 0505 0001 3M02 606\n",
    ],
)
def test_a_bank_account_abroad_is_no_serial(text: str) -> None:
    assert extract_serials(text) == []


def test_a_serial_beside_a_bank_account_is_still_read() -> None:
    text = "The certificate is 0x6d0e55a1c39b7f24. Any fee can be paid from IBAN DE44 5001 0517 5407 3249 31.\n"
    assert extract_serials(text) == ["6d0e55a1c39b7f24"]


_FORWARD_ASK = (
    "総務の佐野です。所長から下記の連絡がありましたので転送いたします。\n"
    "本人は出張中のため、代わりにお送りしております。失効のお手続きをお願いできますでしょうか。\n"
)


def test_a_revocation_asked_for_a_forwarded_loss_is_an_emergency() -> None:
    forwarded = (
        "---------- Forwarded message ---------\nFrom: 所長\nSubject: 鍵の件\n\n"
        "佐野さん\n昨夜、タクシーの中に証明書のバックアップを入れたUSBメモリを置き忘れました。\n"
        "iPROVEに失効を頼んでおいてください。\n"
    )
    result = classify_parts("Fwd: 鍵の件", _FORWARD_ASK, forwarded)
    assert result.intent == "emergency_revocation"
    assert any(reason.startswith("forwarded: ") for reason in result.reasons)


@pytest.mark.parametrize(
    "forwarded",
    [
        # The forwarded mail tells of a retirement: an ordinary revocation.
        "---------- Forwarded message ---------\nFrom: 所長\n\n"
        "佐野さん\n今月末で事務所を閉じますので、証明書は不要になります。\n",
        # The forwarded mail asks what would happen in a loss that has not happened.
        "---------- Forwarded message ---------\nFrom: 所長\n\n"
        "佐野さん\n万一パソコンを紛失した場合の手順も、ついでに確認しておいてください。\n",
    ],
)
def test_a_forwarded_mail_without_an_incident_stays_a_revocation(forwarded: str) -> None:
    assert classify_parts("Fwd: 証明書の件", _FORWARD_ASK, forwarded).intent == "revocation"


def test_a_reply_that_quotes_a_loss_is_not_read_as_a_forward() -> None:
    # A reply quotes the mail it answers; only a forward carries its sender's request.
    quoted = "> 昨夜、タクシーの中に証明書を入れたUSBメモリを置き忘れました。\n"
    body = "お世話になっております。不要になった証明書の失効をお願いします。理由は退職です。\n"
    assert classify_parts("Re: 証明書の件", body, quoted).intent == "revocation"


@pytest.mark.parametrize(
    "body",
    [
        "証明書ってまだ出来てないですよね？出来てないならストップしてください。もう使わないので。",
        "申し込んだ件、まだ発行されていないなら止めてください。別の方法で対応することになりました。",
        "未発行ならとめてもらえますか。もう不要になりました。",
    ],
)
def test_stopped_on_condition_that_nothing_is_made_yet_is_a_cancellation(body: str) -> None:
    assert classify_parts("", body, "").intent == "cancellation"


@pytest.mark.parametrize(
    "body, intent",
    [
        # A certificate in use, asked to be stopped: an ordinary revocation.
        ("使っている証明書を止めてください。退職したのでもう使いません。", "revocation"),
        # A lost key with the certificate issued: an emergency, whatever else is said.
        ("証明書の入ったパソコンを盗まれました。すぐにストップしてください。", "emergency_revocation"),
    ],
)
def test_stopping_an_issued_certificate_is_not_read_as_calling_off_an_application(body: str, intent: str) -> None:
    assert classify_parts("", body, "").intent == intent

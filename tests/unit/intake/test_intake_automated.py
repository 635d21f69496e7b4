"""Detection of auto-replies and bounces, and recovery of a bounce's original Message-ID."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.automated import detect_automated
from intake.parse import parse_message

MAIL = Path(__file__).resolve().parents[2] / "data" / "mail"


def check(raw: bytes) -> tuple[str, list[str]]:
    verdict, reasons = detect_automated(parse_message(raw))
    return verdict, reasons


def test_customer_mail_is_not_automated() -> None:
    assert check((MAIL / "outlook_revocation_01.eml").read_bytes())[0] == "none"


def test_customer_mentioning_out_of_office_is_not_automated() -> None:
    assert check((MAIL / "thunderbird_en_ooo_human_54.eml").read_bytes())[0] == "none"
    body = "先日は不在のため電話に出られませんでした。申込をキャンセルしたいです。".encode()
    raw = (
        b"From: a@b.jp\r\nSubject: =?UTF-8?B?5Y+W44KK5raI44GX?=\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
    )
    verdict, reasons = check(raw)
    assert verdict == "none"
    assert any("不在のため" in r for r in reasons)  # seen and recorded, but not decisive alone


def test_headers_decide() -> None:
    for header in (
        "Auto-Submitted: auto-generated",
        "X-Autoreply: yes",
        "X-Autorespond: on",
        "Precedence: junk",
    ):
        verdict, reasons = check(f"From: a@b.jp\r\n{header}\r\nSubject: hi\r\n\r\nhello\r\n".encode())
        assert verdict == "auto_reply", header
        assert reasons


@pytest.mark.parametrize(("head", "words_alone"), [
    ("Subject: Out of Office: x", True),
    ("Subject: =?UTF-8?B?6Ieq5YuV6L+U5L+hOiDkuI3lnKg=?=", True),
    ("Auto-Submitted: auto-replied\r\nSubject: Out of Office: x", False),
    ("X-Autoreply: yes\r\nSubject: hi", False),
    ("Precedence: junk\r\nSubject: hi", False),
    ("Subject: hi\r\nX-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent", False),
])
def test_a_verdict_by_wording_alone_is_told_apart_from_a_machines_sign(head: str, words_alone: bool) -> None:
    # Only a verdict that no header, report part or mail system's sender backs may be a person's mail.
    result = detect_automated(parse_message(f"From: a@b.jp\r\n{head}\r\n\r\nbody\r\n".encode()))
    assert result.verdict == "auto_reply"
    assert result.by_words_alone is words_alone


def test_a_mail_that_says_it_is_automatic_is_not_by_wording_alone() -> None:
    body = "このメールは自動返信です。出張のため不在にしております。帰社後に拝見します。".encode()
    raw = b"From: a@b.jp\r\nSubject: hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
    result = detect_automated(parse_message(raw))
    assert result.verdict == "auto_reply" and not result.by_words_alone
    assert not detect_automated(parse_message(b"From: a@b.jp\r\nSubject: hi\r\n\r\nplease\r\n")).by_words_alone


def test_auto_submitted_no_is_human() -> None:
    assert check(b"From: a@b.jp\r\nAuto-Submitted: no\r\nSubject: hi\r\n\r\nplease revoke\r\n")[0] == "none"


def test_subject_labels() -> None:
    for subject in ("Automatic reply: x", "Out of Office: x", "=?UTF-8?B?6Ieq5YuV6L+U5L+hOiDkuI3lnKg=?="):
        assert check(f"From: a@b.jp\r\nSubject: {subject}\r\n\r\nbody\r\n".encode())[0] == "auto_reply", subject


def test_bounce_from_daemon_and_message_id_from_rfc822_headers() -> None:
    result = detect_automated(parse_message((MAIL / "bounce_gmail_27.eml").read_bytes()))
    assert result.verdict == "bounce"
    assert result.original_message_id == "<mdg-000140.1795800000.3d4e5f6a7b8c9d0e@ca.example.jp>"
    assert "sender is mailer-daemon" in result.reasons


def test_bounce_with_message_id_only_in_the_text() -> None:
    result = detect_automated(parse_message((MAIL / "bounce_jp_isp_28.eml").read_bytes()))
    assert result.verdict == "bounce"
    assert result.original_message_id == "<mdg-000045.1795500000.4e5f6a7b8c9d0e1f@ca.example.jp>"
    assert any("配信不能" in r for r in result.reasons)


def test_one_weak_bounce_sign_is_not_enough() -> None:
    raw = b"From: user@b.jp\r\nSubject: Fw: Undelivered Mail Returned to Sender\r\n\r\nWhy did this bounce?\r\n"
    assert check(raw)[0] == "none"


_REPORT_BODY = (
    b"\r\n\r\nThis is the mail system at host mx.b.jp.\r\n\r\n"
    b"I'm sorry to have to inform you that your message could not be delivered.\r\n"
)


def test_a_report_is_a_bounce_until_a_person_forwards_it() -> None:
    # The forward prefix is intake.subjects' one pattern: list tags before it, and the
    # French and German prefixes, make the mail a person's as "Fwd:" does.
    assert check(b"From: user@b.jp\r\nSubject: Undelivered Mail Returned to Sender" + _REPORT_BODY)[0] == "bounce"
    for prefix in (b"Fwd: ", b"[ext] Fwd: ", b"TR: ", b"WG: ", b"[ext] TR: "):
        raw = b"From: user@b.jp\r\nSubject: " + prefix + b"Undelivered Mail Returned to Sender" + _REPORT_BODY
        assert check(raw)[0] == "none", prefix


def test_accepts_raw_bytes_and_attachment_is_a_tuple() -> None:
    raw = (MAIL / "bounce_exchange_29.eml").read_bytes()
    result = detect_automated(raw)
    assert result.verdict == "bounce"
    assert result.original_message_id == "<mdg-000077.1795550000.5f6a7b8c9d0e1f2a@ca.example.jp>"
    filename, content_type, size, sha256, payload = parse_message(raw).attachments[-1]
    assert content_type == "message/rfc822" and size == len(payload) and len(sha256) == 64


def _mail(headers: str, body: str) -> bytes:
    return (f"From: a@b.jp\r\n{headers}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def test_newsletter_headers_alone_are_not_an_auto_reply() -> None:
    raw = _mail("Subject: セミナーのご案内\r\nList-Unsubscribe: <mailto:u@b.jp>\r\nPrecedence: bulk\r\n", "ご案内です")
    verdict, reasons = check(raw)
    assert verdict == "none"
    assert "mailing list headers present (weak)" in reasons


def test_ticket_acknowledgement_quoting_our_topic_is_an_auto_reply() -> None:
    raw = _mail(
        "Subject: [INC0012345] お問い合わせを受け付けました\r\n",
        "このメールはシステムより自動送信されています。\r\n失効請求の件、以下の内容で受け付けました。",
    )
    verdict, reasons = check(raw)
    assert verdict == "auto_reply"
    assert "ticket system acknowledgement" in reasons


def test_english_ticket_acknowledgement() -> None:
    raw = _mail("Subject: [#48213] We have received your request\r\n", "This is an automated response. Revoke")
    assert check(raw)[0] == "auto_reply"


def test_qmail_bounce_without_dsn_part() -> None:
    raw = _mail(
        "Subject: failure notice\r\nReturn-Path: <>\r\n",
        "Hi. This is the qmail-send program at mx.example.ne.jp.\r\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
    )
    assert check(raw)[0] == "bounce"


def test_japanese_mta_bounce_text_and_subject() -> None:
    raw = _mail(
        "Subject: メールを配信できませんでした\r\n",
        "次の宛先へのメッセージは配信できませんでした。宛先のメールアドレスが見つかりません。",
    )
    verdict, reasons = check(raw)
    assert verdict == "bounce"
    assert any(r.startswith("bounce text") for r in reasons)


def test_a_fax_notice_marked_auto_submitted_is_a_persons_fax() -> None:
    # Fax-to-email gateways mark their notices Auto-Submitted; the faxed page is a person's request.
    raw = (
        b"From: fax-noreply@fax-gateway.example.com\r\nTo: support@example.jp\r\n"
        b"Subject: Fax from +81-3-0000-0000 - 1 page(s)\r\nAuto-Submitted: auto-generated\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: application/pdf; name=fax.pdf\r\nContent-Disposition: attachment; filename=fax.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjMK\r\n--B--\r\n"
    )
    verdict, reasons = check(raw)
    assert verdict == "none", reasons
    assert "Auto-Submitted: auto-generated" in reasons
    # Without the page, the same headers are an automatic mail.
    plain = raw.split(b"\r\n\r\n--B")[0].replace(b"multipart/mixed; boundary=B", b"text/plain") + b"\r\n\r\nok\r\n"
    assert check(plain)[0] == "auto_reply"


@pytest.mark.parametrize(
    ("subject", "body", "words"),
    [
        (
            "[m-FILTER] 配送エラー通知",
            "このメールは、メールセキュリティゲートウェイから自動送信されています。\r\n"
            "以下のメールは受信ポリシーにより受信を拒否しました。\r\n　件名　：【iPROVE】電子証明書発行のお知らせ",
            "受信を拒否しました",
        ),
        (
            "[FILTER] 受信拒否のお知らせ",
            "下記のメールはセキュリティ設定により転送をブロックしました。\r\n件名：【iPROVE】電子証明書発行のお知らせ",
            "転送をブロックしました",
        ),
        (
            "Message blocked",
            "This notice was generated automatically.\r\nYour message was rejected by the filter of example.jp.",
            "message was rejected",
        ),
    ],
)
def test_a_filter_that_refused_our_mail_is_a_bounce_not_an_auto_reply(subject: str, body: str, words: str) -> None:
    # A security gateway's notice says it is sent automatically, but what it reports is that our
    # mail was refused on the way: the mail never arrived, which is what a bounce tells.  It writes
    # no MTA report, only that it refused the mail.
    verdict, reasons = check(_mail(f"Subject: {subject}\r\nReturn-Path: <>\r\n", body))
    assert verdict == "bounce", reasons
    assert any(r.startswith("bounce text") and words in r for r in reasons), reasons


def test_a_virus_gateway_that_deleted_our_mail_is_a_bounce() -> None:
    raw = _mail(
        "Subject: ウイルス検出のお知らせ\r\nReturn-Path: <>\r\n",
        "このメッセージはウイルスチェックシステムから自動送信されています。\r\n"
        "お客様宛てのメールからウイルスが検出されたため、メールは配送されずに削除されました。",
    )
    assert check(raw)[0] == "bounce"


def test_a_person_who_says_their_filter_refused_our_mail_is_a_person() -> None:
    # One sign (the wording) is not enough: a person may tell us our notice was refused.
    raw = _mail(
        "Subject: 発行のお知らせが届きません\r\n",
        "お世話になっております。社内のフィルタで御社からのメールの受信を拒否しました、と情シスから聞きました。"
        "再送いただけますか。",
    )
    assert check(raw)[0] == "none"


def test_an_administrators_test_note_from_the_postmaster_address_is_a_persons() -> None:
    raw = (
        b"From: postmaster@example-office.jp\r\nSubject: hello\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        b"This is a test message after our mail server move. Please ignore it.\r\n"
    )
    assert check(raw)[0] == "none"
    # The same address reporting a failure is still a bounce.
    report = raw.replace(b"This is a test message", b"Your message could not be delivered")
    assert check(report)[0] == "bounce"

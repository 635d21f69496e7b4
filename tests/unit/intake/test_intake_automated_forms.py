"""Automated mail in the forms the mail systems and people write it, with and without headers.

Bounces of Postfix, Exim, Sendmail, qmail, Exchange and Microsoft 365 (English and
Japanese), Gmail and Japanese ISPs; out-of-office replies with no header at all; and the
mails of people that must stay theirs (a forwarded bounce, a writer who will be away).
Every text here was written for this test.
"""

from __future__ import annotations

import base64
from email.mime.text import MIMEText

import pytest

from intake.automated import detect_automated
from intake.classify import classify, returned_message_text
from intake.parse import parse_message

ORIGINAL = (
    "\n\n----- Original message -----\nSubject: 証明書の失効のお願い\n\n"
    "シリアル番号 3A7F01C2 の証明書を至急失効してください。PCを紛失しました。\n"
)


def mail(subject: str, body: str, sender: str = "someone@example.jp", **headers: str) -> bytes:
    message = MIMEText(body, "plain", "utf-8")
    message["From"] = sender
    message["To"] = "support@ca.example.jp"
    message["Subject"] = subject
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return message.as_bytes()


def assert_verdict(raw: bytes, want: str) -> None:
    """Assert that *raw* is read as *want*, showing its subject, text and the reasons if not."""
    parsed = parse_message(raw)
    verdict, reasons = detect_automated(parsed)
    assert verdict == want, (parsed.subject, parsed.new_text, reasons)


BOUNCES = [
    mail(
        "Undeliverable: 証明書の失効のお願い",
        "Delivery has failed to these recipients or groups:\n\ntaro@example.jp\n" + ORIGINAL,
        "postmaster@example.onmicrosoft.com",
    ),
    mail(
        "配信不能: 証明書の失効のお願い",
        "次の受信者またはグループへの配信に失敗しました:\n\ntaro@example.jp\n" + ORIGINAL,
        "Microsoft Outlook <noreply@example.jp>",
    ),
    mail(
        "証明書の失効のお願い",
        "taro@example.jp にメッセージを配信できませんでした。\n"
        "リモート サーバーから '550 5.1.10 RESOLVER.ADR.RecipientNotFound' が返されました" + ORIGINAL,
        "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.onmicrosoft.com>",
    ),
    mail(
        "Mail delivery failed: returning message to sender",
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its recipients." + ORIGINAL,
        "mail system <noreply@example.jp>",
    ),
    mail(
        "Warning: could not send message for past 4 hours",
        "    **      THIS IS A WARNING MESSAGE ONLY      **\n"
        "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n" + ORIGINAL,
        "Mail Delivery Subsystem <noreply@example.jp>",
    ),
    mail(
        "Re: 証明書の失効のお願い",
        "Reporting-MTA: dns; mx.example.jp\n\nFinal-Recipient: rfc822; taro@example.jp\n"
        "Action: failed\nStatus: 5.1.1\n" + ORIGINAL,
        "noreply@example.jp",
    ),
    mail(
        "メール送信エラー",
        "このメールは、宛先のメールアドレスに配信できなかったため返送されました。\n宛先：taro@example.ne.jp" + ORIGINAL,
        "info@example.ne.jp",
    ),
    mail(
        "[携帯] 送信失敗",
        "送信したメールは以下の宛先に届きませんでした。\n" + ORIGINAL,
        "noreply@example.ne.jp",
    ),
]


BOUNCES += [
    mail(
        "DELIVERY FAILURE: User taro not listed",
        "Your message\n\n  Subject: 失効\n\nwas not delivered to:\n\n  taro@example.jp\n\nbecause:\n\n"
        "  User taro (taro@example.jp) not listed in Domino Directory",
        "notes@example.jp",
    ),
    mail(
        "Failure Notice",
        "Sorry, we were unable to deliver your message to the following address.\n\n<taro@mail.example>:\n"
        "554: delivery error: dd This user doesn't have an account" + ORIGINAL,
        "noreply@mail.example",
    ),
    mail(
        "Mail System Error - Returned Mail",
        "This Message was undeliverable due to the following reason:\n\nThe user's account is over quota." + ORIGINAL,
        "notify@example.jp",
    ),
    mail(
        "[携帯] 送信失敗",
        "送信されたメールは宛先不明のため配信できませんでした。\n" + ORIGINAL,
        "system@example.ne.jp",
    ),
    mail(
        "配信の遅延: 失効請求受付のご連絡",
        "次の受信者またはグループへの配信が遅延しています:\n\ntaro@example.jp\n" + ORIGINAL,
        "Microsoft Outlook <noreply@example.jp>",
    ),
]


# A fax gateway that could not send our fax: the fax did not reach its number, as a bounced mail.
BOUNCES += [
    mail(
        "[FAX送信エラー] 0312345678 宛 (失効受付のご連絡)",
        "FAXの送信に失敗しました。\n\n宛先番号 : 03-1234-5678\n原稿 : 失効受付票.pdf (1枚)\n結果 : 応答なし\n",
        "FAX Server <faxsrv@ca.example.jp>",
        Auto_Submitted="auto-generated",
    ),
    mail(
        "Fax send error: 0312345678",
        "Fax transmission failed.\nNumber: 03-1234-5678\nPages: 1\nResult: busy (3 retries)\n",
        "fax-out@ca.example.jp",
    ),
]


# Reports written as a statement and a block of fields ("理由 :", "Status : FAILED"), with no header.
BOUNCES += [
    # A fax server's report with an English subject the old words did not know.
    mail(
        "Fax NOT sent: 0451112222",
        "Your fax could not be delivered.\n\n  To:       0451112222\n  Pages:    2\n  Result:   Busy\n",
        "Fax Server <faxsrv@example.jp>",
    ),
    # A Japanese fax gateway that writes 「送信は失敗しました」 and its job fields.
    mail(
        "FAX送信結果のお知らせ",
        "以下のFAX送信は失敗しました。\n\n送信先番号 : 0451112222\nページ数 : 1\n結果 : 応答なし\n",
        "FAX Gateway <fax@example.jp>",
    ),
    # A plain non-delivery notice with no DSN and a person's display name in From.
    mail(
        "返送: お問い合わせの件",
        "以下のメールは配送できませんでした。\n\n宛先: hanako@example.jp\n理由: mailbox disabled\n",
        "受付窓口 <hanako@example.jp>",
    ),
    # A filter that held the mail for review.
    mail(
        "Message held for review",
        "Your message to a@example.com has been held by the recipient's security policy.\n\n"
        "Reason: suspected impersonation\nReference: 4f1c2a\n",
        "Mail Security <no-reply@gw.example.com>",
    ),
    # A quarantine notice marked Auto-Submitted is a failed delivery, not an answer.
    mail(
        "[隔離通知] メールは隔離されました",
        "送信されたメールはポリシーにより隔離されました。\n受信者には配信されていません。\n\n"
        "宛先 : t@example.co.jp\n理由 : URL を含むメール\n",
        "quarantine@gw.example.co.jp",
        Auto_Submitted="auto-generated",
    ),
]


@pytest.mark.parametrize("raw", BOUNCES)
def test_bounces_of_many_mail_systems(raw: bytes) -> None:
    assert_verdict(raw, "bounce")


AUTO_REPLIES = [
    mail(
        "Re: 証明書の失効について",
        "誠に勝手ながら、11月28日から12月2日まで休暇をいただいております。\n"
        "期間中にいただいたメールは12月3日以降に確認いたします。",
    ),
    mail("Re: 失効手続き", "出張のため、12月1日まで不在にしております。\n戻り次第ご返信いたします。"),
    mail("Re: 失効", "只今、産休を取得しております。\nご用件は下記担当までお願いいたします。"),
    mail("Re: 失効", "本メールは自動返信です。\nお問い合わせいただきありがとうございます。"),
    mail("Re: 証明書", "申し訳ございませんが、現在休暇中のため、12月5日までメールを確認できません。"),
    mail(
        "Re: revocation",
        "Thank you for your email. I am currently out of the office with limited access to email "
        "and will return on December 3.",
    ),
    mail("Re: revocation", "Hello,\nI'm on vacation until 5 December and will reply when I return."),
    mail("Abwesenheitsnotiz: revocation", "Ich bin nicht im Büro."),
]


AUTO_REPLIES += [
    mail(
        "Re: 失効請求受付のご連絡",
        "お問い合わせありがとうございます。\nこちらは自動送信メールです。担当者より追ってご連絡いたします。",
    ),
    mail(
        "Thank you for contacting us",
        "Thank you for your message. This is an automated acknowledgement; we will get back to you soon.",
    ),
    mail("Automatische Antwort: x", "Ich bin bis 3.12. nicht erreichbar."),
    mail(
        "Re: revocation",
        "Thanks for your email. I'm out of office today with no access to my email. I will respond when I'm back.",
    ),
]


@pytest.mark.parametrize("raw", AUTO_REPLIES)
def test_out_of_office_without_headers(raw: bytes) -> None:
    assert_verdict(raw, "auto_reply")


PEOPLE = [
    mail(
        "Fwd: Undeliverable: 証明書の失効のお願い",
        "先日お送りした失効のお願いがエラーで戻ってきました。シリアル番号 3A7F01C2 の証明書を失効してください。\n\n"
        "---------- Forwarded message ---------\nFrom: postmaster@example.jp\n"
        "Delivery has failed to these recipients or groups:",
    ),
    mail(
        "不在中の対応について",
        "来週から休暇で不在になります。その間に証明書の有効期限が切れそうなのですが、どうすればよいでしょうか。",
    ),
    mail(
        "Re: 失効について",
        "I was out of the office last week, sorry for the late reply. Please revoke the certificate.",
    ),
    mail("x", "来週から出張のため不在になります。戻り次第ご連絡しますが、それまでに証明書の失効をお願いします。"),
    mail("メールが届きません", "申込をしましたが、確認のメールが届きませんでした。再送していただけますか。"),
    mail("失効について", "休暇から戻りました。不在中にいただいた失効のご案内を確認しました。手続きを進めてください。"),
    mail(
        "Re: 失効",
        "自動返信が届きましたが、こちらのメールは受け付けられていますか？証明書の失効をお願いしたいです。",
    ),
]


# A person whose own fax did not go through, and a fax gateway's notice of a received fax that carries an
# excerpt of the page (no page attached): the page is a person's request, though the gateway calls itself automatic.
PEOPLE += [
    mail("失効請求書の送付", "FAXの送信に失敗したので、失効請求書をメールに添付してお送りします。よろしくお願いします"),
    mail(
        "FAX受信通知 (送信元: 0312345678, 1ページ)",
        "■FAX受信通知■\n受信日時 : 2025-03-03 10:02\n送信元 : 0312345678\n\n▼1ページ目 文字認識(参考)\n"
        "  電子証明書失効請求書\n  失効理由: □紛失 ■退職\n\n※このメールは送信専用アドレスから自動送信しています。",
        "FAX Gateway <fax-in@ca.example.jp>",
        Auto_Submitted="auto-generated",
    ),
]


# People who write the words or fields of reports.
PEOPLE += [
    # Words of a report inside a person's sentence, and in a person's subject with a question.
    mail(
        "Delivery Status Notification? - how long does it take",
        "Hello,\nI applied last week and got no delivery status notification, no reply at all.\n"
        "How long does issuance take?\n",
        "Ken <ken@example.de>",
    ),
    # A person who resends a revocation request after a failure, with a form of their own.
    mail(
        "失効のお願い(再送)",
        "先ほどのメールが送信できませんでしたので再送します。\n\n宛先: 窓口ご担当者様\n理由: 紛失\n"
        "シリアル番号: 3A7F01C2\n\n至急失効をお願いします。",
        "Taro <taro@example.jp>",
    ),
    # A person who answers a fax report and copies its fields into their own words.
    mail(
        "Re: Fax NOT sent: 0451112222",
        "このような通知が届きました。\n\n結果: 話し中\nページ数: 1\n\n番号をご確認ください。",
        "Taro <taro@example.jp>",
    ),
]


@pytest.mark.parametrize("raw", PEOPLE)
def test_people_who_mention_bounces_or_absence_are_people(raw: bytes) -> None:
    assert detect_automated(parse_message(raw)).verdict == "none"


def _qmail_bounce_of(body: str) -> bytes:
    """A qmail bounce that pastes our notice (with *body* as its base64 text) below its report."""
    inner = (
        "From: ca@ca.example.jp\r\nTo: t@example.ne.jp\r\nSubject: =?utf-8?B?5aSx5Yq5?=\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(body.encode()).decode()
    )
    return (
        "From: MAILER-DAEMON@mx.example.ne.jp\r\nSubject: failure notice\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Hi. This is the qmail-send program at mx.example.ne.jp.\r\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n"
        "--- Below this line is a copy of the message.\r\n\r\n" + inner
    ).encode()


def test_a_bounce_names_the_serial_of_the_message_it_returns() -> None:
    parsed = parse_message(_qmail_bounce_of("シリアル番号：7E-21-C0-9D-44-AB-10-F3\n失効請求を受け付けました。\r\n"))
    assert detect_automated(parsed).verdict == "bounce"
    assert "7E-21-C0-9D-44-AB-10-F3" in returned_message_text(parsed)
    result = classify(parsed)
    assert result.serials == ["7e21c09d44ab10f3"]
    assert result.serial_candidates[-1].source.startswith("returned message")


@pytest.mark.parametrize(
    "line",
    [
        "3b57 457b 6ac1 5379 9c1d 2e3f 4a5b 6c7d",
        "3B57457B 6AC15379 9C1D2E3F 4A5B6C7D",
        "3B57457B6AC15379 9C1D2E3F4A5B6C7D",
    ],
)
def test_a_bounce_of_a_notice_about_two_certificates_names_both_serials(line: str) -> None:
    # Our notice lists the two serials of the case on one line; the bounce returns it, and the
    # two must not be read as one 32-digit serial.
    raw = _qmail_bounce_of(f"以下の2件の証明書の失効請求を受け付けました。\nシリアル番号：{line}\n")
    result = classify(parse_message(raw))
    assert result.serials == ["3b57457b6ac15379", "9c1d2e3f4a5b6c7d"]


# Our notices pasted below a rule, where a person's mail has its signature: a ticket system's
# acknowledgement quoting the notice it answers, and a Japanese carrier's bounce.
_NOTICE_BELOW_A_RULE = {
    "ticket acknowledgement": (
        "[Request #48213] Re: [MDG-2026-0440] Revocation completed / 失効完了",
        "##- Please type your reply above this line -##\n\n"
        "Your request (48213) has been received and is being reviewed by our support staff.\n\n"
        "----------------------------------------------\n"
        "iPROVE CA Madoguchi, Nov 30, 2026, 10:15 JST\n\n"
        "The certificate with serial number 0x2F44A1C09B has been revoked as requested.\n",
        "help@tickets.example.com",
        "auto_reply",
        "2f44a1c09b",
    ),
    "carrier bounce": (
        "宛先不明のため送信できませんでした",
        "このメールは、送信されたメールが宛先に届かなかったことをお知らせするものです。\n\n"
        "■宛先不明\n 送信先のメールアドレスは存在しません。\n 宛先：hanako@docomo.example.jp\n\n"
        "■送信されたメール\n------------------------------------------------------------\n"
        "件名：【iPROVE】緊急失効受付のお知らせ [MDG-2026-1119-0003]\n\n"
        "FAXによる緊急失効請求を受け付けました。\n　シリアル番号：5D-E0-11-AC-07\n"
        "------------------------------------------------------------\n",
        "MAILER-DAEMON@docomo.example.jp",
        "bounce",
        "5de011ac07",
    ),
}


@pytest.mark.parametrize("case", list(_NOTICE_BELOW_A_RULE))
def test_an_automated_mail_names_the_serial_of_our_notice_pasted_below_a_rule(case: str) -> None:
    subject, body, sender, verdict, serial = _NOTICE_BELOW_A_RULE[case]
    parsed = parse_message(mail(subject, body, sender, **{"Auto-Submitted": "auto-replied"}))
    assert detect_automated(parsed).verdict == verdict
    assert serial.upper()[:4] not in parsed.new_text.upper()  # the notice is below the rule
    assert classify(parsed, automated=verdict).serials == [serial]


def test_a_person_signature_below_a_rule_gives_no_serial() -> None:
    # The same block in a person's mail is a signature: nothing is read from it.
    body = "証明書について質問があります。有効期間は何年ですか。\n\n-----\n山田商事 山田\nID 4F1A0C2201\n"
    parsed = parse_message(mail("質問", body))
    assert classify(parsed, automated="none").serials == []


def _read_receipt() -> bytes:
    """A read receipt as Thunderbird and Outlook send it: multipart/report of a disposition."""
    from email.mime.multipart import MIMEMultipart

    report = MIMEMultipart("report", report_type="disposition-notification")
    report.attach(MIMEText("この受信確認は、送信したメッセージが表示されたことを示します。", "plain", "utf-8"))
    notice = MIMEText(
        "Reporting-UA: example.jp; Thunderbird\nFinal-Recipient: rfc822;taro@example.jp\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n",
        "plain",
        "utf-8",
    )
    notice.replace_header("Content-Type", "message/disposition-notification")
    report.attach(notice)
    report["From"] = "taro@example.jp"
    report["To"] = "support@ca.example.jp"
    report["Subject"] = "開封確認: 【iPROVE】電子証明書の失効のお知らせ"
    return report.as_bytes()


MACHINE_NOTICES = [
    _read_receipt(),
    mail("開封済み: 【iPROVE】失効手続き完了のお知らせ", "メッセージは 2025/03/04 10:12 に開封されました。"),
    mail(
        "keiri-ml への投稿は司会者の承認待ちです",
        "あなたの投稿は司会者の承認待ちです。承認されるまでお待ちください。",
        "keiri-ml-owner@lists.example.jp",
        X_List_Administrivia="yes",
        Precedence="bulk",
    ),
    mail(
        "Ticket Received - 【iPROVE】緊急失効完了のお知らせ",
        "We would like to acknowledge that we have received your request and a ticket has been created with "
        "Ticket ID - 3391. A support representative will review your request.",
        "Support <support@example.freshdesk.com>",
    ),
    mail(
        "お盆休みのお知らせ（自動返信）",
        "誠に勝手ながら8月10日から8月16日までを夏季休業とさせていただきます。17日以降に順次対応いたします。",
    ),
]


@pytest.mark.parametrize("raw", MACHINE_NOTICES)
def test_read_receipts_list_notices_and_help_desk_acknowledgements_are_auto_replies(raw: bytes) -> None:
    assert_verdict(raw, "auto_reply")


PEOPLE_NEAR_MACHINES = [
    mail("開封確認について", "御社からのメールに開封確認が付いていましたが、失効の手続きはもう終わっていますか？"),
    mail(
        "Re: Ticket Received",
        "Our helpdesk sent you an automatic ticket notice by mistake. Please revoke my certificate, serial 3A7F01C2.",
    ),
    mail("自動返信について", "（自動返信）と書かれたメールが届きましたが、申込は受け付けられていますか。"),
]


@pytest.mark.parametrize("raw", PEOPLE_NEAR_MACHINES)
def test_people_who_write_about_receipts_or_tickets_are_people(raw: bytes) -> None:
    assert detect_automated(parse_message(raw)).verdict == "none"


def test_a_person_answering_an_auto_reply_is_a_person() -> None:
    raw = mail(
        "Re: 【自動返信】お問い合わせを受け付けました",
        "自動返信が来ましたが急ぎです。PCを盗まれたので証明書を止めてください。",
    )
    assert detect_automated(parse_message(raw)).verdict == "none"


# Stop 24: an autoresponder that answers with its own subject label after "Re:" and promises an answer
# within some business days; an address-change notice that asks to write to the new address.
AUTORESPONDERS_AND_NOTICES = [
    mail(
        "Re: 証明書の件【自動返信】",
        "お問い合わせいただき、誠にありがとうございます。\n内容を確認のうえ、担当者より2営業日以内にご連絡いたします。\n\n"
        "▼セミナーのご案内\nhttps://example.jp/seminar/",
    ),
    mail(
        "Re: revocation [Auto-Response]",
        "Thanks for reaching out to Acme Sales. We will get back to you within 2 business days.",
    ),
    mail(
        "アドレス変更のお知らせ",
        "いつもありがとうございます。\nこのアドレスは9月末で使用を終了しました。\n"
        "新しいアドレス taro@example.ne.jp 宛に再送をお願いします。",
    ),
    mail(
        "Address change",
        "This e-mail address is no longer in use. Please resend your message to my new address hanako@example.com.",
    ),
]


@pytest.mark.parametrize("raw", AUTORESPONDERS_AND_NOTICES)
def test_autoresponders_and_address_change_notices_are_auto_replies(raw: bytes) -> None:
    assert_verdict(raw, "auto_reply")


# People whose mail says that someone is away, or that an address changed, while asking the CA for something.
PEOPLE_AWAY_OR_MOVED = [
    mail(
        "部下の証明書について",
        "部下の佐藤は外出中で、戻り次第本人から連絡させます。佐藤の証明書が入ったノートPCが見当たりません。"
        "至急対応をお願いします。",
    ),
    mail(
        "証明書の件",
        "部下の田中は出張中のため、戻り次第本人からご連絡いたします。取り急ぎ、申込書の控えをお送りします。",
    ),
    mail(
        "連絡先の変更",
        "メールアドレスを変更しました。新しいアドレスは taro@example.ne.jp です。今後はこちらにご連絡をお願いします。",
    ),
]


@pytest.mark.parametrize("raw", PEOPLE_AWAY_OR_MOVED)
def test_people_who_write_of_someone_away_or_a_new_address_are_people(raw: bytes) -> None:
    assert_verdict(raw, "none")


# People who ask whether a mail came from a machine, and people who keep our case tag in a new subject.
PEOPLE_ASKING_ABOUT_MACHINES = [
    mail(
        "確認のお願い",
        "昨日届いた失効のお知らせですが、このメールは自動送信されたものでしょうか？心当たりがありません。",
    ),
    mail("Re: 証明書の件", "自動返信メッセージです、と書かれていましたが本当ですか？至急確認したいことがあります。"),
    mail("[MDG-00955] 書類の送付", "受付完了のメールは届きました。本日、除籍謄本を郵送しました。"),
]


@pytest.mark.parametrize("raw", PEOPLE_ASKING_ABOUT_MACHINES)
def test_people_who_ask_about_machines_or_keep_our_case_tag_are_people(raw: bytes) -> None:
    assert_verdict(raw, "none")


def test_an_out_of_office_with_a_virus_check_footer_stays_an_auto_reply() -> None:
    # A guard for the rule above that a loss reported in haste is a person's: a footer's virus is no loss.
    raw = mail(
        "Re: 失効",
        "現在休暇中のため、12月5日以降に順次返信いたします。緊急の場合は鈴木までご連絡ください。\n\n"
        "このメールはウイルスチェック済みです。",
    )
    assert detect_automated(parse_message(raw)).verdict == "auto_reply"


# People who say their mail is not automatic, in the subject or in the text, and people who paste a
# report below their own account of it and ask about it: a person's request must never be set aside.
PEOPLE_WHO_DENY_OR_PASTE = [
    mail(
        "【自動送信ではございません】父の証明書について",
        "このメールは自動送信ではございません。\n父が先月亡くなりました。父の電子証明書の手続きを教えてください。",
    ),
    mail("自動返信じゃないです：失効の件", "先日お願いした失効の件、その後どうなりましたか。"),
    mail(
        "Why was my mail returned? (Undelivered Mail)",
        "Hello,\nI tried to send you the revocation form this morning and got the message below. "
        "Which address should I use?\n\nFinal-Recipient: rfc822; ca@example.jp\nAction: failed\n"
        "Status: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n",
    ),
    mail(
        "送信エラーについて",
        "失効請求書をメールで送ったところ、以下のエラーが返ってきました。どちらに送ればよいでしょうか。\n\n"
        "This is the mail system at host mx.example.jp.\nI'm sorry to have to inform you that your message "
        "could not be delivered to one or more recipients.\n",
    ),
]


@pytest.mark.parametrize("raw", PEOPLE_WHO_DENY_OR_PASTE)
def test_people_who_deny_being_a_machine_or_paste_a_report_with_a_question_are_people(raw: bytes) -> None:
    assert_verdict(raw, "none")


# Systems that say they send by themselves in words the older patterns missed.
SYSTEMS_SENDING_BY_THEMSELVES = [
    mail(
        "Re: 証明書の有効期限のお知らせ",
        "メールありがとうございます。\n本メールは受信確認のため自動でお送りしております。\n"
        "内容を確認のうえ、担当者より改めてご連絡いたします。",
        "Tanaka Office <info@tanaka.example.jp>",
    ),
    mail(
        "受信メール自動返信",
        "このメールは、携帯メールの自動返信機能により送信されています。\nただいま電話に出られません。",
        "noreply@carrier.example.ne.jp",
    ),
]


@pytest.mark.parametrize("raw", SYSTEMS_SENDING_BY_THEMSELVES)
def test_systems_that_say_they_send_by_themselves_are_auto_replies(raw: bytes) -> None:
    assert_verdict(raw, "auto_reply")


def test_a_bounce_that_quotes_the_senders_question_stays_a_bounce() -> None:
    # A guard: a real report quotes the original below it, and the original's question is not the report's.
    raw = mail(
        "Undelivered Mail Returned to Sender",
        "This is the mail system at host mx.example.jp.\n\nI'm sorry to have to inform you that your message "
        "could not be delivered.\n\n--- original ---\nI tried to send you this yesterday. Did it arrive?\n",
        "MAILER-DAEMON@mx.example.jp",
    )
    assert detect_automated(parse_message(raw)).verdict == "bounce"

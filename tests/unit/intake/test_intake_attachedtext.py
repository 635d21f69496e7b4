"""Serials given only in an attached text or CSV file (intake.attachedtext), and in a bounce's returned headers."""

from __future__ import annotations

from email.message import EmailMessage

from intake.attachedtext import attached_text
from intake.classify import classify
from intake.parse import parse_message


def _with_file(body: str, name: str, content: str, subtype: str = "plain", charset: str = "utf-8") -> bytes:
    """A customer's mail with *body* as its text and *content* attached as the file *name*.

    *subtype* is a text subtype, or "vnd.ms-excel" for an application type as spreadsheet programs send a CSV.
    """
    msg = EmailMessage()
    msg["From"] = "customer@example.jp"
    msg["To"] = "ca@ca.example.jp"
    msg["Subject"] = "証明書について"
    msg.set_content(body)
    maintype = "application" if subtype.startswith("vnd.") else "text"
    msg.add_attachment(content.encode(charset), maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def test_a_serial_only_in_an_attached_note_is_read() -> None:
    raw = _with_file(
        "昨日、営業車の中から鞄ごとノートPCが盗まれました。証明書を至急止めてください。\n詳細は添付のメモの通りです。\n",
        "memo.txt",
        "名義: 森田 一郎\nシリアル番号：5B 0E 93 C7 21 D4 8A 6F\n有効期限: 2027/03/31\n",
    )
    result = classify(parse_message(raw))
    assert result.serials == ["5b0e93c721d48a6f"]
    assert any(r.startswith("serials from an attached file") for r in result.reasons)


def test_a_csv_list_labels_each_value_by_its_column() -> None:
    content = "氏名,シリアル番号,SHA-256\n" + "\n".join(
        f"{name},{serial},{'ab' * 32}" for name, serial in (("石川", "3A1F90C27D4E6B58"), ("森", "3A1F90C27D4E6B59"))
    )
    raw = _with_file("退職者2名の証明書を失効してください。一覧を添付します。\n", "list.csv", content, "csv")
    assert sorted(classify(parse_message(raw)).serials) == ["3a1f90c27d4e6b58", "3a1f90c27d4e6b59"]


def test_a_csv_sent_as_a_spreadsheet_type_in_shift_jis_is_read_by_its_name() -> None:
    content = "氏名,シリアル番号\r\n髙橋,3A1F90C27D4E6B58\r\n"
    raw = _with_file("下記1名の証明書を失効願います。\n", "退職者.csv", content, "vnd.ms-excel", "cp932")
    assert classify(parse_message(raw)).serials == ["3a1f90c27d4e6b58"]


def test_a_file_with_only_a_fingerprint_gives_no_serial() -> None:
    raw = _with_file(
        "証明書を失効してください。念のため拇印を添付します。\n",
        "thumb.txt",
        "拇印 (SHA-1): 7c4a8d09ca3762af61e59520943dc26494f8941b\n",
    )
    assert classify(parse_message(raw)).serials == []


def test_an_image_or_a_pdf_is_not_read_as_text() -> None:
    msg = EmailMessage()
    msg.set_content("添付をご確認ください。")
    msg.add_attachment(b"%PDF-1.4 serial 5B0E93C721D48A6F", maintype="application", subtype="pdf", filename="a.pdf")
    assert attached_text(parse_message(msg.as_bytes()).attachments) == ""


def test_a_bounce_returning_only_headers_names_the_serial_in_their_subject() -> None:
    raw = (
        b"From: MAILER-DAEMON@mx.example.com\r\nTo: ca@ca.example.jp\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\n"
        b"Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        b"Your message could not be delivered: the recipient's mailbox does not exist.\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
        b"Final-Recipient: rfc822; gone@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        b"From: ca@ca.example.jp\r\nTo: gone@example.com\r\n"
        b"Subject: Certificate 0x19C4E07A3B52 has been revoked\r\n"
        b"--b--\r\n"
    )
    assert classify(parse_message(raw)).serials == ["19c4e07a3b52"]

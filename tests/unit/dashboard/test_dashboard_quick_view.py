"""The conversation's fast reading of stored mail: decoded headers and text, never an exception."""

from __future__ import annotations

from email.message import EmailMessage

from dashboard.mailview import quick_view

NAMES = ("From", "Subject", "In-Reply-To")


def test_iso_2022_jp_mail_is_decoded() -> None:
    msg = EmailMessage()
    msg["From"] = "山田 太郎 <taro@example.jp>"
    msg["Subject"] = "緊急失効のお願い"
    msg["In-Reply-To"] = "<a@example.jp>"
    msg.set_content("PCを盗まれました。", charset="iso-2022-jp")
    heads, body = quick_view(bytes(msg), NAMES)
    assert heads == {"From": "山田 太郎 <taro@example.jp>", "Subject": "緊急失効のお願い",
                     "In-Reply-To": "<a@example.jp>"}
    assert body.strip() == "PCを盗まれました。"


def test_broken_bytes_and_attachments_do_not_break_the_page() -> None:
    raw = (b"From: \xff\xfe <x@example.jp>\r\nSubject: =?unknown-charset?B?4pyT?=\r\n"
           b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/pdf\r\n"
           b"Content-Disposition: attachment; filename=a.pdf\r\n\r\n%PDF\r\n--b\r\n"
           b"Content-Type: text/plain; charset=no-such-charset\r\n\r\n\xe3\x81\x82\r\n--b--\r\n")
    heads, body = quick_view(raw, NAMES)
    assert "x@example.jp" in heads["From"]
    heads["From"].encode("utf-8")  # no lone surrogates left
    assert body.strip() == "あ"
    assert quick_view(b"", NAMES) == ({}, "")

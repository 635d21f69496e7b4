"""Showing stored messages: headers decoded, attachments listed and fetched, broken input survived."""

from __future__ import annotations

from email.message import EmailMessage

from core.services.cases import Scan, scan_message
from dashboard import mailview


def sample() -> bytes:
    msg = EmailMessage()
    msg["From"] = "山田 太郎 <taro@example.jp>"
    msg["To"] = "ca-support@madoguchi.test"
    msg["Subject"] = "証明書の失効について"
    msg.set_content("紛失しました。\n")
    msg.add_attachment(b"%PDF-1.4 fax", maintype="application", subtype="pdf", filename="ファクス.pdf")
    msg.add_attachment(b"<script>alert(1)</script>", maintype="text", subtype="html", filename="x.html")
    return msg.as_bytes()


def test_headers_are_decoded() -> None:
    headers = dict(mailview.headers(sample()))
    assert headers["Subject"] == "証明書の失効について"
    assert "山田 太郎" in headers["From"]


def test_attachments_are_listed_and_fetched_by_index() -> None:
    raw = sample()
    found = mailview.attachments(raw)
    assert [(a.filename, a.content_type, a.inline_ok) for a in found] == [
        ("ファクス.pdf", "application/pdf", True), ("x.html", "text/html", False)]
    meta_data = mailview.attachment_bytes(raw, 0)
    assert meta_data is not None and meta_data[1] == b"%PDF-1.4 fax"
    assert mailview.attachment_bytes(raw, 2) is None
    assert mailview.attachment_bytes(raw, -1) is None


def test_body_text_and_broken_input() -> None:
    assert mailview.body_text(sample()).startswith("紛失しました")
    garbage = b"\xff\xfe\x00not a mail\r\n\r\n\x80\x81"
    assert mailview.attachments(garbage) == []
    assert isinstance(mailview.body_text(garbage), str)
    assert isinstance(mailview.headers(garbage), list)


def test_scan_message_round_trip() -> None:
    raw = scan_message("fax", "", "要約", Scan("scan.pdf", "application/pdf", b"%PDF-1.7"))
    assert [a.filename for a in mailview.attachments(raw)] == ["scan.pdf"]
    assert mailview.body_text(raw).strip() == "要約"

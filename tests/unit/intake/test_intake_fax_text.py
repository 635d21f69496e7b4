"""Fax handling that needs no OCR: notice detection, form titles, and OCR look-alike repair."""

from __future__ import annotations

from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from intake.fax import fax_notice_reasons, find_form, repair_ocr_serials
from intake.faxrender import MAX_RENDER_WIDTH, render_scale
from intake.parse import parse_message

MAIL = Path(__file__).resolve().parents[2] / "data" / "mail"


def _mail(sender: str, subject: str, text: str) -> bytes:
    mail = MIMEMultipart()
    mail["From"], mail["Subject"] = sender, subject
    mail.attach(MIMEText(text, "plain", "utf-8"))
    mail.attach(MIMEApplication(b"%PDF-1.4", "pdf", name="scan.pdf"))
    return mail.as_bytes()


def test_gateway_notices_are_recognised() -> None:
    for name in ("fax_gateway_19.eml", "fax_gateway_20.eml"):
        assert fax_notice_reasons(parse_message((MAIL / name).read_bytes())), name


def test_a_customer_letter_with_a_pdf_is_not_a_fax_notice() -> None:
    letter = "お世話になっております。\n失効請求書をPDFで添付いたします。ご確認ください。\n" * 8
    assert fax_notice_reasons(parse_message(_mail("yamada@example.co.jp", "失効請求書の送付", letter))) == []
    # A PDF from someone with no sign of a fax gateway is not one either.
    assert fax_notice_reasons(parse_message(_mail("yamada@example.co.jp", "資料", "添付します"))) == []


def test_a_notice_without_text_from_a_fax_sender() -> None:
    assert fax_notice_reasons(parse_message(_mail("fax-noreply@gw.example.jp", "[FAX受信] 2ページ", "")))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("電子証明書 緊急失効請求書（FAX用）\n氏名", "emergency_revocation"),
        ("電子証明書失効請求書（名義人死亡届）", "death_notice"),
        ("電子証明書失効請求書（名義人本人）", "revocation"),
        ("電子証明書 発行申込取消届", "cancellation"),
        ("FAX送信票\n件名: ご連絡\n\n電子証明書失効請求書", "revocation"),
        ("お見積書\n品名 数量", "unknown"),
    ],
)
def test_form_titles(text: str, kind: str) -> None:
    assert find_form(text)[0] == kind


def test_ocr_look_alikes_are_repaired_only_in_a_serial_value() -> None:
    assert repair_ocr_serials("シリアル番号: 4C:7A:l9:E2:O8") == "シリアル番号: 4C:7A:19:E2:08"
    assert repair_ocr_serials("Serial 3A7FO1C2 Sales") == "Serial 3A7F01C2 Sales"
    assert repair_ocr_serials("Osaka Office 2O26") == "Osaka Office 2O26"


def test_a_scan_to_mail_notice_is_read_like_a_fax() -> None:
    text = "Device Name: MFP-01\nLocation: 3F\n\nAttached file is scanned image in PDF format."
    raw = _mail("scanner@example-office.co.jp", "Scanned image from MFP-01", text)
    reasons = fax_notice_reasons(parse_message(raw))
    assert any("gateway sender" in r for r in reasons)
    assert any("subject" in r for r in reasons)


def test_a_table_border_before_a_faxed_serial_is_no_digit() -> None:
    assert repair_ocr_serials("シリアル番号          | 6a:0f:d1:38:c7:92:4e") == (
        "シリアル番号            6a:0f:d1:38:c7:92:4e"
    )


def test_a_revocation_form_reporting_a_lost_pc_is_an_emergency() -> None:
    from intake.classify import _classify_fax
    from intake.fax import FaxReading

    text = "失効申請書\n氏名 山田 太郎\nシリアル番号 6a:0f:d1:38:c7:92:4e\n失効理由 PCを紛失 (出張先のホテル)"
    reading = FaxReading([b""], text, "ocr", True, "revocation", "失効申請書", [], ["fax: read"])
    parsed = parse_message(_mail("fax@gw.example.jp", "FAX受信", ""))
    assert _classify_fax(parsed, reading).intent == "emergency_revocation"


def test_a_space_ocr_dropped_between_pairs_is_put_back() -> None:
    assert repair_ocr_serials("シリアル番号 | B2 48 7C19 EO 5A") == "シリアル番号   B2 48 7C 19 E0 5A"
    # Groups of four as printed stay groups of four.
    assert repair_ocr_serials("シリアル番号 3A7F 01C2 D4E5") == "シリアル番号 3A7F 01C2 D4E5"


def test_a_hex_prefix_before_a_faxed_serial_is_kept_and_its_digits_repaired() -> None:
    # The 0 of "0x" read as O is the prefix, not a look-alike inside the value.
    assert repair_ocr_serials("シリアル番号 Ox6D13AOF2E8") == "シリアル番号 0x6D13A0F2E8"
    assert repair_ocr_serials("シリアル番号 「0x6D13AOF2E8") == "シリアル番号 「0x6D13A0F2E8"
    # A word that begins like a prefix is still a word.
    assert repair_ocr_serials("Serial Oxford") == "Serial Oxford"


def test_a_form_that_reports_changed_details_is_a_correction() -> None:
    assert find_form("FAX送信 P.01\n記載事項変更届\n名義人 服部 直美")[0] == "correction"


def test_a_page_declared_larger_than_paper_is_rendered_at_paper_width() -> None:
    # An A4 page keeps 300 dpi; a raster wrapped in a page of 930 points is scaled down to paper width.
    assert render_scale(595.3, 841.9) == pytest.approx(300 / 72)
    assert 930.75 * render_scale(930.75, 1315.5) == pytest.approx(MAX_RENDER_WIDTH)
    # A4 lying landscape is paper size too.
    assert render_scale(841.9, 595.3) == pytest.approx(300 / 72)


def test_look_alikes_are_repaired_only_when_the_whole_value_becomes_a_serial() -> None:
    # Too short to be a serial: a code or a note beside the label, left as it was read.
    assert repair_ocr_serials("シリアル番号 5O") == "シリアル番号 5O"
    assert repair_ocr_serials("serial 12Ol") == "serial 12Ol"
    # A group of look-alikes only (OOOO) stays letters, so no group of the value is changed.
    assert repair_ocr_serials("シリアル番号 1OO0-ABCD-OOOO-12S4") == "シリアル番号 1OO0-ABCD-OOOO-12S4"
    # Long enough and hex throughout once repaired: repaired.
    assert repair_ocr_serials("シリアル番号 1OO0-ABCD-E0F1-12S4") == "シリアル番号 1000-ABCD-E0F1-1254"
    # G and B are no look-alikes: a value holding a G is left to the vote, a B is a hex digit.
    assert repair_ocr_serials("シリアル番号 3A7G 01C2 D4E5") == "シリアル番号 3A7G 01C2 D4E5"
    assert repair_ocr_serials("シリアル番号 B2 48 7C 19 E0 5O") == "シリアル番号 B2 48 7C 19 E0 50"


def test_a_serial_held_back_though_its_reads_agree_is_not_said_to_disagree() -> None:
    # A coarse scan read three times alike: the value is held back, and the note says why honestly.
    from intake.fax import _ocr_serials
    from intake.faxocr import SerialVote

    held = SerialVote(None, ("7d0c5e11a2b3",), ("7D0C5E11A2B3",) * 3)
    candidates, notes = _ocr_serials("シリアル番号 7D0C5E11A2B3", [held])
    assert [c.value for c in candidates] == ["7d0c5e11a2b3"] and not candidates[0].exact
    assert notes == ["fax: serial unclear, read as 7D0C5E11A2B3 but not surely; check it against the register"]

    split = SerialVote(None, ("7d0c5e11a2b3", "7d0c5e11a2b8"), ("7D0C5E11A2B3", "7D0C5E11A2B8"))
    _candidates, notes = _ocr_serials("シリアル番号 7D0C5E11A2B3", [split])
    assert notes == [
        "fax: serial unclear, the reads disagree (7D0C5E11A2B3 / 7D0C5E11A2B8); check it against the register"
    ]


def test_a_gateways_long_report_of_the_call_is_no_writers_text() -> None:
    # HylaFAX's notice lists the call's fields, well over the few hundred characters a writer's cover note may have.
    fields = [
        "Sender: 0584735521", "Pages: 1", "Quality: Fine", "Size: ISO A4", "Received: 2026:10:16 14:27:51",
        "Time To Receive: 0:38", "Signal Rate: 14400 bit/s", "Data Format: 2-D MMR", "Error Correct: Yes",
        "CallID1: 0584735521", "Received On: ttyIAX0", "CommID: 00000417 (ftp://fax.example.jp:4559/log/00000417)",
    ]
    text = "recvq/fax00417.tif (ftp://fax.example.jp:4559/recvq/fax00417.tif):\n" + "\n".join(
        f"        {field}" for field in fields * 2
    )
    assert len(text) > 400
    raw = _mail("fax-server@example.jp", "[FAX RECEIVED] from 0584735521 (1 page)", text)
    assert fax_notice_reasons(parse_message(raw))

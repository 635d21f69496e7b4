"""Reading faxed forms with the real renderer (pypdfium2) and the real OCR (tesseract jpn+eng)."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.classify import PROMOTED_PREFIX, classify
from intake.fax import fax_notice_reasons, find_form, read_fax
from intake.parse import parse_message

from .faxforms import fax_mail, faxed_page, form_lines, image_pdf, text_layer_pdf, tiff

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="scripts/setup.sh installs tesseract")

SERIAL = "3A7F01C2D4E5"
FONT_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def test_ocr_reads_the_title_and_serial_of_an_image_only_emergency_form() -> None:
    pdf = image_pdf(faxed_page("電子証明書緊急失効申請書", form_lines(SERIAL)))
    reading = read_fax(pdf)
    assert reading.method == "ocr" and reading.readable
    assert reading.form == "emergency_revocation"
    assert "緊急失効申請書" in reading.title
    assert [c.value for c in reading.serials if c.exact] == [SERIAL.lower()]
    assert len(reading.pages) == 1 and reading.pages[0].startswith(b"\x89PNG")


def test_ruled_table_form_with_a_grouped_serial() -> None:
    page = faxed_page("電子証明書 緊急失効請求書（FAX用）", form_lines("5B 0E 91 7A C3 22 4D"), seed=3, table=True)
    reading = read_fax(image_pdf(page))
    assert reading.form == "emergency_revocation"
    assert [c.value for c in reading.serials if c.exact] == ["5b0e917ac3224d"]


def test_text_layer_is_used_when_the_pdf_has_one() -> None:
    reading = read_fax(text_layer_pdf("電子証明書失効請求書（名義人死亡届）", form_lines(SERIAL)))
    assert reading.method == "text layer"
    assert reading.form == "death_notice"
    assert [c.value for c in reading.serials if c.exact] == [SERIAL.lower()]


def test_multi_page_tiff_cancellation_form() -> None:
    pages = [faxed_page("送付状", ["FAX 2枚"]), faxed_page("発行申込取消依頼書", form_lines("0B0C0D0E"), seed=2)]
    reading = read_fax(tiff(*pages), "image/tiff")
    assert reading.method == "ocr" and len(reading.pages) == 2
    assert reading.form == "cancellation"


@pytest.mark.parametrize(
    "document",
    [b"%PDF-1.4\nnot really a pdf", b"", image_pdf(faxed_page("", []))],
    ids=["broken", "empty", "blank page"],
)
def test_unreadable_fax_is_returned_as_such(document: bytes) -> None:
    reading = read_fax(document)
    assert not reading.readable and reading.form == "unknown"
    assert reading.reasons


def test_fax_mail_takes_its_intent_and_serial_from_the_pdf() -> None:
    raw = fax_mail(image_pdf(faxed_page("電子証明書緊急失効申請書", form_lines(SERIAL))))
    parsed = parse_message(raw)
    assert fax_notice_reasons(parsed)
    result = classify(parsed)
    assert result.intent == "emergency_revocation"
    assert result.serials == [SERIAL.lower()]
    assert any("緊急失効申請書" in r for r in result.reasons)
    assert not result.fax_unread


def test_unreadable_fax_mail_is_flagged_for_a_person() -> None:
    result = classify(parse_message(fax_mail(b"%PDF-1.4 garbage")))
    assert result.fax_unread
    # Emergency forms arrive by fax: a fax nobody could read is worked as one until a person reads it.
    assert (result.intent, result.read_as, result.possible_emergency) == ("emergency_revocation", "other", True)
    assert result.reasons[-1].startswith(PROMOTED_PREFIX)


def test_ocr_misreading_one_character_still_finds_the_title() -> None:
    assert find_form("電 子 証 明 書 緊 急 失 効 申 請 耆\n氏名")[0] == "emergency_revocation"
    assert find_form("お知らせ\n本日は晴天なり")[0] == "unknown"


def test_an_oversized_page_with_two_serial_fields_in_other_writings() -> None:
    # A page declared at 72 dpi (three times paper size), a correction form titled 変更届,
    # and two serial fields: one with a 0x prefix, one in pairs joined by hyphens.
    lines = ["氏名: 服部 直美", "シリアル番号(1): 0x6D13A0F2E8", "シリアル番号(2): 3C-7F-E2-19-0D", "変更前: 服部 直実"]
    reading = read_fax(image_pdf(faxed_page("記載事項変更届", lines, seed=5, table=True), resolution=72))
    assert reading.form == "correction"
    assert sorted(c.value for c in reading.serials if c.exact) == ["3c7fe2190d", "6d13a0f2e8"]


def _form_with_a_stamped_serial() -> Image.Image:
    """A revocation form whose serial's first group lies under a receipt stamp's heavy ink.

    What is left legible (``0A9B 7C3D 4F60 1B2C``) is well shaped on its own, so every read
    agrees on it: only the stamp tells that the value was cut short.
    """
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    text = ImageFont.truetype(FONT_CJK, 34)
    digits = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 36)
    draw.text((560, 150), "電子証明書失効申込書", font=ImageFont.truetype(FONT_CJK, 52), fill=0)
    draw.text((150, 420), "氏名", font=text, fill=0)
    draw.text((520, 420), "山本 一郎", font=text, fill=0)
    draw.text((150, 550), "電話番号", font=text, fill=0)
    draw.text((520, 548), "03-1234-5678", font=digits, fill=0)
    draw.text((150, 680), "シリアル番号", font=text, fill=0)
    for i, group in enumerate(("5E21", "0A9B", "7C3D", "4F60", "1B2C")):
        draw.text((520 + 130 * i, 678), group, font=digits, fill=0)
    draw.text((150, 810), "失効の理由", font=text, fill=0)
    draw.text((520, 810), "退職のため", font=text, fill=0)
    # The stamp: a square frame, its middle inked solid over the first group.
    stamp = Image.new("L", (150, 150), 0)
    frame = ImageDraw.Draw(stamp)
    frame.rectangle((0, 0, 149, 149), outline=255, width=6)
    frame.rectangle((12, 42, 137, 107), fill=255)
    page.paste(60, (485, 625), stamp)
    return page


def test_a_serial_cut_short_by_a_receipt_stamp_is_only_a_candidate() -> None:
    reading = read_fax(image_pdf(_form_with_a_stamped_serial()))
    assert reading.form == "revocation"
    # The true serial is 5e210a9b7c3d4f601b2c: what the reads agree on is a part of it.
    assert not [c.value for c in reading.serials if c.exact]
    assert any(r.startswith("fax: serial unclear") for r in reading.reasons)
    assert any("stamp covers the serial" in r for r in reading.reasons)

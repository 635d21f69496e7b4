"""A faxed page scanned too coarse to hold legible text is unread, not "read" from the specks OCR returns.

A gateway (or a writer's scanner) that sends an A4 form as a thumbnail of a hundred-odd pixels gives OCR nothing
to read; what comes back ("Ow ft *& / To Be") once passed for text, so that the fax was worked as an ordinary
message nobody understood instead of as the possible emergency form an unread fax is.  The same form sent at a
fax line's resolution is still read.
"""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from intake.classify import classify
from intake.fax import read_fax
from intake.parse import parse_message

from .faxforms import fax_mail, faxed_page, form_lines, image_pdf

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")

_SERIAL = "5C0F9A21B7E4D368"


def _thumbnail_pdf(dpi: int) -> bytes:
    """The emergency form, scanned at *dpi* as an image-only A4 PDF."""
    page = faxed_page("電子証明書緊急失効申請書", form_lines(_SERIAL)).convert("L")
    width, height = page.size  # A4 at 200 dpi.
    small = page.resize((width * dpi // 200, height * dpi // 200), Image.Resampling.BOX)
    return image_pdf(small, resolution=dpi)


def test_a_page_scanned_as_a_thumbnail_is_unread_and_worked_as_a_possible_emergency() -> None:
    reading = read_fax(_thumbnail_pdf(15))
    assert not reading.readable
    assert any("too coarse to hold legible text" in reason for reason in reading.reasons)
    result = classify(parse_message(fax_mail(_thumbnail_pdf(15))))
    assert result.fax_unread
    assert result.intent == "emergency_revocation" and result.read_as == "other"


def test_the_same_form_at_a_fax_lines_resolution_is_read() -> None:
    reading = read_fax(_thumbnail_pdf(100))
    assert reading.readable and reading.method == "ocr"
    assert reading.form == "emergency_revocation"
    assert not any("too coarse" in reason for reason in reading.reasons)


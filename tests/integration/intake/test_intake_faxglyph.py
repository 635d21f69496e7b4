"""A faxed serial whose E lost most of its lower bar: read as an F by every read alike, never taken as exact."""

from __future__ import annotations

import random
import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.fax import read_fax

from .faxforms import A4_200DPI, FONT, image_pdf

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="scripts/setup.sh installs tesseract")


def _page_with_faded_e(serial: str, kept: int) -> Image.Image:
    """Draw a ruled revocation form whose serial's every E keeps *kept* pixels of its lower bar beyond the stem."""
    page = Image.new("L", A4_200DPI, 255)
    draw = ImageDraw.Draw(page)
    draw.text((A4_200DPI[0] // 2, 200), "電子証明書失効請求書", font=ImageFont.truetype(FONT, 64), fill=0, anchor="mm")
    body = ImageFont.truetype(FONT, 36)
    lines = ["請求日: 2026年11月20日", "氏名: 山田 太郎", f"シリアル番号: {serial}", "失効理由: 記載事項の変更のため"]
    for i, line in enumerate(lines):
        top = 400 + 80 * i
        label, value = line.split(": ", 1)
        draw.rectangle((120, top - 15, 1530, top + 65), outline=0, width=3)
        draw.line((560, top - 15, 560, top + 65), fill=0, width=3)
        draw.text((140, top), label, font=body, fill=0)
        draw.text((580, top), value, font=body, fill=0)
        for at, char in enumerate(value):
            if char != "E":
                continue
            left, upper, right, lower = draw.textbbox(
                (580 + draw.textlength(value[:at], font=body), top), "E", font=body
            )
            # The fax thinned the lower bar away but for a stub at the stem's foot.
            stem = 4
            draw.rectangle((left + stem + kept, lower - (lower - upper) // 5, right + 1, lower + 1), fill=255)
    rnd = random.Random(7)
    pixels = page.load()
    assert pixels is not None
    for _ in range(2000):
        pixels[rnd.randrange(A4_200DPI[0]), rnd.randrange(A4_200DPI[1])] = 0
    return page.rotate(0.4, fillcolor=255).point(lambda v: 0 if v < 160 else 255).convert("1")


def test_an_e_read_as_f_alike_by_every_read_is_only_a_candidate() -> None:
    reading = read_fax(image_pdf(_page_with_faded_e("5B 0E 91 7A C3 22 4D", kept=7)))
    assert reading.form == "revocation"
    # Read as 5b0f917ac3224d by every read, the serial must not be exact; what was read is a candidate.
    assert not [c.value for c in reading.serials if c.exact]
    assert reading.serials
    assert any("lower bar faded" in r for r in reading.reasons)

"""The serial's field read again alone by the real OCR (tesseract, hex digits only, one line), and voted on.

The cell is drawn as erasing a scanned table's lines leaves it (a dashed remnant of the
lower border, an upright at the left edge), which a strip cut around the words' boxes
used to read as ``ee eee``.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.faxocr import OcrWord, read_hex_line, read_line, vote
from intake.faxstrip import band_renderings, field_band

from .faxforms import FONT

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="scripts/setup.sh installs tesseract")

WRITTEN = "1838 B74D 1E03 22AF B47A E818"
SERIAL = "1838b74d1e0322afb47ae818"


def _faxed_cell() -> tuple[np.ndarray, OcrWord]:
    """A faxed table cell holding the serial, and the page's OCR word for it (its box two lines high)."""
    page = Image.new("L", (1700, 400), 255)
    draw = ImageDraw.Draw(page)
    draw.text((420, 150), WRITTEN, font=ImageFont.truetype(FONT, 40), fill=0)
    for x in range(380, 1650, 26):
        draw.line((x, 228, x + 15, 228), fill=0, width=3)
    draw.line((400, 90, 400, 260), fill=0, width=3)
    pixels = np.asarray(page.point(lambda v: 0 if v < 160 else 255))
    rows = np.flatnonzero((pixels[:, 420:1600] < 128).any(axis=1))
    word = OcrWord(WRITTEN.replace(" ", ""), 60.0, 420, int(rows[0]), 1150, int(rows[-1] - rows[0]), (1, 1, 1, 1))
    return pixels, word


def _renderings() -> list[np.ndarray]:
    pixels, word = _faxed_cell()
    return band_renderings(field_band(pixels, [word], label_right=380))


def _re_reads() -> list[str]:
    return [read_hex_line(rendering)[0] for rendering in _renderings()]


def test_the_cleaned_field_is_read_as_the_serial_and_agrees_with_the_page() -> None:
    reads = _re_reads()
    agreed = vote(WRITTEN, reads)
    assert agreed.value == SERIAL, reads
    assert agreed.candidates[0] == SERIAL


def test_a_page_read_that_disagrees_with_the_re_reads_yields_no_exact_serial() -> None:
    reads = _re_reads()
    # The page's reading took the B of B47A for an 8: no value is exact, both are candidates.
    misread = "1838 B74D 1E03 22AF 847A E818"
    unsure = vote(misread, reads)
    assert unsure.value is None
    assert {SERIAL, "1838b74d1e0322af847ae818"} <= set(unsure.candidates)


def test_the_line_read_by_the_page_languages_agrees_when_the_page_lost_a_character() -> None:
    renderings = _renderings()
    reads = [read_hex_line(rendering)[0] for rendering in renderings]
    line = read_line(renderings[1])
    lost = "1838 B74D 1E03 22AF B47A E81"  # the page's read dropped the last digit: no whole value
    assert vote(lost, reads).value is None
    assert vote(lost, reads, (line,)).value == SERIAL, (line, reads)

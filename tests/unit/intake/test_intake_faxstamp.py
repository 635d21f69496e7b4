"""A receipt stamp over a faxed serial's line (no OCR): found by its two sides, and nothing else taken for one."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from intake.faxocr import OcrWord
from intake.faxstamp import stamp_over_value

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
TEXT_TOP = 300
VALUE_LEFT = 500
LABEL_RIGHT = 420


def _serial_line(value: str = "7C41 09EA D2B5 6F38", *, boxes: bool = False) -> tuple[Image.Image, list[OcrWord]]:
    """A page region with a serial right of its label, and the OCR words over its groups."""
    page = Image.new("L", (2000, 800), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 44)
    draw.text((120, TEXT_TOP), "Serial", font=font, fill=0)
    words, x = [], VALUE_LEFT
    for group in value.split(" "):
        draw.text((x, TEXT_TOP), group, font=font, fill=0)
        left, top, right, bottom = draw.textbbox((x, TEXT_TOP), group, font=font)
        words.append(OcrWord(group, 90.0, left, top, right - left, bottom - top, (1, 1, 1, 1)))
        if boxes:
            # One printed box per character, a little taller than the characters.
            for i in range(len(group)):
                cx = left + i * (right - left) // len(group)
                draw.rectangle((cx - 2, top - 8, cx + (right - left) // len(group) - 2, bottom + 8), outline=0, width=2)
        x = right + 30
    return page, words


def _stamp(page: Image.Image, centre: tuple[int, int], side: int = 190, angle: float = 0.0) -> None:
    """Press a square receipt stamp (its frame and two dividers) centred on *centre*."""
    stamp = Image.new("L", (side + 8, side + 8), 0)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle((4, 4, side + 4, side + 4), outline=255, width=5)
    draw.line((4, side // 3, side + 4, side // 3), fill=255, width=4)
    draw.line((4, 2 * side // 3, side + 4, 2 * side // 3), fill=255, width=4)
    stamp = stamp.rotate(angle, expand=True)
    page.paste(0, (centre[0] - stamp.width // 2, centre[1] - stamp.height // 2), stamp)


def test_a_stamp_over_the_middle_of_the_value_is_found() -> None:
    page, words = _serial_line()
    _stamp(page, (800, TEXT_TOP + 30))
    assert stamp_over_value(np.asarray(page), words, LABEL_RIGHT)


def test_a_turned_stamp_off_the_line_s_middle_is_found() -> None:
    page, words = _serial_line()
    # Turned 12 degrees and pressed low: its upper edge only just clears the characters.
    _stamp(page, (1000, TEXT_TOP + 90), angle=12)
    assert stamp_over_value(np.asarray(page), words, LABEL_RIGHT)


def test_a_stamp_that_hid_the_first_group_from_the_page_s_reading_is_found() -> None:
    page, words = _serial_line()
    _stamp(page, (560, TEXT_TOP + 30), side=170)
    # The page's reading lost the first group under the stamp: its words start at the second.
    assert stamp_over_value(np.asarray(page), words[1:], LABEL_RIGHT)


def test_a_clean_serial_line_has_no_stamp() -> None:
    page, words = _serial_line()
    assert not stamp_over_value(np.asarray(page), words, LABEL_RIGHT)


def test_a_cell_border_beside_the_value_is_no_stamp() -> None:
    page, words = _serial_line()
    # The value cell's left border, which erasing the ruled lines left, crosses the line alone.
    ImageDraw.Draw(page).line((460, TEXT_TOP - 90, 460, TEXT_TOP + 140), fill=0, width=4)
    assert not stamp_over_value(np.asarray(page), words, LABEL_RIGHT)


def test_a_value_written_one_character_per_box_is_no_stamp() -> None:
    page, words = _serial_line("5A0E93C7D14B2F68", boxes=True)
    assert not stamp_over_value(np.asarray(page), words, LABEL_RIGHT)


def test_a_stamp_on_the_line_above_is_no_stamp_over_the_value() -> None:
    page, words = _serial_line()
    _stamp(page, (800, TEXT_TOP - 230))
    assert not stamp_over_value(np.asarray(page), words, LABEL_RIGHT)

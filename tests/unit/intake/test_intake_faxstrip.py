"""The serial's field cut out of a faxed page (no OCR): the text line alone, the table's remnants whitened."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from intake.faxocr import OcrWord
from intake.faxstrip import BAND_HEIGHTS, band_renderings, field_band

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
TEXT_TOP = 200


def _cell(*, dashed_rule: bool, upright: bool) -> tuple[np.ndarray, OcrWord]:
    """A page region with a serial written in a table cell, and the OCR word that covers it.

    What erasing a scanned table's lines leaves is drawn on purpose: a dashed remnant of
    the cell's lower border, a blank gap under the digits, and an upright at the cell's left.
    """
    page = Image.new("L", (1400, 500), 255)
    draw = ImageDraw.Draw(page)
    draw.text((300, TEXT_TOP), "1838 B74D 1E03 22AF", font=ImageFont.truetype(FONT, 40), fill=0)
    if dashed_rule:
        for x in range(250, 1300, 30):
            draw.line((x, TEXT_TOP + 75, x + 18, TEXT_TOP + 75), fill=0, width=3)
    if upright:
        draw.line((270, TEXT_TOP - 60, 270, TEXT_TOP + 110), fill=0, width=3)
    pixels = np.asarray(page)
    rows = np.flatnonzero((pixels[:, 300:1200] < 128).any(axis=1))
    ink_top, ink_bottom = int(rows[0]), int(rows[-1])
    # The page's OCR gave the word a box two lines high, swallowing the remnant below it.
    word = OcrWord("1838B74D1E0322AF", 80.0, 300, ink_top, 800, (ink_bottom - ink_top) + 60, (1, 1, 1, 1))
    return pixels, word


def test_the_band_is_the_text_line_without_a_dashed_border_remnant_below_it() -> None:
    pixels, word = _cell(dashed_rule=True, upright=False)
    band = field_band(pixels, [word])
    clean, _ = _cell(dashed_rule=False, upright=False)
    expected = field_band(clean, [word])
    # The same line of digits, and not a row of the dashes (they lie 30 pixels below the ink).
    assert band.shape == expected.shape
    assert np.array_equal(band, expected)
    assert band.shape[0] < 45


def test_an_upright_border_beside_the_digits_is_whitened() -> None:
    pixels, word = _cell(dashed_rule=False, upright=True)
    word = OcrWord(word.text, word.conf, 260, word.top, 840, word.height, word.line)
    band = field_band(pixels, [word])
    # The band starts at the first digit: the upright (which crosses the rows above and
    # below the line) is gone, so no column at the band's left edge is dark top to bottom.
    dark_columns = (band < 128).all(axis=0)
    assert not dark_columns.any()
    assert (band[:, :3] >= 128).all()


def test_the_band_never_reaches_into_the_label() -> None:
    pixels, word = _cell(dashed_rule=False, upright=False)
    whole = field_band(pixels, [word])
    cut = field_band(pixels, [word], label_right=400)
    assert cut.shape[1] < whole.shape[1]


def test_an_empty_region_gives_an_empty_band() -> None:
    blank = np.full((400, 1200), 255, np.uint8)
    assert field_band(blank, [OcrWord("00", 50.0, 100, 100, 300, 40, (1, 1, 1, 1))]).size == 0


def test_the_renderings_are_scaled_to_each_height_and_one_thickened() -> None:
    pixels, word = _cell(dashed_rule=False, upright=False)
    renderings = band_renderings(field_band(pixels, [word]))
    assert [r.shape[0] for r in renderings] == [*BAND_HEIGHTS, renderings[-1].shape[0]]
    thick = renderings[-1]
    same_height = next(r for r in renderings[:-1] if r.shape == thick.shape)
    assert (thick < 128).sum() > (same_height < 128).sum()


def test_groups_the_page_lost_are_in_the_band_but_ink_beyond_a_wide_gap_is_not() -> None:
    page = Image.new("L", (1600, 400), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    draw.text((300, TEXT_TOP), "1838 B74D 1E03 22AF", font=font, fill=0)
    draw.text((1400, TEXT_TOP), "X", font=font, fill=0)  # a mark far right of the value
    pixels = np.asarray(page)
    whole = field_band(pixels, [OcrWord("1838B74D1E0322AF", 80.0, 300, TEXT_TOP + 8, 450, 30, (1, 1, 1, 1))])
    # The page's reading kept only the middle groups: the band still holds all four, and no X.
    middle = OcrWord("B74D1E03", 80.0, 420, TEXT_TOP + 8, 230, 30, (1, 1, 1, 1))
    band = field_band(pixels, [middle])
    assert band.shape == whole.shape
    assert 400 < band.shape[1] < 600


def test_specks_between_the_label_and_the_value_do_not_carry_the_band_into_the_label() -> None:
    page = Image.new("L", (1600, 400), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    draw.text((60, TEXT_TOP), "XYZ", font=font, fill=0)  # the label's last characters
    draw.text((600, TEXT_TOP), "1838 B74D 1E03 22AF", font=font, fill=0)
    # A fax line's specks and a border's remnant, each two pixels wide, every 40 pixels.
    for x in range(160, 600, 40):
        draw.rectangle((x, TEXT_TOP + 15, x + 1, TEXT_TOP + 25), fill=0)
    pixels = np.asarray(page)
    band = field_band(pixels, [OcrWord("1838B74D1E0322AF", 80.0, 600, TEXT_TOP + 8, 450, 30, (1, 1, 1, 1))])
    # The band holds the value alone (about 450 pixels), not the specks nor the label 500 pixels left.
    assert 400 < band.shape[1] < 560


def _boxed(written: str, boxed: bool) -> np.ndarray:
    """A band with *written* one character per box (or as plain text), a box's height high."""
    font = ImageFont.truetype(FONT, 36)
    page = Image.new("L", (60 * len(written) + 40, 64), 255)
    draw = ImageDraw.Draw(page)
    for i, char in enumerate(written):
        x = 20 + 60 * i
        if boxed:
            draw.rectangle((x, 1, x + 54, 62), outline=0, width=3)
        draw.text((x + 14, 10), char, font=font, fill=0)
    pixels = np.asarray(page)
    rows = np.flatnonzero((pixels < 128).any(axis=1))
    return pixels[rows[0] : rows[-1] + 1]


def test_a_value_written_one_character_per_box_loses_its_boxes() -> None:
    from intake.faxstrip import _without_boxes

    boxed = _without_boxes(_boxed("5E210A9B7C", boxed=True))
    plain = _boxed("5E210A9B7C", boxed=False)
    # Only the characters are left: as high as the plain line and about as much ink.
    assert abs(boxed.shape[0] - plain.shape[0]) <= 3
    assert abs(int((boxed < 128).sum()) - int((plain < 128).sum())) < 0.1 * (plain < 128).sum()
    # A line of plain characters (1 and 4 run its whole height) is left alone.
    assert np.array_equal(_without_boxes(plain), plain)

"""The serial's field cut out of a faxed page: its one line of text, without the table's lines.

The serial is read again alone (:mod:`intake.faxocr`), and tesseract reads a single line
(psm 7) well only when the image holds that line and nothing else.  A box cut around the
page's words is not enough: a word's box is sometimes two lines high (it swallowed a
speck or a part of the row below), and what :func:`intake.faximage.erase_rules` leaves of a
cell's border, a dashed remnant under the digits or a short upright at the cell's edge,
is read as a row of ``e`` and ``-``.  So:

* :func:`field_band` takes a generous region around the serial's words, finds the band of
  inked pixel rows nearest the words' middle (the text line; a blank row parts it from a
  border's remnant, and a band much thinner than the tallest is no line of text),
  whitens the columns that are inked just above or below the band (an upright border
  crosses them, a character does not) and cuts the band out, from the label to the first
  wide blank gap either side of the words (the page's reading may have lost a group;
  specks and a border's remnant, narrower than a character, do not bridge a gap); a value
  written one character per printed box loses the boxes' edges and sides;
* :func:`band_renderings` scales the band to several text heights around tesseract's best
  one, and once thickened: each rendering errs on other characters, which the vote in
  :mod:`intake.faxocr` needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from intake.faxocr import OcrWord

# The band is scaled so that its ink (the digits' height) is these many pixels high; the
# thickened rendering helps a faint scan whose strokes are broken.
BAND_HEIGHTS = (32, 40, 48)
THICK_HEIGHT = 48
# A pixel row is inked when at least this share of the region's width is dark (and two pixels).
INKED_ROW_SHARE = 0.004
# Rows looked at just above and below the band for an upright border crossing them.
BORDER_ROWS = 6
# A blank stretch this many text heights wide ends the value (its groups are a space apart).
GAP_HEIGHTS = 1.5
# Outside the words, a run of inked columns narrower than the line's height over this is a
# speck or a remnant of a border, not a character.
SPECK_RUN_SHARE = 8
# A band written one character per box has an edge of its boxes, inked over this share of
# its width, within its first and last few rows; a column inked over this share of its
# height is a box's side.
BOX_EDGE_ROWS = 4
BOX_EDGE_SHARE = 0.5
BOX_SIDE_SHARE = 0.85


def _inked_rows(dark: np.ndarray) -> np.ndarray:
    counts = dark.sum(axis=1)
    return np.asarray(counts >= max(2, INKED_ROW_SHARE * dark.shape[1]))


def _wide_runs(ink: np.ndarray, least: int, first: int, last: int) -> np.ndarray:
    """Return *ink* (columns holding ink) without the runs narrower than *least* outside columns first..last."""
    edges = np.flatnonzero(np.diff(np.r_[0, ink.astype(np.int8), 0]))
    kept = ink.copy()
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if b - a < least and (b <= first or a > last):
            kept[a:b] = False
    return kept


def _without_boxes(band: np.ndarray) -> np.ndarray:
    """Return the band without the boxes of a value written one character per printed box.

    Such a band is a box high: its top and bottom rows are the boxes' edges, inked over much
    of its width (a line of text has no such rows), and the boxes' sides are the only
    columns inked over nearly its whole height (the characters inside are shorter than
    their boxes).  Edges and sides are whitened and the band is cut to the characters' rows.
    Any other band comes back as it was.
    """
    dark = band < 128
    if dark.shape[0] < 8 or not dark.any():
        return band
    rows = dark.mean(axis=1)
    edge = BOX_EDGE_ROWS
    if rows[:edge].max() < BOX_EDGE_SHARE or rows[-edge:].max() < BOX_EDGE_SHARE:
        return band
    band = band.copy()
    # The edges: the inked rows at the band's top and bottom, a pixel more for a grey border.
    top = int(np.flatnonzero(rows[:edge] >= BOX_EDGE_SHARE)[-1]) + 2
    bottom = dark.shape[0] - edge + int(np.flatnonzero(rows[-edge:] >= BOX_EDGE_SHARE)[0]) - 1
    band[:top] = 255
    band[bottom:] = 255
    sides = dark[top:bottom].mean(axis=0) >= BOX_SIDE_SHARE
    sides |= np.roll(sides, 1) | np.roll(sides, -1)
    band[:, sides] = 255
    inked = np.flatnonzero((band < 128).sum(axis=1) >= 2)
    if not inked.size:
        return band
    return band[max(0, int(inked[0]) - 1) : int(inked[-1]) + 2]


def field_band(pixels: np.ndarray, boxes: list[OcrWord], label_right: int | None = None) -> np.ndarray:
    """Return the text line that holds the serial's words *boxes* (OCR words), cleaned, from a page.

    *pixels* are the page's grey pixels with its ruled lines erased; the band never reaches
    left into the label (its right edge *label_right*), whose last character would be read
    as a digit.  An empty array is returned when the region holds no ink.
    """
    height = int(np.median([w.height for w in boxes]))
    middle = int(np.median([w.top + w.height / 2 for w in boxes]))
    top = max(0, middle - 2 * height)
    bottom = min(pixels.shape[0], middle + 2 * height)
    # The region runs from the label (or the page's left edge) to the page's right edge:
    # the page's reading may have lost the value's first or last group, and a band cut at
    # the words' boxes would cut a character in two (a 0 cut in half is read as a C).
    left = label_right + 2 if label_right is not None else 0
    region = pixels[top:bottom, left:]
    dark = region < 128
    # The text line's rows are found under the words alone: across the whole width, a
    # speckled page's noise would ink every row.
    first = max(0, min(w.left for w in boxes) - left)
    last = min(dark.shape[1] - 1, max(w.left + w.width for w in boxes) - left)
    inked = _inked_rows(dark[:, first : last + 1])
    # Runs of inked rows: the text line, and perhaps a thin remnant of a border or a line
    # of the next row.  A run less than a third as high as the highest is no text line.
    edges = np.flatnonzero(np.diff(np.r_[0, inked.astype(np.int8), 0]))
    runs = [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    if not runs:
        return region[:0, :0]
    tallest = max(b - a + 1 for a, b in runs)
    lines = [(a, b) for a, b in runs if b - a + 1 >= tallest / 3]
    # The text line is the one nearest the words' middle.
    centre = middle - top
    start, end = min(lines, key=lambda run: max(run[0] - centre, centre - run[1], 0))
    around = np.r_[max(0, start - BORDER_ROWS) : start, end + 1 : min(len(inked), end + 1 + BORDER_ROWS)]
    band = region[start : end + 1].copy()
    if around.size:
        upright = dark[around].sum(axis=0) >= max(1, around.size // 2)
        upright |= np.roll(upright, 1) | np.roll(upright, -1)
        band[:, upright] = 255
    band = _without_boxes(band)
    # The value is the stretch of ink around the words that no wide blank gap breaks.
    # A column holds ink when two of its pixels are dark (a speck left by the line is one).
    ink = np.asarray((band < 128).sum(axis=0) >= 2)
    if not ink[first : last + 1].any():
        return region[:0, :0]
    gap = max(GAP_HEIGHTS * height, 8)
    # Beyond the words, a stretch of ink narrower than a stroke's share of the line's
    # height is a speck or a border's remnant, no character: it must not carry the value
    # on towards the label or the cell's edge.
    ink = _wide_runs(ink, max(3, band.shape[0] // SPECK_RUN_SHARE), first, last)
    columns = np.flatnonzero(ink)
    inside = columns[(columns >= first) & (columns <= last)]
    lo, hi = int(inside[0]), int(inside[-1])
    for column in columns[columns > hi]:
        if column - hi > gap:
            break
        hi = int(column)
    for column in columns[columns < lo][::-1]:
        if lo - column > gap:
            break
        lo = int(column)
    return band[:, max(0, lo - 4) : hi + 5]


def band_renderings(band: np.ndarray) -> list[np.ndarray]:
    """Return the band scaled to each of :data:`BAND_HEIGHTS`, and scaled and thickened."""
    from PIL import Image, ImageFilter

    image = Image.fromarray(band)

    def scaled(height: int) -> Image.Image:
        scale = height / max(8, band.shape[0])
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        return image.resize(size, Image.Resampling.LANCZOS)

    renderings = [np.asarray(scaled(height)) for height in BAND_HEIGHTS]
    renderings.append(np.asarray(scaled(THICK_HEIGHT).filter(ImageFilter.MinFilter(3))))
    return renderings

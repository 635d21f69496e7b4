"""A stamp pressed over a faxed serial: found, so that a serial it hides a part of is never taken as exact.

An office stamps a form it received (a square 受付 stamp with a date) wherever there is room,
now and then over the serial's own cell.  Under the stamp's ink OCR loses the characters it
covers, and every read loses the same ones: the page's reading and the re-reads of the line
may then agree on a value with its first or last groups missing, which is a wrong exact
serial (worse than none).  So a serial line with a stamp over it yields only candidates.

:func:`stamp_over_value` looks for the stamp's two sides: strokes that cross the serial's
text line upright (turned by up to 15 degrees) and reach well above or below it, as no
character does, standing as far apart as a stamp is wide (or a blot of its ink as wide as a
stamp).  One such stroke alone is the edge of a table's cell; a value written one character
per box has sides that reach only a little beyond its characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from intake.faxocr import OcrWord

# A page is rendered at 300 dpi (intake.faxrender): a receipt stamp is 10 to 35 mm wide.
STAMP_WIDTH_PIXELS = (118, 413)
# A row of the serial's text line is crossed by at least this share of the strokes that cross
# its most crossed row (a stamp's sides are two strokes, a ruled line none).
TEXT_ROW_SHARE = 0.25
# A stroke crossing the text line is a stamp's side when it reaches at least this many text
# heights above or below the line; the line is looked at this many text heights either side.
UPRIGHT_REACH = 0.7
LOOK_HEIGHTS = 2.0
# A side turned by up to 15 degrees, and broken where the fax lost its ink, is still one
# stroke: the ink is widened by this many pixels either way before its runs are measured.
SLANT_PIXELS = 5
GAP_PIXELS = 2


def _text_line(dark: np.ndarray, middle: int, stroke: int) -> tuple[int, int] | None:
    """Return the first and last row of the text line nearest row *middle* of *dark*, or None.

    A row of text is crossed by many short dark runs (the characters' strokes, at most
    *stroke* pixels each); a ruled line that was not erased is one long run, and a stamp's
    sides are a few.
    """
    padded = np.pad(dark, ((0, 0), (1, 1))).astype(np.int8)
    steps = np.diff(padded, axis=1)
    rows_on, cols_on = np.nonzero(steps == 1)
    _rows_off, cols_off = np.nonzero(steps == -1)
    short = (cols_off - cols_on) <= stroke
    counts = np.bincount(rows_on[short], minlength=dark.shape[0])
    if not counts.max():
        return None
    text = counts >= max(2, TEXT_ROW_SHARE * counts.max())
    edges = np.flatnonzero(np.diff(np.r_[0, text.astype(np.int8), 0]))
    runs = [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    return min(runs, key=lambda run: max(run[0] - middle, middle - run[1], 0))


def _widened(dark: np.ndarray) -> np.ndarray:
    """Return *dark* with every dark pixel widened sideways and small upright gaps closed."""
    out = dark.copy()
    for shift in range(1, SLANT_PIXELS + 1):
        out[:, shift:] |= dark[:, :-shift]
        out[:, :-shift] |= dark[:, shift:]
    closed = out.copy()
    for shift in range(1, GAP_PIXELS + 1):
        closed[shift:] |= out[:-shift]
        closed[:-shift] |= out[shift:]
    return closed


def _reach(ink: np.ndarray) -> np.ndarray:
    """Return, for each column of *ink* (rows running away from the text line), its unbroken run from the first row."""
    broken = ~ink
    # The index of the first light row of each column is how far the column's run reaches.
    return np.where(broken.any(axis=0), broken.argmax(axis=0), ink.shape[0])


def stamp_over_value(pixels: np.ndarray, boxes: list[OcrWord], label_right: int | None = None) -> bool:
    """Tell whether a stamp stands over the serial's value (its words *boxes* on the page *pixels*).

    *pixels* are the page's grey pixels with its ruled lines erased, as the field's band is
    cut from (:func:`intake.faxstrip.field_band`); *label_right* is the right edge of the
    serial's label, None when the value was found without one.  The value's line is looked
    at from the label (or a stamp's width left of the words) to a stamp's width right of
    the words, for a stamp that hides the value's first or last groups from the page's reading.
    """
    height = int(np.median([w.height for w in boxes]))
    middle = int(np.median([w.top + w.height / 2 for w in boxes]))
    widest = STAMP_WIDTH_PIXELS[1]
    left = max(0, label_right + 2 if label_right is not None else min(w.left for w in boxes) - widest)
    right = min(pixels.shape[1], max(w.right for w in boxes) + widest)
    top = max(0, middle - int((LOOK_HEIGHTS + 1) * height))
    bottom = min(pixels.shape[0], middle + int((LOOK_HEIGHTS + 1) * height))
    dark = pixels[top:bottom, left:right] < 128
    # The text line is found under the words alone (a stamp's sides ink few pixels a row).
    first = max(0, min(w.left for w in boxes) - left)
    last = max(first + 1, max(w.right for w in boxes) - left)
    line = _text_line(dark[:, first:last], middle - top, max(2, height // 2))
    if line is None:
        return False
    start, end = line
    line_height = end - start + 1
    wide = _widened(dark)
    up = _reach(wide[:start][::-1])
    down = _reach(wide[end + 1 :])
    upright = np.maximum(up, down) >= UPRIGHT_REACH * line_height
    # Two upright columns as far apart as a stamp's sides (or one blot of ink as wide).
    columns = np.flatnonzero(upright)
    least, most = STAMP_WIDTH_PIXELS
    return any(bool(((columns >= c + least) & (columns <= c + most)).any()) for c in columns)

"""An F in a faxed serial that may be an E whose lower bar faded: found, so that it is never taken as exact.

A fax thins a thin stroke, and the lower bar of an E is the one most often lost in part: what
is left of it is a stub at the foot of the stem, and tesseract then reads the E as an F, in
the page's reading and in every re-read of the line alike.  The reads agree, and a serial
one character off (``5b0f…`` for ``5b0e…``) would be taken as exact: worse than none.

An F has nothing at its foot but its stem.  :func:`faded_e` reads the serial's line once more
with the boxes of its characters (tesseract's ``makebox``) and looks at the foot of every
glyph read as an upper-case F: ink reaching right of the stem there, in the glyph's lowest
rows, is what is left of an E's bar, and the serial is then only a candidate.
"""

from __future__ import annotations

import numpy as np

from intake.faxocr import HEX_WHITELIST, _png, run_tesseract

# The glyph's lowest rows looked at, as a share of its height (an E's lower bar is about a fifth).
FOOT_SHARE = 0.25
# Ink this many pixels right of the stem, or more, at the foot is a bar's remnant (an F's stem
# foot, its edge uneven on a fax, reaches one pixel beyond the stem at most).
STUB_PIXELS = 2
# A column inked in this share of the glyph's rows is its stem.
STEM_SHARE = 0.8
# Padding around the line for tesseract, as :func:`intake.faxocr.read_hex_line` pads it.
PADDING = 20


def _boxes(band: np.ndarray) -> list[tuple[str, int, int, int, int]]:
    """Return each character tesseract reads on the line with its box (left, top, right, bottom) in *band*."""
    padded = np.pad(band, PADDING, constant_values=255)
    out = run_tesseract(
        _png(padded), ["-l", "eng", "--psm", "7", "-c", f"tessedit_char_whitelist={HEX_WHITELIST}", "makebox"]
    )
    height = padded.shape[0]
    boxes = []
    for row in out.splitlines():
        cells = row.split(" ")
        if len(cells) != 6 or not all(c.lstrip("-").isdigit() for c in cells[1:5]):
            continue
        left, bottom, right, top = (int(c) for c in cells[1:5])
        # makebox counts rows from the image's foot; the band's rows count from its head.
        boxes.append((cells[0], left - PADDING, height - top - PADDING, right - PADDING, height - bottom - PADDING))
    return boxes


def _has_foot_bar(glyph: np.ndarray) -> bool:
    """Tell whether a glyph read as F has ink right of its stem in its lowest rows (an E's bar, faded)."""
    dark = glyph < 128
    rows, cols = dark.shape
    if rows < 6 or cols < 3:
        return False
    inked = np.flatnonzero(dark.any(axis=1))
    if not inked.size:
        return False
    top, bottom = int(inked[0]), int(inked[-1])
    # The stem is the columns inked in nearly every row of the glyph (an F's bars are rows, not columns).
    stem = np.flatnonzero(dark[top : bottom + 1].mean(axis=0) >= STEM_SHARE)
    if not stem.size:
        return False
    stem_right = int(stem[0])
    while stem_right + 1 in stem:
        stem_right += 1
    foot = dark[bottom - max(1, round(FOOT_SHARE * (bottom - top + 1))) + 1 : bottom + 1]
    reach = np.flatnonzero(foot.any(axis=0))
    if not reach.size:
        return False
    # A serif font's F stands on a foot serif reaching both ways; an E's bar reaches right only.
    serif = int(reach[0]) <= int(stem[0]) - STUB_PIXELS
    return not serif and int(reach[-1]) >= stem_right + STUB_PIXELS


def faded_e(band: np.ndarray) -> bool:
    """Tell whether a glyph of the serial's line read as an upper-case F has the stub of an E's lower bar."""
    for char, left, top, right, bottom in _boxes(band):
        if char != "F":
            continue
        glyph = band[max(0, top) : max(0, bottom), max(0, left) : max(0, right)]
        if glyph.size and _has_foot_bar(glyph):
            return True
    return False

"""Check-boxes on a faxed form: which of 「□ 緊急失効 □ 通常失効」 is ticked.

Some offices print one revocation form for both kinds and let a tick decide
(「☑ 緊急失効 □ 通常失効」).  OCR reads both words and not the tick, so the form would be
an emergency whichever box is ticked.  :func:`unticked_options` looks at the square printed
before each option's word on the cleaned page: its inner part is white when the box is
empty and holds the strokes of a tick or a cross when it is ticked.  Only a line that offers
both an emergency and an ordinary option is read, and only a clear difference counts (one box
inked, the other all but white); otherwise nothing is left out and an emergency stays one.

This module is the one place that decides which printed options are unticked.  A page read
by OCR has pixels, and only their ink decides (OCR reads an empty box as □ or 口 and a ticked
one as either as well).  A page that came with a PDF text layer has no pixels to measure, but
its boxes are characters: :func:`unticked_text_options` applies the same rule to them (an
empty □ before the emergency option, a ticked ☑ or ■ before the ordinary one).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from intake.faxocr import OcrWord

# The words that open each option, and the characters OCR makes of the box before them.
EMERGENCY_OPTION = "緊急"
ORDINARY_OPTIONS = ("通常", "普通", "一般")
# A column (or row) is a side of the box when its longest dark run covers this share of the
# box's expected side; the box is between these shares of the text's height on each side.
SIDE_COVER = 0.6
# Each of the four sides of a box is inked along at least this share of its length.
SQUARE_COVER = 0.75
MIN_SIDE, MAX_SIDE = 0.45, 1.6
# Ink in the box's inner part: a ticked box has at least TICKED, an empty one at most EMPTY.
TICKED = 0.06
EMPTY = 0.025
# A box whose sides a heavy tick hides is ticked when the place before its word holds this
# many times the ink of the place before the empty box.
FILLED = 1.4
# The two options' boxes are printed alike: their sides differ by at most this share.
SAME_SIZE = 0.25
# The boxes of a text layer: characters for an empty box and for a ticked (or filled) one.
EMPTY_BOXES = "□☐◻"
TICKED_BOXES = "☑☒■✓✔"
_TEXT_OPTION = re.compile(
    rf"(?P<box>[{EMPTY_BOXES}{TICKED_BOXES}])\s*(?P<word>(?:{EMERGENCY_OPTION}|{'|'.join(ORDINARY_OPTIONS)})\S*)"
)


def _runs(dark: np.ndarray) -> np.ndarray:
    """The longest run of dark pixels in each column of a boolean image."""
    best = np.zeros(dark.shape[1], dtype=np.int32)
    current = np.zeros(dark.shape[1], dtype=np.int32)
    for row in dark:
        current = np.where(row, current + 1, 0)
        best = np.maximum(best, current)
    return best


def _edges(runs: np.ndarray, low: float) -> list[tuple[int, int]]:
    """Groups of neighbouring columns whose longest run reaches *low*, as (first, last)."""
    groups: list[tuple[int, int]] = []
    for index in np.flatnonzero(runs >= low).tolist():
        if groups and index <= groups[-1][1] + 1:
            groups[-1] = (groups[-1][0], index)
        else:
            groups.append((index, index))
    return groups


def box_ink(pixels: np.ndarray, word: OcrWord, height: int) -> tuple[float, int] | None:
    """Return the share of ink inside the box printed before *word* and the box's side, or None when none is found.

    *height* is the height of one character of the line.  The box is looked for left of the
    word, and over the word's first character when OCR took the box into the word.
    """
    merged = not unicodedata.normalize("NFKC", word.text).startswith((EMERGENCY_OPTION, *ORDINARY_OPTIONS))
    left = max(0, word.left - int(2.5 * height))
    right = word.left + int((1.6 if merged else 0.6) * height)
    top = max(0, word.top + word.height // 2 - height)
    region = pixels[top : word.top + word.height // 2 + height, left:right] < 128
    if region.size == 0:
        return None
    low, high = int(MIN_SIDE * height), int(MAX_SIDE * height)
    columns = _edges(_runs(region), SIDE_COVER * low)
    rows = _edges(_runs(region.T), SIDE_COVER * low)
    # The box nearest the word: its left side the right-most that closes a square.
    for left_side in reversed(columns):
        for top_side in rows:
            found = _square(region, left_side, top_side, low, high)
            if found is not None:
                return found
    return None


def _square(
    region: np.ndarray, left_side: tuple[int, int], top_side: tuple[int, int], low: int, high: int
) -> tuple[float, int] | None:
    """Return the ink inside the square whose left and top sides are these, or None when none closes.

    The right and bottom sides are looked for within a few pixels of each size from *low* to
    *high*; every side must be inked along nearly all of its length.
    """
    (l0, l1), (t0, t1) = left_side, top_side
    slack = 4
    for side in range(max(low, 6), high + 1):
        right, bottom = l0 + side, t0 + side
        if right + slack > region.shape[1] or bottom + slack > region.shape[0]:
            break
        sides = (
            region[t0:bottom, l0 : l1 + 1].any(axis=1),
            region[t0:bottom, right - slack : right + slack].any(axis=1),
            region[t0 : t1 + 1, l0:right].any(axis=0),
            region[bottom - slack : bottom + slack, l0:right].any(axis=0),
        )
        if min(float(s.mean()) for s in sides) >= SQUARE_COVER:
            inner = region[t1 + 3 : bottom - slack, l1 + 3 : right - slack]
            return (float(inner.mean()), side) if inner.size else None
    return None


def _before(pixels: np.ndarray, word: OcrWord, height: int) -> float:
    """The share of ink in the place of a box before *word*: a character high, one and a half wide."""
    middle = word.top + word.height // 2
    left = max(0, word.left - int(1.5 * height))
    region = pixels[max(0, middle - height // 2) : middle + height // 2, left : word.left]
    return float((region < 128).mean()) if region.size else 0.0


def unticked_options(pixels: np.ndarray, words: list[OcrWord]) -> tuple[list[OcrWord], str]:
    """Return the words of an emergency option left unticked beside a ticked ordinary one, and why.

    Empty when the page offers no such pair of options or the boxes do not tell clearly.
    """
    lines: dict[tuple[int, int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    for line_words in lines.values():
        flat = [unicodedata.normalize("NFKC", w.text) for w in line_words]
        urgent = [i for i, text in enumerate(flat) if EMERGENCY_OPTION in text]
        ordinary = [i for i, text in enumerate(flat) if any(o in text for o in ORDINARY_OPTIONS)]
        if len(urgent) != 1 or len(ordinary) != 1:
            continue
        height = int(np.median([min(w.height, w.width) for w in line_words]))
        u, o = line_words[urgent[0]], line_words[ordinary[0]]
        urgent_box, ordinary_box = box_ink(pixels, u, height), box_ink(pixels, o, height)
        if urgent_box is None:
            continue
        if ordinary_box is None:
            # A heavy tick fills its box until no side shows: such a box is ticked when the
            # place before its word holds far more ink than the place before the empty box.
            urgent_box_ink = _before(pixels, u, height)
            if urgent_box_ink > 0 and _before(pixels, o, height) >= FILLED * urgent_box_ink:
                ordinary_box = (1.0, urgent_box[1])  # as good as full
            else:
                continue
        (urgent_ink, urgent_side), (ordinary_ink, ordinary_side) = urgent_box, ordinary_box
        # Boxes of different sizes are no pair of options (one may be a part of a character).
        if abs(urgent_side - ordinary_side) > SAME_SIZE * max(urgent_side, ordinary_side):
            continue
        if ordinary_ink >= TICKED and urgent_ink <= EMPTY:
            # The option's word and the 失効 that OCR split from it.
            after = line_words[urgent[0] + 1 : urgent[0] + 2]
            dropped = [u, *(w for w in after if unicodedata.normalize("NFKC", w.text).startswith("失効"))]
            why = (
                f"fax: the box before {u.text!r} is empty ({urgent_ink:.3f}), "
                f"the one before {o.text!r} ticked ({ordinary_ink:.3f})"
            )
            return dropped, why
    return [], ""


def unticked_text_options(text: str) -> tuple[str, str]:
    """Return a text layer's *text* without an emergency option left unticked beside a ticked ordinary one, and why.

    The rule of :func:`unticked_options`, read from the box characters: a line that offers
    one emergency and one ordinary option, the emergency one's box empty (□) and the
    ordinary one's ticked (☑, ■), loses the emergency option's box and word.  Any other
    line is kept as it is.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        options = list(_TEXT_OPTION.finditer(unicodedata.normalize("NFKC", line)))
        urgent = [m for m in options if m.group("word").startswith(EMERGENCY_OPTION)]
        ordinary = [m for m in options if m.group("word").startswith(ORDINARY_OPTIONS)]
        if len(urgent) != 1 or len(ordinary) != 1:
            continue
        u, o = urgent[0], ordinary[0]
        if u.group("box") in EMPTY_BOXES and o.group("box") in TICKED_BOXES:
            flat = unicodedata.normalize("NFKC", line)
            lines[index] = flat[: u.start()] + " " + flat[u.end() :]
            why = f"fax: the box before {u.group('word')!r} is empty (□), the one before {o.group('word')!r} ticked"
            return "\n".join(lines), why
    return text, ""

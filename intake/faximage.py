"""Cleaning a faxed page before OCR: specks off, the page straightened.

A fax line adds specks (isolated black dots) all over the page, and a sheet fed a little
askew comes out rotated by a degree or two.  Tesseract's layout analysis takes specks for
characters and breaks a title into noise; a rotated table keeps its ruled lines, which are
no longer one unbroken run along a pixel row.  Both are undone here on grey pixels
(numpy arrays, 0 black to 255 white):

* :func:`despeckle` whitens every dark pixel with too few dark neighbours to be part of
  a stroke;
* :func:`skew_angle` finds the rotation that makes the rows of dark pixels sharpest (text
  lines and rules lie along pixel rows), on a small copy of the page, and :func:`deskew`
  turns the page back by it.
"""

from __future__ import annotations

import numpy as np

# A dark pixel is kept when at least this many of the SPECK_WINDOW x SPECK_WINDOW pixels
# around it are dark: a stroke passing through has as many, a speck of a fax line has not.
SPECK_WINDOW = 5
SPECK_KEEP = 6
# Angles tried when straightening, in degrees, and the page's scale-down while trying.
SKEW_LIMIT = 3.0
SKEW_STEP = 0.25
SKEW_SHRINK = 4


def _window_sums(dark: np.ndarray, size: int) -> np.ndarray:
    """Return, for each pixel, how many dark pixels lie in the size x size window around it."""
    half = size // 2
    padded = np.pad(dark.astype(np.int32), ((half + 1, half), (half + 1, half)))
    sums = padded.cumsum(0).cumsum(1)
    return np.asarray(sums[size:, size:] - sums[:-size, size:] - sums[size:, :-size] + sums[:-size, :-size])


def despeckle(pixels: np.ndarray) -> np.ndarray:
    """Return a copy of the page with isolated dark specks turned white."""
    dark = pixels < 128
    out = pixels.copy()
    out[dark & (_window_sums(dark, SPECK_WINDOW) < SPECK_KEEP)] = 255
    return out


def skew_angle(pixels: np.ndarray) -> float:
    """Return the angle (degrees, counter-clockwise) that straightens the page; 0 for a blank one."""
    from PIL import Image

    small = Image.fromarray(np.where(pixels < 128, 255, 0).astype(np.uint8))
    small = small.resize((max(1, small.width // SKEW_SHRINK), max(1, small.height // SKEW_SHRINK)),
                         Image.Resampling.BOX)
    best_angle, best_score = 0.0, -1.0
    steps = int(round(SKEW_LIMIT / SKEW_STEP))
    for step in range(-steps, steps + 1):
        angle = step * SKEW_STEP
        turned = np.asarray(small.rotate(angle, resample=Image.Resampling.BILINEAR), dtype=np.float64)
        rows = turned.sum(axis=1)
        # Sharp rows: the profile's differences are large when lines lie along the rows.
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best_angle, best_score = angle, score
    return best_angle


def deskew(pixels: np.ndarray) -> tuple[np.ndarray, float]:
    """Return the page turned straight and the angle it was turned by."""
    from PIL import Image

    angle = skew_angle(pixels)
    if angle == 0.0:
        return pixels, 0.0
    turned = Image.fromarray(pixels).rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return np.asarray(turned), angle

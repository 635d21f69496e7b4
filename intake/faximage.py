"""Cleaning a faxed page before OCR: specks off, the page straightened.

A fax line adds specks (isolated black dots) all over the page, and a sheet fed a little
askew comes out rotated by a degree or two.  Tesseract's layout analysis takes specks for
characters and breaks a title into noise; a rotated table keeps its ruled lines, which are
no longer one unbroken run along a pixel row.  Both are undone here on grey pixels
(numpy arrays, 0 black to 255 white):

* :func:`despeckle` whitens every dark pixel with too few dark neighbours to be part of
  a stroke;
* :func:`clean` does both: :func:`smooth` blurs and thresholds again a page scanned coarser than it is rendered (a
  100 dpi scan rendered at 300 dpi is blocks of three pixels, its specks squares that
  :func:`despeckle` takes for strokes) or dithered (a machine in photo mode leaves a
  haze of dots over the whole page, found by :func:`background_ink`);
* :func:`skew_angle` finds the rotation that makes the rows of dark pixels sharpest (text
  lines and rules lie along pixel rows), on a small copy of the page, and :func:`deskew`
  turns the page back by it;
* :func:`erase_rules` whitens a straightened form's ruled lines, so that OCR reads its table
  cells instead of noise.
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

# A page scanned this much coarser than it is rendered (rendered pixels per scanned pixel)
# is smoothed; a fine fax (200 dpi rendered at 300) is left as it is.
COARSE_SCALE = 1.8
# The blur's radius, in scanned pixels, for a coarse page, and in rendered pixels for a
# dithered one (its dots are a pixel or two of the scan).
COARSE_BLUR = 0.6
DITHER_BLUR = 2.5
# Tiles of this size, and the share of dark pixels in the median tile above which a page is
# hazed with dots: a form's median tile is empty paper, with only a fax line's specks
# (under 0.5 %); a dithered page's holds 1 to 4 % of dots.
INK_TILE = 64
HAZE_SHARE = 0.008
# A dithered stroke is only partly dark once blurred (a faint one a third of its pixels):
# grey this light is still ink there, while the haze blurs to near white.
HAZE_THRESHOLD = 190
# A page scanned this coarse (rendered pixels per scanned pixel across; 120 dpi and coarser
# rendered at 300) or dithered is too coarse for a hex digit's telling strokes (B and 8, D and
# 0 differ by less than a scanned pixel): its serial is exact only when nearly every read of
# it agrees (intake.faxocr.near_unanimous).
ROUGH_SCALE = 2.5
# A smoothed page's specks are blots at least this many times a fine speck's size.
SMOOTH_SPECK_SIZE = 2.0
# Unbroken dark runs longer than these shares of the page are ruled lines (see erase_rules).
RULE_ROW_SHARE = 0.2
RULE_COLUMN_SHARE = 0.1


def _window_sums(dark: np.ndarray, size: int) -> np.ndarray:
    """Return, for each pixel, how many dark pixels lie in the size x size window around it."""
    half = size // 2
    padded = np.pad(dark.astype(np.int32), ((half + 1, half), (half + 1, half)))
    sums = padded.cumsum(0).cumsum(1)
    return np.asarray(sums[size:, size:] - sums[:-size, size:] - sums[size:, :-size] + sums[:-size, :-size])


def despeckle(pixels: np.ndarray, size: float = 1.0) -> np.ndarray:
    """Return a copy of the page with isolated dark specks turned white.

    *size* is how many rendered pixels a speck's pixel spans (a coarse scan's specks are
    squares of several): the window and the count it must reach grow with it.
    """
    # A speck and a stroke crossing the window both grow with it in both directions.
    window = max(SPECK_WINDOW, int(SPECK_WINDOW * size) | 1)
    keep = max(SPECK_KEEP, int(SPECK_KEEP * size * size))
    dark = pixels < 128
    out = pixels.copy()
    out[dark & (_window_sums(dark, window) < keep)] = 255
    return out


def clean(pixels: np.ndarray, scale: tuple[float, float] = (1.0, 1.0)) -> tuple[np.ndarray, bool]:
    """Return the page smoothed when coarse or dithered (:func:`smooth`), its specks off, and whether it is rough.

    A smoothed page's specks are blurred into blots the size of a scanned pixel or two,
    which the speck window is widened for.  A page is rough when it was dithered or
    scanned :data:`ROUGH_SCALE` times coarser than rendered, or coarser.
    """
    # The page's haze is measured once, for the smoothing and for whether the page is rough.
    ink = background_ink(pixels)
    smoothed = smooth(pixels, scale, ink)
    if smoothed is pixels:
        return despeckle(pixels), False
    rough = scale[0] >= ROUGH_SCALE or ink > HAZE_SHARE
    return despeckle(smoothed, max(SMOOTH_SPECK_SIZE, min(scale))), rough


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


def background_ink(pixels: np.ndarray) -> float:
    """Return the share of dark pixels in the page's median tile (the paper's own haze of dots)."""
    dark = pixels < 128
    height = dark.shape[0] // INK_TILE * INK_TILE
    width = dark.shape[1] // INK_TILE * INK_TILE
    if not height or not width:
        return 0.0
    tiles = dark[:height, :width].reshape(height // INK_TILE, INK_TILE, width // INK_TILE, INK_TILE).mean(axis=(1, 3))
    return float(np.median(tiles))


def smooth(pixels: np.ndarray, scale: tuple[float, float] = (1.0, 1.0), ink: float | None = None) -> np.ndarray:
    """Return the page blurred and thresholded again when it was scanned coarse or dithered, else as it is.

    *scale* is how many rendered pixels one scanned pixel became, across and down; a page
    is coarse when it was scanned coarse across (a standard-mode fax is only coarse down
    the page, and is read well as it is).  The blur joins a dithered stroke's dots into a
    stroke and rounds a coarse scan's blocks, while a lone dot or a speck square fades
    under the threshold.  *ink* is the page's :func:`background_ink` when the caller has
    measured it already; it is measured here otherwise.
    """
    from PIL import Image, ImageFilter

    hazed = (background_ink(pixels) if ink is None else ink) > HAZE_SHARE
    coarse = scale[0] >= COARSE_SCALE
    if not coarse and not hazed:
        return pixels
    least = DITHER_BLUR if hazed else 0.0
    radius = (max(least, COARSE_BLUR * scale[0] * coarse), max(least, COARSE_BLUR * scale[1] * coarse))
    blurred = np.asarray(Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(radius)))
    return np.where(blurred < (HAZE_THRESHOLD if hazed else 128), 0, 255).astype(np.uint8)


def _longest_runs(dark: np.ndarray) -> np.ndarray:
    """Return, for each row of a boolean image, the length of its longest run of dark pixels."""
    counts = np.cumsum(dark, axis=1, dtype=np.int32)
    # At every light pixel the count so far is remembered; a run is the count since the last one.
    last_light = np.maximum.accumulate(np.where(dark, 0, counts), axis=1)
    return np.asarray((counts - last_light).max(axis=1))


def erase_rules(pixels: np.ndarray) -> np.ndarray:
    """Return a copy of a page (grey pixels) with its ruled lines (and a fax's streaks) whitened.

    OCR then reads a form's table cells instead of noise.  A pixel row is a horizontal rule
    when one unbroken dark run covers a fifth of the page width; a column is a vertical rule
    when one covers a tenth of its height.  Text never has such runs: its strokes are broken
    between characters.
    """
    pixels = pixels.copy()
    dark = pixels < 128
    rows = _longest_runs(dark) > RULE_ROW_SHARE * dark.shape[1]
    cols = _longest_runs(dark.T) > RULE_COLUMN_SHARE * dark.shape[0]
    # One pixel either side as well, for the grey edge of a scanned line.
    rows |= np.roll(rows, 1) | np.roll(rows, -1)
    cols |= np.roll(cols, 1) | np.roll(cols, -1)
    pixels[rows, :] = 255
    pixels[:, cols] = 255
    return pixels

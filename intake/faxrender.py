"""Rendering a faxed document to page images, and how coarse each page was scanned.

A fax gateway mails a fax as a PDF whose pages are each one scanned image (or, now and then,
as a TIFF).  Before OCR every page becomes a grey PNG:

* :func:`render_pdf` opens the PDF once and, page by page, takes its text layer (a PDF made
  from a document rather than a scan carries one), renders the page with pypdfium2 at
  :data:`RENDER_DPI` (a page declared larger than paper at no more than paper width:
  :func:`render_scale`), and measures how many rendered pixels each scanned pixel became,
  across and down (a coarse scan is smoothed before OCR: :mod:`intake.faximage`);
* :func:`render_image` turns every frame of a TIFF, or a single PNG or JPEG, into a PNG;
* :func:`is_blank` tells a blank page, which is not worth sending to OCR.

At most :data:`MAX_PAGES` pages are rendered.  A broken document raises here; the reader
(:func:`intake.fax.read_fax`) turns that into an unreadable fax.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

RENDER_DPI = 300
# A page is rendered at most this many pixels wide (an A4 or Letter page at 300 dpi is
# 2480-2550).  A gateway that wraps a raster fax in a PDF page sized at the image's pixels
# (1241 pixels as 930 points) would otherwise be rendered three times too large, and
# tesseract reads characters 100 pixels high far worse than 40.
MAX_RENDER_WIDTH = 2600
MAX_PAGES = 10
# A page with fewer dark pixels than this share is blank and is not sent to OCR.
BLANK_DARK_SHARE = 0.0005


@dataclass(frozen=True)
class Rendering:
    """A document's pages as PNG images, its text layer, and each page's pixel scale.

    ``scales`` holds, for each page, the rendered pixels per scanned pixel across and down
    (1, 1 for a page without an image, and for every frame of a TIFF, PNG or JPEG).
    """

    pages: list[bytes]
    text: str
    scales: list[tuple[float, float]]


def png(image: object) -> bytes:
    """Encode a Pillow image as PNG bytes."""
    out = io.BytesIO()
    image.save(out, format="PNG")  # type: ignore[attr-defined]
    return out.getvalue()


def render_scale(width_points: float, height_points: float, dpi: int = RENDER_DPI) -> float:
    """Return the scale (pixels per point) at which a page of this size is rendered.

    It is *dpi* for a page of paper size, and less for a page declared larger than paper,
    so that no page's shorter side (its width, or its height when it lies landscape) is
    rendered longer than :data:`MAX_RENDER_WIDTH` pixels.
    """
    scale = dpi / 72
    shorter = min(width_points, height_points)
    if shorter * scale > MAX_RENDER_WIDTH:
        scale = MAX_RENDER_WIDTH / shorter
    return scale


def _pixel_scale(page: Any, scale: float) -> tuple[float, float]:
    """Return the rendered pixels per scanned pixel of a PDF page rendered at *scale*, across and down.

    A fax's page is one image; a coarse scan (100 dpi) rendered at 300 dpi is 3 across and
    3 down, a standard-mode fax (200x100 dpi) 1.5 across and 3 down.  A page without an
    image is (1, 1).
    """
    import pypdfium2.raw as pdfium_c

    across, down = 1.0, 1.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1):
        left, bottom, right, top = image.get_bounds()
        width, height = image.get_px_size()
        if width and height:
            across = max(across, (right - left) * scale / width)
            down = max(down, (top - bottom) * scale / height)
    return across, down


def render_pdf(data: bytes, dpi: int = RENDER_DPI) -> Rendering:
    """Render each page of a PDF to PNG, with the PDF's text layer and each page's pixel scale."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        pages: list[bytes] = []
        texts: list[str] = []
        scales: list[tuple[float, float]] = []
        for index in range(min(len(pdf), MAX_PAGES)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            scale = render_scale(page.get_width(), page.get_height(), dpi)
            bitmap = page.render(scale=scale, grayscale=True)
            pages.append(png(bitmap.to_pil()))
            scales.append(_pixel_scale(page, scale))
        return Rendering(pages, "\n".join(texts), scales)
    finally:
        pdf.close()


def render_image(data: bytes) -> Rendering:
    """Return every frame of a TIFF (or a single PNG/JPEG) as PNG bytes, with no text layer."""
    from itertools import islice

    from PIL import Image, ImageSequence

    with Image.open(io.BytesIO(data)) as image:
        # The iterator hands back the same image object moved to each frame, so every frame
        # is converted while it is the current one; a list of the frames would hold the last
        # frame as many times as there are pages.
        pages = [png(frame.convert("L")) for frame in islice(ImageSequence.Iterator(image), MAX_PAGES)]
    return Rendering(pages, "", [(1.0, 1.0)] * len(pages))


def is_blank(page: bytes) -> bool:
    """Tell whether a page image is blank (fewer dark pixels than a line of text would leave)."""
    from PIL import Image

    with Image.open(io.BytesIO(page)) as image:
        gray = image.convert("L")
        dark = sum(gray.histogram()[:128])
        return dark < BLANK_DARK_SHARE * gray.width * gray.height

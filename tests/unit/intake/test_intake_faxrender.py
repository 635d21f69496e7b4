"""Rendering a faxed document: pages, text layer and how coarse each page was scanned, from one opening."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from intake.faxrender import is_blank, render_image, render_pdf


def _image_pdf(width: int, height: int, dpi: tuple[int, int]) -> bytes:
    """An image-only PDF whose single page is a white scan of *width* x *height* pixels at *dpi*."""
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, "PDF", dpi=dpi)
    return out.getvalue()


def test_a_coarse_scan_reports_how_many_rendered_pixels_each_scanned_pixel_became() -> None:
    # An A4 sheet scanned at 100 dpi and rendered at 300 dpi: three pixels across and down.
    rendering = render_pdf(_image_pdf(827, 1169, (100, 100)))
    assert len(rendering.pages) == len(rendering.scales) == 1
    across, down = rendering.scales[0]
    assert across == pytest.approx(3.0, rel=0.01) and down == pytest.approx(3.0, rel=0.01)
    assert rendering.text.strip() == ""


def test_a_standard_mode_fax_is_coarse_only_down_the_page() -> None:
    # 200 dpi across and 100 dpi down, as a fax line's standard mode sends it.
    across, down = render_pdf(_image_pdf(1654, 1169, (200, 100))).scales[0]
    assert across == pytest.approx(1.5, rel=0.01) and down == pytest.approx(3.0, rel=0.01)


def test_an_image_attachment_is_one_page_at_its_own_scale_and_a_white_one_is_blank() -> None:
    out = io.BytesIO()
    Image.new("L", (200, 100), 255).save(out, "PNG")
    rendering = render_image(out.getvalue())
    assert rendering.scales == [(1.0, 1.0)] and rendering.text == ""
    assert is_blank(rendering.pages[0])
    out = io.BytesIO()
    Image.new("L", (200, 100), 0).save(out, "PNG")
    assert not is_blank(render_image(out.getvalue()).pages[0])


def test_every_page_of_a_multipage_tiff_is_its_own_page() -> None:
    # A two-page fax TIFF: a blank cover sheet, then a page that is all ink.
    out = io.BytesIO()
    cover, form = Image.new("L", (200, 300), 255), Image.new("L", (200, 300), 0)
    cover.save(out, "TIFF", save_all=True, append_images=[form])
    rendering = render_image(out.getvalue())
    assert len(rendering.pages) == 2
    assert is_blank(rendering.pages[0]) and not is_blank(rendering.pages[1])

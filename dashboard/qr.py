"""QR codes for the dashboard: the TOTP enrolment URI drawn as an inline SVG.

segno is pure Python and writes the SVG itself, so no image library, no file and no
external service ever sees the operator's TOTP secret: the picture is part of the page.
"""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(data: str, *, title: str) -> Markup:
    """*data* as an inline SVG QR code (error correction M), with an accessible *title*.

    The quiet zone is kept (4 modules) so phone cameras find the code on any background.
    """
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=5, border=4, dark="#111", light="#fff", title=title, svgclass="qr",
                          omitsize=True)
    return Markup(svg)  # noqa: S704 - segno escapes the title; the data is encoded as modules only.

"""Faxed forms made for the tests: a form drawn with the Noto CJK font, then faxed.

"Faxed" means what a fax machine and a gateway do to a page: 200 dpi, a slight skew,
specks, and black-and-white thresholding, saved as an image-only PDF (no text layer) or
as a multi-page TIFF.  The text-layer variant is a PDF written by reportlab, as a form
filled on a computer and sent by a PC-fax driver would be.
"""

from __future__ import annotations

import io
import random
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
A4_200DPI = (1654, 2339)


def form_lines(serial: str) -> list[str]:
    """The body of a revocation-type form as the CA's applicants fill it in."""
    return [
        "株式会社日本電子公証機構 iPROVE CA局 御中",
        "申請日: 2026年11月20日",
        "氏名: 山田 太郎",
        f"シリアル番号: {serial}",
        "理由: ノートPCの盗難",
        "連絡先電話番号: 03-5555-1234",
    ]


def faxed_page(title: str, lines: list[str], seed: int = 1, *, table: bool = False) -> Image.Image:
    """Draw one form page and degrade it as a fax does; returns a 1-bit image.

    With *table*, each ``label: value`` line becomes a row of a ruled two-column table, as
    the CA's printed forms are laid out.
    """
    page = Image.new("L", A4_200DPI, 255)
    draw = ImageDraw.Draw(page)
    draw.text((A4_200DPI[0] // 2, 200), title, font=ImageFont.truetype(FONT, 64), fill=0, anchor="mm")
    body = ImageFont.truetype(FONT, 36)
    for i, line in enumerate(lines):
        top = 400 + 80 * i
        if table and ": " in line:
            label, value = line.split(": ", 1)
            draw.rectangle((120, top - 15, 1530, top + 65), outline=0, width=3)
            draw.line((560, top - 15, 560, top + 65), fill=0, width=3)
            draw.text((140, top), label, font=body, fill=0)
            draw.text((580, top), value, font=body, fill=0)
        else:
            draw.text((150, top), line, font=body, fill=0)
    page = page.rotate(0.7, fillcolor=255, resample=Image.Resampling.BICUBIC)
    rnd = random.Random(seed)
    pixels = page.load()
    assert pixels is not None
    for _ in range(4000):
        pixels[rnd.randrange(A4_200DPI[0]), rnd.randrange(A4_200DPI[1])] = 0
    return page.point(lambda v: 0 if v < 160 else 255).convert("1")


def image_pdf(*pages: Image.Image, resolution: int = 200) -> bytes:
    """Save pages as an image-only PDF, as a fax gateway does.

    A *resolution* below the scan's makes a page larger than paper, as a gateway that sizes
    the page at the image's pixels does.
    """
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=resolution, save_all=True, append_images=list(pages[1:]))
    return out.getvalue()


def tiff(*pages: Image.Image) -> bytes:
    """Save pages as a multi-page CCITT G4 TIFF, the classic fax format."""
    out = io.BytesIO()
    pages[0].save(out, "TIFF", compression="group4", save_all=True, append_images=list(pages[1:]))
    return out.getvalue()


def text_layer_pdf(title: str, lines: list[str]) -> bytes:
    """Write a form as a PDF with a real text layer (reportlab's built-in Japanese CID font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("HeiseiKakuGo-W5", 20)
    pdf.drawCentredString(A4[0] / 2, A4[1] - 80, title)
    pdf.setFont("HeiseiKakuGo-W5", 11)
    for i, line in enumerate(lines):
        pdf.drawString(60, A4[1] - 140 - 22 * i, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def fax_mail(document: bytes, content_type: str = "application/pdf", filename: str = "fax_0912.pdf") -> bytes:
    """A fax-to-email notice as a gateway sends it: a line of metadata and the document."""
    mail = MIMEMultipart()
    mail["From"] = "fax-gateway@fax.example.ne.jp"
    mail["To"] = "ca@ca.example.jp"
    mail["Subject"] = "FAX受信のお知らせ (03-5555-1234)"
    mail["X-Mailer"] = "FAXmail Gateway 3.2"
    mail.attach(MIMEText("FAXを受信しました。\n発信元: 03-5555-1234\nページ数: 1\n", "plain", "utf-8"))
    part = MIMEApplication(document, content_type.split("/")[1], name=filename)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    mail.attach(part)
    return mail.as_bytes()

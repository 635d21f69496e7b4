"""Synthetic faxed forms for tests and the fax bench: drawn, filled, faxed and mailed.

Each sample is one of the CA's forms (emergency revocation, revocation, death notice,
cancellation, correction) drawn with reportlab in Japanese, filled with a random serial
in one of the ways people write one (colon pairs, space pairs, groups of four, plain;
upper or lower case) and a name, a date and a phone number, then

* rasterised by pdfium (the unembedded Japanese CID fonts come out in the machine's Noto
  CJK faces, Sans for the printed form and Serif for the filled-in values),
* degraded as a fax machine does: 200x200 ("fine") or 200x100 ("standard") dpi, a slight
  rotation (0 to 2 degrees), a stretched or squeezed scan, a faint or a heavy scan, a
  threshold to black and white, speckle noise, now and then a vertical streak, and the
  sending machine's header line (date, phone number, page) at the top,
* wrapped into an image-only PDF (no text layer) and into a fax-to-email notice.

Everything comes from ``random.Random(f"{seed}:{index}")``: the same seed and index give
the same fax, byte for byte, on every run.
"""

from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass, field
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from typing import Any

KINDS = ("emergency_revocation", "revocation", "death_notice", "cancellation", "correction")

# Titles as the CA's forms and applicants' own versions print them.
TITLES: dict[str, tuple[str, ...]] = {
    "emergency_revocation": ("電子証明書緊急失効申請書", "電子証明書 緊急失効請求書（FAX用）", "緊急失効申請書"),
    "revocation": ("電子証明書失効請求書", "電子証明書失効申請書", "失効請求書（名義人本人）"),
    "death_notice": ("電子証明書失効請求書（名義人死亡届）", "名義人死亡届", "電子証明書 名義人死亡届"),
    "cancellation": ("発行申込取消依頼書", "電子証明書発行申込取消依頼書", "取消依頼書"),
    "correction": ("記載内容訂正依頼書", "電子証明書記載内容訂正依頼書", "訂正依頼書"),
}
# Reasons written on the form; only the emergency ones name a loss, a theft or a leak.
REASONS: dict[str, tuple[str, ...]] = {
    "emergency_revocation": (
        "ノートPCの盗難", "ICカードを紛失したため", "秘密鍵漏洩のおそれ", "USBトークンを紛失",
        "事務所が盗難被害にあった", "鍵が漏洩した可能性があるため",
    ),
    "revocation": ("退職のため", "業務終了のため", "利用を終了するため", "組織変更のため"),
    "death_notice": ("名義人死亡のため", "名義人が死亡したため"),
    "cancellation": ("申込内容の誤りのため", "申込が不要となったため"),
    "correction": ("住所変更のため", "氏名の表記誤り", "所属部署名の変更"),
}
SURNAMES = ("山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤")
GIVEN = ("太郎", "花子", "一郎", "直樹", "美咲", "健", "陽子", "大輔")
SENDERS = ("株式会社山田商事", "佐藤法律事務所", "鈴木会計事務所", "有限会社中村工業", "高橋司法書士事務所")
SERIAL_STYLES = ("colon pairs", "space pairs", "groups of 4", "plain")
PAGE_POINTS = (595.27, 841.89)  # A4


@dataclass(frozen=True)
class FaxSample:
    """One synthetic fax: what it truly says, how it was made, and the PDF and mail."""

    seed: int
    index: int
    kind: str
    serial: str  # canonical: lower-case hex without leading zeros
    written: str  # the serial as written on the form
    pdf: bytes
    mail: bytes
    settings: dict[str, Any] = field(default_factory=dict)


def write_serial(value: int, style: str, upper: bool) -> str:
    """Write *value* as a person copies a serial: colon or space pairs, groups of four, or plain."""
    digits = format(value, "x")
    if len(digits) % 2:
        digits = "0" + digits
    digits = digits.upper() if upper else digits
    if style == "colon pairs":
        return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    if style == "space pairs":
        return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    if style == "groups of 4":
        return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
    return digits


def _phone(rnd: random.Random) -> str:
    return f"0{rnd.choice(['3', '6', '45', '52', '92'])}-{rnd.randint(1000, 9999)}-{rnd.randint(1000, 9999)}"


def _form_pdf(rnd: random.Random, kind: str, written: str, settings: dict[str, Any]) -> bytes:
    """Draw and fill one form with reportlab; returns a one-page PDF (CID fonts, not embedded)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    for name in ("HeiseiKakuGo-W5", "HeiseiMin-W3"):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    width, height = PAGE_POINTS
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=PAGE_POINTS)
    title = rnd.choice(TITLES[kind])
    settings["title"] = title
    pdf.setFont("HeiseiKakuGo-W5", rnd.choice([18, 20, 22]))
    pdf.drawCentredString(width / 2, height - 90, title)
    pdf.setFont("HeiseiKakuGo-W5", 10.5)
    pdf.drawString(60, height - 130, "株式会社日本電子公証機構 iPROVE CA局 御中")
    pdf.drawString(60, height - 148, "下記のとおり申請します。")
    # "Handwritten" fill: a Mincho face at its own size, a little off the baseline.
    handwritten = rnd.random() < 0.5
    settings["handwritten"] = handwritten
    fill_font, fill_size = ("HeiseiMin-W3", rnd.choice([12.5, 13.5, 14.5])) if handwritten else ("HeiseiKakuGo-W5", 11)
    name = f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}"
    date = f"2026年{rnd.randint(1, 12)}月{rnd.randint(1, 28)}日"
    rows = [
        ("申請日", date),
        ("氏名", name),
        ("所属", rnd.choice(SENDERS)),
        ("電話番号", _phone(rnd)),
        ("シリアル番号", written),
        ("理由", rnd.choice(REASONS[kind])),
    ]
    if kind == "emergency_revocation" and rnd.random() < 0.5:
        rows.append(("区分", "■ 緊急（至急失効を希望）"))
    if kind == "correction":
        rows.append(("訂正内容", "旧: 東京都港区 新: 東京都千代田区"))
    table = rnd.random() < 0.7
    settings["table"] = table
    top = height - 180
    row_h = 34
    label_w = 120
    for i, (label, value) in enumerate(rows):
        y = top - i * row_h
        if table:
            pdf.setLineWidth(1.2)
            pdf.rect(50, y - row_h + 10, width - 100, row_h)
            pdf.line(50 + label_w, y - row_h + 10, 50 + label_w, y + 10)
        pdf.setFont("HeiseiKakuGo-W5", 10.5)
        pdf.drawString(58, y - 12, label if table else f"{label}:")
        jitter = rnd.uniform(-2, 2) if handwritten else 0
        pdf.setFont(fill_font, fill_size)
        pdf.drawString(50 + label_w + 10 + rnd.uniform(0, 8 if handwritten else 0), y - 13 + jitter, value)
    pdf.setFont("HeiseiKakuGo-W5", 9)
    footer = height - 180 - len(rows) * row_h - 40
    pdf.drawString(60, footer, "※ 本紙受領後、登録の電話番号へ確認のお電話をいたします。")
    pdf.drawString(60, footer - 16, f"受付FAX番号: 03-{rnd.randint(1000, 9999)}-{rnd.randint(1000, 9999)}")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _fax_image(rnd: random.Random, form: bytes, settings: dict[str, Any]) -> tuple[Any, tuple[int, int]]:
    """Rasterise the form and degrade it as a fax does; returns a 1-bit image and its dpi."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    document = pdfium.PdfDocument(form)
    try:
        page = document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    angle = rnd.uniform(-2.0, 2.0)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    # A sheet pulled unevenly through the feeder comes out a little stretched or squeezed.
    stretch = rnd.choice([1.0, 1.0, rnd.uniform(0.94, 1.06)])
    if stretch != 1.0:
        page = page.resize((page.width, round(page.height * stretch)), Image.Resampling.BILINEAR)
    standard = rnd.random() < 0.5
    dpi = (200, 100) if standard else (200, 200)
    if standard:
        page = page.resize((page.width, page.height // 2), Image.Resampling.BOX)
    # A faint scan loses thin strokes at the threshold; a heavy one fills the counters.
    tone = rnd.choice(["normal", "faint", "heavy"])
    pixels = np.asarray(page, dtype=np.float32)
    if tone == "faint":
        pixels = 255 - (255 - pixels) * rnd.uniform(0.55, 0.75)
    elif tone == "heavy":
        pixels = np.asarray(Image.fromarray(pixels.astype(np.uint8)).filter(ImageFilter.MinFilter(3)), np.float32)
    noise = np.random.default_rng(rnd.getrandbits(32))
    pixels = pixels + noise.normal(0, rnd.uniform(8, 30), pixels.shape)
    threshold = rnd.uniform(120, 170)
    black = pixels < threshold
    density = rnd.uniform(0.0003, 0.003)
    black |= noise.random(black.shape) < density
    if rnd.random() < 0.2:
        column = noise.integers(100, black.shape[1] - 100)
        black[:, column : column + rnd.randint(1, 3)] = True
    image = Image.fromarray(np.where(black, 0, 255).astype(np.uint8))
    # The sending machine's header line (TTI), in a small fixed-pitch face at the top.
    header = (
        f"{rnd.randint(2025, 2026)}/{rnd.randint(1, 12):02d}/{rnd.randint(1, 28):02d} "
        f"{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}  FROM:{_phone(rnd)}  "
        f"{rnd.choice(['FAX', 'TEL/FAX', ''])}  P.001/001"
    )
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 22 if not standard else 22)
    strip = Image.new("L", (image.width, 40), 255)
    ImageDraw.Draw(strip).text((40, 8), header, font=font, fill=0)
    if standard:
        strip = strip.resize((strip.width, 20), Image.Resampling.BOX)
    image.paste(strip.point(lambda v: 0 if v < 128 else 255), (0, 4))
    settings.update(angle=round(angle, 2), stretch=round(stretch, 3), dpi=dpi, tone=tone,
                    threshold=round(threshold), speckle=round(density, 4), header=header)
    return image.convert("1"), dpi


def _image_pdf(image: Any, dpi: tuple[int, int]) -> bytes:
    """Wrap a fax image into an image-only A4 PDF, as a gateway does (its dpi decides the page size)."""
    out = io.BytesIO()
    # Fixed dates, so that the same fax is the same bytes on every run.
    when = time.gmtime(1796029920)
    image.save(out, "PDF", dpi=dpi, creationDate=when, modDate=when)
    return out.getvalue()


def fax_mail(document: bytes, rnd: random.Random) -> bytes:
    """A fax-to-email notice: the gateway's line of metadata and the PDF."""
    caller = _phone(rnd)
    mail = MIMEMultipart()
    mail["From"] = rnd.choice(["fax-gateway@fax.example.ne.jp", "faxmail@efax.example.jp", "ifax@gw.example.co.jp"])
    mail["To"] = "ca@ca.example.jp"
    mail["Subject"] = rnd.choice([f"FAX受信のお知らせ ({caller})", f"[FAX] from {caller}", "FAX受信 1ページ"])
    mail["X-Mailer"] = "FAXmail Gateway 3.2"
    mail.attach(MIMEText(f"FAXを受信しました。\n発信元: {caller}\nページ数: 1\n", "plain", "utf-8"))
    filename = f"fax_{rnd.randint(1000, 9999)}.pdf"
    part = MIMEApplication(document, "pdf", name=filename)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    mail.attach(part)
    mail.set_boundary(f"==fax-{rnd.getrandbits(64):016x}==")
    return mail.as_bytes()


def make_fax(seed: int, index: int) -> FaxSample:
    """Make fax number *index* of *seed*; the kinds take turns so that every N covers them all."""
    rnd = random.Random(f"{seed}:{index}")
    kind = KINDS[(index + seed) % len(KINDS)]
    octets = rnd.choice([16, 16, 16, 12, 8])
    value = rnd.getrandbits(octets * 8) | (1 << (octets * 8 - 5))  # no leading zero octet
    style = rnd.choice(SERIAL_STYLES)
    upper = rnd.random() < 0.6
    written = write_serial(value, style, upper)
    settings: dict[str, Any] = {"style": style, "upper": upper, "octets": octets}
    form = _form_pdf(rnd, kind, written, settings)
    image, dpi = _fax_image(rnd, form, settings)
    pdf = _image_pdf(image, dpi)
    return FaxSample(seed, index, kind, format(value, "x"), written, pdf, fax_mail(pdf, rnd), settings)


def make_faxes(seed: int, count: int) -> list[FaxSample]:
    """Make *count* faxes of *seed*."""
    return [make_fax(seed, index) for index in range(count)]

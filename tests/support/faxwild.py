"""A second, independent maker of synthetic faxed forms: the forms of generators nobody here wrote.

:mod:`tests.support.faxgen` draws the CA's own forms with reportlab.  This one draws with
Pillow, straight onto a 200 dpi page, what other offices send:

* titles phrased otherwise (緊急失効届, 電子証明書失効申込書, 証明書の利用停止依頼,
  Certificate Revocation Request) and forms in English;
* check-boxes that decide the kind ("☑ 緊急失効 □ 通常失効" on one revocation form);
* values written as by hand: every character on its own, in one of the machine's CJK or
  Latin faces, a little larger or smaller, turned a few degrees, off the baseline, the whole
  value slanted;
* serials in boxes, one character per box, or in groups parted by spaces or hyphens;
* a seal (印) stamped over the name or the title;
* faxed as a worse line and a cheaper machine do it: skewed 1 to 3 degrees either way,
  scanned at 100 to 200 dpi and sent in fine or standard mode (half the rows), either
  wrapped as such or stretched back to full height, speckled (single dots and clusters
  of a dirty glass), thresholded faint or heavy or dithered as a machine left in photo
  mode does;
* the filled-in serial now and then in a calligraphic face (URW Z003, the one installed
  face that looks written by hand; the machine has no Japanese one), and a square receipt
  stamp (受付) over the title, the name or the serial's own cell.

Everything comes from ``random.Random(f"wild:{seed}:{index}")`` and, for the damage added
by issue 11's second round, from ``random.Random(f"wild-damage:{seed}:{index}")``: the
same seed and index give the same fax on every run, and a seed's form (its title, kind,
check-boxes, serial) is what it was before that damage was added.  Seeds 101-103 and 106
are the ones to tune on; other seeds are held back (the fax bench reads them with
``--generator wild``).
"""

from __future__ import annotations

import random
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from typing import Any

from tests.support.faxgen import KINDS, FaxSample, _image_pdf

DPI = 200
PAGE = (1654, 2339)  # A4 at 200 dpi
CJK_FONTS = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)
# Latin faces for a serial written by hand: oblique, narrow, rounded, typewriter.
LATIN_FONTS = (
    "/usr/share/fonts/opentype/urw-base35/URWGothic-BookOblique.otf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Oblique.otf",
    "/usr/share/fonts/opentype/urw-base35/URWBookman-LightItalic.otf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Italic.ttf",
)
# A calligraphic face: the nearest to a hand among the installed ones (Latin only).
SCRIPT_FONT = "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf"
# A scanner's resolutions across the page, in dpi (a fax sends 8 dots a millimetre, about
# 200; a cheap or misset machine scans coarser and the gateway scales it).
SCAN_DPIS = (100, 120, 150, 200, 200)
# Titles by kind; a title that leaves the kind to a check-box is marked with "checkbox".
TITLES: dict[str, tuple[str, ...]] = {
    "emergency_revocation": (
        "緊急失効届", "電子証明書緊急失効申込書", "証明書の緊急利用停止依頼", "電子証明書 緊急失効のお願い",
        "checkbox", "Certificate Revocation Request (Emergency)",
    ),
    "revocation": (
        "電子証明書失効申込書", "証明書の利用停止依頼", "失効届", "checkbox", "Certificate Revocation Request",
    ),
    "death_notice": ("名義人死亡による失効届", "死亡届出書", "名義人 死亡届", "Notice of Death of Certificate Holder"),
    "cancellation": (
        "発行申込取下げ依頼書", "申込取消届", "証明書発行申込の取消依頼", "Application Cancellation Request",
    ),
    "correction": ("変更届", "登録内容変更届", "記載事項訂正届", "Change of Registered Details"),
}
REASONS_JA: dict[str, tuple[str, ...]] = {
    "emergency_revocation": (
        "端末を紛失", "盗難に遭ったため", "秘密鍵が漏えいした恐れ", "ICカード紛失", "至急停止希望",
    ),
    "revocation": ("契約終了のため", "利用終了(紛失・盗難なし)", "担当者異動のため", "更新済みのため"),
    "death_notice": ("名義人の死亡", "名義人死去のため"),
    "cancellation": ("申込不要となったため", "二重申込のため"),
    "correction": ("所在地変更", "商号変更のため", "氏名変更"),
}
REASONS_EN: dict[str, tuple[str, ...]] = {
    "emergency_revocation": ("Laptop stolen", "Private key compromised", "Token lost"),
    "revocation": ("Contract ended", "No longer needed (nothing lost)"),
    "death_notice": ("Holder deceased",),
    "cancellation": ("Applied twice",),
    "correction": ("Office moved",),
}
SURNAMES = ("森", "池田", "橋本", "石井", "前田", "藤田", "岡本", "松本")
GIVEN = ("恵", "翔", "由美", "浩二", "真一", "智子")
SERIAL_STYLES = ("boxes", "hyphen groups", "space groups", "colon pairs", "plain")


def _font(path: str, size: int, index: int = 0) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(path, size, index=index)


def write_serial(digits: str, style: str, rnd: random.Random) -> str:
    """Write the hex *digits* as a person copies a serial: groups with spaces or hyphens, pairs, plain."""
    if style in ("hyphen groups", "space groups"):
        size = rnd.choice([4, 4, 2])
        parted = "-" if style == "hyphen groups" else " "
        return parted.join(digits[i : i + size] for i in range(0, len(digits), size))
    if style == "colon pairs":
        return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    return digits


def _by_hand(page: Any, rnd: random.Random, xy: tuple[int, int], text: str, fonts: list[Any], jitter: float) -> int:
    """Draw *text* one character at a time, each off its place by up to *jitter*; returns the end x."""
    from PIL import Image, ImageDraw

    x, y = xy
    for char in text:
        if char == " ":
            x += int(fonts[0].size * 0.5)
            continue
        font = rnd.choice(fonts)
        box = font.getbbox(char)
        w, h = box[2] + 6, box[3] + 6
        glyph = Image.new("L", (w, h), 0)
        ImageDraw.Draw(glyph).text((3, 3), char, font=font, fill=255)
        glyph = glyph.rotate(rnd.uniform(-6, 6) * jitter, resample=Image.Resampling.BICUBIC, expand=True)
        dy = round(rnd.uniform(-3, 3) * jitter)
        page.paste(0, (x, y + dy), glyph)
        x += glyph.width - 6 + round(rnd.uniform(-1, 3) * jitter)
    return x


def _boxes(
    page: Any, draw: Any, rnd: random.Random, xy: tuple[int, int], digits: str, font: Any, jitter: float
) -> None:
    """Write *digits* one character per printed box, a hyphen printed between groups of four now and then."""
    x, y = xy
    dash = rnd.random() < 0.5
    # The boxes fit the cell: a long serial gets smaller boxes.
    room = PAGE[0] - 110 - x
    side = min(font.size + 14, int(room / (len(digits) * 1.1 + (len(digits) // 4) * 0.5 * dash)))
    font = _font(LATIN_FONTS[3], max(12, side - 14))
    for i, char in enumerate(digits):
        if dash and i and i % 4 == 0:
            draw.text((x + 2, y + side // 4), "-", font=font, fill=0)
            x += side // 2
        draw.rectangle((x, y, x + side, y + side), outline=0, width=2)
        _by_hand(page, rnd, (x + 6 + rnd.randint(-2, 2), y + 2), char, [font], jitter)
        x += side + (0 if rnd.random() < 0.7 else 4)


def _checkbox(draw: Any, xy: tuple[int, int], checked: bool, size: int, rnd: random.Random) -> None:
    """A square, ticked (✓ or ×, drawn as strokes, as a pen does) when *checked*."""
    x, y = xy
    draw.rectangle((x, y, x + size, y + size), outline=0, width=3)
    if checked:
        if rnd.random() < 0.5:
            draw.line((x + 4, y + size // 2, x + size // 2.5, y + size - 4, x + size + 6, y - 6), fill=0, width=5)
        else:
            draw.line((x + 4, y + 4, x + size - 4, y + size - 4), fill=0, width=5)
            draw.line((x + size - 4, y + 4, x + 4, y + size - 4), fill=0, width=5)


def _seal(page: Any, rnd: random.Random, center: tuple[int, int], name: str, cjk: str) -> None:
    """A round seal (印) stamped in red; on a fax it comes out as a grey or black ring over the text."""
    from PIL import Image, ImageDraw

    r = rnd.randint(45, 65)
    stamp = Image.new("L", (2 * r + 8, 2 * r + 8), 0)
    draw = ImageDraw.Draw(stamp)
    draw.ellipse((4, 4, 2 * r + 4, 2 * r + 4), outline=255, width=5)
    font = _font(cjk, max(20, r * 2 // (len(name) + 1)))
    for i, char in enumerate(name[:2]):
        draw.text((r - font.size // 2 + 4, 14 + i * (font.size + 2)), char, font=font, fill=255)
    stamp = stamp.rotate(rnd.uniform(-20, 20), resample=Image.Resampling.BICUBIC)
    tone = rnd.randint(60, 150)  # red ink is a mid grey to the fax's sensor
    page.paste(tone, (center[0] - r, center[1] - r), stamp)


def _receipt_stamp(page: Any, damage: random.Random, center: tuple[int, int], cjk: str) -> None:
    """A square receipt stamp (受付 and a date) in red or blue ink, pressed over whatever is there."""
    from PIL import Image, ImageDraw

    side = damage.randint(110, 150)
    stamp = Image.new("L", (side + 8, side + 8), 0)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle((4, 4, side + 4, side + 4), outline=255, width=4)
    draw.line((4, side // 3 + 4, side + 4, side // 3 + 4), fill=255, width=3)
    draw.line((4, 2 * side // 3 + 4, side + 4, 2 * side // 3 + 4), fill=255, width=3)
    big = _font(cjk, side // 4)
    small = _font(cjk, side // 6)
    draw.text((side // 2 - side // 4 + 4, 10), "受付", font=big, fill=255)
    draw.text((10, side // 3 + 14), f"{damage.randint(1, 12)}.{damage.randint(1, 28)}", font=small, fill=255)
    draw.text((side // 2 - side // 6 + 4, 2 * side // 3 + 12), "窓口", font=small, fill=255)
    stamp = stamp.rotate(damage.uniform(-15, 15), resample=Image.Resampling.BICUBIC, expand=True)
    tone = damage.randint(50, 140)
    page.paste(tone, (center[0] - stamp.width // 2, center[1] - stamp.height // 2), stamp)


def _form(rnd: random.Random, damage: random.Random, kind: str, digits: str, settings: dict[str, Any]) -> Any:
    """Draw and fill one form; returns a grey Pillow page at 200 dpi.

    *rnd* decides the form and what is written on it, *damage* only the calligraphic
    serial and the receipt stamp.
    """
    from PIL import Image, ImageDraw

    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    cjk_path, cjk_index = rnd.choice(CJK_FONTS)
    title = rnd.choice(TITLES[kind])
    english = title.isascii() and title != "checkbox"
    checkbox = title == "checkbox"
    if checkbox:
        title = rnd.choice(["電子証明書失効申込書", "証明書失効のお申し込み", "失効申請書"])
    settings.update(title=title, english=english, checkbox=checkbox, font=cjk_path.rsplit("/", 1)[1])
    title_font = _font(cjk_path, rnd.choice([44, 52, 60]), cjk_index)
    label_font = _font(cjk_path, rnd.choice([26, 28, 30]), cjk_index)
    width = draw.textlength(title, font=title_font)
    top = rnd.randint(140, 220)
    draw.text(((PAGE[0] - width) / 2 + rnd.randint(-80, 80), top), title, font=title_font, fill=0)
    intro = "To: iPROVE CA, Certificate Services" if english else "日本電子公証機構 認証局 御中"
    draw.text((110, top + 110), intro, font=label_font, fill=0)
    # The filled-in values: by hand (several faces, jitter) or typed.
    by_hand = rnd.random() < 0.6
    jitter = rnd.uniform(0.5, 1.3) if by_hand else 0.0
    hand_size = rnd.choice([32, 36, 40])
    hand_fonts = [_font(cjk_path, hand_size, cjk_index)]
    if by_hand:
        other_path, other_index = rnd.choice(CJK_FONTS)
        hand_fonts.append(_font(other_path, hand_size + rnd.randint(-3, 3), other_index))
    latin = _font(rnd.choice(LATIN_FONTS), hand_size + 2) if by_hand else _font(LATIN_FONTS[3], hand_size - 4)
    script = damage.random() < 0.3
    settings.update(by_hand=by_hand, jitter=round(jitter, 2), script=script)
    name = f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}"
    style = settings["style"]
    written = digits if style == "boxes" else write_serial(digits, style, rnd)
    settings["written"] = written
    if english:
        reason = rnd.choice(REASONS_EN[kind])
        rows = [("Date", f"2026-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"), ("Name", "Taro Mori"),
                ("Phone", f"+81 3 {rnd.randint(1000, 9999)} {rnd.randint(1000, 9999)}"),
                ("Certificate serial number", written), ("Reason", reason)]
    else:
        reason = rnd.choice(REASONS_JA[kind])
        rows = [("記入日", f"2026年{rnd.randint(1, 12)}月{rnd.randint(1, 28)}日"), ("お名前", name),
                ("連絡先", f"0{rnd.randint(3, 99)}-{rnd.randint(100, 9999)}-{rnd.randint(1000, 9999)}"),
                (rnd.choice(["シリアル番号", "証明書シリアル番号", "証明書のシリアル番号"]), written),
                ("理由" if rnd.random() < 0.5 else "失効の理由", reason)]
    if kind == "correction" and not english:
        rows.append(("変更内容", "旧: 大阪市北区 → 新: 大阪市中央区"))
    y = top + 190
    row_h = 92
    label_w = rnd.choice([330, 380, 420])
    lined = rnd.random() < 0.7
    if checkbox:
        emergency = kind == "emergency_revocation"
        size = 30
        x = 130
        choices = [("緊急失効", emergency), ("通常失効", not emergency)]
        if rnd.random() < 0.5:
            choices.reverse()
        draw.text((x, y + 10), "区分:", font=label_font, fill=0)
        x += 120
        for word, checked in choices:
            _checkbox(draw, (x, y + 14), checked, size, rnd)
            draw.text((x + size + 14, y + 10), word, font=label_font, fill=0)
            x += size + 40 + int(draw.textlength(word, font=label_font)) + 40
        y += row_h
    where: dict[str, int] = {}
    for label, value in rows:
        where[value] = y
        if lined:
            draw.rectangle((100, y, PAGE[0] - 100, y + row_h), outline=0, width=2)
            draw.line((100 + label_w, y, 100 + label_w, y + row_h), fill=0, width=2)
        draw.text((118, y + 28), label, font=label_font, fill=0)
        vx, vy = 100 + label_w + 24 + rnd.randint(0, 20), y + 22 + rnd.randint(-6, 6)
        if value == written and style == "boxes":
            _boxes(page, draw, rnd, (vx, y + 14), digits, _font(LATIN_FONTS[3], 36), jitter)
        elif value == written and script:
            # A hand writes a long serial smaller, to fit it in its cell.
            size = hand_size + 6
            while size > 24 and _font(SCRIPT_FONT, size).getlength(value) * 1.15 > PAGE[0] - 130 - vx:
                size -= 2
            _by_hand(page, rnd, (vx, vy - 4), value, [_font(SCRIPT_FONT, size)], max(jitter, 0.5))
        elif value == written or value.isascii():
            if by_hand:
                _by_hand(page, rnd, (vx, vy), value, [latin], jitter)
            else:
                draw.text((vx, vy), value, font=latin, fill=0)
        else:
            _by_hand(page, rnd, (vx, vy), value, hand_fonts, jitter)
        y += row_h
    if rnd.random() < 0.6:
        target = (rnd.randint(1100, 1400), top + 190 + row_h * (1 + checkbox) + row_h // 2) if rnd.random() < 0.6 else (
            int((PAGE[0] + width) / 2) + rnd.randint(-60, 20), top + 30)
        _seal(page, rnd, target, name.split()[0], cjk_path)
        settings["seal"] = target
    stamped = damage.choice(["none", "none", "title", "name", "serial"])
    if stamped != "none":
        row = {"title": top + 30 - row_h // 2, "name": where[rows[1][1]], "serial": where[written]}[stamped]
        spot = (damage.randint(300, 1300) if stamped == "title" else damage.randint(100 + label_w, 1100),
                row + row_h // 2 + damage.randint(-30, 30))
        _receipt_stamp(page, damage, spot, cjk_path)
    settings["receipt stamp"] = stamped
    footer = "※ Fax this form to 03-0000-0000." if english else "※ 受付後、ご登録の電話番号へ確認のご連絡をいたします。"
    draw.text((110, y + 60), footer, font=_font(cjk_path, 22, cjk_index), fill=0)
    return page


def _fax(rnd: random.Random, damage: random.Random, page: Any, settings: dict[str, Any]) -> tuple[Any, tuple[int, int]]:
    """Degrade the page as a fax: skew, a coarse scan, standard mode (stretched back or not), noise, threshold.

    *rnd*'s draws are the first round's (kept, so that its later draws stay the same);
    *damage* makes the skew 1 to 3 degrees, the scan 100 to 200 dpi, the speckle heavier
    and a page now and then dithered.
    """
    import numpy as np
    from PIL import Image, ImageFilter

    rnd.uniform(-3.0, 3.0)
    angle = damage.choice([-1, 1]) * damage.uniform(1.0, 3.0)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    scan = damage.choice(SCAN_DPIS)
    if scan != DPI:
        page = page.resize((round(page.width * scan / DPI), round(page.height * scan / DPI)), Image.Resampling.BOX)
    mode = rnd.choice(["fine", "standard", "standard stretched"])
    dpi = (scan, scan)
    if mode != "fine":
        page = page.resize((page.width, page.height // 2), Image.Resampling.BOX)
        if mode == "standard stretched":
            page = page.resize((page.width, page.height * 2), Image.Resampling.NEAREST)
        else:
            dpi = (scan, scan // 2)
    tone = rnd.choice(["normal", "faint", "heavy"])
    if damage.random() < 0.2:
        tone = "dithered"
    if tone == "heavy":
        page = page.filter(ImageFilter.MinFilter(3))
    pixels = np.asarray(page, dtype=np.float32)
    if tone == "faint":
        pixels = 255 - (255 - pixels) * rnd.uniform(0.6, 0.8)
    noise = np.random.default_rng(rnd.getrandbits(32))
    pixels = pixels + noise.normal(0, rnd.uniform(5, 25), pixels.shape)
    threshold = rnd.uniform(115, 165)
    if tone == "dithered":
        # A machine left in photo mode dithers the grey instead of cutting it at a threshold.
        grey = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
        black = np.asarray(grey.convert("1", dither=Image.Dither.FLOYDSTEINBERG)) == 0
    else:
        black = pixels < threshold
    density = rnd.uniform(0.0005, 0.004) * damage.uniform(1.0, 2.0)
    black |= noise.random(black.shape) < density
    black &= ~(noise.random(black.shape) < density / 2)  # white specks in the strokes as well
    # Dust on the glass: specks of two or three pixels, not one.
    dust = noise.random(black.shape) < density / 4
    black |= dust | np.roll(dust, 1, axis=0) | np.roll(dust, 1, axis=1)
    image = Image.fromarray(np.where(black, 0, 255).astype(np.uint8))
    settings.update(angle=round(angle, 2), scan=scan, mode=mode, tone=tone, threshold=round(threshold),
                    speckle=round(density, 4))
    return image.convert("1"), dpi


def _mail(document: bytes, rnd: random.Random) -> bytes:
    """A notice from a gateway of another make: its own sender, subject and words."""
    mail = MIMEMultipart()
    senders = ["scan@mfp-3f.example.co.jp", "noreply-fax@cloudfax.example.com", "fax01@office.example.jp"]
    mail["From"] = rnd.choice(senders)
    mail["To"] = "ca@ca.example.jp"
    mail["Subject"] = rnd.choice(["Fax from +81 3 5555 0101", "受信FAX (2枚)", "Scanned image from MFP-3F"])
    mail.attach(MIMEText("FAXを受信しました。受信日時: 2026/11/30 09:12\n", "plain", "utf-8"))
    part = MIMEApplication(document, "pdf", name="document.pdf")
    part.add_header("Content-Disposition", "attachment", filename="document.pdf")
    mail.attach(part)
    mail.set_boundary(f"==wild-{rnd.getrandbits(64):016x}==")
    return mail.as_bytes()


def make_fax(seed: int, index: int) -> FaxSample:
    """Make fax number *index* of *seed*; the kinds take turns, the emergency form twice as often."""
    rnd = random.Random(f"wild:{seed}:{index}")
    order = (*KINDS, "emergency_revocation")
    kind = order[(index + seed) % len(order)]
    style = rnd.choice(SERIAL_STYLES)
    # A form prints a box per character for a serial of up to 20 characters.
    octets = rnd.choice([8, 10] if style == "boxes" else [8, 10, 12, 16])
    value = rnd.getrandbits(octets * 8) | (1 << (octets * 8 - 4))
    digits = format(value, "x")
    upper = rnd.random() < 0.6
    digits = digits.upper() if upper else digits
    settings: dict[str, Any] = {"style": style, "upper": upper, "octets": octets}
    damage = random.Random(f"wild-damage:{seed}:{index}")
    page = _form(rnd, damage, kind, digits, settings)
    image, dpi = _fax(rnd, damage, page, settings)
    pdf = _image_pdf(image, dpi)
    return FaxSample(seed, index, kind, format(value, "x"), settings["written"], pdf, _mail(pdf, rnd), settings)

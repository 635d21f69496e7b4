"""A faxed form's title read a second time, and the form's field labels as evidence of its kind.

The title decides a faxed form's kind, and a fax loses characters of it now and then
(緊急失効申請書 read as 失効申請書 makes an emergency a plain revocation).  Two more
looks at the form help:

* :func:`title_band` finds the title on the cleaned page without OCR: the tallest text
  line in the top fifth of the page (the fax machine's header line above it is small);
  :func:`read_title` reads that band alone, scaled to tesseract's best size, as one line
  (``--psm 7``) limited to the characters of the known titles (:data:`TITLE_WHITELIST`);
* :func:`match_title` finds the best known title in a read with a fuzzy match, and
  :func:`vote_titles` decides between the page's title and the re-read one;
* :func:`label_evidence` finds the words only one kind of form asks for (紛失・盗難の日時
  on an emergency form, 死亡年月日 on a death notice, 申込番号 on a cancellation …),
  tolerating one wrong character in a word of four or more (:func:`fuzzy_find`).

Nothing here raises on a bad image: an empty band or a failed read gives no title.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

import numpy as np

from intake.faxocr import ocr_words

FormKind = Literal["emergency_revocation", "death_notice", "cancellation", "correction", "revocation", "unknown"]

# Form titles in the order they are tried: a more specific title first, since
# 緊急失効申請書 contains 失効申請書 and 失効請求書（名義人死亡届） contains 失効請求書.  Titles are
# matched in lower case and without spaces, and the English ones are written so.
FORM_TITLES: tuple[tuple[FormKind, tuple[str, ...]], ...] = (
    (
        "emergency_revocation",
        ("緊急失効申請書", "緊急失効請求書", "緊急失効依頼書", "緊急失効届", "緊急失効", "緊急利用停止",
         "emergencyrevocation"),
    ),
    ("death_notice", ("名義人死亡届", "死亡届", "死亡による失効", "noticeofdeath", "deathnotice")),
    (
        "cancellation",
        ("発行申込取消依頼書", "発行申込取消", "申込取消依頼", "取消依頼書", "取消依頼", "取り消し依頼", "申込取消",
         "申込取下げ", "取下げ依頼", "applicationcancellation", "cancellationrequest"),
    ),
    # A form that reports changed or wrong details is a correction, whether it says 訂正 or 変更.
    (
        "correction",
        ("記載内容訂正依頼", "訂正依頼書", "訂正依頼", "記載事項変更届", "記載事項変更", "登録事項変更届", "訂正届",
         "登録内容変更", "変更届", "correctionrequest", "changeofregistereddetails"),
    ),
    (
        "revocation",
        ("電子証明書失効請求書", "失効請求書", "失効申請書", "失効依頼書", "失効申込書", "失効届", "利用停止依頼",
         "revocationrequest", "certificaterevocation"),
    ),
)
# How urgent each kind is: when two reads disagree and score alike, the more urgent kind wins
# (an emergency is never to be taken for less).
KIND_RANK: dict[FormKind, int] = {
    "emergency_revocation": 5, "death_notice": 4, "cancellation": 3, "correction": 2, "revocation": 1, "unknown": 0,
}
# The characters of every known title: the re-read of the title band is limited to them, so
# that a blurred character is read as the title character it most resembles.
TITLE_WHITELIST = "".join(sorted(set("".join(t for _, titles in FORM_TITLES for t in titles if not t.isascii()))))

# A title whose best window in a read is at least this similar counts (one wrong character
# in a seven-character title scores 0.86).
TITLE_SIMILARITY = 0.8
# The title is looked for in this top share of the page, and its band is scaled so that a
# character is this many pixels high (tesseract reads CJK best near this size).
TITLE_REGION_SHARE = 0.2
TITLE_CHAR_HEIGHT = 36
THIN_CHAR_HEIGHT = 48
# A pixel row belongs to a text line when at least this many of its pixels are dark, and at
# least this share of the darkest row's (a fax's specks leave a few dark pixels on every row);
# a line must be this many rows high to be a title (a fax header line is about half of it at
# 300 dpi).
ROW_DARK_PIXELS = 3
ROW_DARK_SHARE = 0.04
# A pixel column belongs to the title when at least this share of the line's rows are dark in it.
COLUMN_DARK_SHARE = 0.1
MIN_TITLE_ROWS = 40

# Field labels that only one kind of form has.  A label of four or more characters is found
# with one wrong character; a shorter one only as written.
FORM_LABELS: tuple[tuple[FormKind, tuple[str, ...]], ...] = (
    (
        "emergency_revocation",
        ("紛失・盗難の日時", "紛失盗難の日時", "紛失・盗難の事由", "紛失日時", "盗難日時", "漏洩の日時", "緊急失効",
         "至急失効", "緊急の事由", "秘密鍵漏洩", "秘密鍵の漏洩", "紛失したため", "盗難被害", "盗難にあ"),
    ),
    ("death_notice", ("死亡年月日", "死亡日", "名義人死亡", "届出人", "相続人", "死亡診断書")),
    ("cancellation", ("申込番号", "申込取消", "取消理由", "申込日", "発行申込")),
    (
        "correction",
        ("訂正内容", "訂正箇所", "訂正前", "訂正後", "記載内容訂正", "記載事項変更", "変更内容", "変更前", "変更後"),
    ),
)
FUZZY_MIN_LENGTH = 4


def squeeze(text: str) -> str:
    """NFKC-normalise OCR text, drop every space (tesseract spaces Japanese characters), lower the case."""
    return re.sub(r"[ \t\u3000]+", "", unicodedata.normalize("NFKC", text)).lower()


def edit_distance_in(word: str, text: str) -> int:
    """Return the fewest edits (change, add or drop a character) that put *word* somewhere in *text*.

    This is the approximate substring match (Sellers): the match may start anywhere in the text.
    """
    if not word:
        return 0
    previous = [0] * (len(text) + 1)
    for i, char in enumerate(word, 1):
        current = [i] + [0] * len(text)
        for j, other in enumerate(text, 1):
            current[j] = min(previous[j - 1] + (char != other), previous[j] + 1, current[j - 1] + 1)
        previous = current
    return min(previous)


def fuzzy_find(word: str, text: str, max_errors: int = 1) -> bool:
    """Tell whether *word* is in *text* with at most *max_errors* wrong characters.

    Words shorter than :data:`FUZZY_MIN_LENGTH` must be there as written: one wrong character
    in two or three leaves too little of the word to tell it from another.
    """
    if word in text:
        return True
    if len(word) < FUZZY_MIN_LENGTH or not text:
        return False
    # A quick check first: a word found with one error shares most of its characters with the text.
    if sum(c in text for c in word) < len(word) - max_errors:
        return False
    return edit_distance_in(word, text) <= max_errors


def title_similarity(title: str, text: str) -> float:
    """Return how well *title* matches its best place in *text* (1.0 when it is there as written).

    The score is one less the share of the title's characters that must be changed, added
    or dropped: one wrong character in a seven-character title scores 0.86.
    """
    if title in text:
        return 1.0
    if not text:
        return 0.0
    if sum(c in text for c in title) < len(title) * TITLE_SIMILARITY:
        return 0.0
    return 1.0 - edit_distance_in(title, text) / len(title)


def match_title(text: str) -> tuple[FormKind, str, float]:
    """Return the kind, title and similarity of the known title that best matches *text*.

    Of the kinds whose titles reach :data:`TITLE_SIMILARITY`, the most urgent wins: a read
    that holds 緊急失効申請書 with one character lost also holds 失効申請書 as written, and
    失効請求書（名義人死亡届） holds a revocation's title as well.  Within a kind the best
    score wins, then the longer title.  Returns ``("unknown", "", 0.0)`` when no title is found.
    """
    flat = squeeze(text)
    best: tuple[FormKind, str, float] = ("unknown", "", 0.0)
    best_key: tuple[int, float, int] = (0, 0.0, 0)
    for kind, titles in FORM_TITLES:
        for title in titles:
            score = title_similarity(title, flat)
            key = (KIND_RANK[kind], score, len(title))
            if score >= TITLE_SIMILARITY and key > best_key:
                best, best_key = (kind, title, score), key
    return best


def vote_titles(reads: Iterable[tuple[FormKind, str, float]]) -> tuple[FormKind, str, float]:
    """Decide the form's kind from several reads of its title (each a :func:`match_title` result).

    An emergency title read with confidence by any read wins: a re-read that finds 緊急 the
    page's reading lost is believed, since no read adds those characters to a plain title.
    Otherwise the best-scoring read wins, and on a tie the more urgent kind.
    """
    found = [r for r in reads if r[0] != "unknown"]
    if not found:
        return "unknown", "", 0.0
    urgent = [r for r in found if r[0] == "emergency_revocation"]
    if urgent:
        return max(urgent, key=lambda r: r[2])
    return max(found, key=lambda r: (r[2], KIND_RANK[r[0]]))


def label_evidence(text: str) -> tuple[FormKind, str]:
    """Return the kind of form whose own field labels or words *text* has, and the word found.

    Kinds are tried from the most urgent one; ``("unknown", "")`` when none is found.
    """
    flat = squeeze(text)
    for kind, labels in FORM_LABELS:
        for label in labels:
            if fuzzy_find(label, flat):
                return kind, label
    return "unknown", ""


def title_band(pixels: np.ndarray) -> np.ndarray | None:
    """Return the band of a cleaned page (grey pixels, rules erased) that holds its title, or None.

    The title is the tallest text line in the top :data:`TITLE_REGION_SHARE` of the page;
    the band is that line with a margin, cut to the columns that have ink.
    """
    region = pixels[: int(pixels.shape[0] * TITLE_REGION_SHARE)]
    dark = region < 128
    counts = dark.sum(axis=1)
    if counts.size == 0:
        return None
    inked = counts >= max(ROW_DARK_PIXELS, ROW_DARK_SHARE * int(counts.max()))
    best: tuple[int, int] | None = None
    start = None
    for row, on in enumerate([*inked.tolist(), False]):
        if on and start is None:
            start = row
        elif not on and start is not None:
            if row - start >= MIN_TITLE_ROWS and (best is None or row - start > best[1] - best[0]):
                best = (start, row)
            start = None
    if best is None:
        return None
    top, bottom = best
    # A column of the title's ink crosses strokes; a speck beside the title darkens a few pixels.
    columns = np.flatnonzero(dark[top:bottom].sum(axis=0) > COLUMN_DARK_SHARE * (bottom - top))
    if columns.size == 0:
        return None
    margin = (bottom - top) // 3
    left, right = max(0, int(columns[0]) - margin), min(pixels.shape[1], int(columns[-1]) + margin)
    return np.asarray(pixels[max(0, top - margin) : bottom + margin, left:right])


def title_renderings(band: np.ndarray) -> list[bytes]:
    """Return the band as PNGs in two renderings, padded white.

    The first is scaled so that a character is :data:`TITLE_CHAR_HEIGHT` pixels high; the
    second is larger and thinned (a heavy fax fills the strokes of 義 or 請 into a blot).
    """
    from PIL import Image, ImageFilter

    # The band is the line and a third of its height above and below it.
    char_height = max(8, round(band.shape[0] * 3 / 5))
    image = Image.fromarray(band)
    renderings = []
    for height, thin in ((TITLE_CHAR_HEIGHT, False), (THIN_CHAR_HEIGHT, True)):
        scale = height / char_height
        scaled = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                              Image.Resampling.LANCZOS)
        if thin:
            scaled = scaled.filter(ImageFilter.MaxFilter(3))
        out = io.BytesIO()
        Image.fromarray(np.pad(np.asarray(scaled), 20, constant_values=255)).save(out, format="PNG")
        renderings.append(out.getvalue())
    return renderings


def read_title(pixels: np.ndarray, psm: int = 7) -> str:
    """Read the title band of a cleaned page alone, limited to the titles' characters; '' when there is none."""
    band = title_band(pixels)
    if band is None:
        return ""
    reads = []
    for png in title_renderings(band):
        words = ocr_words(png, "jpn", psm, ("-c", f"tessedit_char_whitelist={TITLE_WHITELIST}"))
        reads.append("".join(w.text for w in words))
    # One line per rendering: each is matched on its own (see vote_titles).
    return "\n".join(reads)


def match_reads(text: str) -> tuple[FormKind, str, float]:
    """Return the form that the re-reads of a title (one per line, as :func:`read_title` gives them) agree on."""
    return vote_titles(match_title(line) for line in text.splitlines() if line.strip())

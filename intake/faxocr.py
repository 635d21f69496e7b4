"""Reading a faxed serial with care: tesseract's words and confidences, and a second look at the serial.

A fax at 200x100 dpi, faint or heavy, turns B into 8, D into 0 and drops a character now
and then.  A serial read once is therefore never taken on trust:

* :func:`ocr_words` runs tesseract with TSV output, which gives every word with its box
  and its confidence, and :func:`words_text` rebuilds the page's text from them;
* :func:`serial_fields` finds where on the page each serial is written (the words right of
  each ``シリアル番号`` label on the one text line most of them stand on, or under the
  label when nothing stands right of it, or failing a legible label the line with the
  longest hex value; never a telephone number or a date);
* :func:`read_hex_line` reads that line again, alone (cut out and cleaned by
  :mod:`intake.faxstrip`), with tesseract limited to hex digits and separators and told
  it is one line (psm 7), in several renderings;
* :func:`vote` takes a value as exact only when the page's read and a re-read give the
  same digits, the value is written in whole groups (pairs or fours, joined by spaces,
  colons or hyphens, a "0x" before them dropped), and no rival of its length is read as
  often; otherwise every read is a candidate for an operator to check against the
  register;
* :func:`near_unanimous` is the stricter rule for a page scanned coarse or dithered: all
  reads but one hold the value and none a rival of its length.

A read that fails is never taken for an empty page: :func:`run_tesseract` tries a read that
ran out of time once more with a longer limit (a machine under load), and raises
:class:`OcrFailed` with the reason when tesseract is missing, will not start, runs out of
time twice or exits with an error.  The fax reader makes such a fax an unread one.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass

import numpy as np

from intake.lookalikes import OCR_LOOK_ALIKES

log = logging.getLogger(__name__)

# The time one read of one image may take.  A read that runs out of it is tried once more with
# OCR_RETRY_FACTOR times as long: on a loaded machine a page's read waits for the CPU.
OCR_TIMEOUT_SECONDS = 60.0
OCR_RETRY_FACTOR = 2.0
# The environment variable that sets another first limit, in seconds (a slow machine, a test).
OCR_TIMEOUT_ENV = "MADOGUCHI_OCR_TIMEOUT_SECONDS"
# The x of a "0x" prefix is allowed, so that it is not read as a digit (0x51… as 0c51…).
HEX_WHITELIST = "0123456789ABCDEFabcdefx: -"
_LABEL = re.compile(r"シリアル|リアル番|アル番号|シリア|serial|ｼﾘｱﾙ", re.I)
# Characters OCR reads for hex digits (its look-alikes included, :data:`intake.lookalikes.OCR_LOOK_ALIKES`).
_HEX_OR_ALIKE = set("0123456789ABCDEFabcdef") | set(OCR_LOOK_ALIKES)
_SEPARATORS = set(":：- ")
# Share of a word's other characters that must be hex digits or look-alikes for it to be a value.
HEXISH_SHARE = 0.75
# Serial fields read on one page at most (each costs a few reads of its line).
MAX_FIELDS = 3
# A value under its label (no value right of it) is looked for this many label heights down.
BELOW_LINES = 3
# A Japanese telephone number (0, area code, exchange, line; hyphens or dots) is never a serial.
_PHONE = re.compile(r"(?<![0-9A-Za-z])0\d{1,4}[-.]\d{1,4}[-.]\d{3,4}(?![0-9A-Za-z])")


@dataclass(frozen=True)
class OcrWord:
    """One word of tesseract's TSV output: its text, confidence (0-100), box and line."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int, int]  # page, block, paragraph, line

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


class OcrFailed(Exception):
    """Tesseract could not read an image: it is missing, would not start, ran out of time twice or failed.

    ``reason`` says which, in words fit for a case's reasons.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ocr_timeout() -> float:
    """Return the first read's time limit: :data:`OCR_TIMEOUT_ENV` when it holds a positive number, else the default."""
    setting = os.environ.get(OCR_TIMEOUT_ENV, "").strip()
    if not setting:
        return OCR_TIMEOUT_SECONDS
    try:
        seconds = float(setting)
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        log.warning("%s=%r is no positive number of seconds; %s s is used", OCR_TIMEOUT_ENV, setting,
                    OCR_TIMEOUT_SECONDS)
        return OCR_TIMEOUT_SECONDS
    return seconds


def run_tesseract(png: bytes, args: list[str]) -> str:
    """Run tesseract on a PNG with *args* after the file names and return what it wrote.

    A read that runs out of time (:func:`ocr_timeout`) is tried once more with
    :data:`OCR_RETRY_FACTOR` times the limit.  Raises :class:`OcrFailed` when tesseract is not
    installed, cannot be started, runs out of time twice or exits with an error: an empty
    output is what tesseract read, never a failure.
    """
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrFailed("tesseract is not installed")
    first = ocr_timeout()
    for timeout in (first, first * OCR_RETRY_FACTOR):
        try:
            done = subprocess.run(
                [binary, "stdin", "stdout", *args], input=png, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            log.warning("tesseract ran out of its %.1f s", timeout)
            continue
        except OSError as exc:
            raise OcrFailed(f"tesseract could not be started ({exc})") from exc
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = f": {said[-1][:200]}" if said else ""
            raise OcrFailed(f"tesseract exited with status {done.returncode}{detail}")
        return done.stdout.decode("utf-8", "replace")
    raise OcrFailed(f"tesseract ran out of time twice ({first:g} s, then {first * OCR_RETRY_FACTOR:g} s)")


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Return the words (level 5 rows with text) of tesseract's TSV output."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        page, block, par, line, _word, left, top, width, height = (int(c) for c in cells[1:10])
        words.append(OcrWord(cells[11].strip(), float(cells[10]), left, top, width, height, (page, block, par, line)))
    return words


def ocr_words(png: bytes, languages: str = "jpn+eng", psm: int = 3, extra: tuple[str, ...] = ()) -> list[OcrWord]:
    """Run tesseract on one image and return its words with boxes and confidences."""
    return parse_tsv(run_tesseract(png, ["-l", languages, "--psm", str(psm), *extra, "tsv"]))


def words_text(words: list[OcrWord]) -> str:
    """Rebuild the text from TSV words: one line per tesseract line, words joined by spaces."""
    lines: dict[tuple[int, int, int, int], list[str]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word.text)
    return "\n".join(" ".join(texts) for texts in lines.values())


def _hexish(word: OcrWord) -> bool:
    """Tell whether a word may be (part of) a hex value as OCR reads one.

    Speckle and a cell's border leave a stray mark now and then (``_bbae2c80``, ``5¢:b1``),
    so three characters in four being hex digits or their look-alikes is enough.
    """
    chars = [c for c in word.text.strip("_|[]()'\"`.,") if c not in _SEPARATORS]
    hexes = sum(c in _HEX_OR_ALIKE for c in chars)
    digits = sum(c in "0123456789abcdefABCDEF" for c in chars)
    return digits >= 2 and hexes >= HEXISH_SHARE * len(chars)


def _one_line(value: list[OcrWord], label_middle: float) -> list[OcrWord]:
    """Keep the value's words that stand on one text line, the line most of them stand on.

    A word's box swallows a speck or a part of the next row now and then, so the band
    around the label may also hold a word of the row above or below (the telephone number
    over the serial).  The line's middle is the words' middle that most boxes span (the
    one nearest the label's middle on a tie); a word whose box does not span it stands on
    another line.
    """

    def spanning(middle: float) -> int:
        return sum(w.top <= middle <= w.bottom for w in value)

    line = max((w.middle for w in value), key=lambda m: (spanning(m), -abs(m - label_middle)))
    return [w for w in value if w.top <= line <= w.bottom]


# Words that may end a serial's label after the word that names it (シリアル 番号, Serial No.).
_LABEL_TAIL = re.compile(r"^(?:番号|号|No\.?|Number|#|[:：])$", re.I)


def _label_end(line_words: list[OcrWord]) -> OcrWord | None:
    """Return the last word of the serial's own label on a line: the word naming it and its tail, or None."""
    ordered = sorted(line_words, key=lambda w: w.left)
    start = next((i for i, w in enumerate(ordered) if _LABEL.search(w.text)), None)
    if start is None:
        return None
    end = ordered[start]
    for word in ordered[start + 1 :]:
        if not _LABEL_TAIL.match(word.text) or word.left - end.right > 2 * end.height:
            break
        end = word
    return end


def _value_below(words: list[OcrWord], labels: list[OcrWord], height: int) -> list[OcrWord]:
    """Return the value's words written under its label (a form whose field names head their cells), or [].

    The value stands on the first line below the label, within :data:`BELOW_LINES` label
    heights, and begins under the label (not far to its left or right, where another
    field's cell is).
    """
    left = min(w.left for w in labels)
    right = max(w.right for w in labels)
    bottom = max(w.bottom for w in labels)
    under = [
        w for w in words
        if bottom <= w.top <= bottom + BELOW_LINES * height and _hexish(w) and not _PHONE.search(w.text)
        and left - 2 * height <= w.left <= right + 2 * height
    ]
    if not under:
        return []
    first = min(w.middle for w in under)
    return sorted(_one_line([w for w in under if w.top <= first + height], first), key=lambda w: w.left)


def serial_fields(words: list[OcrWord]) -> list[tuple[list[OcrWord], int | None]]:
    """Return every serial field of a page: its value's words, left to right, and where its label ends.

    A form may ask for several serials (シリアル番号 (1), シリアル番号 (2)); each label's
    value is one field, at most :data:`MAX_FIELDS`, and a value found from two labels is
    one field.  The label's right edge is None when the value was found without a label.
    The value is what stands right of the serial label, in the label's band (a table's
    value cell may be read as a block of its own, and a skewed page lets the value drift a
    little up or down), or failing that what stands under the label (:func:`_value_below`).
    Without a legible label, the tesseract line with the most hex digits in hex-looking
    words is taken, if it has at least twelve of them.
    """
    by_line: dict[tuple[int, int, int, int], list[OcrWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    fields: list[tuple[list[OcrWord], int | None]] = []
    seen: set[tuple[int, int]] = set()
    for line_words in by_line.values():
        joined = "".join(w.text for w in line_words)
        if not _LABEL.search(joined) or len(fields) >= MAX_FIELDS:
            continue
        field = _labelled_value(words, line_words)
        if field is None or any((w.left, w.top) in seen for w in field[0]):
            continue
        seen.update((w.left, w.top) for w in field[0])
        fields.append(field)
    if fields:
        return fields
    best: list[OcrWord] = []
    best_digits = 0
    for line_words in by_line.values():
        # A date (``2026/01/17``) or a telephone number in a fax's header line is no part of a serial.
        hexes = [w for w in line_words if _hexish(w) and "/" not in w.text and not _PHONE.search(w.text)]
        digits = sum(len(re.sub(r"[^0-9A-Za-z]", "", w.text)) for w in hexes)
        # A fax header or a phone number is digits and hyphens, never letters: not a serial.
        if digits > best_digits and any(re.search(r"[A-Fa-f]", w.text) for w in hexes):
            best, best_digits = hexes, digits
    return [(sorted(best, key=lambda w: w.left), None)] if best_digits >= 12 else []


def _labelled_value(words: list[OcrWord], line_words: list[OcrWord]) -> tuple[list[OcrWord], int] | None:
    """Return the value right of (or under) the serial label on one line, and the left edge of its band."""
    # The label's last word: 番号 after シリアル when OCR split them, else the word that names it.
    named = [w for w in line_words if (w.text[-1:] in "号ル" or _LABEL.search(w.text)) and not _hexish(w)]
    label = max(named, key=lambda w: w.right) if named else line_words[0]
    own = _label_end(line_words)
    if own is not None and own.right < label.right:
        # Another field's label on the same line (電話番号 in a second column) is not the serial's.
        label = own
    labels = [w for w in line_words if w.right <= label.right]
    band_top = min(w.top for w in labels)
    band_bottom = max(w.bottom for w in labels)
    slack = band_bottom - band_top
    value = [
        w for w in words
        if w.left > label.right - 2 and band_top - slack <= w.middle <= band_bottom + slack and _hexish(w)
        and not _PHONE.search(w.text)
    ]
    # Words whose middle lies within the label's own band stand on its line; the slack is
    # for a value drifting off it on a skewed page, and must not let a word of the next
    # row (its box as tall as the value's) outvote the value's one word.
    inside = [w for w in value if band_top <= w.middle <= band_bottom]
    if inside:
        value = inside
    if value:
        return sorted(_one_line(value, (band_top + band_bottom) / 2), key=lambda w: w.left), label.right
    below = _value_below(words, labels, band_bottom - band_top)
    if below:
        # The band starts a little left of the value, not at the label (it is above it).
        return below, max(0, min(w.left for w in below) - (band_bottom - band_top))
    return None


def serial_boxes(words: list[OcrWord]) -> tuple[list[OcrWord], int | None]:
    """Return the first serial field of a page (see :func:`serial_fields`); ``([], None)`` when there is none."""
    fields = serial_fields(words)
    return fields[0] if fields else ([], None)


def _png(pixels: np.ndarray) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    return out.getvalue()


def read_hex_line(pixels: np.ndarray) -> tuple[str, float]:
    """Read one strip as a single line of hex digits and separators; returns the text and its lowest word confidence."""
    # A white border keeps characters at the edge from being cut off by tesseract.
    padded = np.pad(pixels, 20, constant_values=255)
    words = ocr_words(_png(padded), "eng", 7, ("-c", f"tessedit_char_whitelist={HEX_WHITELIST}"))
    if not words:
        return "", 0.0
    return " ".join(w.text for w in words), min(w.conf for w in words)


def read_line(pixels: np.ndarray, languages: str = "jpn+eng") -> str:
    """Read one strip as a single line with the page's languages and no whitelist.

    Its model and its freedom to read any character make it err otherwise than the
    hex-only reads of the same strip: it is a vote of its own, as the page's read is.
    """
    padded = np.pad(pixels, 20, constant_values=255)
    return " ".join(w.text for w in ocr_words(_png(padded), languages, 7))


def digits_of(text: str) -> str:
    """The hex digits of a read, lower case, separators dropped."""
    return re.sub(r"[^0-9a-f]", "", text.lower())


# The shapes in which a serial is written, tried on a read to find its value in it: colon
# or space pairs, groups of four (the last one may be short), or one run of digits.  A
# value is whole words of the read: it starts and ends at a space or the read's ends.
_SHAPES = (
    re.compile(r"(?<!\S)[0-9a-f]{2}(?::[0-9a-f]{2}){3,}(?!\S)"),
    re.compile(r"(?<!\S)[0-9a-f]{2}(?: [0-9a-f]{2}){3,}(?!\S)"),
    re.compile(r"(?<!\S)[0-9a-f]{2}(?:-[0-9a-f]{2}){3,}(?!\S)"),
    re.compile(r"(?<!\S)[0-9a-f]{4}(?: [0-9a-f]{4})+(?: [0-9a-f]{2})?(?!\S)"),
    re.compile(r"(?<!\S)[0-9a-f]{4}(?:-[0-9a-f]{4})+(?:-[0-9a-f]{2})?(?!\S)"),
    re.compile(r"(?<!\S)(?:[0-9a-f]{2}){4,}(?!\S)"),
)
# A value printed in groups with spaces whose separators OCR changed or dropped (``5E 21 0A
# 9B:7C``, ``5E 21 0A 9B7C``, ``4C91 E07B22D5``): most separators spaces, and either four
# groups or more of whole pairs, half of them single pairs, or two groups or more of whole
# fours (the last may be a pair), half of them single fours.
_SPACED_GROUPS = re.compile(r"(?<!\S)(?:[0-9a-f]{2})+(?:[ :\-](?:[0-9a-f]{2})+)+(?!\S)")


def _spaced_value(written: str) -> str:
    """Return the digits of a value printed in spaced groups (see :data:`_SPACED_GROUPS`), or ''."""
    groups = re.split(r"[ :\-]", written)
    # A value printed with colons that ends in a space and a pair (``…34:02 ee``) has a
    # stray mark read after it: only a value printed with spaces is taken so.
    if 2 * written.count(" ") <= len(groups) - 1:
        return ""
    pairs = len(groups) >= 4 and 2 * sum(len(g) == 2 for g in groups) >= len(groups)
    fours = (all(len(g) % 4 == 0 for g in groups[:-1]) and len(groups[-1]) % 2 == 0
             and 2 * sum(len(g) == 4 for g in groups) >= len(groups))
    return "".join(groups) if pairs or fours else ""
# The prefix a programmer writes before a hex value ("0x6D13…"); OCR reads its x as an x
# only when it may (the hex-only re-reads allow it for this).
_HEX_PREFIX = re.compile(r"(?<![0-9a-z])[0o]x(?=[0-9a-f])")
# A plain value that OCR split with a space (a hand's uneven spacing: ``de78b8 df 153c``) is
# taken whole when it is this long or longer.
PLAIN_SPLIT_DIGITS = 12
# Hex-only re-reads of the serial's line that must hold a value for it to be exact.
MIN_RE_READS = 2
# A certificate's serial is at most 20 octets (RFC 5280, 4.1.2.2): a longer value is two glued together.
MAX_DIGITS = 40


def shaped_values(text: str, min_digits: int = 8) -> set[str]:
    """Return the digits of the values a read may hold, each written in one shape with whole groups.

    Marks that are no hex digit nor separator (``_``, ``¢``, ``|``) become spaces, so
    a value cut by one is not glued to a stray digit.  The longest well-shaped value is
    taken (a read may begin or end with a stray mark read as a digit: ``a 9E7F…``, ``…
    34:02 ee``); a dropped or doubled character (``3A:7F:1:C2``, an odd number of plain
    digits) leaves no value, or a shorter one, rather than a wrong one.  A read of only
    plain words whose digits together are long and even, not all of them pairs (pairs are
    a shape of their own), may be one value split in two (``5A2F…605F 1DB23``, ``de78b8 df
    153c``), which is offered as well.
    """
    flat = re.sub(r"\s+", " ", re.sub(r"[^0-9a-f:\- ]", " ", _HEX_PREFIX.sub(" ", text.lower()))).strip()
    # A space OCR saw beside a colon or a hyphen (``08 :46``, ``3F: EE``, ``5C - 3F``) is no separator of its own.
    flat = re.sub(r"(?<=\b[0-9a-f]{2}) ?([:\-]) ?(?=[0-9a-f]{2}\b)", r"\1", flat)
    best = ""
    for shape in _SHAPES:
        for match in shape.finditer(flat):
            digits = digits_of(match.group(0))
            if len(digits) > len(best) and len(digits) <= MAX_DIGITS:
                best = digits
    for match in _SPACED_GROUPS.finditer(flat):
        digits = _spaced_value(match.group(0))
        if len(best) < len(digits) <= MAX_DIGITS:
            best = digits
    values = {best} if len(best) >= min_digits else set()
    words = flat.split(" ")
    joined = "".join(words)
    if (len(words) > 1 and all(re.fullmatch(r"[0-9a-f]+", w) for w in words)
            and PLAIN_SPLIT_DIGITS <= len(joined) <= MAX_DIGITS and len(joined) % 2 == 0
            and any(len(w) > 2 for w in words)):
        values.add(joined)
    return values


@dataclass(frozen=True)
class SerialVote:
    """The outcome of reading one serial several times: the agreed value, or only candidates."""

    value: str | None  # canonical hex, when the page's read and a re-read of its strip agree
    candidates: tuple[str, ...]  # every value read, canonical, most often read first
    reads: tuple[str, ...]  # the raw reads, for the case's reasons


def canonical(digits: str) -> str:
    """Hex digits as the project keeps a serial: lower case, no leading zeros."""
    return format(int(digits, 16), "x") if digits else ""


def _without_leading_zero(strip_read: str, independent: list[set[str]]) -> set[str]:
    """Return the independent reads' values that *strip_read* holds but for their leading 0.

    Tesseract limited to hex digits drops a 0 at the start of a line now and then
    (``0D6F-9321-…`` read ``D6F-9321-…``); the read then holds the same number.  Only a
    read whose digits are the whole value less that 0 counts, so no other digit may be missing.
    """
    digits = digits_of(strip_read)
    return {v for values in independent for v in values if v.startswith("0") and v[1:] == digits}


def vote(page_read: str, strip_reads: list[str], line_reads: tuple[str, ...] = ()) -> SerialVote:
    """Return the value an independent read and the strip's hex-only re-reads agree on, and every value read.

    The page's read (jpn+eng, the whole layout) and the strip's re-reads (hex digits only,
    one line) make different mistakes; re-reads of one strip in several renderings make
    alike ones, so their agreement among themselves is not enough: a value is taken only
    when the page's read, or a read of the strip by the page's languages without a
    whitelist (*line_reads*, :func:`read_line`), holds it and a hex-only re-read does too.
    At least :data:`MIN_RE_READS` re-reads must hold it (the line's read and a single
    re-read err alike now and then on a faint page).  It must also outvote every rival of
    its length (a value differing in a character or two): the re-reads that hold it must
    outnumber the reads that hold any one rival, for a small ``f`` read as ``1`` in three
    renderings out of five, and by the page, is a misreading they share.  Nor is a value
    taken when a longer one that holds it is read too (``FA BA … A7`` agreed on while
    another read has ``8A FA BA … A7``).  A value agreed on that is only a part of another
    agreed value (a read that lost its first groups) stands aside for the whole one; when
    the independent reads and the re-reads agree on more than one value otherwise, none
    is taken.
    """
    independent = [shaped_values(r) for r in (page_read, *line_reads)]
    strips = [shaped_values(r) | _without_leading_zero(r, independent) for r in strip_reads]
    counted = Counter(v for values in [*independent, *strips] for v in values)
    candidates = tuple(dict.fromkeys(canonical(d) for d, _n in counted.most_common()))
    agreed = {v for values in independent for v in values if any(v in s for s in strips)}
    agreed = {v for v in agreed if not any(len(o) > len(v) and v in o for o in agreed)}
    value = None
    if len(agreed) == 1:
        digits = agreed.pop()
        support = sum(digits in values for values in strips)
        rivals = [n for other, n in counted.items() if other != digits and len(other) == len(digits)]
        # A longer value read around it means the agreed one may be a value cut short
        # (its first pair lost to a mark in two reads alike).
        longer = any(len(other) > len(digits) and digits in other for other in counted)
        if support >= MIN_RE_READS and support > max(rivals, default=0) and not longer:
            value = canonical(digits)
    return SerialVote(value, candidates, (page_read, *line_reads, *strip_reads))


# On a rough page (scanned coarse or dithered: :func:`intake.faximage.clean`) a value is kept
# only when all reads but this many hold it.
ROUGH_DISSENT = 1
# ... and when at least this many reads were made (the page's, the line's and the re-reads).
ROUGH_MIN_READS = 5


def near_unanimous(agreed: SerialVote) -> bool:
    """Tell whether every read of a field but :data:`ROUGH_DISSENT` holds its agreed value, and none a rival.

    On a page scanned coarse or dithered, B and 8 or D and 0 differ by less than a scanned
    pixel, and a majority of reads may share a misreading: a value stands there only when
    the reads, the page's and the line's by tesseract's page model and the hex-only re-reads
    in every rendering, nearly all hold it and not one holds another value of its length
    (the read that dissents has lost a character and holds no whole value, or a shorter one).
    """
    if agreed.value is None or len(agreed.reads) < ROUGH_MIN_READS:
        return False
    per_read = [{canonical(v): len(v) for v in shaped_values(read)} for read in agreed.reads]
    length = max((values[agreed.value] for values in per_read if agreed.value in values), default=0)
    holding = sum(agreed.value in values for values in per_read)
    rival = any(n == length and v != agreed.value for values in per_read for v, n in values.items())
    return holding >= len(agreed.reads) - ROUGH_DISSENT and not rival

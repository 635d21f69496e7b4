"""Faxes that arrive as mail: recognising fax-to-email notices and reading the faxed form.

The CA takes emergency revocations by fax (FAQ: 「FAXによる緊急失効を受付ます」), and a
fax gateway turns each fax into a mail whose only content is a PDF or TIFF attachment and
a line such as 「FAXを受信しました」.  Such a mail says nothing in its text, so its intent
and serials must come from the image:

* :func:`fax_notice_reasons` tells a fax-to-email notice from a customer's mail with an
  attachment (gateway sender or mailer, a FAX subject, almost no text of its own);
* :func:`read_fax` renders every page to PNG (:mod:`intake.faxrender`, which also tells
  from a PDF's image how coarse each page was scanned), takes the PDF's text layer when
  there is one and otherwise runs Debian's ``tesseract`` (``jpn+eng``) on the images,
  cleaned first (a coarse or dithered scan smoothed, specks off, turned straight, ruled
  lines erased: :mod:`intake.faximage`),
  then finds the form's title and the serials in the text (OCR's look-alikes such as O
  for 0 repaired in the serial's value).  A form whose title was not read is known by its
  other words; an unknown or plain revocation form that speaks of an emergency, a loss, a
  theft or a leak it does not deny (「紛失なし」 is none, as the mail's intent rules read it:
  :data:`intake.wishes.DENIED_INCIDENT`) is an emergency form.  Titles are matched in lower
  case without spaces (English forms too), and an emergency option whose box is left empty
  beside a ticked ordinary one (「□ 緊急失効 ☑ 通常失効」) is no word of the form's: one step
  decides it (:mod:`intake.faxcheck`), from the boxes' ink on a page read by OCR and from the
  box characters on a page that came with a text layer.
* Every labelled serial field of a form is read (a form may ask for two).  A serial read
  by OCR is exact only when the page's reading and a re-reading of the serial's line
  alone (cut out and cleaned of the table's remnants by :mod:`intake.faxstrip`), limited
  to hex digits, agree and no rival value is read as often (:mod:`intake.faxocr`);
  on a page scanned coarse or dithered, nearly every read must hold the value and none a
  rival (:func:`intake.faxocr.near_unanimous`); an agreed value with an F whose glyph keeps the
  stub of an E's lower bar is held back too (:mod:`intake.faxglyph`: the fax thinned the bar
  and every read misreads it alike).  Otherwise, and when a stamp covers the
  serial's line (:mod:`intake.faxstamp`: every read
  may lose the same characters under it), every value read is an inexact candidate and the
  reasons say 「fax: serial unclear」, so
  an operator checks it against the register (the core also takes a candidate that is
  exactly one of the applicant's certificates).

A fax that cannot be read (a broken PDF, a blank or illegible page) is returned with
``readable=False`` and never raises: the caller must still put it in front of a person (the
core marks the case ``fax_unread``, FAX未確認, and queues it at the top).  So is a fax whose
OCR failed (tesseract missing, failing, or out of time twice: :class:`intake.faxocr.OcrFailed`),
with a reason that says so: a read that failed is never taken for a page without text.
"""

from __future__ import annotations

import difflib
import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from core.reasons import Kind as ReasonKind
from core.reasons import write as write_reason
from intake.faxcheck import unticked_options, unticked_text_options
from intake.faxglyph import faded_e
from intake.faximage import clean, deskew, erase_rules
from intake.faxocr import (
    MAX_DIGITS,
    OcrFailed,
    OcrWord,
    SerialVote,
    near_unanimous,
    ocr_words,
    read_hex_line,
    read_line,
    serial_fields,
    vote,
    words_text,
)
from intake.faxrender import Rendering, is_blank, png, render_image, render_pdf
from intake.faxstamp import stamp_over_value
from intake.faxstrip import band_renderings, field_band
from intake.faxtitle import FORM_TITLES, FormKind, label_evidence, match_reads, read_title, vote_titles
from intake.lookalikes import OCR_LOOK_ALIKES, repaired_word
from intake.parse import Attachment, ParsedMail
from intake.rules import COMPROMISE, INCIDENT
from intake.serials import SerialCandidate, find_serials
from intake.wishes import DENIED_INCIDENT

log = logging.getLogger(__name__)

# OCR reads a title with a wrong character now and then; a title whose best window in the
# text is at least this similar still counts (one wrong character in a seven-character
# title scores 0.86).
TITLE_SIMILARITY = 0.8
# Lines of the text in which a title is looked for first (the head of the form).
TITLE_LINES = 8
# The rendering of the serial's line (intake.faxstrip.band_renderings, 40 pixels high) that
# the page's languages read once more.
LINE_READ_RENDERING = 1

# A scanner or multifunction printer that mails what it scanned ("scan to e-mail") sends the
# same kind of notice as a fax gateway, and a form scanned there is read the same way.
_FAX_SENDER = re.compile(
    r"(?:^|[._\-+])(?:fax|efax|faxmail|fax-?gateway|faximo|ifax|scan|scanner|scan2mail|scantoemail|mfp|copier)"
    r"(?:[._\-+]|\d|@|$)",
    re.I,
)
_FAX_SUBJECT = re.compile(
    r"\bfax\b|ファクス|ファックス|ＦＡＸ|FAX受信|受信FAX|fax\s*message|fax\s*from"
    r"|\bscann?ed (?:image|document|file|data)|\bscan(?:ned)? from\b|\bscan to e-?mail"
    r"|スキャン(?:データ|画像|文書)?|複合機",
    re.I,
)
_FAX_MAILER = re.compile(r"fax|scan", re.I)
_FAX_TEXT = re.compile(
    r"FAXを受信|ファクスを受信|ファックスを受信|received a fax|new fax|fax received|発信元|受信日時"
    r"|scanned image|scanned (?:document|file)|Device (?:Name|Model)\s*:"
    r"|スキャン(?:した|された)|読み取り(?:日時|データ)",
    re.I,
)
_IMAGE_TYPES = ("application/pdf", "image/tiff", "image/tif", "image/png", "image/jpeg")
# A notice's own text is a few lines of gateway metadata; more than this is a letter.
_NOTICE_TEXT_CHARS = 400
# A line of a fax gateway's report: a field and its value, or a spool file and its address.
_GATEWAY_LINE = re.compile(
    r"^[ \t]*(?:(?:Sender|Pages|Quality|Size|Received(?: On)?|Time To Receive|Signal Rate|Data Format|Error Correct"
    r"|CallID\d?|CommID|Remote ID|Station|Duration|Resolution|Page Count|Job ID|Device)[ \t]*:[ \t]+[^\n]{0,80}"
    r"|\S+\.(?:tiff?|pdf)[ \t]*\([a-z]+://[^)\s]+\):?)[ \t]*$",
    re.M,
)


@dataclass(frozen=True)
class FaxReading:
    """What could be read from one fax: pages, text, the form it is and its serials.

    ``method`` is ``"text layer"`` (the PDF carried text), ``"ocr"`` (tesseract read the
    page images) or ``"none"``.  ``readable`` is false when no text worth the name came out
    or OCR failed (``ocr_failed`` then says why); ``form`` is ``"unknown"`` when text was
    read but no known form title was found.
    """

    pages: list[bytes] = field(default_factory=list)
    text: str = ""
    method: Literal["text layer", "ocr", "none"] = "none"
    readable: bool = False
    form: FormKind = "unknown"
    title: str = ""
    serials: list[SerialCandidate] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    ocr_failed: str = ""  # why OCR failed on a page (the fax is then unread), or ''


def fax_attachments(parsed: ParsedMail) -> list[Attachment]:
    """Return the attachments that may hold a faxed page (PDF, TIFF, PNG, JPEG)."""
    found = []
    for att in parsed.attachments:
        name = att.filename.lower()
        if att.content_type in _IMAGE_TYPES or name.endswith((".pdf", ".tif", ".tiff")):
            found.append(att)
    return found


def fax_notice_reasons(parsed: ParsedMail) -> list[str]:
    """Return why *parsed* looks like a fax-to-email notice; empty when it does not.

    A notice needs a page attachment, little text of its own, and at least one sign of a
    fax gateway (sender, subject, mailer or the gateway's wording).
    """
    if not fax_attachments(parsed):
        return []
    own_text = parsed.new_text.strip()
    # A gateway's own report of the call ("Sender: 0584…", "Pages: 1", "Signal Rate: 14400 bit/s", HylaFAX's
    # "recvq/fax00417.tif (ftp://…)") is no writer's text, however long.
    if len(_GATEWAY_LINE.sub("", own_text).strip()) > _NOTICE_TEXT_CHARS:
        return []
    signs: list[str] = []
    if _FAX_SENDER.search(parsed.from_addr.split("@")[0]) or _FAX_SENDER.search(parsed.from_addr):
        signs.append(f"fax: gateway sender {parsed.from_addr}")
    if _FAX_SUBJECT.search(unicodedata.normalize("NFKC", parsed.subject)):
        signs.append(f"fax: subject {parsed.subject!r}")
    mailer = parsed.headers.get("x-mailer", "") + " " + parsed.headers.get("user-agent", "")
    if _FAX_MAILER.search(mailer):
        signs.append(f"fax: mailer {mailer.strip()!r}")
    if _FAX_TEXT.search(own_text):
        signs.append("fax: gateway notice text")
    if not signs:
        return []
    return [*signs, f"fax: {len(own_text)} characters of own text and a page attachment"]


def squeeze(text: str) -> str:
    """NFKC-normalise OCR text and drop the spaces tesseract puts between Japanese characters."""
    norm = unicodedata.normalize("NFKC", text)
    cjk = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
    return re.sub(rf"(?<={cjk})[ \t]+(?={cjk})", "", norm)


def _similarity(title: str, text: str) -> float:
    """Return how well *title* matches its best window of the same length in *text*."""
    if title in text:
        return 1.0
    best = 0.0
    size = len(title)
    # A title in English shares its letters with every window of a page: only a window that
    # begins or ends as the title does is compared (one wrong letter in the middle is found).
    latin = title.isascii()
    for start in range(0, max(1, len(text) - size + 1)):
        window = text[start : start + size]
        if latin and window[:3] != title[:3] and window[-3:] != title[-3:]:
            continue
        if window and window[0] not in title and window[-1] not in title:
            continue
        best = max(best, difflib.SequenceMatcher(None, title, window).ratio())
    return best


def find_form(text: str) -> tuple[FormKind, str, float]:
    """Return the form kind, the title found and its similarity.

    The head of the document is read first, then the whole text; within one region the
    best-matching title wins, and on a tie the more specific kind (earlier in
    ``FORM_TITLES``) does.
    """
    squeezed = squeeze(text)
    # Titles are matched in lower case without spaces (intake.faxtitle.FORM_TITLES).
    lines = [line.replace(" ", "").lower() for line in squeezed.splitlines() if line.strip()]
    # A form's title stands alone on its line; a sentence of a cover letter above the form ("電子証明書の失効の
    # 書類をお送りします。") is no title, however like one it reads, so the head is read without sentences.
    head = [line for line in lines if not _SENTENCE_LINE.search(line)]
    for region_lines in (head[:TITLE_LINES], lines):
        count = len(region_lines)
        region = "\n".join(region_lines)
        scored = [(kind, title, _similarity(title, region)) for kind, titles in FORM_TITLES for title in titles]
        best = max(score for _kind, _title, score in scored)
        if best >= TITLE_SIMILARITY:
            # Each kind's first title at the best score.  Two kinds' titles read equally well: the one on the
            # earlier line is the form's title, and the other a choice offered below it ("電子証明書失効請求書" over
            # "請求の種類: □緊急 □名義人死亡届").  On one line the more specific kind wins
            # ("失効請求書（名義人死亡届）").
            found: dict[FormKind, tuple[FormKind, str, float]] = {}
            for kind, title, score in scored:
                if score == best:
                    found.setdefault(kind, (kind, title, score))
            return min(found.values(), key=lambda f: _first_line(f[1], f[2], region_lines[:count]))
    return "unknown", "", 0.0


# A line that is a sentence: it ends as one, or says "ます"/"です" as a letter does.
_SENTENCE_LINE = re.compile(r"[。．]$|(?:ます|です|ました|ください)[。、]?")


def _first_line(title: str, score: float, lines: list[str]) -> int:
    """The index of the first line that holds *title* as well as the whole text does (the text's length if none)."""
    return next((i for i, line in enumerate(lines) if _similarity(title, line) >= score), len(lines))


# The look-alikes as they stand in a regular expression's character class.
_ALIKE = re.escape("".join(OCR_LOOK_ALIKES))
_SERIAL_LINE = re.compile(r"(シリアル[^\s:：]*|リアル番号|アル番号|serial[^\s:]*)(.*)", re.I)
_OCR_VALUE = re.compile(
    rf"(?<![0-9A-Za-z])(?:[0Oo][xX])?[0-9A-Fa-f{_ALIKE}]+(?:[ :\-][0-9A-Fa-f{_ALIKE}]+)*(?![0-9A-Za-z])"
)
# A "0x" prefix before a value, with its 0 read as an O now and then.
_OCR_PREFIX = re.compile(rf"^[0Oo][xX](?=[0-9A-Fa-f{_ALIKE}])")
# A repaired value must hold as many hex digits as a serial may (a certificate's serial is at
# most 20 octets, and the fax's reads take a value of 8 digits or more: intake.faxocr).
MIN_REPAIRED_DIGITS = 8


def _repair_group(group: str) -> str:
    """Repair one group of a value: only hex digits and look-alikes, and at most half of them look-alikes."""
    return repaired_word(group, OCR_LOOK_ALIKES, max(1, len(group) // 2))


def _plausible_serial(value: str) -> bool:
    """Tell whether a repaired value is hex digits only (separators aside), as many as a serial has."""
    digits = re.sub(r"[ :\-]", "", value)
    return bool(re.fullmatch(r"[0-9A-Fa-f]+", digits)) and MIN_REPAIRED_DIGITS <= len(digits) <= MAX_DIGITS


def _regroup_pairs(value: str) -> str:
    """Put back the space OCR dropped inside a value printed in pairs ("B2 48 7C19 E0" → "B2 48 7C 19 E0")."""
    groups = value.split(" ")
    pairs = sum(len(g) == 2 for g in groups)
    if len(groups) < 3 or pairs * 2 < len(groups) or any(len(g) % 2 for g in groups):
        return value
    return " ".join(g[i : i + 2] for g in groups for i in range(0, len(g), 2))


def repair_ocr_serials(text: str) -> str:
    """Undo OCR's usual misreadings (O for 0, l for 1, S for 5) in the value after a serial label.

    Only a value that is mostly hex digits already is repaired, and only when the repair makes
    it a serial (hex digits throughout, 8 to 40 of them), so words stay words.
    """
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _SERIAL_LINE.search(line)
        if not match:
            continue
        # A table's cell border read as "|" stands between the label and the value; it is
        # no digit (else "| 6a:0f" becomes "16a:0f").
        value_part = re.sub(r"(?:^|(?<=\s))\|(?=\s|$)", " ", match.group(2))
        line = line[: match.start(2)] + value_part
        match = _SERIAL_LINE.search(line)
        assert match is not None

        def fix(value: re.Match[str]) -> str:
            # A "0x" prefix is kept apart from the digits it stands before: its x is no look-alike.
            prefix = _OCR_PREFIX.match(value.group(0))
            digits = value.group(0)[prefix.end() :] if prefix else value.group(0)
            # A value without any decimal digit is a word, not a misread number.
            if not re.search(r"\d", digits):
                return value.group(0)
            parts = re.split(r"([ :\-])", digits)
            repaired = "".join(_repair_group(part) for part in parts)
            # A repair stands only when it makes the whole value a serial: hex digits throughout,
            # as many as a serial has.  Else the look-alikes were letters of a word or a code.
            if repaired != digits and not _plausible_serial(repaired):
                repaired = digits
            return ("0x" if prefix else "") + _regroup_pairs(repaired)

        lines[i] = line[: match.start(2)] + _OCR_VALUE.sub(fix, match.group(2))
    return "\n".join(lines)


# A page whose longer side was scanned with fewer pixels than this holds no legible text: an A4 form
# at about 40 dpi, whose 10-point characters are five or six pixels high.  OCR of such a page returns
# specks read as letters ("Ow ft *& / To Be"), which must not pass for a reading.
MIN_SCANNED_PIXELS = 500


def _scanned_pixels(page: bytes, scale: tuple[float, float]) -> int:
    """The pixels the scanner gave the longer side of a page rendered at *scale* (rendered per scanned pixel)."""
    from PIL import Image

    with Image.open(io.BytesIO(page)) as image:
        width, height = image.size
    across, down = (max(s, 1.0) for s in scale)
    return round(max(width / across, height / down))


# A rendered page and its scale (rendered pixels per scanned pixel, across and down).
_ScaledPage = tuple[bytes, tuple[float, float]]


def _legible(inked: list[_ScaledPage], reasons: list[str]) -> list[_ScaledPage]:
    """The inked pages scanned fine enough to be read by OCR; a reason names the pages left out."""
    legible = [(page, scale) for page, scale in inked if _scanned_pixels(page, scale) >= MIN_SCANNED_PIXELS]
    if len(legible) < len(inked):
        reasons.append(
            f"fax: {len(inked) - len(legible)} page(s) scanned with fewer than {MIN_SCANNED_PIXELS} pixels"
            " on the longer side, too coarse to hold legible text; not read"
        )
    return legible


def _readable(text: str) -> bool:
    """Tell whether OCR or a text layer produced real text (some words, not just specks)."""
    letters = re.findall(r"[0-9A-Za-z\u3040-\u30ff\u4e00-\u9fff]", text)
    return len(letters) >= 10


# Words of an emergency form other than its title: a fax whose title OCR could not read is
# still an emergency when its form speaks of an urgent request, a loss, a theft or a leak (in
# Japanese or, on a form in English, "Emergency", "lost", "stolen", "compromised").
_EMERGENCY_WORDS = re.compile(
    r"緊急|至急失効|紛失|盗難|盗まれ|漏洩|漏えい|流出"
    r"|emergency|urgent|\blost\b|\bloss\b|stolen|theft|compromis|leak",
    re.I,
)


def _urgent_word(flat: str) -> re.Match[str] | None:
    """Return the first emergency word in *flat* that the form does not deny, or None.

    A loss the form denies (「紛失なし」「盗難ではありません」, "nothing was lost") is no
    emergency: a plain revocation form's reason often says there was none.  The denials are
    those of the mail's intent rules (:data:`intake.wishes.DENIED_INCIDENT`).
    """
    return next(_urgent_words(flat), None)


def _urgent_words(flat: str) -> Iterator[re.Match[str]]:
    """Yield the emergency words of *flat* that the form does not deny, in their order."""
    denied = [match.span() for match in DENIED_INCIDENT.finditer(flat)]
    for found in _EMERGENCY_WORDS.finditer(flat):
        if not any(start <= found.start() and found.end() <= end for start, end in denied):
            yield found


# On a form whose title reads as a plain revocation form, an emergency word that only instructs
# ("※緊急失効の場合は…お電話をいたします", "In an emergency, call…") asks for nothing: the ordinary
# form prints it.  Such a line is left out before the form's words are read; the title, a ticked
# emergency box and the words of a loss or a leak told on the form still make it an emergency
# form.  (An emergency option whose box is left empty was taken out of the text before, when
# the page was read: :mod:`intake.faxcheck`.)
_NOTE_LINE = re.compile(r"^(?:※|\*|＊|注[:：意記]|\(注\)|（注）|note\b)", re.I)
# A note mark alone is no instruction ("※緊急でお願いします" is written by the applicant): the note
# must also speak as the CA's printed text does.
_NOTE_WORDS = re.compile(r"場合|際|とき|時は|いたします|ご連絡|ご利用|お電話|ご記入|\b(?:if|when|call|use)\b", re.I)
_INSTRUCTION = re.compile(
    r"(?:緊急|至急失効|emergency|urgent)[^\n。.]{0,12}?"
    r"(?:の場合|の際|のとき|の時|時は|ときは|をご希望|を希望の方|については|に関して|は別紙|は下記|はこちら)"
    r"|\b(?:in (?:an|case of) emergency|for (?:an )?(?:emergency|urgent) (?:revocation|requests?)"
    r"|if (?:it is )?urgent)\b",
    re.I,
)


def _unasked_removed(text: str) -> str:
    """*text* without the lines that only instruct about an emergency, and a line's words after such an instruction."""
    kept = []
    for line in text.splitlines():
        flat = squeeze(line)
        if _NOTE_LINE.match(flat.lstrip()) and _NOTE_WORDS.search(flat):
            continue
        # What the line says before the instruction is kept (OCR may join a reason and a note).
        instruction = _INSTRUCTION.search(flat)
        kept.append(flat[: instruction.start()] if instruction else flat)
    return "\n".join(kept)


# The emergency's own option in a plain form's printed list of reasons ("□ 秘密鍵の漏洩・紛失・盗難（緊急失効）"):
# the word stands in brackets of its own, before the word for revocation.
_EMERGENCY_OPTION = re.compile(r"[(（][ \t]*緊急[ \t]*失[ \t]*効")
# The applicant's own words for why, in the form's free-text field ("具体的な事由：結婚により姓が変わったため").
_STATED_REASON = re.compile(r"(?:具体的な)?(?:事由|理由)[ \t]*[:：][ \t]*([^\n]+)")
# The fewest characters of a stated reason that say something (OCR leaves stray marks in an empty field).
_REASON_MIN = 6


def _only_an_option(flat: str) -> bool:
    """Tell whether a plain revocation form's only emergency words are its printed option, against the stated reason.

    A fax often loses the tick in a box, so the printed option "□ 秘密鍵の漏洩・紛失・盗難（緊急失効）" may
    be ticked or not; the reason the applicant wrote in their own words tells which
    ("結婚により姓が変わったため" is no emergency).  Only when every emergency word is the option's,
    and a stated reason is read that names no loss, theft or leak (nor any compromise the mail's rules
    know), is the option taken as not chosen, and its line is read no further.  An empty or unread
    reason leaves the form an emergency.
    """
    for found in _urgent_words(flat):
        line_start = flat.rfind("\n", 0, found.start()) + 1
        line_end = flat.find("\n", found.end())
        if not _EMERGENCY_OPTION.search(flat[line_start : line_end if line_end >= 0 else len(flat)]):
            return False
    reasons = [m.group(1).replace(" ", "") for m in _STATED_REASON.finditer(flat)]
    stated = [r for r in reasons if len(r) >= _REASON_MIN]
    if not stated:
        return False
    said = "\n".join(stated)
    return not (_urgent_word(said) or any(p.search(said) for p in (*COMPROMISE.patterns, *INCIDENT.patterns)))


# Words that name the other forms, for a fax whose title was not read.
_FORM_WORDS: tuple[tuple[FormKind, re.Pattern[str]], ...] = (
    ("death_notice", re.compile(r"死亡")),
    ("cancellation", re.compile(r"申込取消|取消依頼|取り消し|取り?下げ")),
    ("correction", re.compile(r"訂正|変更届")),
    ("revocation", re.compile(r"失効(?:請求|申請)")),
)


def form_from_words(text: str, kind: FormKind) -> tuple[FormKind, str]:
    """Refine the kind found from the title with the other words of the form.

    An unknown or plain revocation form that speaks of an emergency, a loss, a theft or a
    leak is an emergency form (an emergency is never to be taken for less); a form whose
    title was not read is known by the words that name it, or by the field labels only its
    kind has (:func:`intake.faxtitle.label_evidence`, one misread character tolerated).
    Returns the kind and the word.
    """
    # On the plain form's title, its printed instructions ask for nothing (the kept lines come back squeezed).
    squeezed = _unasked_removed(text) if kind == "revocation" else squeeze(text)
    if kind == "revocation":
        # Nor does its printed emergency option, when the reason the applicant wrote is another.
        if _urgent_word(squeezed) and _only_an_option(squeezed):
            squeezed = "\n".join(line for line in squeezed.splitlines() if not _EMERGENCY_OPTION.search(line))
    flat = squeezed.replace(" ", "")
    # A loss the form denies is no evidence of an emergency form either (紛失・盗難の事実なし
    # is one character away from the label 紛失・盗難の事由).
    evidence, label = label_evidence(DENIED_INCIDENT.sub("", flat))
    if kind in ("unknown", "revocation"):
        # Spaces between Latin words are kept, for a form in English ("nothing was lost").
        urgent = _urgent_word(squeezed)
        if urgent:
            return "emergency_revocation", urgent.group(0)
        # The labels and words of an emergency form, found with one character misread.
        if evidence == "emergency_revocation":
            return evidence, label
    if kind == "unknown":
        for other, pattern in _FORM_WORDS:
            found = pattern.search(flat)
            if found:
                return other, found.group(0)
        if evidence != "unknown":
            return evidence, label
    return kind, ""


def _repair_value(read: str) -> str:
    """Repair OCR's look-alikes in a read of the serial's value alone, as after a serial label."""
    return repair_ocr_serials("シリアル番号 " + read).split(" ", 1)[1]


@dataclass
class _PageRead:
    """What OCR made of one page: its text and the votes on its serial fields."""

    text: str
    votes: list[SerialVote]
    cleaned: np.ndarray
    title: str = ""
    notes: list[str] = field(default_factory=list)


def _read_field(pixels: np.ndarray, boxes: list[OcrWord], label_right: int | None) -> tuple[SerialVote, str]:
    """Read one serial field again alone, in several renderings, and vote on its value.

    Returns the vote and a note when an agreed value was held back: an F in it may be an E
    whose lower bar the fax thinned (:func:`intake.faxglyph.faded_e`), which every read misreads alike.
    """
    # The page's own reading of the value, with OCR's look-alikes repaired as in the text.
    page_value = _repair_value(" ".join(w.text for w in boxes))
    band = field_band(pixels, boxes, label_right)
    if not band.size:
        return vote(page_value, []), ""
    renderings = band_renderings(band)
    strip_reads = [read_hex_line(r)[0] for r in renderings]
    # The line read once more by the page's languages, look-alikes repaired as on the page:
    # a second independent read for the page's, which loses a character more often.
    line_read = _repair_value(read_line(renderings[LINE_READ_RENDERING]))
    agreed = vote(page_value, strip_reads, (line_read,))
    if agreed.value and "f" in agreed.value and faded_e(band):
        note = f"fax: an F in the serial {agreed.value} may be an E whose lower bar faded; it is only a candidate"
        return SerialVote(None, agreed.candidates, agreed.reads), note
    return agreed, ""


def _read_page(page: bytes, scale: tuple[float, float] = (1.0, 1.0)) -> _PageRead:
    """Read one page with tesseract's words, then read each of its serial fields again alone.

    The page is cleaned first: a coarse (*scale* rendered pixels per scanned pixel, across and down) or
    dithered scan smoothed, specks off, turned straight, ruled lines erased.  It is also
    returned so cleaned but with its lines, for a second reading when the first found no form.
    A serial whose line a stamp covers is never exact (:func:`intake.faxstamp.stamp_over_value`).
    The title band is read again alone (:func:`intake.faxtitle.read_title`), and an emergency
    option whose box is left empty beside a ticked ordinary one is left out of the text
    (:func:`_ticked_text`).  Raises :class:`intake.faxocr.OcrFailed` when a read fails.
    """
    from PIL import Image

    with Image.open(io.BytesIO(page)) as image:
        cleaned_pixels, rough = clean(np.asarray(image.convert("L")), scale)
        straight, _angle = deskew(cleaned_pixels)
    pixels = erase_rules(straight)
    words = ocr_words(png(Image.fromarray(pixels)))
    text, why = _ticked_text(pixels, words)
    title = read_title(pixels)
    notes = [why] if why else []
    votes: list[SerialVote] = []
    for boxes, label_right in serial_fields(words):
        field_vote, held = _read_field(pixels, boxes, label_right)
        if held:
            notes.append(held)
        if field_vote.value and stamp_over_value(pixels, boxes, label_right):
            # Under a stamp every read loses the same characters and may agree on a value cut
            # short: what was read is only a candidate.
            field_vote = SerialVote(None, field_vote.candidates, field_vote.reads)
            notes.append("fax: a stamp covers the serial's line; what was read there is only a candidate")
        votes.append(field_vote)
    if rough and votes:
        # Scanned at 120 dpi or coarser, or dithered, B and 8 or D and 0 differ by less than a
        # scanned pixel: reads that agree may share one misreading, so a value stands only
        # when nearly every read holds it and none another (:func:`intake.faxocr.near_unanimous`).
        votes = [v if near_unanimous(v) else SerialVote(None, v.candidates, v.reads) for v in votes]
        if not all(v.value for v in votes):
            notes.append("fax: the page was scanned at 120 dpi or coarser, or dithered; a serial that not nearly"
                         " every read agrees on there is only a candidate")
    return _PageRead(text, votes, straight, title, notes)


def _ticked_text(pixels: np.ndarray, words: list[OcrWord]) -> tuple[str, str]:
    """Return the text of a page's words without an emergency option left unticked, and why one was left out.

    The boxes' ink on the page decides (:func:`intake.faxcheck.unticked_options`): an
    emergency option whose box is empty beside a ticked ordinary one is no word of the form's.
    """
    unticked, why = unticked_options(pixels, words)
    return words_text([w for w in words if w not in unticked]), why


def _read_as_received(pixels: np.ndarray) -> tuple[str, str]:
    """Read a page again as it came (cleaned and straight, its ruled lines kept); the text and why an option went."""
    from PIL import Image

    return _ticked_text(pixels, ocr_words(png(Image.fromarray(pixels))))


def _ocr_document(inked: list[tuple[bytes, tuple[float, float]]]) -> tuple[str, list[SerialVote], list[str], str]:
    """Read a document's inked pages by OCR: their text, the serial fields' votes, notes, and the title bands' reads.

    Raises :class:`intake.faxocr.OcrFailed` when a read fails: the document is then unread.
    """
    # Forms are tables: their ruled lines are erased first, or OCR reads the cells as noise.
    reads = [_read_page(page, scale) for page, scale in inked]
    text = "\n".join(r.text for r in reads)
    votes = [v for r in reads for v in r.votes]
    notes = [note for r in reads for note in r.notes]
    titles = "\n".join(r.title for r in reads)
    if vote_titles([find_form(text), match_reads(titles)])[0] == "unknown":
        # A second reading of the page as it came recovers what erasing lines cost.
        again = [_read_as_received(r.cleaned) for r in reads]
        text += "\n" + "\n".join(t for t, _why in again)
        notes.extend(why for _t, why in again if why and why not in notes)
        notes.append("fax: read twice (ruled lines erased, then as received)")
    return text, votes, notes, titles


def _ocr_serials(text: str, votes: list[SerialVote]) -> tuple[list[SerialCandidate], list[str]]:
    """Decide which serials read by OCR are exact: only one that independent reads agree on.

    Every other value found in the text, and every read that was outvoted, is returned as
    an inexact candidate, for an operator to check against the register.
    """
    has_field = bool(re.search(r"シリアル|serial", squeeze(text), re.I))
    found = [
        replace(c, exact=False)
        for c in find_serials(repair_ocr_serials(squeeze(text)), where="fax")
        if c.exact or (has_field and c.source.endswith("bare hex"))
    ]
    agreed = list(dict.fromkeys(v.value for v in votes if v.value))
    unclear = [v for v in votes if not v.value]
    # The values read in a field that was not agreed on stay candidates, as do the text's own.
    read = list(dict.fromkeys([*(c for v in unclear for c in v.candidates), *(c.value for c in found)]))
    read = [value for value in read if value not in agreed]
    candidates = [SerialCandidate(value, "fax: uncertain read", False) for value in read]
    notes: list[str] = []
    if agreed:
        source = "fax: serial read alike twice or more"
        notes.append(write_reason(ReasonKind.FAX_SERIAL_READ, serials=", ".join(agreed)))
    if read and (unclear or not agreed):
        reads = [r for v in unclear for r in v.reads if r]
        if len(set(reads)) == 1:
            # The reads agree, but were held back (a coarse scan or a stamp, noted above).
            notes.append(write_reason(ReasonKind.FAX_SERIAL_UNCLEAR, detail=f"read as {reads[0]} but not surely"))
        else:
            disagree = " / ".join(reads)
            notes.append(write_reason(ReasonKind.FAX_SERIAL_UNCLEAR, detail=f"the reads disagree ({disagree})"))
    if not agreed:
        return candidates, notes
    exact = [SerialCandidate(value, source, True) for value in agreed]
    rest = [c for c in found if c.value not in agreed]
    if unclear:
        rest = candidates
    return [*exact, *rest], notes


def read_fax(data: bytes, content_type: str = "application/pdf") -> FaxReading:
    """Read one faxed document (PDF, or TIFF/PNG/JPEG) into a :class:`FaxReading`; never raises."""
    reasons: list[str] = []
    try:
        if content_type == "application/pdf" or data[:5] == b"%PDF-":
            rendering: Rendering = render_pdf(data)
        else:
            rendering = render_image(data)
        pages, layer, scales = rendering.pages, rendering.text, rendering.scales
    except Exception as exc:  # noqa: BLE001 - any broken document is an unreadable fax, not a crash.
        return FaxReading(reasons=[write_reason(ReasonKind.FAX_UNOPENED, error=type(exc).__name__)])
    if not pages:
        return FaxReading(reasons=[write_reason(ReasonKind.FAX_NO_PAGES)])
    method: Literal["text layer", "ocr", "none"] = "none"
    text = ""
    reread: tuple[FormKind, str, float] = ("unknown", "", 0.0)
    votes: list[SerialVote] = []
    inked = [(page, scale) for page, scale in zip(pages, scales, strict=True) if not is_blank(page)]
    if _readable(layer):
        # No pixels to measure a box's ink: the box characters of the text layer tell which is ticked.
        text, why = unticked_text_options(layer)
        method = "text layer"
        reasons.extend([why] if why else [])
    elif not inked:
        reasons.append(write_reason(ReasonKind.FAX_BLANK))
    elif legible := _legible(inked, reasons):
        try:
            text, votes, notes, titles = _ocr_document(legible)
        except OcrFailed as failed:
            # A read that failed is no page without text: the fax stays unread, and says why.
            why = write_reason(ReasonKind.FAX_OCR_FAILED, failure=failed.reason)
            return FaxReading(pages, "", "none", False, reasons=[*reasons, f"fax: {len(pages)} page(s), text from none",
                                                                   why], ocr_failed=failed.reason)
        reasons.extend(notes)
        reread = match_reads(titles)
        method = "ocr" if _readable(text) else "none"
    reasons.append(f"fax: {len(pages)} page(s), text from {method}")
    if method == "none":
        return FaxReading(pages, text, method, False, reasons=[*reasons, write_reason(ReasonKind.FAX_ILLEGIBLE)])
    kind, title, score = find_form(text)
    if method == "ocr":
        # The title band read again alone, limited to the titles' characters, has its vote:
        # it finds the 緊急 that the page's reading lost more often than it invents one.
        if reread[0] != "unknown" and reread[0] != kind:
            voted = vote_titles([(kind, title, score), reread])
            reasons.append(f"fax: the title band read alone gives {reread[1]!r} (similarity {reread[2]:.2f})")
            kind, title, score = voted
    if kind != "unknown":
        reasons.append(write_reason(ReasonKind.FAX_FORM_TITLE, title=title, similarity=score, form=kind))
    else:
        reasons.append("fax: no known form title")
    if method == "ocr":
        refined, word = form_from_words(text, kind)
        if refined != kind:
            reasons.append(write_reason(ReasonKind.FAX_FORM_WORDS, words=word, form=refined))
            kind = refined
        serials, notes = _ocr_serials(text, votes)
        return FaxReading(pages, text, method, True, kind, title, serials, [*reasons, *notes])
    # On a form that has a serial field, a bare hex value is the serial even where OCR has
    # separated it from its label (a table's columns are read one after the other).
    has_field = bool(re.search(r"シリアル|serial", squeeze(text), re.I))
    serials = [
        replace(c, exact=c.exact or (has_field and c.source.endswith("bare hex")))
        for c in find_serials(squeeze(text), where="fax")
    ]
    return FaxReading(pages, text, method, True, kind, title, serials, reasons)


def read_fax_mail(parsed: ParsedMail) -> FaxReading | None:
    """Read the faxed pages of a fax-to-email notice; None when *parsed* is not one."""
    notice = fax_notice_reasons(parsed)
    if not notice:
        return None
    readings = [read_fax(att.payload, att.content_type) for att in fax_attachments(parsed)]
    readable = [r for r in readings if r.readable]
    best = next((r for r in readable if r.form != "unknown"), readable[0] if readable else readings[0])
    # A document whose OCR failed may be the form itself: the notice is unread as a whole
    # rather than read from its other documents.
    best = next((r for r in readings if r.ocr_failed), best)
    return replace(best, reasons=[*notice, *best.reasons])

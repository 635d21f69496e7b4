"""Reading an applications CSV as Japanese offices export it from Excel: pure parsing and checks.

No database, no clock: :func:`parse` turns the file's bytes into checked rows and row errors
(with the line number in the file), and the import use case
(:mod:`core.services.applications`) writes them.

* Encodings: UTF-8 (with or without the BOM Excel writes) or CP932 (Shift_JIS as Windows
  writes it).  Anything else is a file error: nothing is imported.
* Columns: English names or the Japanese ones in :data:`COLUMNS` (header matching ignores
  case, spaces and full-width forms).  ``reference``, ``name``, ``email`` and ``phone`` are
  required; unknown columns (e.g. 備考) are ignored and listed in the result.
* Each row is checked on its own; a bad row yields :class:`RowError` entries with the line
  number and a reason, never a half-read row.  Cells that a spreadsheet would run as a formula
  (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are row errors, except
  a phone number in international form (``+81 3 …``).  A reference that appears twice in the
  file is an error on every line it appears on, and rows for the same e-mail address must agree
  on the person's details.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from core.steps import Step

#: Files larger than this are refused whole (an office export is far smaller).
MAX_BYTES = 10 * 1024 * 1024
#: At most this many data rows per file.
MAX_ROWS = 50_000

#: Canonical column name -> accepted header names (English first, then Japanese).
COLUMNS: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "申込番号", "申込ID", "受付番号"),
    "name": ("name", "氏名", "名前"),
    "kana": ("kana", "フリガナ", "ふりがな", "氏名カナ", "カナ"),
    "email": ("email", "e-mail", "mail", "メールアドレス", "メール", "電子メール"),
    "phone": ("phone", "tel", "電話番号", "電話", "連絡先電話番号"),
    "address": ("address", "住所"),
    "cert_type": ("cert_type", "certificate_type", "証明書種別", "種別"),
    "registration_number": ("registration_number", "登録番号", "文書情報管理士登録番号"),
    "certificates": ("certificates", "count", "枚数", "証明書枚数", "発行枚数"),
    "residence_copy_return": ("residence_copy_return", "住民票返却希望", "住民票返却"),
    Step.FIRST_REVIEW_PASSED.value: ("first_review_passed", "一次審査通過", "一次審査通過日"),
    Step.INQUIRY_SENT.value: ("inquiry_sent", "照会書一式・会費請求書送付", "照会書送付", "照会書送付日"),
    Step.INQUIRY_RETURNED.value: ("inquiry_returned", "照会書返送", "照会書返送日"),
    Step.FEE_PAID.value: ("fee_paid", "会費入金", "会費入金日", "入金日"),
    Step.ONLINE_APPLIED.value: ("online_applied", "オンライン申請", "オンライン申請日"),
}
REQUIRED = ("reference", "name", "email", "phone")
#: The steps a CSV may carry; 発行 and ダウンロード come from the certificate register itself.
IMPORTABLE_STEPS: tuple[Step, ...] = (Step.FIRST_REVIEW_PASSED, Step.INQUIRY_SENT, Step.INQUIRY_RETURNED,
                                      Step.FEE_PAID, Step.ONLINE_APPLIED)

CERT_TYPES: dict[str, str] = {"general": "general", "一般": "general", "dim": "dim", "文書情報管理士": "dim"}
YES = {"1", "yes", "y", "true", "はい", "希望", "要", "有", "○", "〇"}
NO = {"", "0", "no", "n", "false", "いいえ", "不要", "無", "×"}

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{8,20}$")
_KANA = re.compile(r"^[\u30A0-\u30FF\u3040-\u309F\u31F0-\u31FF\u3000 ・ー－-]+$")
_REGISTRATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE_FORMS = (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"), re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"))
_LIMITS = {"name": 128, "kana": 128, "email": 254, "address": 1000}


class CsvFileError(ValueError):
    """The file as a whole cannot be read (encoding, header, size); nothing is imported."""


@dataclass(frozen=True)
class RowError:
    """Why one line of the file was refused."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.column}: {self.reason}"


@dataclass(frozen=True)
class ApplicationRow:
    """One checked row: an application and the applicant on it."""

    line: int
    reference: str
    name: str
    kana: str
    email: str
    phone: str
    address: str
    cert_type: str
    registration_number: str | None
    requested_count: int
    residence_copy_return_requested: bool
    steps: tuple[tuple[Step, dt.date], ...]


@dataclass
class ParsedFile:
    """The outcome of :func:`parse`: good rows, row errors, and what the header said."""

    encoding: str
    rows: list[ApplicationRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    data_rows: int = 0


def _fold(header: str) -> str:
    """A header as it is compared: NFKC, lower case, no spaces or underscores around words."""
    text = unicodedata.normalize("NFKC", header).strip().lower()
    return re.sub(r"[\s_]+", "_", text)


_HEADER_INDEX = {_fold(alias): canonical for canonical, aliases in COLUMNS.items() for alias in aliases}


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read in (UTF-8 with or without BOM, or CP932)."""
    if len(data) > MAX_BYTES:
        raise CsvFileError(f"file too large ({len(data)} bytes; at most {MAX_BYTES})")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise CsvFileError(f"not valid UTF-8 after the BOM (byte {exc.start + 3})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as exc:
        raise CsvFileError(f"the file is neither UTF-8 nor CP932 (Shift_JIS): undecodable byte at offset "
                           f"{exc.start}") from None


def parse_date(text: str) -> dt.date:
    """A date written 2026-04-01, 2026/4/1, 2026.4.1 or 2026年4月1日 (full-width digits too)."""
    value = unicodedata.normalize("NFKC", text).strip()
    for form in _DATE_FORMS:
        match = form.match(value)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    raise ValueError(f"not a date: {text!r} (write 2026-04-01 or 2026/4/1)")


def _is_formula(column: str, value: str) -> bool:
    """A cell a spreadsheet would evaluate; an international phone number is not one."""
    if not value.startswith(_FORMULA_START):
        return False
    if column == "phone" and value.startswith("+") and _PHONE.match(unicodedata.normalize("NFKC", value)):
        return False
    return True


def _header(raw: list[str]) -> tuple[list[str | None], list[str]]:
    """The canonical name of each header cell (None: ignored) and the ignored names."""
    names: list[str | None] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for cell in raw:
        canonical = _HEADER_INDEX.get(_fold(cell))
        if canonical is None:
            names.append(None)
            if cell.strip():
                ignored.append(cell.strip())
            continue
        if canonical in seen:
            raise CsvFileError(f"column {canonical!r} appears twice in the header")
        seen.add(canonical)
        names.append(canonical)
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        accepted = "; ".join(f"{name}: {' / '.join(COLUMNS[name])}" for name in missing)
        raise CsvFileError(f"missing required column(s): {accepted}")
    return names, ignored


def _check_row(line: int, cells: dict[str, str], today: dt.date | None) -> tuple[ApplicationRow | None,
                                                                                  list[RowError]]:
    errors: list[RowError] = []

    def bad(column: str, reason: str) -> None:
        errors.append(RowError(line, column, reason))

    for column, value in cells.items():
        if _CONTROL.search(value):
            bad(column, "control characters are not allowed")
        elif _is_formula(column, value):
            bad(column, "starts with =, +, -, @ or a tab: a spreadsheet would run it as a formula")
        elif column in _LIMITS and len(value) > _LIMITS[column]:
            bad(column, f"longer than {_LIMITS[column]} characters")
    if errors:
        return None, errors
    get = lambda name: cells.get(name, "").strip()  # noqa: E731 - a local shorthand.
    reference = unicodedata.normalize("NFKC", get("reference"))
    if not _REFERENCE.match(reference):
        bad("reference", "required: letters, digits, '-' or '_' (at most 32)")
    name = get("name")
    if not name:
        bad("name", "required")
    kana = get("kana")
    if kana and not _KANA.match(kana):
        bad("kana", "only katakana or hiragana")
    email = unicodedata.normalize("NFKC", get("email"))
    if not _EMAIL.match(email) or len(email) > _LIMITS["email"]:
        bad("email", "not an e-mail address")
    phone = unicodedata.normalize("NFKC", get("phone"))
    if not _PHONE.match(phone) or not 10 <= sum(ch.isdigit() for ch in phone) <= 15:
        bad("phone", "not a phone number (10 to 15 digits, e.g. 03-1234-5678)")
    cert_type = CERT_TYPES.get(unicodedata.normalize("NFKC", get("cert_type")).lower() or "general")
    if cert_type is None:
        bad("cert_type", "general / 一般 or dim / 文書情報管理士")
    registration = unicodedata.normalize("NFKC", get("registration_number")) or None
    if cert_type == "dim" and not registration:
        bad("registration_number", "required for 文書情報管理士 certificates")
    elif cert_type == "general" and registration:
        bad("registration_number", "only 文書情報管理士 certificates carry a registration number")
    elif registration and not _REGISTRATION.match(registration):
        bad("registration_number", "letters, digits, '-' or '_' (at most 32)")
    count_text = unicodedata.normalize("NFKC", get("certificates")) or "1"
    count = int(count_text) if count_text.isdigit() else 0
    if not 1 <= count <= 10:
        bad("certificates", "a whole number from 1 to 10")
    returns = unicodedata.normalize("NFKC", get("residence_copy_return")).lower()
    if returns not in YES | NO:
        bad("residence_copy_return", "yes / はい / 希望 or no / いいえ / empty")
    steps: list[tuple[Step, dt.date]] = []
    for step in IMPORTABLE_STEPS:
        text = get(step.value)
        if not text:
            continue
        try:
            on = parse_date(text)
        except ValueError as exc:
            bad(step.value, str(exc))
            continue
        if today is not None and on > today:
            bad(step.value, f"{on.isoformat()} is in the future")
        elif on.year < 2000:
            bad(step.value, f"{on.isoformat()} is too early")
        else:
            steps.append((step, on))
    if errors:
        return None, errors
    return ApplicationRow(line=line, reference=reference, name=name, kana=kana, email=email, phone=phone,
                          address=get("address"), cert_type=cert_type or "general", registration_number=registration,
                          requested_count=count, residence_copy_return_requested=returns in YES,
                          steps=tuple(steps)), []


def parse(data: bytes, today: dt.date | None = None) -> ParsedFile:
    """Read and check every row of the CSV *data*; raise :class:`CsvFileError` for a file-level fault."""
    text, encoding = decode(data)
    if "\x00" in text:
        raise CsvFileError("the file contains NUL bytes (is it a spreadsheet saved as .xlsx, not CSV?)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        raw_header = next(reader, None)
    except csv.Error as exc:
        raise CsvFileError(f"line 1: {exc}") from None
    if raw_header is None or not any(cell.strip() for cell in raw_header):
        raise CsvFileError("the file is empty: the first line must be the header")
    names, ignored = _header(raw_header)
    out = ParsedFile(encoding=encoding, ignored_columns=ignored)
    lines_of: dict[str, list[int]] = defaultdict(list)
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise CsvFileError(f"line {start}: {exc}") from None
        if not any(cell.strip() for cell in record):
            continue  # Excel leaves empty lines at the end.
        out.data_rows += 1
        if out.data_rows > MAX_ROWS:
            raise CsvFileError(f"more than {MAX_ROWS} rows")
        if len(record) > len(names):
            out.errors.append(RowError(start, "-", f"{len(record)} cells but the header has {len(names)}"))
            continue
        cells = {name: value for name, value in zip(names, record, strict=False) if name is not None}
        row, errors = _check_row(start, cells, today)
        out.errors.extend(errors)
        reference = unicodedata.normalize("NFKC", cells.get("reference", "").strip())
        if reference:
            lines_of[reference].append(start)
        if row is not None:
            out.rows.append(row)
    _cross_check(out, lines_of)
    out.errors.sort(key=lambda e: (e.line, e.column))
    return out


def _cross_check(out: ParsedFile, lines_of: dict[str, list[int]]) -> None:
    """Duplicate references, and rows of one person (same e-mail) that disagree."""
    bad_lines: set[int] = set()
    for reference, lines in lines_of.items():
        if len(lines) > 1:
            for line in lines:
                others = ", ".join(str(n) for n in lines if n != line)
                out.errors.append(RowError(line, "reference", f"{reference} appears more than once (also line "
                                                              f"{others})"))
                bad_lines.add(line)
    by_email: dict[str, list[ApplicationRow]] = defaultdict(list)
    for row in out.rows:
        if row.line not in bad_lines:
            by_email[row.email.lower()].append(row)
    for rows in by_email.values():
        first = rows[0]
        for row in rows[1:]:
            if (row.name, row.kana, row.phone, row.address) != (first.name, first.kana, first.phone, first.address):
                out.errors.append(RowError(row.line, "email", f"same e-mail as line {first.line} but different "
                                                              "name, kana, phone or address"))
                bad_lines.add(row.line)
    out.rows = [row for row in out.rows if row.line not in bad_lines]

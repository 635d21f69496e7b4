"""The serials in a text file attached to a mail: a note or a list of certificates.

A writer sometimes puts a certificate's details in a text file ("証明書の詳細をテキストファイルにして
添付しました", "see the attached list") or lists several in a CSV exported from a spreadsheet, and
names no serial in the mail itself.  Such a file is read like the mail's own text: its serials
are found by the serial reader (:mod:`intake.serials`) and narrowed by what the mail asks
(:mod:`intake.serialscope`), the mail's own words first, the file's after them.

Only plain text, CSV and TSV files are read (a PDF or an image is the fax reader's), and only
their start.  The cells of a CSV row are parted by tabs, as a table typed in a mail is
(:mod:`intake.tables`), so that a column named "シリアル番号" labels the values under it.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence

from intake.charsets import decode_bytes
from intake.parse import Attachment
from intake.serials import SerialCandidate, find_serials
from intake.serialscope import requested_serials

# The content types of the files read as text.  A file of another type is read by its name: mail
# programs send a CSV file as "application/vnd.ms-excel" or "application/octet-stream".
_TEXT_TYPES = ("text/plain", "text/csv", "text/x-csv", "application/csv", "text/tab-separated-values")
_TEXT_SUFFIXES = (".txt", ".csv", ".tsv")
_CSV_TYPES = ("text/csv", "text/x-csv", "application/csv")
# How much of each file is read: a certificate's details or a list of them fit well inside.
_MAX_BYTES = 20_000


def _is_text_file(attachment: Attachment) -> bool:
    """Tell whether *attachment* is a plain-text, CSV or TSV file, by its type or else by its name."""
    name = attachment.filename.lower()
    if attachment.content_type in _TEXT_TYPES:
        return True
    return name.endswith(_TEXT_SUFFIXES)


def _as_table(text: str) -> str:
    """The rows of a CSV file with their cells parted by tabs (a malformed file stays as it is)."""
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error:
        return text
    return "\n".join("\t".join(cell.strip() for cell in row) for row in rows)


def attached_text(attachments: Sequence[Attachment]) -> str:
    """The text of the plain-text, CSV and TSV files among *attachments*, one after another."""
    texts = []
    for attachment in attachments:
        if not _is_text_file(attachment):
            continue
        text, _charset, _notes = decode_bytes(attachment.payload[:_MAX_BYTES], None)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if attachment.content_type in _CSV_TYPES or attachment.filename.lower().endswith(".csv"):
            text = _as_table(text)
        texts.append(text.strip("\n"))
    return "\n\n".join(t for t in texts if t)


def attached_serials(said: str, attachments: Sequence[Attachment]) -> tuple[list[SerialCandidate], list[str]]:
    """The exact serials in the text files among *attachments*, and those of them the mail asks about.

    *said* is what the mail says itself (its subject and new text): it tells which of the
    file's serials are meant, as a mail's words narrow the serials listed in it.
    """
    text = attached_text(attachments)
    if not text:
        return [], []
    found = [c for c in find_serials(text, "attachment") if c.exact]
    if not found:
        return [], []
    scope = requested_serials(said + "\n\n" + text, [c.value for c in found])
    return found, scope.serials

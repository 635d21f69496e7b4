"""Separation of a mail body into new text, quoted reply text and signature.

Users reply in every style: bottom-posted ``>`` quotes (Thunderbird, feature phones use
``＞`` too), top-posted Outlook replies where everything after ``-----Original Message-----``
or a ``From:``/``送信日時:`` header block is the old mail, and Gmail's attribution line
(``2026年11月20日(金) 10:00 山田 <x@example.jp>:``).  Signatures start at ``-- `` or at a
decorative rule made of ─, ━, ＿, =, -, *, ～ and similar characters near the end.  A
PGP clear-signed body (RFC 4880, section 7) is read as its writer typed it: the armour header
goes, dash-escaped lines ("- -- ") lose their escape, and the signature block is the signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.tables import borders_table, cells, underlines_header

_QUOTE_PREFIX = re.compile(r"^[ \t\u3000]*(?:>|＞|\|)")
_ATTRIBUTION = re.compile(
    r"(^On .{3,200} wrote:\s*$)"
    r"|(^.{0,120}(?:さんは|様は|さん：|様：)?(?:書きました|wrote)\s*[:：]\s*$)"
    r"|(^\d{4}[年/]\d{1,2}[月/]\d{1,2}日?.{0,120}(?:<[^>]+>|@\S+)\s*[:：]\s*$)",
    re.IGNORECASE,
)
_ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|Forwarded message|元のメッセージ|転送メッセージ|Original)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^\s*(?:From|差出人|送信者)\s*[:：]", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(r"^\s*(?:Sent|Date|送信日時|日付)\s*[:：]", re.IGNORECASE)
_RULE_CHARS = "─━＿_=＝-－*＊～~・◆◇■□★☆※+＋#＃─━┏┓┗┛┃│"
_RULE = re.compile(r"^[ \t\u3000]*[" + re.escape(_RULE_CHARS) + r"]{5,}[ \t\u3000]*$")
_MAX_SIGNATURE_LINES = 14


@dataclass(frozen=True)
class SplitBody:
    """The three parts of a body; each keeps the original line breaks."""

    new_text: str
    quoted_text: str
    signature: str


def _outlook_header_at(lines: list[str], i: int) -> bool:
    """Tell whether an Outlook-style header block (From: then Sent:/Date:) starts at line *i*."""
    if not _OUTLOOK_FROM.match(lines[i]):
        return False
    return any(_OUTLOOK_SENT.match(line) for line in lines[i + 1 : i + 4])


# A field of the request itself ("シリアル番号 ：…", "失効理由：…", "Serial: …"); a signature gives none.
_REQUEST_FIELD = re.compile(
    r"^[ \t\u3000]*(?:シリアル|証明書|失効|申請|理由|serial|certificate|reason)[^:：\n]{0,12}[:：]", re.I
)

# A header field of a mail quoted in the body ("件名：…", "送信日時：…", "From: …").
_MAIL_HEADER_FIELD = re.compile(
    r"^[ \t\u3000]*(?:件名|送信日時|差出人|送信者|宛先|日付|subject|from|to|date|sent)[ \t]*[:：]", re.I
)


def _frames_request(lines: list[str], i: int) -> bool:
    """Tell whether the rule at line *i* opens a framed block of the request's fields, not a signature.

    Writers frame the fields of a request between two rules ("-----" / "シリアル番号 ：…" / "-----");
    the block's first rule is followed by the fields, a signature's rule by a name and addresses.
    """
    found = False
    for line in lines[i + 1 :]:
        if _RULE.match(line):
            break
        if _MAIL_HEADER_FIELD.match(line):
            # A mail quoted between rules ("件名：…", "送信日時：…"), as a bounce returns ours, is no request.
            return False
        found = found or bool(_REQUEST_FIELD.match(line))
    return found


def _signature_start(lines: list[str]) -> int | None:
    """Return the index where the signature begins, or None if there is none."""
    for i, line in enumerate(lines):
        if line.rstrip("\r") in ("-- ", "--", "―-", "__"):
            return i
    # A decorative rule counts only when few lines follow it, as in a signature block, so
    # only the rules among the last lines need to be looked at.
    non_empty_after = 0
    candidate = None
    for i in range(len(lines) - 1, 0, -1):
        # Here non_empty_after counts the non-empty lines after line i.  Only a rule is asked whether it
        # belongs to a table or frames the request: each of those looks at the lines around it, and asking
        # that of every blank line of a long run made the search quadratic.
        if _RULE.match(lines[i]) and non_empty_after <= _MAX_SIGNATURE_LINES and not (
            underlines_header(lines, i) or borders_table(lines, i) or _frames_request(lines, i)
        ):
            candidate = i
        if lines[i].strip():
            non_empty_after += 1
        if non_empty_after > _MAX_SIGNATURE_LINES:
            break
    return candidate


_PGP_BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----"
_PGP_SIGNATURE = "-----BEGIN PGP SIGNATURE-----"


def _unwrap_clearsigned(lines: list[str]) -> tuple[list[str], list[str]]:
    """The text lines of a PGP clear-signed body and its signature block (unchanged lines if it is not one)."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != _PGP_BEGIN:
        return lines, []
    i = start + 1
    # Armour headers ("Hash: SHA256") run up to the first empty line.
    while i < len(lines) and lines[i].strip():
        i += 1
    body: list[str] = []
    for j in range(i + 1, len(lines)):
        if lines[j].strip() == _PGP_SIGNATURE:
            return body, lines[j:]
        body.append(lines[j][2:] if lines[j].startswith("- ") else lines[j])
    return body, []


def split_body(text: str) -> SplitBody:
    """Split *text* into new text, quoted text and signature."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, pgp_signature = _unwrap_clearsigned(lines)
    new_lines: list[str] = []
    quoted: list[str] = []
    for i, line in enumerate(lines):
        if _ORIGINAL_MESSAGE.match(line) or _outlook_header_at(lines, i):
            # Top-posting: everything from here on is the previous mail.
            quoted.extend(lines[i:])
            break
        if _QUOTE_PREFIX.match(line) and not _bar_row(line):
            quoted.append(line)
            continue
        if _ATTRIBUTION.match(line.strip()) and _followed_by_quote(lines, i):
            quoted.append(line)
            continue
        new_lines.append(line)
    sig_at = _signature_start(new_lines)
    signature: list[str] = []
    if sig_at is not None:
        signature = new_lines[sig_at:]
        new_lines = new_lines[:sig_at]
    signature += pgp_signature
    return SplitBody(
        new_text="\n".join(new_lines).strip(),
        quoted_text="\n".join(quoted).strip(),
        signature="\n".join(signature).strip(),
    )


def _bar_row(line: str) -> bool:
    """Tell whether *line* is a row of a table typed with bars ("| 山田 | 3b57… |"), which is no quote.

    A bar also marks quoted lines in some mail programs ("| 前回のメール"), but a quoted line
    does not close with a bar after two cells or more as a table's row does.
    """
    bare = line.strip(" \t\u3000")
    return bare.startswith(("|", "｜")) and bare.endswith(("|", "｜")) and len(cells(bare)) >= 2


def _followed_by_quote(lines: list[str], i: int) -> bool:
    """Tell whether a quoted line follows line *i* within two lines."""
    return any(_QUOTE_PREFIX.match(x) for x in lines[i + 1 : i + 3] if x.strip())


def quote_depth(line: str) -> int:
    """Return how many quote marks stand at the start of *line* (0 for a line of one's own)."""
    depth = 0
    while marks := _QUOTE_PREFIX.match(line):
        depth += 1
        line = line[marks.end():]
    return depth


def outer_level(text: str) -> str:
    """Return the lines of *text* at its outermost quote level, without the lines it quotes in turn.

    A returned message (a bounce's copy of our mail, quoted or pasted) says things in its own
    lines; the lines it quotes deeper are what its writer was answering.  Blank lines are kept.
    """
    lines = text.split("\n")
    depths = [quote_depth(line) for line in lines if line.strip(" \t\u3000>＞|")]
    if not depths:
        return text
    outer = min(depths)
    return "\n".join(line for line in lines if not line.strip(" \t\u3000>＞|") or quote_depth(line) == outer)

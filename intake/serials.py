"""Extraction of certificate serial numbers from free text, with the decoys told apart.

Users copy serials from the Windows certificate dialog (``3a 7f 01 c2`` or ``a0a4 d3ec``),
from OpenSSL (``3A:7F:01:C2``), from programs (``0x3a7f01c2``) or type them after a label
(``シリアル番号: 3A7F01C2``, full-width or half-width, on the label's line or the next);
long ones get wrapped across two lines by the mail program.  A few give the decimal value
and say so (``シリアル番号（10進）: 981402050``).  Every form is returned as lower-case
hexadecimal without leading zeros.

Many hex strings in mail are not serials: hashes and fingerprints (``SHA-256: …``, a PGP
fingerprint in a signature), order and reception numbers, phone numbers.  A value whose
nearest label names one of those is dropped; a bare hex string with no label at all is
kept only as an inexact candidate.  :func:`find_serials` returns every candidate with
where it came from and whether it is exact (the caller may check inexact ones against the
certificate register); :func:`extract_serials` returns only the exact ones.  Bare decimal
numbers are never taken as serials, and phone numbers are not extracted for any purpose:
callbacks always use the registered number, never one from a mail.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# RFC 5280 allows 20 octets; a longer hex string is a hash (SHA-256 has 64 digits).
MAX_DIGITS = 40
# A mail naming more serials than this is a list or a log, not a request; stop there.
MAX_SERIALS = 50


@dataclass(frozen=True)
class SerialCandidate:
    """A serial found in text: canonical hex, how and where it was written, and whether it is sure.

    ``source`` reads like ``"body: labelled"`` or ``"subject: colon pairs"``.  ``exact``
    is true when the written form leaves no doubt (a label, ``0x``, the grouped forms that
    certificate viewers print); an inexact candidate is a bare hex string that may be a
    serial, to be confirmed against the register before it is acted on.
    """

    value: str
    source: str
    exact: bool


_SERIAL_LABEL = re.compile(
    r"(?:シリアル\s*(?:番号|ナンバー|No\.?|#|値)?|serial\s*(?:number|no\.?|#|num)?|s/n|証明書\s*番号"
    r"|番号\s*\(\s*シリアル\s*\))",
    re.I,
)
_HASH_LABEL = re.compile(
    r"sha-?(?:1|2|224|256|384|512)\b|md5|fingerprint|thumbprint|finger\s*print|拇印|指紋|ハッシュ|hash|digest"
    r"|ダイジェスト|フィンガープリント|key\s*id|キー\s*id|鍵識別子|識別子|checksum|チェックサム|commit|pgp|gpg",
    re.I,
)
_OTHER_NUMBER_LABEL = re.compile(
    r"受付番号|受付no|注文番号|申込番号|お問い?合わ?せ番号|問合せ番号|管理番号|会員番号|登録番号|伝票番号|請求番号"
    r"|チケット|ticket|case|order|invoice|tracking|\bref(?:erence)?\b|電話|\btel\b|\bfax\b|携帯|〒|郵便|口座|\bid\b",
    re.I,
)
_BASE_MARK = re.compile(
    r"[\(]?\s*(?:10|16|十|十六)\s*進数?(?:表記)?\s*[\)]?|\(\s*(?:decimal|dec|hex(?:adecimal)?)\s*\)", re.I
)
_DECIMAL_MARK = re.compile(r"10\s*進|十進|decimal|\bdec\b", re.I)
_LINE_WORDS = re.compile(r"証明書|certificate|\bcert\b|失効|revo", re.I)
# A hex run: words of hex digits joined by single spaces, colons or hyphens on one line.
_RUN = re.compile(r"(?<![0-9a-z])(?:0x)?[0-9a-f]+(?:[ :\-][0-9a-f]+)*(?![0-9a-z])", re.I)
# What may stand between a label and its value: separators and a few particles.
_GLUE = re.compile(r"^[\s:=#：・\-\(\)（）「」【】\[\]'\"]*(?:(?:は|が|です|is|was|=|:)[\s:=：]*)*$", re.I)
# Counters that make a number after a label a count, not a value ("シリアル番号は12桁").
_COUNTER_AFTER = re.compile(r"^\s*(?:桁|文字|個|件|枚|月|日|年|時|分|回|番目|つ|本|進|digits?|characters?)", re.I)
_QUOTE_PREFIX = re.compile(r"^[ \t>|]*")
_SIGNATURE_RULE = re.compile(r"^(?:--\s*|[\-=_*─━～~]{6,})$")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−ー"), "-")


@dataclass(frozen=True)
class _Piece:
    """One hex value as written: its span, its digits and its shape."""

    start: int
    end: int
    digits: str
    shape: str  # "contiguous", "0x", or "<separator name> <group size>s"
    groups: int


def _normalise(text: str) -> str:
    """NFKC-normalise and make every dash a hyphen, so full-width and odd dashes read alike."""
    norm = unicodedata.normalize("NFKC", text)
    # Only dashes between hex digits are changed; a katakana long vowel mark elsewhere stays.
    return re.sub(r"(?<=[0-9A-Fa-f])[‐‑‒–—―−](?=[0-9A-Fa-f])", "-", norm)


def _pieces_of_run(start: int, run: str) -> list[_Piece]:
    """Split one run into values whose groups are consistent (one separator, one group size)."""
    pieces: list[_Piece] = []
    offset = 0
    if run[:2].lower() == "0x":
        head = re.match(r"0x[0-9a-f]+", run, re.I)
        assert head is not None
        pieces.append(_Piece(start, start + head.end(), head.group(0)[2:].lower(), "0x", 1))
        offset = head.end()
        if offset < len(run):
            offset += 1
    tokens = [(m.start() + offset, m.group(0)) for m in re.finditer(r"[0-9a-f]+", run[offset:], re.I)]
    i = 0
    while i < len(tokens):
        pos, word = tokens[i]
        size = len(tokens[i + 1][1]) if i + 1 < len(tokens) else 0
        sep = run[pos + len(word)] if i + 1 < len(tokens) else ""
        j = i + 1
        if size in (2, 4, 8) and len(word) <= size:
            while j < len(tokens) and len(tokens[j][1]) == size and run[tokens[j][0] - 1] == sep:
                j += 1
            # A viewer that groups by four or eight digits leaves the last group short when the
            # digits do not fill it ("… 145b 39"); it still belongs to the serial, but only as
            # the run's last word, so that a short word in the middle of a run stays apart.
            if (size in (4, 8) and j - i >= 2 and j == len(tokens) - 1
                    and len(tokens[j][1]) < size and run[tokens[j][0] - 1] == sep):
                j += 1
        groups = j - i
        if groups < 2:
            pieces.append(_Piece(start + pos, start + pos + len(word), word.lower(), "contiguous", 1))
            i += 1
            continue
        last_pos, last_word = tokens[j - 1]
        digits = "".join(w for _p, w in tokens[i:j]).lower()
        name = {" ": "space", ":": "colon", "-": "hyphen"}[sep]
        pieces.append(_Piece(start + pos, start + last_pos + len(last_word), digits, f"{name} {size}s", groups))
        i = j
    return pieces


def _wrapped_continuation(norm: str, piece: _Piece) -> tuple[str, int] | None:
    """Return the digits and end of the next line when it continues *piece* (a wrapped serial)."""
    line_end = norm.find("\n", piece.end)
    if line_end < 0 or norm[piece.end : line_end].strip(" :-") != "":
        return None
    next_end = norm.find("\n", line_end + 1)
    next_end = len(norm) if next_end < 0 else next_end
    raw_line = norm[line_end + 1 : next_end]
    body = raw_line[len(_QUOTE_PREFIX.match(raw_line).group(0)) :].rstrip()  # type: ignore[union-attr]
    body = body.rstrip("。.、,")
    if piece.shape in ("contiguous", "0x"):
        if len(piece.digits) < 8 or not re.fullmatch(r"[0-9a-f]{2,}", body, re.I):
            return None
        if not re.search(r"\d", body) and len(body) < 4:
            return None
        digits = body.lower()
    else:
        sep = {"space": " ", "colon": ":", "hyphen": "-"}[piece.shape.split()[0]]
        size = int(piece.shape.split()[1][:-1])
        parts = body.split(sep)
        if not all(re.fullmatch(f"[0-9a-f]{{{size}}}", p, re.I) for p in parts[:-1]):
            return None
        if not re.fullmatch(f"[0-9a-f]{{1,{size}}}", parts[-1], re.I):
            return None
        digits = "".join(parts).lower()
    if len(piece.digits) + len(digits) > MAX_DIGITS:
        return None
    return digits, next_end


def _nearest_label(before: str) -> tuple[str, re.Match[str]] | None:
    """Return the kind ("serial", "hash" or "other") of the label nearest the end of *before*."""
    best: tuple[str, re.Match[str]] | None = None
    for kind, pattern in (("serial", _SERIAL_LABEL), ("hash", _HASH_LABEL), ("other", _OTHER_NUMBER_LABEL)):
        for match in pattern.finditer(before):
            if best is None or match.end() > best[1].end() or (match.end() == best[1].end() and kind == "serial"):
                best = (kind, match)
    return best


def _context_before(norm: str, start: int) -> str:
    """The text before *start* on its line, or the previous line when the value starts a line."""
    line_start = norm.rfind("\n", 0, start) + 1
    before = norm[line_start:start]
    if before.strip(" \t>|") == "" and line_start > 0:
        prev_start = norm.rfind("\n", 0, line_start - 1) + 1
        before = norm[prev_start : line_start - 1] + " "
    return before[-60:]


def _signature_from(norm: str) -> int:
    """Return where a signature block starts (a ``--`` line or a rule among the last lines), else the end."""
    lines = norm.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for i in range(len(lines) - 1, max(-1, len(lines) - 16), -1):
        if _SIGNATURE_RULE.match(lines[i].strip()):
            return offsets[i]
    return len(norm)


def _canonical(digits: str) -> str:
    return format(int(digits, 16), "x")


def _judge(norm: str, piece: _Piece, where: str, signature_at: int) -> SerialCandidate | None:
    """Decide whether one written value is a serial, and how sure that is."""
    digits = piece.digits
    if not digits or len(digits) > MAX_DIGITS:
        return None
    before = _context_before(norm, piece.start)
    label = _nearest_label(before)
    after = norm[piece.end : piece.end + 20]
    if label and label[0] in ("hash", "other"):
        return None
    if label and label[0] == "serial":
        gap = _BASE_MARK.sub("", before[label[1].end() :])
        near = _GLUE.match(gap) or (len(gap) <= 24 and "。" not in gap and not _RUN.search(gap))
        if near:
            if not re.search(r"\d", digits) or _COUNTER_AFTER.match(after):
                return None
            decimal = _DECIMAL_MARK.search(before[label[1].start() :]) or _DECIMAL_MARK.match(after.lstrip(" ("))
            if decimal and digits.isdigit() and piece.shape == "contiguous":
                return SerialCandidate(format(int(digits), "x"), f"{where}: labelled decimal", True)
            if len(digits) < 2:
                return None
            return SerialCandidate(_canonical(digits), f"{where}: labelled", True)
    mixed = bool(re.search(r"[a-f]", digits) and re.search(r"\d", digits))
    in_signature = piece.start >= signature_at
    hash_length = len(digits) in (32, 40) and piece.groups in (1, 10, 16, 20)
    if piece.shape == "0x":
        if len(digits) < 4:
            return None
        return SerialCandidate(_canonical(digits), f"{where}: 0x", not in_signature)
    if piece.shape == "contiguous":
        if not mixed or len(digits) < 8:
            return None
        line_start = norm.rfind("\n", 0, piece.start) + 1
        line_end = norm.find("\n", piece.end)
        line = norm[line_start : line_end if line_end >= 0 else len(norm)]
        sure = bool(_LINE_WORDS.search(line)) and len(digits) <= 32 and not in_signature
        return SerialCandidate(_canonical(digits), f"{where}: bare hex", sure)
    sep, size = piece.shape.split()
    enough = piece.groups >= (4 if size == "2s" else 2)
    if not enough or (sep != "colon" and not mixed) or (sep == "hyphen" and size != "2s"):
        return None
    sure = not in_signature and not hash_length and (size != "8s" or piece.groups >= 2)
    return SerialCandidate(_canonical(digits), f"{where}: {sep} {size.replace('2s', 'pairs')}", sure)


def find_serials(text: str, where: str = "body") -> list[SerialCandidate]:
    """Return every serial candidate in *text*, in order, without duplicate values.

    *where* names the part of the mail the text comes from (``"body"``, ``"subject"``,
    ``"fax"``) and is recorded in each candidate's ``source``.  An exact candidate wins
    over an inexact one of the same value.
    """
    norm = _normalise(text)
    signature_at = _signature_from(norm)
    found: dict[str, SerialCandidate] = {}
    consumed = 0  # The end of the last wrapped serial: its second line is not read again.
    for run in _RUN.finditer(norm):
        if run.start() < consumed:
            continue
        for piece in _pieces_of_run(run.start(), run.group(0)):
            judged = _judge(norm, piece, where, signature_at)
            continuation = _wrapped_continuation(norm, piece) if judged else None
            if judged and continuation:
                whole = _Piece(piece.start, continuation[1], piece.digits + continuation[0], piece.shape, piece.groups)
                joined = _judge(norm, whole, where, signature_at)
                if joined and joined.exact >= judged.exact:
                    judged = SerialCandidate(joined.value, joined.source + " (wrapped)", joined.exact)
                    consumed = continuation[1]
            if judged is None:
                continue
            known = found.get(judged.value)
            if known is None or (judged.exact and not known.exact):
                found[judged.value] = judged
            if len(found) >= MAX_SERIALS:
                return list(found.values())
    return list(found.values())


def extract_serials(text: str) -> list[str]:
    """Return the exact serial numbers in *text* (at most MAX_SERIALS), canonical, without duplicates."""
    return [c.value for c in find_serials(text) if c.exact]

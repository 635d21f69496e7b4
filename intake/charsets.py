"""Decoding of Japanese mail text: declared charsets, their real-world aliases, and detection.

Japanese mail programs label text with charsets that understate what they send:
Outlook writes CP50220 (Microsoft's ISO-2022-JP with the NEC row 13 and IBM extension
characters such as ①, ㈱ and 髙) but calls it ``iso-2022-jp``; feature phones send
CP932 but call it ``shift_jis``.  This module maps each declared label to the widest
compatible decoder and, when no charset is declared, guesses one.  Every function here
returns text and never raises on bad bytes; problems are reported as notes.
"""

from __future__ import annotations

import codecs

# Declared labels are widened to the superset that real senders actually use.
_WIDER: dict[str, str] = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    # Java's and the IANA registry's names for CP932 (Python knows it as cp932 and ms932 only).
    "windows-31j": "cp932",
    "cswindows31j": "cp932",
    "x-ms-cp932": "cp932",
    "windows-932": "cp932",
    "sjis-win": "cp932",
    "sjis-open": "cp932",
    "csshiftjis": "cp932",
    "euc-jp": "euc_jis_2004",
    "x-euc-jp": "euc_jis_2004",
    "eucjp": "euc_jis_2004",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}

_ISO2022JP_LABELS = {
    "iso-2022-jp",
    "iso2022jp",
    "iso-2022-jp-ms",
    "cp50220",
    "cp50221",
    "cp50222",
    "iso-2022-jp-1",
    "iso-2022-jp-2",
    "iso-2022-jp-3",
    "iso-2022-jp-2004",
    "iso-2022-jp-ext",
    "csiso2022jp",
    "jis",
}

_ESC = 0x1B


def _jis_to_sjis(j1: int, j2: int) -> bytes:
    """Convert one JIS X 0208 code point (two 7-bit bytes) to its Shift_JIS bytes."""
    s1 = ((j1 + 1) >> 1) + (0x70 if j1 <= 0x5E else 0xB0)
    if j1 & 1:
        s2 = j2 + (0x1F if j2 <= 0x5F else 0x20)
    else:
        s2 = j2 + 0x7E
    return bytes((s1 & 0xFF, s2 & 0xFF))


def _sjis_to_jis(s1: int, s2: int) -> tuple[int, int]:
    """Convert two Shift_JIS bytes back to a JIS row/cell pair (inverse of `_jis_to_sjis`)."""
    base = 0x70 if s1 < 0xA0 else 0xB0
    j1 = (s1 - base) * 2 - 1
    if s2 >= 0x9F:
        return j1 + 1, s2 - 0x7E
    return j1, s2 - (0x20 if s2 >= 0x80 else 0x1F)


def decode_iso2022jp(data: bytes) -> tuple[str, list[str]]:
    """Decode ISO-2022-JP as Outlook and other Windows programs write it (CP50220/CP50221).

    Double-byte segments are translated to Shift_JIS and decoded as CP932, so NEC special
    characters (row 13: ①, ㈱, №) and NEC-selected IBM extensions (rows 89–92: 髙, 﨑)
    come out right.  JIS X 0212 and JIS X 0213 segments, half-width katakana (``ESC ( I``
    and SO/SI) and raw 8-bit bytes are handled as well.  Undecodable code points become
    U+FFFD and are counted in the returned notes.
    """
    out: list[str] = []
    notes: list[str] = []
    bad = 0
    mode = "ascii"
    shifted = False
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b == _ESC:
            seq = data[i + 1 : i + 4]
            if seq[:2] in (b"$B", b"$@"):
                mode, i = "jisx0208", i + 3
            elif seq[:3] == b"$(D":
                mode, i = "jisx0212", i + 4
            elif seq[:3] in (b"$(Q", b"$(O", b"$(P"):
                mode, i = "jisx0213", i + 4
            elif seq[:2] == b"(I":
                mode, i = "katakana", i + 3
            elif seq[:2] in (b"(B", b"(J", b"(H"):
                mode, i = "ascii", i + 3
            else:
                # An unknown escape is passed through as text so nothing is lost silently.
                out.append("\x1b")
                bad += 1
                i += 1
            continue
        if b == 0x0E:
            shifted, i = True, i + 1
            continue
        if b == 0x0F:
            shifted, i = False, i + 1
            continue
        if b in (0x0A, 0x0D):
            # Line ends reset to ASCII in practice; RFC 1468 requires it before CRLF anyway.
            out.append(chr(b))
            mode, shifted, i = "ascii", False, i + 1
            continue
        if b >= 0x80:
            # Raw 8-bit bytes inside ISO-2022-JP are usually CP932 pasted in by a broken client.
            chunk_end = i
            while chunk_end < n and data[chunk_end] >= 0x80:
                chunk_end += 1
            out.append(data[i:chunk_end].decode("cp932", errors="replace"))
            notes.append("8-bit bytes inside ISO-2022-JP decoded as CP932")
            i = chunk_end
            continue
        if shifted or mode == "katakana":
            if 0x21 <= b <= 0x5F:
                out.append(bytes((b + 0x80,)).decode("cp932"))
            else:
                out.append(chr(b))
            i += 1
            continue
        if mode == "ascii":
            out.append(chr(b))
            i += 1
            continue
        if i + 1 >= n or not (0x21 <= b <= 0x7E and 0x21 <= data[i + 1] <= 0x7E):
            out.append(chr(b) if b < 0x21 else "\ufffd")
            bad += 0 if b < 0x21 else 1
            i += 1
            continue
        j1, j2 = b, data[i + 1]
        i += 2
        if mode == "jisx0208":
            ch = _jis_to_sjis(j1, j2).decode("cp932", errors="replace")
        elif mode == "jisx0212":
            ch = bytes((0x8F, j1 | 0x80, j2 | 0x80)).decode("euc_jp", errors="replace")
        else:
            ch = bytes((j1 | 0x80, j2 | 0x80)).decode("euc_jis_2004", errors="replace")
        if "\ufffd" in ch:
            bad += 1
        out.append(ch)
    if bad:
        notes.append(f"{bad} undecodable ISO-2022-JP code points replaced")
    return "".join(out), sorted(set(notes))


def encode_cp50220(text: str) -> bytes:
    """Encode *text* the way Outlook does (CP50220): CP932 characters inside ``ESC $ B``.

    Half-width katakana are written in ``ESC ( I`` mode.  Used by the test corpus generator
    to produce real Outlook-style bytes; unencodable characters become ``?``.
    """
    out = bytearray()
    mode = "ascii"
    for ch in text:
        if ch in "\r\n":
            if mode != "ascii":
                out += b"\x1b(B"
                mode = "ascii"
            out += ch.encode("ascii")
            continue
        if ord(ch) < 0x80:
            if mode != "ascii":
                out += b"\x1b(B"
                mode = "ascii"
            out.append(ord(ch))
            continue
        try:
            sj = ch.encode("cp932")
        except UnicodeEncodeError:
            sj = b"?"
        if len(sj) == 1 and 0xA1 <= sj[0] <= 0xDF:
            if mode != "kana":
                out += b"\x1b(I"
                mode = "kana"
            out.append(sj[0] - 0x80)
        elif len(sj) == 2:
            s1 = sj[0]
            if 0xFA <= s1 <= 0xFC:
                # IBM extensions are written through their NEC-selected equivalents, as CP50220 does.
                sj = _ibm_to_nec_selected(ch) or sj
                s1 = sj[0]
            if mode != "kanji":
                out += b"\x1b$B"
                mode = "kanji"
            j1, j2 = _sjis_to_jis(s1, sj[1])
            out += bytes((j1, j2))
        else:
            if mode != "ascii":
                out += b"\x1b(B"
                mode = "ascii"
            out += b"?"
    if mode != "ascii":
        out += b"\x1b(B"
    return bytes(out)


def _ibm_to_nec_selected(ch: str) -> bytes | None:
    """Find the NEC-selected IBM extension bytes (0xED/0xEE lead) for a character, if any."""
    for lead in (0xED, 0xEE):
        for trail in range(0x40, 0xFD):
            cand = bytes((lead, trail))
            try:
                if cand.decode("cp932") == ch:
                    return cand
            except UnicodeDecodeError:
                continue
    return None


def normalise_label(label: str | None) -> str | None:
    """Return the lower-case charset label with quotes and blanks removed, or None."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").strip().lower()
    return cleaned or None


def _japanese_score(text: str) -> int:
    """Count characters typical of Japanese prose: kana, common kanji and full-width punctuation."""
    score = 0
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF or 0x3000 <= o <= 0x303F:
            score += 2
        elif 0x4E00 <= o <= 0x9FFF or 0xFF01 <= o <= 0xFF5E:
            score += 1
        elif 0xFF61 <= o <= 0xFF9F or 0xE000 <= o <= 0xF8FF:
            # Half-width katakana and private-use characters are rare in real mail, so a
            # decoding full of them is probably the wrong one.
            score -= 2
    return score


def detect(data: bytes) -> str:
    """Guess the charset of undeclared bytes: ASCII/UTF-8, ISO-2022-JP, CP932 or EUC-JP."""
    if b"\x1b$B" in data or b"\x1b$@" in data or b"\x1b(I" in data:
        return "iso-2022-jp"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best, best_score = "cp932", None
    for cand in ("cp932", "euc_jis_2004", "utf-8"):
        text = data.decode(cand, errors="replace")
        score = _japanese_score(text) - 4 * text.count("\ufffd")
        if best_score is None or score > best_score:
            best, best_score = cand, score
    return best


def decode_bytes(data: bytes, declared: str | None) -> tuple[str, str, list[str]]:
    """Decode *data* given the *declared* charset label (may be None or wrong).

    Returns ``(text, charset_used, notes)``.  The declared label is honoured through its
    wider real-world superset; if it is unknown, or if decoding with it fails while
    another Japanese charset succeeds cleanly, the detected charset is used and a note
    says so.
    """
    notes: list[str] = []
    label = normalise_label(declared)
    if label is None:
        label = detect(data)
        if any(b >= 0x80 or b == _ESC for b in data):
            notes.append(f"no charset declared; detected {label}")
    if label in _ISO2022JP_LABELS:
        if any(b >= 0x80 for b in data) and b"\x1b" not in data:
            # Labelled ISO-2022-JP but actually 8-bit: a common gateway mistake.
            guessed = detect(data)
            notes.append(f"declared {label} but content is 8-bit; decoded as {guessed}")
            return _decode_with(data, guessed, notes)
        text, more = decode_iso2022jp(data)
        return text, "iso-2022-jp", notes + more
    codec_name = _WIDER.get(label, label)
    if not _is_text_codec(codec_name):
        guessed = detect(data)
        notes.append(f"unknown charset {label!r}; decoded as {guessed}")
        return _decode_with(data, guessed, notes)
    try:
        return data.decode(codec_name), codec_name, notes
    except UnicodeError as exc:
        if isinstance(exc, UnicodeDecodeError) and exc.reason == "unexpected end of data":
            # Only the end is cut off (a truncated word or body): the label is right.
            notes.append(f"truncated {codec_name} data at the end")
            return data.decode(codec_name, errors="replace"), codec_name, notes
        guessed = detect(data)
        if guessed != codec_name:
            try:
                text = data.decode(guessed) if guessed != "iso-2022-jp" else decode_iso2022jp(data)[0]
                notes.append(f"declared {label} does not fit the bytes; decoded as {guessed}")
                return text, guessed, notes
            except UnicodeError:
                pass
        notes.append(f"invalid {codec_name} bytes replaced")
        return data.decode(codec_name, errors="replace"), codec_name, notes


def _is_text_codec(name: str) -> bool:
    """Tell whether *name* is a known text encoding (not e.g. ``zlib`` or ``base64``)."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return False
    # Binary transforms (base64_codec, zlib_codec, rot13) cannot decode mail text.
    if "escape" in info.name or info.name in ("idna", "punycode"):
        return False
    return bool(getattr(info, "_is_text_encoding", True))


def _decode_with(data: bytes, charset: str, notes: list[str]) -> tuple[str, str, list[str]]:
    """Decode with a detected charset, replacing invalid bytes and noting it."""
    if charset == "iso-2022-jp":
        text, more = decode_iso2022jp(data)
        return text, charset, notes + more
    text = data.decode(charset, errors="replace")
    if "\ufffd" in text:
        notes.append(f"invalid {charset} bytes replaced")
    return text, charset, notes

"""Tables typed in plain text: the cells of a row, and a rule that underlines a header.

People type a table in a mail with vertical bars (``| 氏名 | シリアル番号 |``, or drawn with
box-drawing characters), with tabs, or with columns aligned by two or more spaces
(half-width or full-width), or paste one from a spreadsheet as comma-separated values.  One
splitter serves every reader of such tables, so that the serial reader and the body splitter
agree on what a row is, on raw text as on text already folded to half-width (NFKC).

A rule of dashes under a header row, with a row of as many cells below it
(``氏名  シリアル番号`` / ``------`` / ``山田  3b57…``), is part of the table.  Near the end of
a mail it looks like the rule that starts a signature; :func:`underlines_header` tells the two
apart for both the body splitter and the serial reader.  So is the border of a table drawn
with joints (``+----+------+`` over ``| No | Serial number |``): :func:`borders_table`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The vertical bars of a table: typed (half-width or full-width) or drawn with box-drawing characters.
BARS = "|｜│┃┆┇┊┋╎╏║"
# A cell boundary: a bar or a tab (with the spaces around it), or a gap of two or more spaces.
# A single space, half-width or full-width, stays inside a cell ("西村　拓也", "Ken Tanaka").
_CELL_SPLIT = re.compile(rf"[ \t\u3000]*[{BARS}\t][ \t\u3000]*|[ \u3000]{{2,}}")
# What a cell may hold and still be empty: spaces and the quote marks of a quoted row.
_EMPTY_CELL = " \t\u3000>＞"


# A row exported as CSV ("青木 正和,代表取締役,dfddf5af…,2027/03/14"): three cells or more parted by bare commas, some
# of which may be empty (",,", a row's last cell left blank: "…,2025/12/20,").
# Text parts its words with a comma and a space (", ", which the pattern refuses after every comma) or with "、"
# (which the caller refuses), so a line holding either is no CSV row.
_CSV_ROW = re.compile(r"^[ \t\u3000>＞]*[^,\s][^,\n]*(?:,(?:[^,\s\n][^,\n]*)?){2,}[ \t]*$")


def cells(line: str) -> list[tuple[int, int]]:
    """The spans of the non-empty cells of *line* read as a table row, or ``[]`` when it has fewer than two.

    A line of ordinary text is one cell, so it is no row; the bars that open and close a
    row give no empty cells.  A line of comma-separated values (:data:`_CSV_ROW`) is a row too.
    """
    if _CSV_ROW.match(line) and "、" not in line and not _CELL_SPLIT.search(line):
        spans, at = [], 0
        for part in line.split(","):
            if part.strip(_EMPTY_CELL):
                spans.append((at, at + len(part)))
            at += len(part) + 1
        return spans if len(spans) >= 2 else []
    spans = []
    at = 0
    for sep in _CELL_SPLIT.finditer(line):
        if line[at : sep.start()].strip(_EMPTY_CELL):
            spans.append((at, sep.start()))
        at = sep.end()
    if line[at:].strip(_EMPTY_CELL):
        spans.append((at, len(line)))
    return spans if len(spans) >= 2 else []


def underlines_header(lines: Sequence[str], i: int) -> bool:
    """Tell whether line *i* (a rule) stands under a table's header: rows of as many cells on both sides.

    A list typed as a table near the end of a mail ("氏名  シリアル番号  社員番号", a rule of
    dashes, then one row per person) is the mail's content, not the start of a signature.
    """
    if i <= 0 or i + 1 >= len(lines):
        return False
    header, row = len(cells(lines[i - 1])), len(cells(lines[i + 1]))
    if header >= 2 and header == row:
        return True
    # A listing of one column ("SerialNumber" over "------------" over "4B0E…", as a shell prints one property): the
    # rule as long as the one word above it, one word below.
    # (A signature's name over a rule of its length is none: the header is a word in Latin letters, the row a value.)
    above, rule, below = lines[i - 1].strip(), lines[i].strip(), lines[i + 1].strip()
    return (
        above.isascii()
        and above.isalpha()
        and any(c.isdigit() for c in below)
        and " " not in below
        and len(rule) == len(above)
    )


# A border drawn with joints between its dashes ("+----+------+", "├──┼──┤"), as text tables are framed.
_JOINTS = "+\u251c\u2524\u252c\u2534\u253c\u250c\u2510\u2514\u2518"
_JOINTED_RULE = re.compile(rf"^[ \t\u3000]*[{_JOINTS}](?:[-=\u2500\u2501]+[{_JOINTS}]){{2,}}[ \t\u3000]*$")


def borders_table(lines: Sequence[str], i: int) -> bool:
    """Tell whether line *i* is a border of a table drawn with joints, a row of cells beside it.

    ``+----+------+`` over or under ``| 1 | d4ab-d486-… |`` frames the mail's content; near the
    end of a mail it is no rule that starts a signature.
    """
    if _JOINTED_RULE.match(lines[i]):
        return any(0 <= j < len(lines) and len(cells(lines[j])) >= 2 for j in (i - 1, i + 1))

    # A plain rule over a table's header and its first row, or under its last two rows, frames it too ("-----" over
    # " 氏名　　シリアル番号　　状態" over " 藤田 直樹　5C 2E …　← 逝去"): two lines of cells on one side, one of
    # them holding a serial's hex.  A signature in two columns ("TEL 03-…　FAX 03-…") holds none.
    def width(j: int) -> int:
        return len(cells(lines[j])) if 0 <= j < len(lines) else 0

    def framed(first: int, second: int) -> bool:
        return min(width(first), width(second)) >= 2 and any(
            _HEX_CELL.search(_SEPARATORS.sub("", lines[j][a:b])) for j in (first, second) for a, b in cells(lines[j]))

    return framed(i + 1, i + 2) or framed(i - 1, i - 2)


# A serial's hex as a table cell holds it: eight or more hex digits with both a letter and a digit among them.
HEX_VALUE = r"(?=[0-9]*[A-Fa-f])(?=[A-Fa-f]*[0-9])[0-9A-Fa-f]{8,}"
# A cell's serial once its separators are taken out.
_SEPARATORS = re.compile(r"[ \t\u3000:\-]")
_HEX_CELL = re.compile(r"(?<![0-9A-Za-z])" + HEX_VALUE + r"(?![0-9A-Za-z])")


def line_bounds(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The start and end of the line of *text* that holds *span* (its line break left out)."""
    end = text.find("\n", span[1])
    return text.rfind("\n", 0, span[0]) + 1, end if end >= 0 else len(text)

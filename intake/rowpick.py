"""Rows of a pasted list picked by a cell the writer names: "「状態」が退職となっている2名分", "所属が営業2課の行".

Office staff paste their register (a spreadsheet, a CSV, a viewer's table) and name the rows they mean by what a
cell of those rows says, not by the serials: a status ("退職"), a department ("営業2課"), an employee number
("社員番号 20417 の人"), a year ("2024年入社の3名"), a date ("昨年7月1日にまとめて発行していただいた3件") or a mark
put after the names ("名前の後に(派)と付けています").  A cell picks its rows when the writer's own words (the lines
that hold no serial) name it and either

* the writer counts the rows meant ("2名分", "3件") and the cell is on exactly that many rows, or
* the cell is a mark in brackets, or is named in a sentence that asks ("社員番号 20417 の人の証明書を失効して
  ください"), on one row only,

and no sentence that names it keeps its certificate ("佐々木 恵のほうは引き続き使います").  Every cell that picks
rows adds them; the picks must leave some rows out, or nothing is picked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A row's cells: parted by tabs, commas, bars, quotes or two spaces and more.
_CELL_SEPARATOR = re.compile(r"[\t,|｜\"]|[ \u3000]{2,}")
# A mark in brackets after a name ("村田 直人(派)"); not a list's number ("②", read as "(2)").
_MARK = re.compile(r"[(（][^()（）\s0-9０-９]{1,4}[)）]")
# A date cell ("2024/07/01", "2024-07-01").
_DATE = re.compile(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})")
# The rows the writer counts ("2名分", "3件", "二枚").
_COUNT = re.compile(r"(?<![0-9])([2-9]|[二三四五六七八九])[ \t]*(?:名|件|枚|人|通)")
_KANJI_COUNT = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Where the writer's sentences end.
_SENTENCE_END = re.compile(r"[。！？!?\n]")
# A row's number or a bullet, which every list has and which picks nothing.
_TRIVIAL = re.compile(r"(?:no\.?|[0-9]{1,2}|[・\-*•]|[0-9]{1,2}[.)])", re.I)


def _line_bounds(norm: str, span: tuple[int, int]) -> tuple[int, int]:
    """The start and end of the line that holds *span*."""
    end = norm.find("\n", span[1])
    return norm.rfind("\n", 0, span[0]) + 1, end if end >= 0 else len(norm)


def _tokens(row: str) -> tuple[set[str], set[str]]:
    """The cells of a row (its serial left out) and the marks in it; apart, the ways a writer names a date cell."""
    tokens: set[str] = set()
    dates: set[str] = set()
    for cell in _CELL_SEPARATOR.split(row):
        cell = cell.strip(" \u3000:：")
        if len(cell) < 2 or _TRIVIAL.fullmatch(cell):
            continue
        tokens.add(cell)
        date = _DATE.fullmatch(cell)
        if date:
            year, month, day = date.group(1), int(date.group(2)), int(date.group(3))
            dates |= {f"{month}月{day}日", f"{month}/{day}", f"{year}年{month}月{day}日"}
        # A name written in capitals on the row ("KUROKAWA AYA") may be named by one of its words ("Kurokawa").
        if cell.isascii() and cell.isupper():
            tokens |= {word for word in cell.split() if len(word) >= 4 and word.isalpha()}
    tokens |= set(_MARK.findall(row))
    return tokens, dates


# A person's full name, family and given name parted by a space ("佐々木 航").
_FULL_NAME = re.compile(r"[一-龥々ぁ-んァ-ヶー]{1,5}[ \u3000][一-龥々ぁ-んァ-ヶー]{1,5}")


def _distinct(token: str) -> bool:
    """Whether a cell names one row on its own: a number, a code or a name, not a word of status ("有効")."""
    return bool(_FULL_NAME.fullmatch(token)) or (
        len(token) >= 4 and (any(c.isdigit() for c in token) or token.isascii())
    )


def _one_block(norm: str, lines: list[tuple[int, int]]) -> bool:
    """Whether the rows stand together, one after another, with a blank line at most between two."""
    ordered = sorted(lines)
    return all(norm.count("\n", a[1], b[0]) <= 2 for a, b in zip(ordered, ordered[1:], strict=False))


def _named(token: str, sentence: str) -> bool:
    """Whether *sentence* names *token*: as it is, with no digit run or Latin word going on around it."""
    pattern = r"(?<![0-9A-Za-z])" + re.escape(token) + r"(?![0-9A-Za-z])"
    return re.search(pattern, sentence, re.I) is not None


def _counts(prose: str) -> set[int]:
    """The numbers of rows the writer counts."""
    return {int(c) if c.isdigit() else _KANJI_COUNT[c] for c in _COUNT.findall(prose)}


def picked_by_cell(
    norm: str,
    spans: dict[str, tuple[int, int]],
    *,
    asks: Callable[[str], bool],
    keeps: Callable[[str], bool],
) -> dict[str, str]:
    """The serials left out because the writer picks other rows by a cell they name, with why; {} when none."""
    if len(spans) < 3:
        return {}
    lines = {value: _line_bounds(norm, span) for value, span in spans.items()}
    if len(set(lines.values())) < len(lines):
        return {}  # Two values on one line: no table of one serial per row.
    if not _one_block(norm, list(lines.values())):
        return {}  # Values far apart (one in the subject, others in a list) make no table.
    rows = {value: (norm[a : spans[value][0]] + "\t" + norm[spans[value][1] : b]) for value, (a, b) in lines.items()}
    taken = set(lines.values())
    prose_lines = [line for line in _lines(norm) if line not in taken]
    sentences = [s for start, end in prose_lines for s in _SENTENCE_END.split(norm[start:end]) if s.strip()]
    counts = _counts("\n".join(sentences))
    if len(spans) in counts:
        return {}  # "5名分" of five rows: every row is meant, whatever a cell of one says ("…は7月31日退職予定").
    cells = {value: _tokens(row) for value, row in rows.items()}
    tokens = {value: plain | dates for value, (plain, dates) in cells.items()}
    dated = {t for _plain, dates in cells.values() for t in dates}
    picked: set[str] = set()
    why: list[str] = []
    for token in sorted({t for ts in tokens.values() for t in ts}):
        chosen = {value for value, ts in tokens.items() if token in ts}
        if len(chosen) == len(spans):
            continue
        naming = [s for s in sentences if _named(token, s)]
        if not naming or any(keeps(s) for s in naming):
            continue
        mark = _MARK.fullmatch(token) is not None
        # One row named in an ask by a number or a name of its own ("社員番号 20417 の人の証明書を"); a date or a word
        # of status ("有効") named beside an ask tells when or why, not which.
        alone = len(chosen) == 1 and token not in dated and _distinct(token) and any(asks(s) for s in naming)
        if len(chosen) in counts or mark or alone:
            picked |= chosen
            why.append(token)
    if not picked or len(picked) == len(spans):
        return {}
    reason = f"the writer picks the rows whose cells say {', '.join(repr(t) for t in why)}"
    return {value: reason for value in spans if value not in picked}


def _lines(norm: str) -> list[tuple[int, int]]:
    """The start and end of every line of *norm*."""
    bounds, start = [], 0
    for match in re.finditer(r"\n", norm):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(norm)))
    return bounds

"""Rows of a pasted list picked by a cell the writer names: "「状態」が退職となっている2名分", "所属が営業2課の行".

Office staff paste their register (a spreadsheet, a CSV, a viewer's table) and name the rows they mean by what a
cell of those rows says, not by the serials: a status ("退職"), a department ("営業2課"), an employee number
("社員番号 20417 の人"), a year ("2024年入社の3名"), a date ("昨年7月1日にまとめて発行していただいた3件") or a mark
put after the names ("名前の後に(派)と付けています").  A cell picks its rows when the writer's own words (the lines
that hold no serial) name it, no clause that names it keeps it ("佐々木 恵のほうは引き続き使います"), and

* firmly, when the writer quotes it (`where the status is "terminated"`, 「旧DMS」), names it as the selector
  ("…となっている", "…のもの", "…の2名分" with that many rows), or says the rows were marked with it ("○を付けました");
* loosely, when the writer counts its rows ("2名分", "3件"), or names it, a number or a name of its own, in a
  sentence that asks ("社員番号 20417 の人の証明書を失効してください").

Firm picks win over loose ones; loose picks are not taken when a count covers every row ("5名分" of five) or of two
rows.  Where nothing picks, a cell named in a clause that keeps it ("デスクトップの1枚は引き続き使います") keeps its
rows out; a row's own note that points at it and asks ("←こちらを失効"), or a cell of it that asks ("有効（要失効）"),
picks it before anything else.  The rows must be a table (one value per line, no sentence punctuation, standing
together), and the picks must leave some rows out, or nothing is picked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from intake.tables import line_bounds

# A row's cells: parted by tabs, commas, semicolons, bars, quotes, a wide space or two spaces and more.
_CELL_SEPARATOR = re.compile(r"[\t,;|｜\"]|\u3000|[ ]{2,}")
# A cell that names its column ("用途: 旧DMS"): the value is named alone too.
_LABELLED_CELL = re.compile(r"[^:：]{1,12}[:：][ \t]*(?P<value>\S.*)")
# A mark in brackets after a name ("村田 直人(派)", "Laura Schmidt (leaving)"); not a list's number ("②", read as
# "(2)"), nor a remark of several words ("(on maternity leave, keep active)").
_MARK = re.compile(r"[(（](?:[^()（）\s0-9０-９]{1,4}|[A-Za-z]{2,12})[)）]")
# Words that say rows were marked ("○を付けました", "✓を入れて返送します", "marked", "ticked").
_MARKING = re.compile(r"付け|つけ|印を|を入れ|\b(?:mark|tick|check)(?:ed)?\b", re.I)
# A sign put on a row ("← 住所間違い", "★", a box ticked "[✓]").
_SIGN = re.compile(r"[←★☆※◎○●▲■→✓✔☑]")
# An ordinary English word in lower case, which a sentence has and a table's cell seldom is alone.
_PLAIN_WORD = re.compile(r"[a-z][a-z']*")
# A note that points at its own row ("←こちらを失効", "← これ").
_POINTS_HERE = re.compile(r"[←⇐]|こちら|これ|\bthis one\b", re.I)
# What such a note asks for ("失効", "対象"), not a state it tells ("失効済み", "対象外").
_NOTE_ASKS = re.compile(
    r"(?:失効|取り?消|止め|停止)(?!済|完了|しまし|され|して(?:い|お))|対象(?!外)|\b(?:revoke|cancel)\b", re.I
)
# A row's own note that asks without pointing ("有効（要失効）", "失効希望", "to be revoked").
_ROW_ASKS = re.compile(
    r"要(?:失効|取り?消し?)|(?:失効|取り?消し?)(?:希望|対象|依頼)(?!外)|\bto be (?:revoked|cancell?ed)\b", re.I
)
# A cell value the writer quotes ("where the status is \"terminated\"", "用途が「旧DMS」のもの").
_QUOTED = "「『\"“'‘"
# Words after a cell value that make it the rows' selector ("退職となっている", "営業2課の行", "2024年のもの").
_SELECTOR_AFTER = re.compile(
    r"[」』\"”'’]?[ \t]*(?:となって|になって|の(?:もの|分|行|人|方|証明書|者)|が該当|に該当|のみ|だけ"
    # A year or a date named with what happened then ("2023年発行分のみ", "2024年に発行されたもの").
    r"|に?(?:発行|取得|入社|退職)(?:分|の(?:もの|分)|され(?:た|ている)(?:もの|分|証明書)|し(?:た|ている)(?:もの|分|証明書))"
    # The rows of a department or a branch ("大宮支店の所属者の証明書").
    r"|の所属(?:者|の(?:もの|分|人|方|者))"
    r"|の(?P<count>[0-9一二三四五六七八九]+)(?:名|件|枚|人)分?)"
)
# The number of rows counted in English ("revoke 3 certificates", "two staff").
_COUNT_EN = re.compile(
    # A word may say which ones ("the two terminated employees", "three former staff"); not what they are ("three
    # iPROVE certificates" counts the family's certificates, not the rows asked for).
    r"\b([2-9]|two|three|four|five|six|seven|eight|nine)\s+"
    r"(?:(?:former|terminated|departed|retired|resigned|leaving|left|gone|affected|remaining)\s+)?"
    r"(?:certificates|certs|people|persons|staff|members"
    r"|employees|lawyers|holders|of them|users)\b",
    re.I,
)
_EN_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# A date cell ("2024/07/01", "2024-07-01").
_DATE = re.compile(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})")
# The rows the writer counts ("2名分", "3件", "二枚").
_COUNT = re.compile(r"(?<![0-9])([2-9]|[二三四五六七八九])[ \t]*(?:名|件|枚|人|通)")
_KANJI_COUNT = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# The punctuation of a sentence, which a table's row has none of.
_PROSE_MARK = re.compile(r"[。、]")
# Where a sentence's clauses part.
_CLAUSE = re.compile(r"[、，,;；]")
# A value on a line, grouped or not.
_VALUE = re.compile(r"(?<![0-9a-z])(?:[0-9a-f]{8,}|(?:[0-9a-f]{2,4}[ :\-]){3,}[0-9a-f]{2,4})(?![0-9a-z])", re.I)
# Where the writer's sentences end.
_SENTENCE_END = re.compile(
    r"[。！？!?\n]|(?<=[.!?][\"”'’)])\s+|(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bNo\.)(?<!\bMrs\.)(?<=[\"”'’)a-z0-9][.!?])\s+"
)
# A row's number or a bullet, which every list has and which picks nothing.
_TRIVIAL = re.compile(r"(?:no\.?|no\.?[ ]?[0-9]{1,2}|#[0-9]{1,2}|[(（]?[0-9]{1,2}[.)）]?|[・\-*•]|[a-z][.)])", re.I)


def _tokens(row: str) -> tuple[set[str], set[str], set[str]]:
    """The cells of a row (its serial left out); apart, the ways a writer names a date cell, and the row's marks."""
    tokens: set[str] = set()
    dates: set[str] = set()
    for cell in _CELL_SEPARATOR.split(row):
        cell = cell.strip(" \u3000:：")
        if len(cell) < 2 or _TRIVIAL.fullmatch(cell):
            continue
        tokens.add(cell)
        labelled = _LABELLED_CELL.fullmatch(cell)
        if labelled and len(labelled.group("value")) >= 2:
            tokens.add(labelled.group("value").strip())
        date = _DATE.fullmatch(cell)
        if date:
            year, month, day = date.group(1), int(date.group(2)), int(date.group(3))
            dates |= {f"{month}月{day}日", f"{month}/{day}", f"{year}年{month}月{day}日"}
            # Or by its month or year ("有効期限が2025年8月となっているもの", "発行日が2024年のもの").
            dates |= {f"{year}年{month}月", f"{year}年"}
        # A name written in capitals on the row ("KUROKAWA AYA") may be named by one of its words ("Kurokawa").
        if cell.isascii() and cell.isupper():
            tokens |= {word for word in cell.split() if len(word) >= 4 and word.isalpha()}
        # A cell of several words parted by single spaces, as a wide space reads after NFKC ("経理課 新井 陽子",
        # "用途: 旧DMS 名義: 西田"): each word may be the one the writer names.
        tokens |= {
            word for word in (w.strip(":：") for w in cell.split()) if len(word) >= 2 and not _TRIVIAL.fullmatch(word)
        }
    found = _MARK.findall(row)
    # A mark is named with its brackets or without them ('marked "leaving"').
    marks = set(found) | {mark[1:-1] for mark in found} | set(_SIGN.findall(row))
    return tokens | marks, dates, marks


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


def _occurrences(token: str, sentence: str) -> Iterator[re.Match[str]]:
    """Where *sentence* names *token*: as it is, with no digit run or Latin word going on around it."""
    return re.finditer(r"(?<![0-9A-Za-z])" + re.escape(token) + r"(?![0-9A-Za-z])", sentence, re.I)


def _named(token: str, sentence: str) -> bool:
    """Whether *sentence* names *token* (see :func:`_occurrences`)."""
    return next(_occurrences(token, sentence), None) is not None


def _number(word: str) -> int:
    """A count written in digits, in kanji or in English ("3", "三", "three"); 0 for a word that is none."""
    if word.isdigit():
        return int(word)
    return _KANJI_COUNT.get(word, 0) or _EN_NUMBERS.get(word.lower(), 0)


def _counts(prose: str) -> set[int]:
    """The numbers of rows the writer counts."""
    return {_number(c) for c in (*_COUNT.findall(prose), *_COUNT_EN.findall(prose))}


def _selects(token: str, sentence: str, rows: int) -> bool:
    """Whether *sentence* names *token* as what picks its *rows*: quoted, or followed by "…のもの", "…の2名分"."""
    for found in _occurrences(token, sentence):
        before = sentence[found.start() - 1 : found.start()]
        after = _SELECTOR_AFTER.match(sentence, found.end())
        # A count after the cell must be its rows' ("北野 の2名分" after "川村 と" counts two holders, not 北野's row).
        counted = after and after.group("count")
        if counted and _number(counted) != rows:
            after = None
        if (before and before in _QUOTED) or after:
            return True
    return False


def picked_by_cell(
    norm: str,
    spans: dict[str, tuple[int, int]],
    *,
    asks: Callable[[str], bool],
    keeps: Callable[[str], bool],
) -> dict[str, str]:
    """The serials left out because the writer picks other rows by a cell they name, with why; {} when none."""
    if len(spans) < 2:
        return {}
    lines = {value: line_bounds(norm, span) for value, span in spans.items()}
    if len(set(lines.values())) < len(lines):
        return {}  # Two values on one line: no table of one serial per row.
    if any(_PROSE_MARK.search(norm, a, b) for a, b in lines.values()):
        # A value inside a sentence ("なお、私（高木）の証明書（…）は問題ありませんので、") is no row of a table.
        return {}
    if not _one_block(norm, list(lines.values())):
        return {}  # Values far apart (one in the subject, others in a list) make no table.
    rows = {value: (norm[a : spans[value][0]] + "\t" + norm[spans[value][1] : b]) for value, (a, b) in lines.items()}
    taken = set(lines.values())
    # The writer's words are the lines that hold no value: a row of the list whose value was not read is no prose.
    prose_lines = [line for line in _lines(norm) if line not in taken and not _VALUE.search(norm, *line)]
    sentences = [s for start, end in prose_lines for s in _SENTENCE_END.split(norm[start:end]) if s.strip()]
    counts = _counts("\n".join(sentences))
    cells = {value: _tokens(row) for value, row in rows.items()}
    tokens = {value: plain | dates for value, (plain, dates, _marks) in cells.items()}
    dated = {t for _plain, dates, _marks in cells.values() for t in dates}
    marked = {t for _plain, _dates, marks in cells.values() for t in marks}
    # A row that points at itself and asks ("62FB 0E8D 4A1C 3597 ←こちらを失効"), or whose cell asks ("有効（要失効）"):
    # the writer's note on the row picks it.
    noted = {
        value
        for value, (_a, b) in lines.items()
        if (_POINTS_HERE.search(norm, spans[value][1], b) and _NOTE_ASKS.search(norm, spans[value][1], b))
        # A register's status column has three rows at least: of two values, one may be the other put right.
        or (len(spans) > 2 and bool(_ROW_ASKS.search(norm, spans[value][1], b)))
    }
    if noted and len(noted) < len(spans):
        reason = "the writer's note on other rows asks for them"
        return {value: reason for value in spans if value not in noted}
    # Cells the writer quotes, names as the selector or marks rows with pick first; cells picked by a count or named in
    # an ask only when none is ("西田と石井は1人で2枚持っている" names holders, beside 「旧DMS」 that picks the rows).
    firm: set[str] = set()
    loose: set[str] = set()
    why: list[str] = []
    kept: set[str] = set()
    kept_why: list[str] = []
    for token in sorted({t for ts in tokens.values() for t in ts}):
        chosen = {value for value, ts in tokens.items() if token in ts}
        if len(chosen) == len(spans):
            continue
        # A word alone on its line (a signature's "宇田川") is no sentence that names a cell.
        naming = [s for s in sentences if _named(token, s) and s.strip(" \t\u3000") != token]
        # Only the clause that names the cell is read for words that keep it ("「契約」の者が対象で、「正社員」は
        # 引き続き利用します" keeps 正社員, not 契約).
        if not naming:
            continue
        if any(keeps(clause) for s in naming for clause in _CLAUSE.split(s) if _named(token, clause)):
            # A clause that names the cell and keeps it ("デスクトップの1枚は引き続き使います") keeps its rows; an
            # English word of a sentence ("the", "one") is no cell.
            if not _PLAIN_WORD.fullmatch(token):
                kept |= chosen
                kept_why.append(token)
            continue
        # A mark picks when the writer says they put it on the rows ("○を付けました", 'marked "leaving"'), or names
        # it with its brackets ("名前の後に(派)と付けています").
        mark = token in marked and any(_MARKING.search(s) or f"({token})" in s for s in naming)
        asked = [s for s in naming if asks(s)]
        # Rows named in an ask by a number or a name of their own ("社員番号 20417 の人の証明書を", "everyone in cost
        # center 4410"); a date or a word of status ("有効") named beside an ask tells when or why, not which.
        alone = token not in dated and _distinct(token) and bool(asked)
        # Or by a value the writer quotes or names as the selector ("where the status is \"terminated\"",
        # "有効期限が2025年8月となっているもの", "旧証明書（発行日が2024年のもの）").
        selected = any(_selects(token, s, len(chosen)) for s in naming)
        if mark or selected:
            firm |= chosen
            why.append(token)
        elif len(chosen) in counts or alone:
            loose |= chosen
            why.append(token)
    # "5名分" of five rows: every row is meant, whatever a cell of one says ("…は7月31日退職予定"); a cell quoted or
    # marked still picks ("今回発行の3枚を確認しました…「←」を付けたもの").
    # Of two rows, only a cell quoted, named as the selector or marked picks one.
    picked = firm or (loose if len(spans) not in counts and len(spans) > 2 else set())
    if not picked and kept and len(kept) < len(spans):
        # Nothing picks the rows, but a cell keeps some: the others are meant.
        reason = f"the writer keeps the rows whose cells say {', '.join(repr(t) for t in kept_why)}"
        return dict.fromkeys(sorted(kept), reason)
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

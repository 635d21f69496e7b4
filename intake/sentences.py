"""Sentences of a mail: where the one around a place begins and ends, and a text cut into them.

The serial readers read the words told of a serial in its own sentence (:mod:`intake.serialproduct`:
which product its sentence names; :mod:`intake.serialscope`: whether its sentence says it is no part
of the request) and read a mail one sentence at a time (which sentences name a topic).  A sentence
ends at a full stop (Japanese or English), an exclamation or question mark, or a line break.  The
dot after a word of two letters or digits ends one ("…is 0A1B. Please…"), not the dot of a title
before a name ("Mr. Okada", "Dr. Sato"); a lone letter or digit before a dot ("1.", "A.") is an
item's number or an initial, which ends nothing.
"""

from __future__ import annotations

import re

# Where a sentence ends (see the module docstring).
END = re.compile(r"[。！？!?\n]|(?<=[a-z0-9)]{2})(?<!\bmr)(?<!\bms)(?<!\bdr)(?<!\bmrs)\.(?:\s|$)", re.I)
# Where a text is cut to read each piece on its own: at a run of sentence ends, or at a full stop or
# semicolon before a space, which also parts two clauses of one sentence ("…was stolen; please revoke…").
_PIECE_END = re.compile(r"[。！？!?\n]+|(?<=[a-z0-9)])[.;]\s", re.I)


def start_before(text: str, pos: int) -> int:
    """Where the sentence of *text* that holds *pos* begins."""
    return max((m.end() for m in END.finditer(text, 0, pos)), default=0)


def end_after(text: str, pos: int) -> int:
    """Where the sentence of *text* that goes on at *pos* ends (before its full stop), or the end of *text*."""
    after = END.search(text, pos)
    return after.start() if after else len(text)


def around(text: str, span: tuple[int, int]) -> str:
    """The sentence of *text* that holds ``text[span[0]:span[1]]``, those words themselves left out."""
    return text[start_before(text, span[0]) : span[0]] + " " + text[span[1] : end_after(text, span[1])]


def pieces(text: str) -> list[str]:
    """*text* cut into sentences, and sentences into clauses at a semicolon (see :data:`_PIECE_END`)."""
    return _PIECE_END.split(text)

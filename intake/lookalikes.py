"""A serial typed from paper or read by OCR, with letters that look like digits, read as the digits meant.

A fax gateway's OCR text and a serial copied by eye from a printed form hold letters for the
digits they look like: ``O`` for 0 and ``l`` or ``I`` for 1 ("S/N: 43OEDI6C507E…",
"証明書シリアル番号　5DOABlElE04IC…").  None of them is a hex digit, so without repair the value
breaks into pieces or is lost.  Only a word right after a serial label is repaired, and only one
of a serial's length whose other characters are hex digits (mostly) with a digit among them: a
word elsewhere ("FOLIO", "OIL") is a word.
"""

from __future__ import annotations

import re

# The letters that stand for a digit they look like; the other look-alikes the fax reader knows
# (S for 5, Z for 2) are left out: in typed text they are as likely letters of a word.
LOOK_ALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
# A word of hex digits and look-alikes, of a serial's length, with at least one look-alike.
_WORD = re.compile(r"(?<![0-9a-z])(?=[0-9a-f]*[OoIl])[0-9a-fOoIl]{12,40}(?![0-9a-z])", re.I)
# What may stand between a serial label and its value.
_GLUE = r"[ \t]*(?:\([^()\n]{0,12}\))?[ \t]*[:：=#]?[ \t]*(?:は[ \t]*)?"
# The share of a word's characters that must be true hex digits.
_HEX_SHARE = 0.75


def repaired(text: str, label: re.Pattern[str]) -> str:
    """Return *text* with the look-alike letters of each value right after *label* made digits.

    The text keeps its length, so positions found in the result hold in *text* too.
    """
    out = text
    for found in label.finditer(text):
        word = _WORD.match(text, _glue_end(text, found.end()))
        if word is None:
            continue
        value = word.group(0)
        alike = sum(ch in "OoIl" for ch in value)
        if not re.search(r"\d", value) or (len(value) - alike) / len(value) < _HEX_SHARE:
            continue
        out = out[: word.start()] + value.translate(LOOK_ALIKES) + out[word.end() :]
    return out


def _glue_end(text: str, at: int) -> int:
    """Where the value after a label ending at *at* starts: past the colon, spaces and a particle."""
    glue = re.compile(_GLUE).match(text, at)
    return glue.end() if glue else at

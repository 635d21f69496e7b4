"""A character of a serial that the writer corrects by its place ("5文字目の「B」は数字の「8」です").

A writer who copied a serial from a printed notice may misread a letter that is itself a hexadecimal
digit ("B" for "8", "D" for "0") and say so afterwards by the character's place: the value as written
is then a valid serial, but not the writer's.  The serial reader cannot see such a slip in the value;
only the sentence tells it.  :func:`corrected_serials` applies each correction told so to the one serial
whose character at that place is the one named as wrong, and says why.  A correction that fits no serial,
or fits more than one, changes nothing.
"""

from __future__ import annotations

import re
import unicodedata

# "5文字目の「B」は数字の「8」です", "先頭の「B」は数字の「8」でした", "最後の「D」は「0」の間違いです".
_TOLD = re.compile(
    r"(?:(?P<place>\d{1,2})[ \t]*(?:文字目|桁目|番目の文字)|(?P<first>先頭|頭|最初)|(?P<last>最後|末尾))"
    r"(?:の)?[ \t]*[「『\"“]?(?P<wrong>[0-9A-Fa-f])[」』\"”]?[ \t]*(?:は|が)[ \t]*"
    r"(?:数字の|英字の|アルファベットの|小文字の|大文字の)?[ \t]*[「『\"“]?(?P<right>[0-9A-Fa-f])[」』\"”]?"
    r"[ \t]*(?:です|でした|の間違い|が正しい|に訂正|が正解)"
)


def _place(told: re.Match[str], value: str) -> int | None:
    """The index in *value* of the character *told* names by its place, or None when *value* has no such place."""
    if told.group("first"):
        return 0
    if told.group("last"):
        return len(value) - 1
    place = int(told.group("place")) - 1
    return place if 0 <= place < len(value) else None


def corrected_serials(text: str, serials: list[str]) -> tuple[list[str], list[str]]:
    """Apply the corrections *text* tells by a character's place to *serials*; return them and the reasons."""
    norm = unicodedata.normalize("NFKC", text)
    out = list(serials)
    reasons: list[str] = []
    for told in _TOLD.finditer(norm):
        wrong, right = told.group("wrong").lower(), told.group("right").lower()
        if wrong == right:
            continue

        places = [_place(told, value) for value in out]
        pairs = enumerate(zip(out, places, strict=True))
        fits = [i for i, (value, at) in pairs if at is not None and value[at] == wrong]
        if len(fits) != 1:
            continue
        i = fits[0]
        value, at = out[i], places[i]
        assert at is not None
        # Serials are read without leading zeros, as the reader writes every value.
        fixed = (value[:at] + right + value[at + 1 :]).lstrip("0") or "0"
        why = f"the writer corrects a character by its place ({told.group(0)!r})"
        if fixed in out:
            # The writer gave the right value too: the one misread is no other serial.
            del out[i]
            reasons.append(f"serial {value} left out: {fixed} is named too, and {why}")
            continue
        out[i] = fixed
        reasons.append(f"serial {value} read as {fixed}: {why}")
    return out, reasons

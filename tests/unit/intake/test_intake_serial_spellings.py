"""The mail's and the fax's serial readers agree on every spelling in tests/data/serials/spellings.json.

The two readers normalise separators in their own way (:mod:`intake.serials` reads typed mail
text; :mod:`intake.faxocr` reads OCR text with stray marks); a spelling one of them reads and the
other does not is a gap in one of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.faxocr import canonical, shaped_values
from intake.serials import extract_serials

SPELLINGS = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "serials" / "spellings.json").read_text("utf-8")
)


@pytest.mark.parametrize("case", SPELLINGS, ids=lambda c: c["kind"])
def test_both_readers_read_one_value(case: dict[str, Any]) -> None:
    mail = extract_serials("シリアル番号: " + case["written"])
    fax = shaped_values(case["written"])
    assert mail == [canonical(case["digits"])]
    # The fax reader offers the values a read may hold; the longest is the whole value.
    assert max(fax, key=len, default="") == case["digits"]

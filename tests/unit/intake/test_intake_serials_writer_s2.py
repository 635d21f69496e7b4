"""The serials an outside writer's mails ask about (tests/data/serials/writer_s2.json), read through classify_text.

A writer who never read the code wrote 260 short mails, each a subject line, a blank line and a
body, with the serials the writer wants acted on: every written form of a serial, and decoys
(hashes, other numbers, serials named only as background).  The file is split by a fixed rule
chosen before any result was looked at: the items at even positions (0, 2, 4, …) are the fit
half, whose failures were read and fixed; the items at odd positions are the check half, whose
failures were never read, so its figure tells how well the fixes carry over.

Each mail is read as :mod:`tests.unit.intake.test_intake_serialscope` reads ``scope.json``: the
serials :func:`intake.classify.classify_text` decides the mail asks about, compared as sets; the
first line goes in as the subject, as the writer wrote it.  Items still read wrong are marked as
known failures (strict, so a fix shows up as an unexpected pass) with the reason of each.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake.classify import classify_text

ITEMS: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "serials" / "writer_s2.json").read_text("utf-8")
)

# The items still read wrong, by position in the file, with why.  The fit half's were read; the
# check half's were read only to name them here, after the fixes, and were not tuned on.
KNOWN_FAILURES: dict[int, str] = {
    11: "look-alikes inside space groups of four ('34OD … 5lBB') break the groups; only whole words are repaired",
    23: "hyphen pairs ending in a single digit ('…-4d-e') lose the last digit",
    37: "a correction in colon pairs differing in one pair: neither value is kept as the right one",
    41: "the writer wants no serial from a quoted renewal notice under a question; dev mail5 labels that serial",
    43: "32 digits in groups of four in a mail about both certificates are split in two",
    49: "'残す方：' (the one to keep) as a list name is not read as keeping",
    65: "'それは前の証明書でした' (that was my previous certificate) is not read as a correction",
    82: "the writer wants no serial from a quoted renewal notice under a question; dev mail5 labels that serial",
    103: "a correction under '正しい番号は下記です' in groups of four: neither value is kept",
    147: "a correction marked '×' (wrong) and '○' (right) is not read",
    151: "'This Update: 2024-05-01' gives '2024' as a serial (the label 'Update' is no serial label)",
    165: "label '製造番号' (a device's manufacturing number) on 20 colon pairs; the writer's label is doubtful",
    175: "a former employee's certificate asked about ('元社員の証明書…がまだ有効か') is not read as another's",
    181: "'I received a signed PDF from a supplier. Their certificate serial is …' is not read as another's",
    187: "look-alikes inside space groups of four ('F3OC F1O7 …') break the groups",
    211: "40 digits in groups of four are split in two (the mail says two certificates were issued)",
    213: "look-alikes inside space groups of four ('DFO3 3l53 …') break the groups",
    216: "label '製造番号' (a device's manufacturing number) on 20 SHA-1-shaped pairs; the writer's label is doubtful",
    219: "'S/N' glued to hyphen pairs ('S/N67-c3-…') loses the first pair",
    225: "'I received a signed PDF from a supplier. Their certificate serial is …' is not read as another's",
    246: "the writer wants no serial from a quoted renewal notice under a question; dev mail5 labels that serial",
    257: "the writer wants no serial from a quoted renewal notice under a question; dev mail5 labels that serial",
}


def _half(index: int) -> str:
    """The half an item belongs to: even positions are the fit half, odd ones the check half."""
    return "fit" if index % 2 == 0 else "check"


def _params() -> list[Any]:
    params = []
    for index, item in enumerate(ITEMS):
        marks = []
        if index in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[index]))
        params.append(pytest.param(item, id=f"{_half(index)}-{index:03d}-{item['name']}", marks=marks))
    return params


@pytest.mark.parametrize("item", _params())
def test_the_serials_the_writer_asks_about(item: dict[str, Any]) -> None:
    subject, _blank, body = item["text"].partition("\n\n")
    assert sorted(classify_text(body, subject=subject).serials) == sorted(item["serials"])

"""Serial forms read from the fit half of serial writer s17 at stop 52, in values and words of their own;
and a long row of groups after a label, which once made the reader backtrack for hours.

The writers' own texts stay in ``tests/data/serials``; these cases use other values and other words for the
same forms, so that they test the rule, not the item.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from intake.classify import classify_text

CASES: list[tuple[str, str, list[str]]] = [
    (
        "'in the form' is the application form, not a way of writing the value",
        "I wrote my name correctly in the form, but the certificate spells it wrong (not my typo).\n"
        "Serial is 0x3C7A19E0D24B86F5 .\nPlease correct it.",
        ["3c7a19e0d24b86f5"],
    ),
    (
        "'in the format' still gives an example",
        "Is the serial written in the format 3c:7a:19:e0 or without colons? I have not applied yet.",
        [],
    ),
    (
        "a value the next sentence calls wrong gives way to the one given as right",
        "緊急失効をお願いした者です。正しいシリアル番号：\n2b6e-90d4-c13f-a758\n\n"
        "（電話で伝えたのは 2b6e-90d4-c13f-a785 だったと思います。これは間違いです）",
        ["2b6e90d4c13fa758"],
    ),
    (
        "a subject's value cut short by the subject line gives way to the whole one in the body",
        "Subject: 失効のお願い（S/N 7D20A4C9）\n\n件名に入りきらなかったので全部書きます → 7D20A4C9 E51B3F86\n"
        "退職のため失効希望です。",
        ["7d20a4c9e51b3f86"],
    ),
    (
        "zero is no certificate's serial",
        "シリアル番号が 00 から始まっていますが、失効請求書には先頭の00も書きますか。\n00 5a c3 19 e7 04 bd 62 8f\n"
        "退職するので来週失効してください。",
        ["5ac319e704bd628f"],
    ),
]


@pytest.mark.parametrize(("text", "want"), [pytest.param(t, w, id=name) for name, t, w in CASES])
def test_serials_read(text: str, want: list[str]) -> None:
    subject, body = "", text
    if text.startswith("Subject: "):
        first, _, body = text.partition("\n")
        subject = first.removeprefix("Subject: ")
    got = [value.lstrip("0") for value in classify_text(body, subject=subject).serials]
    assert sorted(got) == sorted(value.lstrip("0") for value in want)


def test_a_long_row_of_groups_after_a_label_is_read_at_once() -> None:
    # Forty pairs after a label, then words that end the list: each way of splitting the row into values was
    # once tried in turn (2 to the 40th).  The child process is given far more time than the reading takes.
    script = textwrap.dedent(
        """
        from intake.classify import classify_text
        row = " ".join(["ab"] * 40)
        listed = f"シリアル番号: {row} です。 1234abcd5678ef90\\n"
        unended = f"シリアル番号 {row} 、と 1234abcd5678ef90 zz\\n"
        for text in (listed, unended):
            print(classify_text(text, subject="失効").serials)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines() == ["['1234abcd5678ef90']", "[]"]

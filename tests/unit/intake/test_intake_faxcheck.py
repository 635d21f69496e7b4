"""Check-boxes on a faxed form (intake.faxcheck) and titles printed elsewhere, without OCR.

The boxes are measured on the page's pixels; a page that came as a text layer has its box
characters read instead (the same rule, ``tests/data/fax/unticked_text.json``).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from intake.fax import find_form, read_fax
from intake.faxcheck import box_ink, unticked_options, unticked_text_options
from intake.faxocr import OcrWord
from intake.faxtitle import match_title

DATA = Path(__file__).resolve().parents[2] / "data" / "fax"
LINE = (1, 2, 1, 1)
SIDE = 42  # one character of the line, in pixels (300 dpi)


def _page(ticks: dict[int, bool]) -> np.ndarray:
    """A white strip with an empty or ticked box at each x of *ticks*, the box's side one character high."""
    page = np.full((200, 1200), 255, dtype=np.uint8)
    top = 70
    for x, ticked in ticks.items():
        page[top : top + SIDE, x : x + 3] = 0
        page[top : top + SIDE, x + SIDE - 3 : x + SIDE] = 0
        page[top : top + 3, x : x + SIDE] = 0
        page[top + SIDE - 3 : top + SIDE, x : x + SIDE] = 0
        if ticked:
            for i in range(SIDE - 8):  # a cross, as a pen draws it
                page[top + 4 + i, x + 4 + i : x + 8 + i] = 0
                page[top + 4 + i, x + SIDE - 8 - i : x + SIDE - 4 - i] = 0
        # The option's word, as a block of strokes right of its box.
        page[top + 4 : top + SIDE - 4, x + SIDE + 14 : x + SIDE + 110 : 7] = 0
    return page


def _word(text: str, x: int) -> OcrWord:
    return OcrWord(text, 90.0, x + SIDE + 14, 70, 96, SIDE, LINE)


def test_an_empty_and_a_ticked_box_are_told_apart() -> None:
    page = _page({100: False, 500: True})
    empty, ticked = box_ink(page, _word("緊急失効", 100), SIDE), box_ink(page, _word("通常失効", 500), SIDE)
    assert empty is not None and empty[0] == pytest.approx(0.0, abs=0.01)
    assert ticked is not None and ticked[0] > 0.2


def test_an_unticked_emergency_option_beside_a_ticked_ordinary_one_is_left_out() -> None:
    words = [_word("緊急失効", 100), _word("通常失効", 500)]
    dropped, why = unticked_options(_page({100: False, 500: True}), words)
    assert [w.text for w in dropped] == ["緊急失効"] and "empty" in why


@pytest.mark.parametrize("ticks", [{100: True, 500: False}, {100: True, 500: True}, {100: False, 500: False}])
def test_a_ticked_or_unclear_emergency_option_stays(ticks: dict[int, bool]) -> None:
    words = [_word("緊急失効", 100), _word("通常失効", 500)]
    assert unticked_options(_page(ticks), words) == ([], "")


def test_an_option_without_a_box_is_never_left_out() -> None:
    page = _page({500: True})
    words = [_word("緊急失効", 100), _word("通常失効", 500)]
    assert unticked_options(page, words) == ([], "")


@pytest.mark.parametrize("case", json.loads((DATA / "titles_elsewhere.json").read_text())["cases"],
                         ids=lambda c: c["title"])
def test_a_title_printed_elsewhere_is_read_as_its_kind(case: dict[str, str]) -> None:
    page = f"FAX 2026/11/30 09:12 P.001\n{case['title']}\n日本電子公証機構 御中"
    assert find_form(page)[0] == case["kind"]
    assert match_title(case["title"])[0] == case["kind"]


def test_a_box_filled_by_a_heavy_tick_is_ticked_beside_an_empty_one() -> None:
    page = _page({100: False, 500: False})
    # A heavy fax fills the ticked box: no side of it shows, only a blot.
    page[60 : 60 + SIDE + 20, 500 : 500 + SIDE + 6] = 0
    words = [_word("緊急失効", 100), _word("通常失効", 500)]
    assert [w.text for w in unticked_options(page, words)[0]] == ["緊急失効"]
    # The same blot before the emergency option leaves it in.
    page = _page({100: False, 500: False})
    page[60 : 60 + SIDE + 20, 100 : 100 + SIDE + 6] = 0
    assert unticked_options(page, words) == ([], "")


TEXT_BOXES = json.loads((DATA / "unticked_text.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", TEXT_BOXES["dropped"], ids=lambda c: c["kind"])
def test_a_text_layers_empty_emergency_box_beside_a_ticked_ordinary_one_is_left_out(case: dict[str, str]) -> None:
    text, why = unticked_text_options(case["text"])
    assert case["gone"] not in text and "empty" in why
    # The rest of the text stays: the ordinary option and the other lines.
    assert len(text.splitlines()) == len(case["text"].splitlines())


@pytest.mark.parametrize("case", TEXT_BOXES["kept"], ids=lambda c: c["kind"])
def test_a_text_layers_other_options_stay(case: dict[str, str]) -> None:
    assert unticked_text_options(case["text"]) == (case["text"], "")


def test_a_text_layer_fax_loses_its_unticked_emergency_option() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont("HeiseiKakuGo-W5", 12)
    for i, line in enumerate(["失効請求書", "氏名: 山田 太郎", "請求区分: □緊急失効 ■通常失効", "理由: 退職"]):
        pdf.drawString(60, 780 - 22 * i, line)
    pdf.showPage()
    pdf.save()
    reading = read_fax(out.getvalue())
    assert reading.method == "text layer" and reading.form == "revocation"
    assert "緊急" not in reading.text and "通常失効" in reading.text
    assert "fax: the box before '緊急失効' is empty (□), the one before '通常失効' ticked" in reading.reasons

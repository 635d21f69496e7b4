"""Generated degraded faxes read by the real reader (pypdfium2 + tesseract) and classified as mail.

A handful of faxes of :mod:`tests.support.faxgen` (one of each form, seed 7, which neither
the reader nor the generator was tuned on) go through the whole intake path: the mail is
taken for a fax notice, the form's kind is the case's intent, and no serial is reported
as exact unless it is the true one (an unsure read is a candidate, never an exact serial).
OCR takes a few seconds a page, so the set is kept small; ``tests/support/faxbench.py``
measures larger ones.
"""

from __future__ import annotations

import shutil

import pytest

from intake.classify import classify
from intake.fax import fax_notice_reasons
from intake.parse import parse_message
from tests.support.faxgen import KINDS, make_fax, make_faxes

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="scripts/setup.sh installs tesseract")

SEED = 7


@pytest.mark.parametrize("index", range(len(KINDS)))
def test_a_generated_fax_is_read_as_its_kind_and_never_with_a_wrong_exact_serial(index: int) -> None:
    sample = make_fax(SEED, index)
    parsed = parse_message(sample.mail)
    assert fax_notice_reasons(parsed)
    result = classify(parsed)
    assert result.intent == sample.kind, (sample.settings, result.reasons)
    assert set(result.serials) <= {sample.serial}, (sample.written, result.serials, result.reasons)
    if not result.serials:
        # Unsure: the case says so, and an operator checks the candidates against the register.
        assert any(r.startswith("fax: serial unclear") for r in result.reasons) or not result.serial_candidates


def test_the_generator_is_repeatable_and_covers_every_kind() -> None:
    first, again = make_fax(SEED, 3), make_fax(SEED, 3)
    assert first.pdf == again.pdf and first.mail == again.mail and first.serial == again.serial
    assert {s.kind for s in make_faxes(SEED, len(KINDS))} == set(KINDS)
    # The PDF is image-only, as a fax gateway's: no text layer to fall back on.
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(first.pdf)
    try:
        assert document[0].get_textpage().get_text_range().strip() == ""
    finally:
        document.close()
    assert first.serial == format(int(first.written.replace(":", "").replace(" ", ""), 16), "x")

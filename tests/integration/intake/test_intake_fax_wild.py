"""Faxes of the independent generator (tests.support.faxwild) read by the real reader and classified as mail.

Three forms of the tuning seeds that the reader before this generator got wrong: a
revocation form whose kind is a tick in 「□ 緊急失効 ☑ 通常失効」 (it was an emergency),
and two forms in English (they were unknown).  Each must be taken for a fax notice, read as
its kind, and never give a wrong exact serial.  OCR takes seconds a page, so the set is small.
"""

from __future__ import annotations

import shutil

import pytest

from intake.classify import classify
from intake.fax import fax_notice_reasons
from intake.parse import parse_message
from tests.support.faxwild import make_fax

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="scripts/setup.sh installs tesseract")


@pytest.mark.parametrize(("seed", "index"), [(106, 3), (102, 3), (102, 4)])
def test_a_form_from_elsewhere_is_read_as_its_kind_and_never_with_a_wrong_exact_serial(seed: int, index: int) -> None:
    sample = make_fax(seed, index)
    parsed = parse_message(sample.mail)
    assert fax_notice_reasons(parsed)
    result = classify(parsed)
    assert result.intent == sample.kind, (sample.settings, result.reasons)
    assert set(result.serials) <= {sample.serial}, (sample.written, result.serials, result.reasons)


def test_the_generator_is_repeatable() -> None:
    first, again = make_fax(106, 3), make_fax(106, 3)
    assert first.pdf == again.pdf and first.mail == again.mail
    assert first.settings["checkbox"] and first.kind == "revocation"

"""A failed OCR read is never an empty page (intake.faxocr.run_tesseract, intake.fax.read_fax).

A small program named ``tesseract`` is put first on PATH: it sleeps, exits with an error or
cannot be started, as the real one may on a loaded or broken machine, or it answers with a
fixed TSV reading (the words of an emergency form).  The first time limit is lowered through
its environment variable (``MADOGUCHI_OCR_TIMEOUT_SECONDS``); nothing of ours is patched.
"""

from __future__ import annotations

import io
import os
import stat
from email.message import EmailMessage
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from intake.classify import classify
from intake.fax import read_fax, read_fax_mail
from intake.faxocr import OCR_TIMEOUT_ENV, OCR_TIMEOUT_SECONDS, OcrFailed, ocr_timeout, run_tesseract
from intake.parse import parse_message

# The first read's limit in these tests; the retry has twice as long.
LIMIT = "1"
_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
# What the fake tesseract reads on every image: an emergency form's title and a name.
_WORDS = [
    (1, 100, 80, 900, 60, "電子証明書緊急失効申請書"),
    (2, 100, 200, 120, 40, "氏名"),
    (2, 240, 200, 120, 40, "山田"),
    (2, 380, 200, 120, 40, "太郎"),
]
CANNED = "\n".join(
    [_HEADER, *(f"5\t1\t1\t1\t{line}\t1\t{left}\t{top}\t{width}\t{height}\t95.0\t{text}"
                for line, left, top, width, height, text in _WORDS)]
) + "\n"


def _page_png() -> bytes:
    """A faxed page with some ink on it (not blank), as a PNG."""
    image = Image.new("L", (800, 600), 255)
    draw = ImageDraw.Draw(image)
    for row in range(5):
        draw.rectangle((80, 80 + 90 * row, 80 + 120 * (row + 2), 110 + 90 * row), fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _fake_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    """Put a ``tesseract`` running *body* (sh) first on PATH; returns the file each call is logged to."""
    directory = tmp_path / "bin"
    directory.mkdir()
    calls = tmp_path / "calls"
    (tmp_path / "canned.tsv").write_text(CANNED, encoding="utf-8")
    script = directory / "tesseract"
    script.write_text(f"#!/bin/sh\necho call >> '{calls}'\ncd '{tmp_path}'\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    monkeypatch.setenv("PATH", f"{directory}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv(OCR_TIMEOUT_ENV, LIMIT)
    return calls


def _calls(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


# Each fake: the script's body, the reason the read fails with.
SLEEPS = "exec sleep 30"
FAILS = "echo 'Failed loading language jpn' >&2\nexit 1"
# Sleeps on its first call only, then reads as the real one would.
SLOW_ONCE = "if [ ! -e slow-done ]; then : > slow-done; exec sleep 30; fi\ncat canned.tsv"


def test_a_read_that_runs_out_of_time_twice_raises_with_its_reason(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_tesseract(tmp_path, monkeypatch, SLEEPS)
    with pytest.raises(OcrFailed) as failed:
        run_tesseract(_page_png(), ["tsv"])
    assert "ran out of time twice (1 s, then 2 s)" in failed.value.reason
    assert _calls(calls) == 2  # retried once, not more


def test_a_read_that_runs_out_of_time_once_is_retried_and_read(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_tesseract(tmp_path, monkeypatch, SLOW_ONCE)
    assert run_tesseract(_page_png(), ["tsv"]) == CANNED
    assert _calls(calls) == 2


def test_an_error_exit_raises_with_what_tesseract_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_tesseract(tmp_path, monkeypatch, FAILS)
    with pytest.raises(OcrFailed) as failed:
        run_tesseract(_page_png(), ["tsv"])
    assert failed.value.reason == "tesseract exited with status 1: Failed loading language jpn"
    assert _calls(calls) == 1  # an error is not retried


def test_a_tesseract_that_cannot_start_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_tesseract(tmp_path, monkeypatch, "")
    script = tmp_path / "bin" / "tesseract"
    script.write_text("#!/nonexistent/interpreter\n", encoding="utf-8")
    with pytest.raises(OcrFailed, match="could not be started"):
        run_tesseract(_page_png(), ["tsv"])


@pytest.mark.parametrize(("body", "reason"), [
    (SLEEPS, "fax: OCR failed (tesseract ran out of time twice (1 s, then 2 s)); the faxed pages were not read"),
    (FAILS, "fax: OCR failed (tesseract exited with status 1: Failed loading language jpn);"
            " the faxed pages were not read"),
])
def test_a_fax_whose_ocr_failed_is_unread_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       body: str, reason: str) -> None:
    _fake_tesseract(tmp_path, monkeypatch, body)
    reading = read_fax(_page_png(), "image/png")
    assert not reading.readable and reading.method == "none" and reading.text == ""
    assert reason in reading.reasons and reading.ocr_failed
    assert "fax: no legible text" not in reading.reasons


def test_a_fax_without_tesseract_installed_is_unread_and_says_why(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    reading = read_fax(_page_png(), "image/png")
    assert not reading.readable
    assert "fax: OCR failed (tesseract is not installed); the faxed pages were not read" in reading.reasons


def test_a_retry_after_one_timeout_gives_the_normal_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_tesseract(tmp_path, monkeypatch, "cat canned.tsv")
    normal = read_fax(_page_png(), "image/png")
    assert normal.readable and normal.form == "emergency_revocation"
    (tmp_path / "bin" / "tesseract").unlink()
    (tmp_path / "bin").rmdir()
    (tmp_path / "calls").unlink()
    calls = _fake_tesseract(tmp_path, monkeypatch, SLOW_ONCE)
    slow = read_fax(_page_png(), "image/png")
    assert slow == normal
    assert (tmp_path / "slow-done").exists() and _calls(calls) > 1


def _fax_mail(page: bytes) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "fax@gw.example.jp", "help@madoguchi.test", "FAX受信"
    mail.set_content("FAXを受信しました。")
    mail.add_attachment(page, maintype="image", subtype="png", filename="fax.png")
    return mail.as_bytes()


def test_a_notice_whose_fax_failed_ocr_is_worked_as_an_unread_fax(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_tesseract(tmp_path, monkeypatch, SLEEPS)
    result = classify(parse_message(_fax_mail(_page_png())))
    assert result.fax_unread
    assert any(r.startswith("fax: OCR failed (tesseract ran out of time twice") for r in result.reasons)


def _text_layer_pdf(lines: list[str]) -> bytes:
    """A PDF with a text layer (read without OCR), as a PC-fax driver sends a form typed in."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for i, line in enumerate(lines):
        pdf.drawString(60, 780 - 22 * i, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_one_document_whose_ocr_failed_makes_the_whole_notice_unread(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The first document is read from its text layer, the second one's OCR fails: the form
    # may be the one that was not read.
    _fake_tesseract(tmp_path, monkeypatch, SLEEPS)
    cover = _text_layer_pdf(["Fax cover sheet", "To: Certificate help desk", "Pages: 2 including this one"])
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "fax@gw.example.jp", "help@madoguchi.test", "FAX受信"
    mail.set_content("FAXを受信しました。")
    mail.add_attachment(cover, maintype="application", subtype="pdf", filename="cover.pdf")
    mail.add_attachment(_page_png(), maintype="image", subtype="png", filename="form.png")
    reading = read_fax_mail(parse_message(mail.as_bytes()))
    assert reading is not None and not reading.readable and reading.ocr_failed
    assert any(r.startswith("fax: OCR failed") for r in reading.reasons)


def test_the_first_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OCR_TIMEOUT_ENV, "2.5")
    assert ocr_timeout() == 2.5
    monkeypatch.setenv(OCR_TIMEOUT_ENV, "soon")
    assert ocr_timeout() == OCR_TIMEOUT_SECONDS


@pytest.mark.parametrize(
    ("excerpt", "serials"),
    [
        # The gateway's own reading of the pages, printed in its notice, names the serial in groups.
        ("証明書シリアル番号 FBB2 5D64 27D2 C938 B5E5\n連絡先電話番号 0952-24-6617", ["fbb25d6427d2c938b5e5"]),
        ("Certificate serial: 3a:7f:00:12:9c:4e:b1:d2", ["3a7f00129c4eb1d2"]),
        # Only a fax number and a job number: nothing to look up.
        ("送信元番号 0952-24-6618\n受付番号 20250722-0817", []),
    ],
)
def test_an_unopenable_fax_keeps_the_serials_its_gateway_read(excerpt: str, serials: list[str]) -> None:
    # The attached PDF cannot be opened, so the pages are unread and worked as a possible emergency;
    # the serial the gateway printed from its own reading still goes on the case.
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "fax@gw.example.jp", "help@madoguchi.test", "FAX受信 2ページ"
    notice = "FAXを受信しました。\n\n---- OCR結果（参考） ----\n電子証明書 失効請求書（緊急）\n"
    mail.set_content(notice + excerpt + "\n")
    mail.add_attachment(b"%PDF-1.4 broken", maintype="application", subtype="pdf", filename="fax.pdf")
    result = classify(parse_message(mail.as_bytes()))
    assert result.fax_unread and result.intent == "emergency_revocation"
    assert result.serials == serials

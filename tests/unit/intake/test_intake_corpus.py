"""The labelled corpus: every mail's intent, automation verdict, serials and language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.cli import classify_file

MAIL = Path(__file__).resolve().parents[2] / "data" / "mail"
LABELS: dict[str, dict[str, object]] = json.loads((MAIL / "labels.json").read_text(encoding="utf-8"))


def test_corpus_is_big_enough_and_fully_labelled() -> None:
    files = sorted(p.name for p in MAIL.glob("*.eml"))
    assert len(files) >= 50
    assert files == sorted(LABELS)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_label(name: str) -> None:
    want = LABELS[name]
    got = classify_file(MAIL / name)
    assert got["automated"] == want["automated"], got["reasons"]
    if want["intent"] is not None:
        # Automated mail is labelled without an intent: it is never routed by intent.
        assert got["intent"] == want["intent"], got["reasons"]
    assert got["serials"] == want["serials"]
    assert got["language"] == want["language"]
    if "original_message_id" in want:
        assert got["original_message_id"] == want["original_message_id"]


def test_accuracy_report(capsys: pytest.CaptureFixture[str]) -> None:
    right = 0
    for name, want in LABELS.items():
        got = classify_file(MAIL / name)
        ok = got["automated"] == want["automated"] and got["serials"] == want["serials"]
        ok = ok and (want["intent"] is None or got["intent"] == want["intent"])
        right += ok
    with capsys.disabled():
        print(f"\nintake corpus accuracy: {right}/{len(LABELS)} = {right / len(LABELS):.1%}")
    assert right == len(LABELS)

"""The ``classify`` subcommand: argparse wiring and the JSON lines it prints."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from intake.cli import classify_file, register

MAIL = Path(__file__).resolve().parents[2] / "data" / "mail"
ROOT = Path(__file__).resolve().parents[3]


def test_register_and_run(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    files = [str(MAIL / "outlook_revocation_01.eml"), str(MAIL / "bounce_postfix_26.eml")]
    args = parser.parse_args(["classify", *files])
    assert args.func(args, None) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == files
    assert lines[0]["intent"] == "revocation" and lines[0]["serials"] == ["3a7f01c2"]
    assert lines[0]["automated"] == "none" and lines[0]["language"] == "ja"
    assert lines[1]["automated"] == "bounce"
    assert {"file", "intent", "automated", "serials", "language", "reasons"} <= set(lines[0])


def test_missing_file_is_reported_and_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["classify", str(tmp_path / "nope.eml"), str(MAIL / "gmail_en_faq_13.eml")])
    assert args.func(args, object()) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "error" in lines[0] and lines[1]["intent"] == "faq"


def test_output_is_not_ascii_escaped() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "intake.cli", "classify", str(MAIL / "outlook_emergency_02.eml")],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "紛失" in out or "盗" in out
    assert json.loads(out)["intent"] == "emergency_revocation"


def test_classify_file_dict() -> None:
    got = classify_file(MAIL / "fax_gateway_19.eml")
    assert got["intent"] == "other" and got["serials"] == []


def _eval(labels: Path, files: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intake.cli", "classify", "--eval", str(labels), *extra, *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_eval_prints_the_four_figures_and_exits_0() -> None:
    labels = json.loads((MAIL / "labels.json").read_text(encoding="utf-8"))
    files = sorted(str(p) for p in MAIL.glob("*.eml"))
    done = _eval(MAIL / "labels.json", files, "--quiet")
    assert done.returncode == 0, done.stderr
    people = [v for v in labels.values() if v["automated"] == "none"]
    emergencies = sum(v["intent"] == "emergency_revocation" for v in people)
    assert f"of {len(people)} written by people" in done.stdout
    assert f"emergency recall: {emergencies} of {emergencies}" in done.stdout
    assert "serials exact:" in done.stdout and "automated detection:" in done.stdout
    assert "(rows: label, columns: got)" in done.stdout


def test_eval_reports_a_disagreeing_label_as_a_miss(tmp_path: Path) -> None:
    labels = json.loads((MAIL / "labels.json").read_text(encoding="utf-8"))
    name = "outlook_emergency_02.eml"
    labels[name] = {**labels[name], "intent": "faq", "serials": ["abcd"]}
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    done = _eval(tmp_path / "labels.json", [str(MAIL / name), str(MAIL / "gmail_en_faq_13.eml")])
    assert done.returncode == 0
    assert "intent accuracy: 0.500 (1 of 2 written by people)" in done.stdout
    assert "emergency recall: 0 of 0 (false alarms: 1)" in done.stdout
    assert f"{name}: intent want faq got emergency_revocation" in done.stdout
    assert f"{name}: serials want abcd got -" in done.stdout


def test_eval_halves_split_the_corpus_without_overlap() -> None:
    files = sorted(str(p) for p in MAIL.glob("*.eml"))
    counts = []
    for half in ("fit", "check"):
        done = _eval(MAIL / "labels.json", files, "--half", half, "--quiet")
        assert done.returncode == 0
        counts.append(int(done.stdout.split("mails: ")[1].split()[0]))
    assert sum(counts) == len(files) and min(counts) > len(files) // 4


def test_eval_reads_a_writers_short_intent_name(tmp_path: Path) -> None:
    # A writer told "death" for a death notice means the same decision as the code's name.
    labels = {"death.eml": {"automated": "none", "intent": "death", "serials": []}}
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    mail = tmp_path / "death.eml"
    mail.write_text(
        "From: hanako@example.jp\nTo: support@example.jp\nSubject: =?UTF-8?B?5Yqg5YWl6ICF5q275Lqh44Gu44GU6YCj57Wh?=\n"
        "Content-Type: text/plain; charset=utf-8\n\n証明書の名義人である父が先月亡くなりましたのでお知らせします。\n",
        encoding="utf-8",
    )
    done = _eval(tmp_path / "labels.json", [str(mail)], "--quiet")
    assert done.returncode == 0, done.stderr
    assert "intent accuracy: 1.000 (1 of 1 written by people)" in done.stdout


def test_eval_refuses_labels_naming_an_intent_that_does_not_exist(tmp_path: Path) -> None:
    labels = {"a.eml": {"automated": "none", "intent": "refund", "serials": []}}
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    done = _eval(tmp_path / "labels.json", [str(tmp_path / "a.eml")])
    assert done.returncode == 2
    assert "a.eml" in done.stderr and "does not exist" in done.stderr

"""The ``faq ask`` and ``faq eval`` subcommands, run through argparse without a database."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from faq.cli import register


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args, None))


def test_faq_cli_ask_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["faq", "ask", "申込を取り消したいのですが", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"faq_id", "confidence", "answer", "related"}
    assert out["faq_id"] == "application-11"
    assert 0.35 <= out["confidence"] <= 1.0
    assert "取り消し" in out["answer"]


def test_faq_cli_ask_english_and_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    run(["faq", "ask", "有効期間", "--json", "--lang", "en"])
    assert "1 year" in json.loads(capsys.readouterr().out)["answer"]
    run(["faq", "ask", "今日の株価は？", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["faq_id"] is None and out["answer"] is None


def test_faq_cli_eval_prints_figures_and_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "q.jsonl"
    rows = [
        {"q": "料金は？", "expected": "general-04"},
        {"q": "How do I renew?", "expected": "general-10"},
        {"q": "好きな食べ物は？", "expected": None},
        {"q": "料金は？", "expected": "general-01"},  # deliberately wrong label: must show as a miss
    ]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert run(["faq", "eval", str(data)]) == 0
    out = capsys.readouterr().out
    assert "top-1 accuracy (in scope): 0.667 (2/3)" in out
    assert "out-of-scope rejection:    1.000 (1/1)" in out
    assert "[en] accuracy 1.000 (1/1)" in out and "[ja] accuracy 0.500 (1/2)" in out
    assert "expected general-01, got general-04" in out
    run(["faq", "eval", str(data), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["in_scope"] == 3 and len(report["misses"]) == 1

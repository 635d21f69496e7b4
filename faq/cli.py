"""Command-line access to the FAQ engine: ``faq ask`` and ``faq eval``.

Both subcommands work without a database; ``ctx`` (the application context passed by the
main CLI) is accepted and ignored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from faq.engine import FaqEngine
from faq.evaluation import evaluate, read_queries


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
    ev.set_defaults(func=cmd_eval)


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
    """Print accuracy, rejection rate, per-language figures and misses for ``args.file``."""
    engine = FaqEngine.load(args.data_dir)
    report = evaluate(lambda q: engine.ask(q).faq_id, read_queries(args.file))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    out = sys.stdout
    o = report.overall
    out.write(f"top-1 accuracy (in scope): {o.accuracy:.3f} ({o.correct}/{o.in_scope})\n")
    out.write(f"out-of-scope rejection:    {o.rejection:.3f} ({o.rejected}/{o.out_of_scope})\n")
    for lang, t in sorted(report.by_language.items()):
        out.write(
            f"  [{lang}] accuracy {t.accuracy:.3f} ({t.correct}/{t.in_scope}), "
            f"rejection {t.rejection:.3f} ({t.rejected}/{t.out_of_scope})\n"
        )
    out.write(f"misses: {len(report.misses)}\n")
    for miss in report.misses:
        out.write(f"  {miss['q']!r}: expected {miss['expected']}, got {miss['got']}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m faq.cli faq ask ...``."""
    parser = argparse.ArgumentParser(prog="madoguchi")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args, None))


if __name__ == "__main__":
    raise SystemExit(main())

"""Command-line entry: ``madoguchi classify FILE.eml [...]``, one JSON line per file.

Works without a database or configuration, so support staff can check how a saved mail
would be routed.  Unreadable files are reported as a JSON line with an ``error`` field and
make the command exit with status 1 after the other files are done.

``madoguchi classify --eval LABELS.json FILE.eml [...]`` scores the files against their
labels instead (see :mod:`intake.evaluation`) and prints the figures, a confusion table
and every miss; ``--half fit|check`` keeps only one half of the corpus.  Files without a
label are left out and named on standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from intake.automated import detect_automated
from intake.classify import INTENTS, classify
from intake.evaluation import corpus_half, report, score, unknown_intents
from intake.parse import parse_message


def classify_file(path: str | Path) -> dict[str, Any]:
    """Parse and classify one ``.eml`` file and return the summary printed by the CLI."""
    raw = Path(path).read_bytes()
    parsed = parse_message(raw)
    automated = detect_automated(parsed)
    result = classify(parsed, automated=str(automated.verdict))
    return {
        "file": str(path),
        "intent": result.intent,
        "automated": automated.verdict,
        "serials": result.serials,
        "language": parsed.language,
        "reasons": [*automated.reasons, *result.reasons],
        "confidence": result.confidence,
        "original_message_id": automated.original_message_id,
        "serial_candidates": [
            {"value": c.value, "source": c.source, "exact": c.exact} for c in result.serial_candidates
        ],
        "signals": asdict(result.signals),
        "fax_unread": result.fax_unread,
        "possible_emergency": result.possible_emergency,
        "read_as": result.read_as,
    }


def _evaluate(args: argparse.Namespace) -> int:
    """Classify the labelled files among *args.files* and print the evaluation report."""
    labels = json.loads(Path(args.eval).read_text(encoding="utf-8"))
    if unknown := unknown_intents(labels, INTENTS):
        # A label the classifier can never give would count as a miss on every run; say so instead.
        sys.stderr.write(f"labels name an intent that does not exist: {', '.join(unknown)}\n")
        return 2
    results: dict[str, dict[str, Any]] = {}
    for name in args.files:
        base = Path(name).name
        if base not in labels:
            sys.stderr.write(f"no label, left out: {name}\n")
            continue
        if args.half and corpus_half(base) != args.half:
            continue
        results[base] = classify_file(name)
    sys.stdout.write(report(score(labels, results), INTENTS, show_misses=not args.quiet))
    sys.stdout.flush()
    return 0


def _run(args: argparse.Namespace, ctx: object = None) -> int:
    """Print one JSON object per file; *ctx* (the application context) is not needed."""
    if getattr(args, "eval", None):
        return _evaluate(args)
    status = 0
    for name in args.files:
        try:
            line = classify_file(name)
        except OSError as exc:
            line = {"file": name, "error": str(exc)}
            status = 1
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return status


def register(subparsers: Any) -> None:
    """Add the ``classify`` subcommand to an ``argparse`` sub-parser collection."""
    parser = subparsers.add_parser(
        "classify",
        help="classify saved mails (.eml) and print one JSON line per file",
        description="Classify saved mails without touching the database.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE.eml", help="raw RFC 5322 message files")
    parser.add_argument(
        "--eval", metavar="LABELS.json", help="score the files against these labels instead of printing JSON lines"
    )
    parser.add_argument("--half", choices=("fit", "check"), help="with --eval: only this half of the corpus")
    parser.add_argument("--quiet", action="store_true", help="with --eval: leave out the list of misses")
    parser.set_defaults(func=_run)


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point (``python -m intake.cli FILE.eml``) for use before wiring."""
    parser = argparse.ArgumentParser(prog="madoguchi")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args, None) or 0)


if __name__ == "__main__":
    raise SystemExit(main())

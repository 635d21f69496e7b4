"""Command-line entry: ``madoguchi classify FILE.eml [...]``, one JSON line per file.

Works without a database or configuration, so support staff can check how a saved mail
would be routed.  Unreadable files are reported as a JSON line with an ``error`` field and
make the command exit with status 1 after the other files are done.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from intake.automated import detect_automated
from intake.classify import classify
from intake.parse import parse_message


def classify_file(path: str | Path) -> dict[str, Any]:
    """Parse and classify one ``.eml`` file and return the summary printed by the CLI."""
    raw = Path(path).read_bytes()
    parsed = parse_message(raw)
    automated = detect_automated(parsed)
    result = classify(parsed)
    return {
        "file": str(path),
        "intent": result.intent,
        "automated": automated.verdict,
        "serials": result.serials,
        "language": parsed.language,
        "reasons": [*automated.reasons, *result.reasons],
        "confidence": result.confidence,
        "original_message_id": automated.original_message_id,
    }


def _run(args: argparse.Namespace, ctx: object = None) -> int:
    """Print one JSON object per file; *ctx* (the application context) is not needed."""
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
    parser.set_defaults(func=_run)


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point (``python -m intake.cli FILE.eml``) for use before wiring."""
    parser = argparse.ArgumentParser(prog="madoguchi")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args, None) or 0)


if __name__ == "__main__":
    raise SystemExit(main())

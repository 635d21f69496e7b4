"""Scoring the engine on a labelled query set (JSON lines of ``{"q", "expected"}``).

In-scope queries count as correct when the engine answers with the expected id; out-of-scope
queries (expected null) count as correctly rejected when the engine answers nothing.  Lines may
also give ``lang`` and ``kind`` (e.g. "situational", "casual", "oos_near"); figures are then
reported per language and per kind.  :func:`split_half` cuts a set into a fit half and a check
half by a fixed hash of the question, so thresholds fitted on one half are checked on the other.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faq.normalize import detect_language


@dataclass(slots=True)
class LabelledQuery:
    """One line of the labelled set."""

    q: str
    expected: str | None
    lang: str
    kind: str = ""


@dataclass(slots=True)
class Tally:
    """Counts for one slice of the set."""

    in_scope: int = 0
    correct: int = 0
    out_of_scope: int = 0
    rejected: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.in_scope if self.in_scope else 0.0

    @property
    def rejection(self) -> float:
        return self.rejected / self.out_of_scope if self.out_of_scope else 0.0


@dataclass(slots=True)
class EvalReport:
    """Overall and per-language figures plus the misses."""

    overall: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=dict)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def tally(t: Tally) -> dict[str, Any]:
            return {
                "in_scope": t.in_scope,
                "top1_accuracy": round(t.accuracy, 4),
                "out_of_scope": t.out_of_scope,
                "rejection_rate": round(t.rejection, 4),
            }

        return {
            "overall": tally(self.overall),
            "by_language": {k: tally(v) for k, v in sorted(self.by_language.items())},
            "by_kind": {k: tally(v) for k, v in sorted(self.by_kind.items())},
            "misses": self.misses,
        }


def read_queries(path: Path) -> list[LabelledQuery]:
    """Read a JSON-lines file; the language is detected when a line does not give it."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        lang = raw.get("lang") or detect_language(raw["q"])
        rows.append(LabelledQuery(raw["q"], raw.get("expected"), lang, str(raw.get("kind") or "")))
    return rows


def split_half(q: str) -> str:
    """ "fit" or "check": a fixed split by the SHA-256 of the question text."""
    return "fit" if hashlib.sha256(q.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def evaluate(predict: Callable[[str], str | None], rows: Iterable[LabelledQuery]) -> EvalReport:
    """Run *predict* (text → answered id or None) over *rows* and tally the outcome."""
    report = EvalReport()
    for row in rows:
        got = predict(row.q)
        tallies = [report.overall, report.by_language.setdefault(row.lang, Tally())]
        if row.kind:
            tallies.append(report.by_kind.setdefault(row.kind, Tally()))
        for tally in tallies:
            if row.expected is None:
                tally.out_of_scope += 1
                tally.rejected += got is None
            else:
                tally.in_scope += 1
                tally.correct += got == row.expected
        if got != row.expected:
            report.misses.append({"q": row.q, "expected": row.expected, "got": got, "kind": row.kind})
    return report

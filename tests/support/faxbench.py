"""Fax reading bench: how well synthetic degraded faxes are read, and at what OCR CPU cost.

Run: ``.venv/bin/python -m tests.support.faxbench --seeds 1,2 --count 10 [--generator wild] [--baseline OLD_FAX_PY]``

For every seed, ``--count`` faxes are made by :mod:`tests.support.faxgen` (or, with
``--generator wild``, by the independent :mod:`tests.support.faxwild`), mailed, and
classified as the intake does (``read_fax_mail`` then the fax classification).  Per seed it
prints

* kind: the case's intent is the form's kind; emergency: emergency forms taken as emergencies,
* exact: the one exact serial reported is the true one,
* wrong: an exact serial reported that is not the true one (the error that must not happen),
* unclear: no exact serial, the true one among the uncertain candidates,
* none: no exact serial at all (unclear included),
* flagged: of the faxes whose kind was missed, those put before a person first (``fax_unread``),
* cpu/page: CPU seconds of this process and its children (tesseract) per faxed page.

With ``--baseline`` a second copy of the fax reader (another version of ``intake/fax.py``)
reads every fax right after the current one, so both are measured under the same load.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from intake.classify import Classification, _classify_fax
from intake.parse import parse_message
from tests.support import faxgen, faxwild
from tests.support.faxgen import FaxSample


@dataclass
class Tally:
    """Counts over one seed for one reader."""

    faxes: int = 0
    kind: int = 0
    emergencies: int = 0
    emergency_found: int = 0
    exact: int = 0
    wrong: int = 0
    unclear: int = 0
    none: int = 0
    flagged: int = 0
    pages: int = 0
    cpu: float = 0.0
    misses: list[str] = field(default_factory=list)

    def row(self, label: str) -> str:
        per_page = self.cpu / max(1, self.pages)
        return (
            f"{label:<18} {self.faxes:>5} {self.kind:>5} {self.emergency_found:>3}/{self.emergencies:<3} "
            f"{self.exact:>6} {self.wrong:>6} {self.unclear:>8} {self.none:>5} "
            f"{self.flagged:>3}/{self.faxes - self.kind:<3} {per_page:>9.2f}"
        )


HEADER = f"{'seed / reader':<18} {'faxes':>5} {'kind':>5} {'emerg':>7} {'exact':>6} {'wrong':>6} {'unclear':>8} " \
         f"{'none':>5} {'flagged':>7} {'cpu/page':>9}"


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (tesseract runs as a child)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def load_reader(path: str) -> ModuleType:
    """Load another version of ``intake/fax.py`` from *path* as a module of its own."""
    spec = importlib.util.spec_from_file_location("fax_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fax_baseline"] = module
    spec.loader.exec_module(module)
    return module


def judge(sample: FaxSample, reader: Callable[[Any], Any], tally: Tally) -> dict[str, Any]:
    """Read and classify one fax with *reader* (a ``read_fax_mail``) and count the outcome."""
    parsed = parse_message(sample.mail)
    before = _cpu()
    reading = reader(parsed)
    tally.cpu += _cpu() - before
    assert reading is not None, "the synthetic mail must be taken for a fax notice"
    result: Classification = _classify_fax(parsed, reading)
    tally.faxes += 1
    tally.pages += max(1, len(reading.pages))
    tally.kind += result.intent == sample.kind
    tally.flagged += result.intent != sample.kind and result.fax_unread
    if sample.kind == "emergency_revocation":
        tally.emergencies += 1
        tally.emergency_found += result.intent == "emergency_revocation"
    wrong = [s for s in result.serials if s != sample.serial]
    if wrong:
        tally.wrong += 1
    elif result.serials == [sample.serial]:
        tally.exact += 1
    if not result.serials:
        tally.none += 1
        if any(c.value == sample.serial for c in result.serial_candidates):
            tally.unclear += 1
    outcome = {
        "index": sample.index, "kind": sample.kind, "intent": result.intent, "serial": sample.serial,
        "written": sample.written, "exact": result.serials, "flagged": result.fax_unread,
        "title_reasons": [r for r in result.reasons if "title" in r or "words" in r],
        "candidates": [c.value for c in result.serial_candidates if not c.exact], "settings": sample.settings,
    }
    if wrong or result.intent != sample.kind or result.serials != [sample.serial]:
        tally.misses.append(json.dumps(outcome, ensure_ascii=False, default=str))
    return outcome


def main(argv: list[str] | None = None) -> None:
    from intake.fax import read_fax_mail

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--baseline", help="another intake/fax.py to measure beside the current one")
    parser.add_argument("--misses", action="store_true", help="print every fax whose kind or serial was missed")
    parser.add_argument("--generator", choices=("faxgen", "wild"), default="faxgen", help="which maker of faxes")
    args = parser.parse_args(argv)
    readers: list[tuple[str, Callable[[Any], Any]]] = []
    if args.baseline:
        readers.append(("before", load_reader(args.baseline).read_fax_mail))
    readers.append(("after" if args.baseline else "current", read_fax_mail))
    print(HEADER, flush=True)
    totals = {name: Tally() for name, _ in readers}
    for seed in (int(s) for s in args.seeds.split(",")):
        tallies = {name: Tally() for name, _ in readers}
        for index in range(args.count):
            sample = (faxwild if args.generator == "wild" else faxgen).make_fax(seed, index)
            for name, reader in readers:
                judge(sample, reader, tallies[name])
        for name, tally in tallies.items():
            print(tally.row(f"seed {seed} {name}"), flush=True)
            if args.misses:
                for miss in tally.misses:
                    print("   ", miss)
            total = totals[name]
            for key in ("faxes", "kind", "emergencies", "emergency_found", "exact", "wrong", "unclear", "none",
                        "flagged", "pages", "cpu"):
                setattr(total, key, getattr(total, key) + getattr(tally, key))
    for name, total in totals.items():
        print(total.row(f"all {name}"))


if __name__ == "__main__":
    main()

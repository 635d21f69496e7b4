"""Intake benchmark: texts of unusual shapes beside ordinary prose of the same length.

Run: ``.venv/bin/python bench/intake_shapes.py [--chars 20000] [--rounds 3]``

A mail reader meets pasted logs, rows of hex groups, runs of blank lines and words without end.  A
pattern that backtracks, or a check repeated for every line, turns such a text into minutes of CPU
for one mail.  Each shape below is read by :func:`intake.classify.classify_text` and timed against
the peer, ordinary Japanese and English prose cut to the same number of characters, read in the
same process; the ratio (shape / prose, best of the rounds) is what is printed.  A ratio far above a
few means a shape costs more than its length.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.classify import classify_text  # noqa: E402

PROSE = (
    "お世話になっております。先日申し込んだ証明書の件でご連絡いたしました。申込書は郵送済みで、照会書も返送しています。"
    "Thank you for your help with my application last week; I will send the remaining papers by post. "
)


def _shapes(chars: int) -> dict[str, str]:
    """Texts of about *chars* characters, each of one unusual shape."""
    n = chars
    return {
        "blank lines before a rule": "失効してください\n" + "\n" * n + "-----\n山田",
        "rules": "失効してください\n" + "-----\n" * (n // 6),
        "one hex word": "シリアル " + "ab" * (n // 2),
        "hex pairs by spaces": "シリアル番号: " + "ab " * (n // 3) + "です。 1234abcd5678ef90",
        "hex pairs by colons": "S/N " + ":".join(["ab"] * (n // 3)),
        # Forty pairs after a label, then a full stop and another value, again and again: the row of pairs could
        # once be cut into values in 2 ** 40 ways, each tried in turn.
        "rows of forty pairs": ("シリアル番号: " + "ab " * 40 + "です。 1234abcd5678ef90\n") * (n // 160),
        "label lines": "シリアル番号: 1234\n" * (n // 15),
        "table rows": "| 氏名 | シリアル |\n|---|---|\n" + "| 山田 | 1a2b3c4d5e6f7081 |\n" * (n // 25),
        "one kana word": "しょうめいしょ" * (n // 7),
        "dots": "証明書." * (n // 4),
        "brackets": "証明書（" * (n // 4) + "失効",
    }


def _best(read: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        read()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    classify_text("warm-up: 証明書を失効してください", subject="失効")
    prose = (PROSE * (args.chars // len(PROSE) + 1))[: args.chars]
    peer = _best(lambda: classify_text(prose, subject="失効"), args.rounds)
    print(f"peer: prose of {len(prose)} characters, {peer * 1000:.0f} ms")
    for name, text in _shapes(args.chars).items():
        took = _best(partial(classify_text, text, subject="失効"), args.rounds)
        print(f"{name:28s} {len(text):7d} chars  {took / peer:6.2f}x prose")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

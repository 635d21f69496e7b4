"""A small TF-IDF index with an inverted list, fast enough for a few hundred documents."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable

from faq.analysis import WEIGHTS


def _family(feature: str) -> str:
    return feature.split(":", 1)[0]


class TfIdfIndex:
    """Cosine similarity between L2-normalised TF-IDF vectors."""

    def __init__(self, docs: list[Counter[str]], weight: Callable[[str], float] | None = None) -> None:
        self._weight = weight or (lambda f: WEIGHTS.get(_family(f), 1.0))
        n = len(docs)
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(doc.keys())
        self.idf = {f: math.log((n + 1) / (c + 1)) + 1.0 for f, c in df.items()}
        self.unknown_idf = math.log(n + 1) + 1.0
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for feature, w in self.vector(doc).items():
                self.postings[feature].append((i, w))
        self.size = n

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        """Weight raw counts by sublinear TF, IDF and family weight, then L2-normalise."""
        vec = {f: (1.0 + math.log(c)) * self.idf.get(f, self.unknown_idf) * self._weight(f) for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {f: v / norm for f, v in vec.items()}

    def scores(self, counts: Counter[str]) -> dict[int, float]:
        """Cosine of the query with every document sharing at least one feature."""
        acc: dict[int, float] = defaultdict(float)
        for feature, qw in self.vector(counts).items():
            for doc, dw in self.postings.get(feature, ()):
                acc[doc] += qw * dw
        return acc

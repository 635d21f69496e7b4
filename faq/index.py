"""A small TF-IDF index with an inverted list, fast enough for a few thousand documents.

Each posting list is a pair of numpy arrays (documents, weights), so a query adds one array
per feature into a dense score vector instead of looping over postings in Python: with some
two thousand example phrasings indexed that keeps the lexical signal near a millisecond.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

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
        lists: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for feature, w in self.vector(doc).items():
                lists[feature].append((i, w))
        # A feature occurs at most once per document, so the documents of one list are distinct.
        self.postings: dict[str, tuple[NDArray[np.int64], NDArray[np.float64]]] = {
            f: (np.array([d for d, _ in pl], dtype=np.int64), np.array([w for _, w in pl], dtype=np.float64))
            for f, pl in lists.items()
        }
        self.size = n

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        """Weight raw counts by sublinear TF, IDF and family weight, then L2-normalise."""
        vec = {f: (1.0 + math.log(c)) * self.idf.get(f, self.unknown_idf) * self._weight(f) for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {f: v / norm for f, v in vec.items()}

    def dense_scores(self, counts: Counter[str]) -> NDArray[np.float64]:
        """Cosine of the query with every document, as one array (0 where nothing is shared)."""
        acc = np.zeros(self.size, dtype=np.float64)
        for feature, qw in self.vector(counts).items():
            posting = self.postings.get(feature)
            if posting is not None:
                docs, weights = posting
                acc[docs] += qw * weights
        return acc

    def scores(self, counts: Counter[str]) -> dict[int, float]:
        """Cosine of the query with every document sharing at least one feature."""
        acc = self.dense_scores(counts)
        return {int(i): float(acc[i]) for i in np.flatnonzero(acc)}

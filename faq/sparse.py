"""Sparse rows and TF-IDF: the little linear algebra the small trained voters need.

The FAQ's trained voter (:mod:`faq.voter`) and the mail-intent voter (:mod:`intake.model`) are
both logistic regression over TF-IDF weighted character n-grams.  Texts use a few hundred of
hundreds of thousands of n-grams, and dense products of that size are slow on small shared
machines, so the features are kept by rows (CSR) and only the products training needs are
given.  The numbers keep the precision they are given: the FAQ voter works in float32, the
intent voter in float64.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray


@dataclass(frozen=True)
class SparseRows:
    """A sparse matrix by rows (CSR): each text's non-zero features, as numpy arrays."""

    indptr: NDArray[np.int64]
    cols: NDArray[np.int64]
    vals: NDArray[Any]
    width: int

    def dot(self, dense: NDArray[Any]) -> NDArray[Any]:
        """Return ``self @ dense``, in the wider of the two precisions."""
        out = np.zeros((len(self.indptr) - 1, dense.shape[1]), dtype=np.result_type(self.vals, dense))
        filled = np.flatnonzero(np.diff(self.indptr))
        if len(filled):
            # Rows are stored one after another, so each row's sum is one reduceat segment.
            out[filled] = np.add.reduceat(self.vals[:, None] * dense[self.cols], self.indptr[filled], axis=0)
        return out

    def t_dot(self, dense: NDArray[Any]) -> NDArray[Any]:
        """Return ``self.T @ dense`` without building the transpose (one bincount per column)."""
        rows = np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))
        contrib = self.vals[:, None] * dense[rows]
        return np.stack(
            [np.bincount(self.cols, weights=contrib[:, k], minlength=self.width) for k in range(dense.shape[1])],
            axis=1,
        )

    def transposed(self) -> SparseRows:
        """The same matrix transposed, also by rows, for training that multiplies by it at every step."""
        rows = np.repeat(np.arange(len(self.indptr) - 1, dtype=np.int64), np.diff(self.indptr))
        order = np.argsort(self.cols, kind="stable")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(self.cols, minlength=self.width))]).astype(np.int64)
        return SparseRows(indptr, rows[order], self.vals[order], len(self.indptr) - 1)


def tfidf(grams: Iterable[Counter[str]], vocabulary: dict[str, int], idf: NDArray[Any], dtype: DTypeLike) -> SparseRows:
    """Sublinear TF times IDF of each text's n-gram counts, each row scaled to unit length."""
    indptr, cols, vals = [0], [], []
    for counts in grams:
        row = {vocabulary[g]: 1.0 + math.log(c) for g, c in counts.items() if g in vocabulary}
        weights = {col: tf * float(idf[col]) for col, tf in row.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        for col in sorted(weights):
            cols.append(col)
            vals.append(weights[col] / norm)
        indptr.append(len(cols))
    return SparseRows(
        np.array(indptr, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=dtype), len(vocabulary)
    )


def softmax(logits: NDArray[Any]) -> NDArray[Any]:
    """Row-wise softmax, in the precision of *logits*."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True))

"""A trained voter: a linear model mapping a question to an FAQ entry or to "out of scope".

The lexical and the semantic signal compare the question with the FAQ's texts one by one; the
voter learns from all of them at once which words and which directions of the embedding tell
related entries apart.  It is multinomial logistic regression over TF-IDF weighted character
1–4-grams of the question as the engine reads it (normalised, synonyms in the FAQ's own terms)
together with its e5 vector, trained in pure numpy by full-batch gradient descent with
momentum, like the mail-intent voters of :mod:`intake.model`.  Its classes are the entry ids
and :data:`OUT_OF_SCOPE`.  Training is deterministic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from faq.fusion import VOTER_OUT_OF_SCOPE
from faq.normalize import normalize
from faq.sparse import softmax, tfidf

# The class of questions the CA does not answer.
OUT_OF_SCOPE = VOTER_OUT_OF_SCOPE
NGRAM_SIZES = (1, 2, 3, 4)
MIN_COUNT = 2
# The e5 vector's columns are multiplied by this before they meet the n-grams (both unit length).
VECTOR_WEIGHT = 1.0
L2 = 1e-4
STEPS = 300
LEARNING_RATE = 1.0
MOMENTUM = 0.9
# The out-of-scope class is weighted as this many entries.  Balanced like an entry, it spreads its
# weight over a thousand varied questions and its probability stays low on a near miss (under 0.1 on
# most near misses that were answered).  Weighted as three entries, with 87 more hand-written near
# misses, everyday losses and made-up names in out_of_scope.json and the calibration refitted, the
# check halves of w10-w18 refused 348-350 of 383 near misses (345 before) with top-1 1,627 of 1,657
# (1,626), but "ぷよりんって何" (0.75) and "I've lost my wallet somewhere." (0.36) were answered
# against a threshold of 0.29-0.30, which unit tests refuse; the voter's weight in the fusion rose to
# 0.8 and the invented names' check half fell from 0.917 to 0.896 refused.  It is kept at 1.
OUT_OF_SCOPE_WEIGHT = 1.0

Matrix = NDArray[np.float32]
# The file the fitted voter is stored in (beside the FAQ's other data files).
VOTER_FILE = "voter.npz"


def ngrams(text: str) -> Counter[str]:
    """Count the character n-grams of the normalised *text* (n in :data:`NGRAM_SIZES`)."""
    norm = " ".join(normalize(text).split())
    counts: Counter[str] = Counter()
    for n in NGRAM_SIZES:
        counts.update(norm[i : i + n] for i in range(max(0, len(norm) - n + 1)))
    return counts


def _softmax(logits: Matrix) -> Matrix:
    return np.asarray(softmax(logits), dtype=np.float32)


@dataclass(frozen=True)
class Voter:
    """The fitted model: vocabulary, IDF, weights of the n-grams and of the vector, a bias per class."""

    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: NDArray[np.float32]
    gram_weights: Matrix
    vector_weights: Matrix
    bias: Matrix

    def logits(self, texts: Sequence[str], vectors: Matrix) -> Matrix:
        """The class scores of each text, given its e5 vector (one row per text)."""
        x = tfidf([ngrams(t) for t in texts], self.vocabulary, self.idf, np.float32)
        return x.dot(self.gram_weights) + VECTOR_WEIGHT * (vectors @ self.vector_weights) + self.bias

    def fits(self, entry_ids: set[str]) -> bool:
        """Whether the voter was trained on exactly these FAQ entries (beside :data:`OUT_OF_SCOPE`).

        A voter from before an entry was added or removed would never vote for the new entry and
        would still vote for the old one, so the engine does without it until it is retrained.
        """
        return set(self.labels) == entry_ids | {OUT_OF_SCOPE}

    def probabilities(self, text: str, vector: Matrix) -> dict[str, float]:
        """The probability of each class (entry id or :data:`OUT_OF_SCOPE`) for one question."""
        probs = _softmax(self.logits([text], np.asarray(vector, dtype=np.float32)[None, :]))[0]
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def save(self, path: Path, digest: str) -> None:
        """Write the model and the digest of its training data to an ``.npz`` file."""
        grams = sorted(self.vocabulary, key=lambda g: self.vocabulary[g])
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            grams=np.array(grams),
            idf=self.idf,
            gram_weights=self.gram_weights,
            vector_weights=self.vector_weights,
            bias=self.bias,
            digest=np.array(digest),
        )

    @classmethod
    def load(cls, path: Path) -> tuple[Voter, str]:
        """Read a model written by :meth:`save`; return it with its training digest."""
        with np.load(path, allow_pickle=False) as data:
            grams = [str(g) for g in data["grams"]]
            voter = cls(
                tuple(str(label) for label in data["labels"]),
                {g: i for i, g in enumerate(grams)},
                data["idf"].astype(np.float32),
                data["gram_weights"].astype(np.float32),
                data["vector_weights"].astype(np.float32),
                data["bias"].astype(np.float32),
            )
            return voter, str(data["digest"])


def train(
    texts: Sequence[str],
    vectors: Matrix,
    targets: Sequence[str],
    labels: Sequence[str],
    out_of_scope_weight: float = OUT_OF_SCOPE_WEIGHT,
) -> Voter:
    """Fit the voter on *texts* (as the engine reads them), their e5 *vectors* and their *targets*.

    The out-of-scope class counts as *out_of_scope_weight* entries (see :data:`OUT_OF_SCOPE_WEIGHT`).
    """
    doc_freq: Counter[str] = Counter()
    for text in texts:
        doc_freq.update(ngrams(text).keys())
    grams = sorted(g for g, c in doc_freq.items() if c >= MIN_COUNT)
    vocabulary = {g: i for i, g in enumerate(grams)}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + doc_freq[g])) + 1.0 for g in grams], dtype=np.float32)
    x = tfidf([ngrams(t) for t in texts], vocabulary, idf, np.float32)
    xt = x.transposed()
    v = np.asarray(vectors, dtype=np.float32) * VECTOR_WEIGHT
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((n, len(labels)), dtype=np.float32)
    y[np.arange(n), [index[t] for t in targets]] = 1.0
    # Classes are weighted so that an entry with few phrasings counts as much as one with many.
    class_weight = n / (len(labels) * np.maximum(y.sum(axis=0), 1.0))
    if OUT_OF_SCOPE in index:
        class_weight[index[OUT_OF_SCOPE]] *= out_of_scope_weight
    sample_weight = (y * class_weight).sum(axis=1, keepdims=True).astype(np.float32)
    gram_w = np.zeros((len(grams), len(labels)), dtype=np.float32)
    vec_w = np.zeros((v.shape[1], len(labels)), dtype=np.float32)
    bias = np.zeros(len(labels), dtype=np.float32)
    moments = [np.zeros_like(gram_w), np.zeros_like(vec_w), np.zeros_like(bias)]
    for _step in range(STEPS):
        logits = np.asarray(x.dot(gram_w) + v @ vec_w + bias, dtype=np.float32)
        grad_logits = (_softmax(logits) - y) * sample_weight / n
        grads = [xt.dot(grad_logits) + L2 * gram_w, v.T @ grad_logits + L2 * vec_w, grad_logits.sum(axis=0)]
        for param, moment, grad in zip((gram_w, vec_w, bias), moments, grads, strict=True):
            moment *= MOMENTUM
            moment += grad
            param -= LEARNING_RATE * moment
    return Voter(tuple(labels), vocabulary, idf, gram_w, vec_w, bias)


def load_voter(path: Path) -> Voter | None:
    """The voter stored at *path*, or None when there is none."""
    if not path.is_file():
        return None
    return Voter.load(path)[0]

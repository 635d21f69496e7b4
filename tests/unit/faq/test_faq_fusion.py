"""Fusion and rejection logic: ranking from both signals, the logistic fit, the operating point, the file."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from faq.fusion import FEATURES, FusionParams, Signals, features, fuse
from faq.knowledge import PACKAGED_DATA
from faq.rejection import Calibration, fit_logistic, load_calibration, operating_point


def signals(lexical: dict[str, float], semantic: dict[str, float], **extra: float) -> Signals:
    return Signals(
        language="ja",
        lexical=lexical,
        coverage=extra.get("coverage", 1.0),
        out_of_scope_term=bool(extra.get("term", 0.0)),
        semantic=semantic,
        semantic_negative=extra.get("negative", 0.0),
    )


def test_faq_fusion_semantic_breaks_a_lexical_near_tie() -> None:
    s = signals({"a": 0.50, "b": 0.48}, {"a": 0.80, "b": 0.92, "c": 0.79})
    for params in (FusionParams("score", 0.5, 0.78), FusionParams("rrf", 0.4, rrf_k=5.0)):
        ranked = fuse(s, params)
        assert [fid for fid, _ in ranked][:2] == ["b", "a"], params
        assert {fid for fid, _ in ranked} == {"a", "b", "c"}  # every entry is ranked, so three can be offered


def test_faq_fusion_strong_lexical_evidence_survives_a_flat_semantic_signal() -> None:
    s = signals({"a": 1.2}, {"a": 0.87, "b": 0.872, "c": 0.871})
    assert fuse(s, FusionParams("score", 0.5, 0.78))[0][0] == "a"


def test_faq_fusion_without_semantic_is_the_lexical_ranking() -> None:
    s = signals({"a": 0.2, "b": 0.6}, {})
    assert fuse(s, FusionParams())[0] == ("b", 0.6)


def test_faq_features_name_every_feature_and_describe_the_choice() -> None:
    s = signals({"a": 0.9, "b": 0.3}, {"a": 0.93, "b": 0.85}, negative=0.88, term=1.0)
    ranked = fuse(s, FusionParams("score", 0.5, 0.78))
    values = features(s, ranked)
    assert set(values) == set(FEATURES)
    assert values["signals_agree"] == 1.0 and values["lexical_says"] == 1.0
    assert values["out_of_scope_term"] == 1.0
    assert values["semantic_negative_gap"] == pytest.approx(0.05, abs=1e-6)
    assert values["lexical_margin"] == pytest.approx(0.6)


def test_faq_features_tell_when_an_out_of_scope_phrasing_is_nearer_than_every_entry() -> None:
    # A question about another vendor's product can sit closer to a refused phrasing than to any
    # entry; the feature marks that case whatever the size of the (crowded) cosine gap.
    params = FusionParams("score", 0.5, 0.78)
    nearer = signals({"a": 0.4}, {"a": 0.90, "b": 0.86}, negative=0.905)
    farther = signals({"a": 0.4}, {"a": 0.90, "b": 0.86}, negative=0.895)
    assert features(nearer, fuse(nearer, params))["semantic_negative_nearer"] == 1.0
    assert features(farther, fuse(farther, params))["semantic_negative_nearer"] == 0.0



def test_faq_features_tell_when_an_out_of_scope_phrasing_shares_more_words_than_every_entry() -> None:
    # A near miss in the FAQ's own words (another office's fee) can share more with a refused
    # phrasing than with any entry while both lexical scores stay small.
    params = FusionParams("score", 0.4, 0.72)
    nearer = Signals("en", {"a": 0.30, "b": 0.20}, 0.9, False, lexical_negative=0.35, semantic={"a": 0.90})
    farther = Signals("en", {"a": 0.30, "b": 0.20}, 0.9, False, lexical_negative=0.25, semantic={"a": 0.90})
    assert features(nearer, fuse(nearer, params))["lexical_negative_nearer"] == 1.0
    assert features(farther, fuse(farther, params))["lexical_negative_nearer"] == 0.0
    assert "lexical_negative_nearer" in FEATURES

def test_faq_logistic_fit_learns_the_direction_of_a_feature() -> None:
    rng = random.Random(7)
    rows, labels = [], []
    for _ in range(400):
        good = rng.random() < 0.5
        rows.append({"fused_top": rng.gauss(0.7 if good else 0.3, 0.15), "english": float(rng.random() < 0.5)})
        labels.append(good)
    mean, scale, weights, bias = fit_logistic(rows, labels, ["fused_top", "english"])
    assert weights[0] > 1.0 and abs(weights[1]) < 0.5
    model = Calibration(FusionParams(), ("fused_top", "english"), tuple(mean), tuple(scale), tuple(weights), bias, 0.5)
    assert model.probability({"fused_top": 0.9}) > 0.9 > 0.1 > model.probability({"fused_top": 0.1})


def test_faq_operating_point_reaches_the_rejection_target_and_keeps_right_answers() -> None:
    # Out-of-scope probabilities 0.1..0.9; right answers at 0.6 and above; one wrong answer at 0.3.
    oos = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9]
    right = [0.6, 0.7, 0.8, 0.95, 0.97, 0.99]
    probabilities = oos + right + [0.3]
    in_scope = [False] * len(oos) + [True] * (len(right) + 1)
    correct = [False] * len(oos) + [True] * len(right) + [False]
    t = operating_point(probabilities, in_scope, correct, target_rejection=0.9)
    assert sum(p < t for p in oos) >= 9
    assert 0.85 < t <= 0.95  # between the 9th out-of-scope line and the next right answer
    assert operating_point(probabilities, in_scope, correct, target_rejection=0.5) < 0.6


def test_faq_invented_rows_shape_the_weights_but_not_the_operating_point() -> None:
    # Real questions, as in the dev data: every one shares some words with the FAQ (how many
    # tells little), and nearness in meaning tells right answers from out-of-scope questions.  A
    # question about a name nobody indexed (no shared word, yet as near in meaning as an entry's
    # "what is ...") lies where no real row lies, and the plain fit answers it.
    from faq.calibrate import DEFAULT_TARGET, Measured, described, fit
    from faq.evaluation import LabelledQuery

    rng = random.Random(11)
    params = FusionParams("score", 0.5, 0.78)

    def row(q: str, expected: str | None, near: float, words: float, coverage: float) -> Measured:
        return Measured(
            LabelledQuery(q, expected, "ja"),
            signals({"a": words} if words else {}, {"a": near, "b": 0.84}, coverage=coverage),
        )

    real = [
        row(f"right {i}", "a", 0.9 + 0.05 * rng.random(), 0.2 + rng.random(), 0.6 + 0.4 * rng.random())
        for i in range(80)
    ]
    real += [
        row(f"out {i}", None, 0.85 + 0.04 * rng.random(), 0.2 + rng.random(), 0.6 + 0.4 * rng.random())
        for i in range(40)
    ]
    invented = [row(f"name {i}", None, 0.9 + 0.04 * rng.random(), 0.0, 0.0) for i in range(20)]
    plain = fit(real, params)
    taught = fit(real, params, invented=invented)
    probe, _ = described(row("もけらって何", None, 0.93, 0.0, 0.0), params)
    assert plain.probability(probe) >= plain.threshold
    assert taught.probability(probe) < taught.threshold
    # The share of refusals is a promise about real questions: the invented rows do not move it.
    rows = [described(m, params) for m in real]
    in_scope = [m.row.expected is not None for m in real]
    probabilities = [taught.probability(values) for values, _ in rows]
    assert taught.threshold == operating_point(probabilities, in_scope, [right for _, right in rows], DEFAULT_TARGET)


def test_faq_calibration_file_round_trips_and_rejects_unknown_features(tmp_path: Path) -> None:
    packaged = load_calibration(PACKAGED_DATA / "calibration.json")
    assert packaged is not None and packaged.features == FEATURES
    assert 0.0 < packaged.threshold < 1.0
    assert "fit half" in packaged.provenance["fitted_on"]
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(packaged.to_json()), encoding="utf-8")
    assert load_calibration(path) == packaged
    raw = packaged.to_json()
    raw["features"] = [*raw["features"][:-1], "made_up"]
    with pytest.raises(ValueError, match="made_up"):
        Calibration.from_json(raw)
    assert load_calibration(tmp_path / "missing.json") is None


def test_faq_choose_fusion_holds_a_given_voter_weight() -> None:
    # On rows where the voter alone knows the right entry, the grid gives it the largest weight; a weight
    # given by the operator (``faq calibrate --voter-weight``) is kept as it is.
    from faq.calibrate import Measured, choose_fusion
    from faq.evaluation import LabelledQuery

    rows = [
        Measured(
            LabelledQuery(f"q {i}", "a", "ja"),
            Signals(
                "ja", {"a": 0.5, "b": 0.52}, 1.0, False, semantic={"a": 0.80, "b": 0.86}, voter={"a": 0.95, "b": 0.05}
            ),
        )
        for i in range(10)
    ]
    chosen = choose_fusion(rows)
    held = choose_fusion(rows, voter_weight=0.2)
    assert chosen.voter_weight > 0.2
    assert held.voter_weight == 0.2
    assert (held.method, held.lexical_weight) == (chosen.method, chosen.lexical_weight)

"""The trained intent model: deterministic training, sensible votes, and an honest training set."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from intake.classify import INTENTS
from intake.evaluation import corpus_half
from intake.model import (
    DATA,
    MODEL_FILE,
    TRAINING_FILES,
    default_model,
    export_fit_half,
    export_half,
    load,
    ngrams,
    normalise,
    read_examples,
    save,
    train,
    train_default,
    training_digest,
)

DEV = Path(__file__).resolve().parents[2] / "data" / "dev" / "mail"


def test_normalise_folds_width_case_digits_and_hex() -> None:
    assert normalise("ＡＢＣ　シリアル 3A7F01C2 を 12 日に") == "abc シリアル # を 0 日に"
    assert ngrams("ab")["a"] == 1 and ngrams("ab")["ab"] == 1


def test_training_is_deterministic() -> None:
    examples = read_examples([DATA / "intent_examples.jsonl"])
    first, second = train(examples, INTENTS), train(examples, INTENTS)
    assert np.array_equal(first.weights, second.weights)
    text = "ノートPCを盗まれました。至急失効してください。"
    assert first.probabilities(text) == second.probabilities(text)


def test_held_out_texts_get_their_intent() -> None:
    model = default_model()
    # Sentences written for this test, in none of the training files.
    cases = {
        "社用車の中に置いていたパソコンが盗難に遭いました。証明書をすぐ止めてください。": "emergency_revocation",
        "証明書に印字された住所の番地が一つずれています。": "correction",
        "来月のセミナー、お席が残りわずかです。お申し込みはお早めに。": "other",
    }
    for text, intent in cases.items():
        probs = model.probabilities(text)
        assert max(probs, key=lambda k: probs[k]) == intent, (text, probs)


def test_each_dev_training_file_holds_only_the_half_it_names() -> None:
    # Since stop 21 the voters learn from both halves of every dev set (intake.model says why);
    # each file still holds one half, so that either can be left out when the voters are scored.
    for name in [n for n in TRAINING_FILES if n.startswith("dev")]:
        half = name.removesuffix(".jsonl").rsplit("_", 1)[1]
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        sources = [json.loads(line)["source"] for line in lines if line.strip()]
        assert sources and all(corpus_half(source) == half for source in sources), name


@pytest.mark.parametrize(
    "writer", ["t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11", "t12", "t13", "t14"]
)
def test_each_outside_writer_is_trained_on_with_every_intent(writer: str) -> None:
    # Each outside writer's texts are a training file of their own, so that a writer can be
    # left out when the voters are scored, and each writer covers all seven intents.
    name = f"intent_texts_{writer}.jsonl"
    assert name in TRAINING_FILES
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    assert len(items) >= 300
    assert {item["intent"] for item in items} == set(INTENTS)
    assert all(item["source"].startswith(f"intent_texts writer {writer} ") for item in items)
    assert all(item["text"].strip() for item in items)


@pytest.mark.parametrize("half", ["fit", "check"])
@pytest.mark.parametrize("number", range(1, 22))
def test_each_dev_set_export_is_what_ships(tmp_path: Path, number: int, half: str) -> None:
    corpus, name = ("mail", f"dev_{half}.jsonl") if number == 1 else (f"mail{number}", f"dev{number}_{half}.jsonl")
    assert name in TRAINING_FILES
    count = export_half(DEV.parent / corpus / "labels.json", tmp_path / "out.jsonl", half)
    items = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(items) == count > 0 and all(corpus_half(item["source"]) == half for item in items)
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == (DATA / name).read_text("utf-8")


def test_the_model_reads_key_words_in_one_spelling() -> None:
    # The model's features are taken after the spelling folds, so a kana reading is the word.
    assert normalise("しっこうしてください") == normalise("失効してください")
    assert ngrams("please revok it") == ngrams("please revoke it")
    # Spaces a kana-only writer leaves between phrases are not read either.
    assert normalise("しょうめいしょを　しっこう　して") == normalise("証明書を失効して")


def test_export_writes_only_the_fit_half(tmp_path: Path) -> None:
    count = export_fit_half(DEV / "labels.json", tmp_path / "fit.jsonl")
    items = [json.loads(line) for line in (tmp_path / "fit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(items) == count > 0
    assert all(corpus_half(item["source"]) == "fit" for item in items)
    assert {item["intent"] for item in items} <= set(INTENTS)
    # The export is what ships, so the model in use was trained on exactly this.
    assert (tmp_path / "fit.jsonl").read_text(encoding="utf-8") == (DATA / "dev_fit.jsonl").read_text("utf-8")


def test_shipped_model_is_the_one_its_texts_train() -> None:
    shipped, digest = load(MODEL_FILE)
    assert digest == training_digest(DATA / name for name in TRAINING_FILES), "run: python -m intake.model fit"
    fresh = train_default()
    assert shipped.vocabulary == fresh.vocabulary
    assert np.allclose(shipped.weights, fresh.weights) and np.allclose(shipped.bias, fresh.bias)


def test_a_stale_model_file_is_noticed(tmp_path: Path) -> None:
    model = train(read_examples([DATA / "intent_examples.jsonl"]), INTENTS)
    save(model, tmp_path / "m.npz", "not the digest of anything")
    loaded, digest = load(tmp_path / "m.npz")
    assert digest == "not the digest of anything"
    assert loaded.probabilities("失効してください") == model.probabilities("失効してください")


def test_export_trains_a_writers_other_name_for_an_intent_as_that_intent(tmp_path: Path) -> None:
    # Dev set 10 names its death notices "death"; the model knows only "death_notice".
    export_fit_half(DEV.parent / "mail10" / "labels.json", tmp_path / "fit.jsonl")
    intents = {json.loads(line)["intent"] for line in (tmp_path / "fit.jsonl").read_text(encoding="utf-8").splitlines()}
    assert "death_notice" in intents and intents <= set(INTENTS)

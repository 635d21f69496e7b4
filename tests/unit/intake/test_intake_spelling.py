"""Spelling folds: kana readings, homophones, typing slips and non-native forms of the key words.

Texts written for this test from the CA's FAQ, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.spelling import fold, folds


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("証明書のしっこうをお願いします", "証明書の失効をお願いします"),
        ("証明書の執行をお願いします", "証明書の失効をお願いします"),
        ("申込をとりけしたいです", "申込を取り消したいです"),
        ("ICカードをふんしつしました", "ICカードを紛失しました"),
        ("名前の漢字がちがってます。なおしてもらえますか", "名前の漢字が違ってます。直してもらえますか"),
        ("Please cancle my aplication", "Please cancel my application"),
        ("please revok my certifcate", "please revoke my certificate"),
        ("My laptop was stole yesterday", "My laptop was stolen yesterday"),
        ("the certificate is not yet issue", "the certificate is not yet issued"),
        ("I loose my notebook at the airport.", "I lost my notebook at the airport."),
        ("でんししょうめいしょをとめたいです", "電子証明書を止めたいです"),
        ("だれかにかってにつかわれたようです", "だれかに勝手に使われたようです"),
    ],
)
def test_key_words_are_folded(written: str, read: str) -> None:
    assert fold(written) == read


@pytest.mark.parametrize(
    "kept",
    [
        "執行役員 営業本部長 田中",  # an officer's title in a signature, not a revocation
        "What if I lose my card?",  # a what-if keeps its tense
        "If I loose my laptop, what should I do?",
        "cancer research evoke issues certificates",  # real words one edit from a key word
        "I did not receive the PIN",  # correct English is left alone
    ],
)
def test_what_is_not_a_slip_is_kept(kept: str) -> None:
    folded = fold(kept)
    assert folded.replace("lose", "loose") == kept or folded == kept


def test_folds_are_named_in_the_reasons() -> None:
    assert folds("証明書のしっこう") == ["spelling: 'しっこう' read as '失効'"]
    result = classify_text("先月もらった証明書、会社をやめたのでしっこうしてください。")
    assert result.intent == "revocation"
    assert any(r.startswith("spelling:") for r in result.reasons)


def test_long_texts_fold_quickly() -> None:
    import time

    text = "Please revoke the certificate of our former employee, thank you. " * 300
    start = time.process_time()
    fold(text)
    assert time.process_time() - start < 1.0

"""One vocabulary of devices (intake.devices) for the serial reader and the loss rules, and where the two differ."""

from __future__ import annotations

import re

import pytest

from intake import devices
from intake.classify import classify_text
from intake.rules import COMPROMISE
from intake.serials import extract_serials


@pytest.mark.parametrize("word", devices.HARDWARE)
def test_a_machine_is_both_a_device_with_its_own_serial_and_a_thing_lost_with_the_key(word: str) -> None:
    # The serial reader: a label right after the machine names the machine's serial, not the certificate's.
    assert extract_serials(f"{word}のシリアル番号: 3a7f01c2d4e5") == []
    # The rules: losing the machine, or not finding it, exposes the key.
    assert COMPROMISE.check(f"{word}を紛失しました。")
    assert COMPROMISE.check(f"{word}が見つかりません。")
    assert COMPROMISE.check(f"{word}を紛失しました。")


@pytest.mark.parametrize("word", devices.KEY_HARDWARE)
def test_a_token_has_its_own_serial_and_goes_missing_but_is_not_read_after_a_loss_word(word: str) -> None:
    assert extract_serials(f"{word}のシリアル番号: 3a7f01c2d4e5") == []
    assert COMPROMISE.check(f"{word}が見つかりません。")
    # The stated difference: the loss words ("紛失") are read after a machine, a bag or the key, not a token.
    assert not re.fullmatch(devices.LOST_WITH_KEY, word)


@pytest.mark.parametrize("word", devices.BAGS)
def test_a_bag_is_lost_with_the_key_but_has_no_serial_label_of_its_own(word: str) -> None:
    assert COMPROMISE.check(f"{word}を紛失しました。")
    assert COMPROMISE.check(f"{word}が見つかりません。")
    assert not re.search(devices.WITH_OWN_SERIAL, word, re.I)


@pytest.mark.parametrize("word", devices.BELONGINGS)
def test_other_belongings_only_go_missing(word: str) -> None:
    assert COMPROMISE.check(f"{word}が見つかりません。")
    assert not re.fullmatch(devices.LOST_WITH_KEY, word)
    assert not re.fullmatch(devices.WITH_OWN_SERIAL, word, re.I)


@pytest.mark.parametrize("word", devices.KEY_MATERIAL)
def test_the_key_material_is_lost_but_a_serial_after_it_is_the_certificates(word: str) -> None:
    assert COMPROMISE.check(f"{word}を紛失しました。")
    assert not re.fullmatch(devices.PHYSICAL, word)
    # "証明書のシリアル番号" is the very serial the reader looks for.
    assert extract_serials(f"{word}のシリアル番号: 3a7f01c2d4e5") == ["3a7f01c2d4e5"]


@pytest.mark.parametrize("word", devices.SERIAL_ONLY)
def test_words_that_name_a_device_only_before_a_serial_label(word: str) -> None:
    assert extract_serials(f"{word}のシリアル番号: 3a7f01c2d4e5") == []
    assert not re.fullmatch(devices.LOST_WITH_KEY, word, re.I)


def test_a_device_serial_beside_the_certificates_serial() -> None:
    text = "ノートPC（シリアル 5CG12345AB）を紛失しました。証明書のシリアル番号は 4A7C91E0B3D25F68 です。"
    result = classify_text(text)
    assert result.serials == ["4a7c91e0b3d25f68"]
    assert result.intent == "emergency_revocation"


def test_a_bare_card_is_the_keys_card_but_not_a_card_of_another_kind_or_a_reader() -> None:
    # The stated difference for cards: "カード" alone, lost, is the card that holds the key.
    assert re.fullmatch(devices.LOST_WITH_KEY, "カード")
    assert COMPROMISE.check("署名用のカードを落としました。")
    others = (
        "クレジットカードを落としました。",
        "マイナンバーカードを紛失しました。",
        "カードリーダーをなくしました。",
    )
    for other in others:
        assert not COMPROMISE.check(other), other

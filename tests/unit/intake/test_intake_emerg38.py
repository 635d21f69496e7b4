"""Kinds of wording the emergency rules misread before branch emerg38 (intake.rules, intake.compromise).

Each test names one kind: a search told as failed in English is no device found again.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.rules import NO_KEY_HELD, RECOVERED


@pytest.mark.parametrize(
    "text",
    [
        "JR hasn't found it yet.",
        "We still haven't found it.",
        "The airport could not find it anywhere.",
        "We searched the office but no luck so far. I found it hard to believe.",
    ],
)
def test_a_failed_search_is_nothing_found_again(text: str) -> None:
    assert RECOVERED.check(text) == []


@pytest.mark.parametrize("text", ["I found it under the desk.", "We searched the office but found it in a drawer."])
def test_a_search_that_found_it_is_still_found_again(text: str) -> None:
    assert RECOVERED.check(text)


def test_a_laptop_left_on_a_train_and_not_found_is_an_emergency() -> None:
    body = (
        "Hi, I left my laptop on the train yesterday. The railway hasn't found it yet. "
        "The certificate is on it. Can you stop the certificate?\nAlex"
    )
    assert classify_parts("Lost laptop", body, "").intent == "emergency_revocation"


@pytest.mark.parametrize(
    "text",
    [
        "Nothing of the certificate was on it.",
        "No certificate was ever stored on that stick.",
        "The private key was never on it.",
        "電子証明書や秘密鍵は入っていません。",
    ],
)
def test_a_device_said_to_hold_no_key_is_read(text: str) -> None:
    assert NO_KEY_HELD.check(text)


def test_the_certificate_said_to_be_on_it_holds_a_key() -> None:
    assert NO_KEY_HELD.check("The certificate was on it.") == []


def test_a_lost_stick_that_held_no_key_is_no_emergency() -> None:
    body = (
        "業務用のUSBメモリを紛失しました。中身は見積書や写真だけで、電子証明書や秘密鍵は入っていません。\n"
        "証明書は事務所のPCにあり、PCは無事です。\n特に手続きは不要だと思いますが、一応ご報告まで。\n\n高山"
    )
    subject = "USBメモリを落としました（証明書は入っていません）"
    assert classify_parts(subject, body, "").intent != "emergency_revocation"


@pytest.mark.parametrize(
    "text",
    ["家族が持ち出してただけでした。", "妻が借りていただけでした。", "It turned out my wife had just borrowed it."],
)
def test_a_device_only_taken_by_family_is_found_again(text: str) -> None:
    assert RECOVERED.check(text)


def test_a_pc_only_taken_by_family_asks_an_ordinary_revocation() -> None:
    body = (
        "昨日PCなくしたって電話しようと思ったら、\n家族が持ち出してただけでした。誰も触ってないです\n"
        "でもこの機会に証明書はもう失効しておきたいです。使ってないので\n通常の失効請求書で出します"
    )
    assert classify_parts("なくしたと思ったけど…", body, "").intent == "revocation"


@pytest.mark.parametrize(
    "body",
    [
        "たすけてください。インスタのアカウントが乗っ取られて、知らない投稿がされています。どうしたらいいですか。",
        "My Google account was hacked yesterday and someone posted from it. What can I do?",
    ],
)
def test_another_services_account_taken_over_is_no_emergency(body: str) -> None:
    assert classify_parts("アカウント", body, "").intent != "emergency_revocation"


def test_a_certificate_hacked_is_still_an_emergency() -> None:
    body = "My signing certificate was hacked, someone signed with it. Please revoke it immediately."
    assert classify_parts("Hacked", body, "").intent == "emergency_revocation"

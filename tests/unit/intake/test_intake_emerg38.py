"""Kinds of wording the emergency rules misread before branch emerg38 (intake.rules, intake.compromise).

Each test names one kind: a search told as failed in English is no device found again.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.rules import RECOVERED


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

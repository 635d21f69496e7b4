"""Kinds of wording that outside writers' texts (t50, dev mail 60, fit halves) were read wrong on, at stop 58.

Each case is written here anew from a kind seen in a fit half, not copied:

* "someone signed … with my cert, not me" reports misuse of the writer's key, told as done; asked as a what-if
  ("if someone signed … with my cert?") it is no emergency.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text


@pytest.mark.parametrize(
    "text",
    [
        "Somebody signed an invoice with my certificate, it wasn't me!! please stop it",
        "someone else used the PDF signer with my cert yesterday. not me. block it now",
    ],
)
def test_another_signing_with_the_writers_certificate_is_an_emergency(text: str) -> None:
    assert classify_text(text).intent == "emergency_revocation"


def test_signing_with_the_writers_certificate_asked_as_a_what_if_is_no_emergency() -> None:
    text = "What happens if someone signed a document with my cert? Is there a procedure for that?"
    assert classify_text(text).intent != "emergency_revocation"

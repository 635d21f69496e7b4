"""Kinds of wording the intent rules misread before branch rules34 (intake.misusefear, intake.compromise, intake.wishes,
intake.possemerg).

A revocation asked for fear that someone else may use the key, a laptop found again with an ordinary revocation
asked, a key file sent to a stranger's mailbox, a compromise denied in English ("Neither key has been compromised"),
one person's certificate among an office's to be stopped ("佐藤さんの分だけ止めてください"), and a
compromise word told of nothing that holds a key ("Wi-Fiのパスワードが漏れた", "ランサムウェア") in a mail
read as ``other``, which the vote alone makes an emergency.
The cases in ``tests/data/intents/kinds34.json`` were written for this test; the rules alone read them in
``test_intake_kinds30.py``, with the earlier round's.
"""

from __future__ import annotations

import pytest

from intake.possemerg import EmergencyEvidence, judge, names_carrier, works_as_emergency


def _vote(emergency: float) -> dict[str, float]:
    rest = 1.0 - emergency
    return {"emergency_revocation": emergency, "other": rest * 0.8, "faq": rest * 0.2}


def _told(words: str) -> dict[str, tuple[str, ...]]:
    """The evidence's fields for one compromise that matched *words*: its reason and its words."""
    return {"compromise": (f"compromise: {words!r}",), "compromise_words": (words,)}


@pytest.mark.parametrize("words", ["Wi-Fiのパスワードが漏れ", "ランサムウェア", "somebody used"])
def test_a_compromise_of_no_key_holder_in_an_other_mail_needs_the_vote(words: str) -> None:
    quiet = EmergencyEvidence("other", _vote(0.1), **_told(words))
    assert judge(quiet)
    assert not works_as_emergency(quiet)
    assert works_as_emergency(EmergencyEvidence("other", _vote(0.4), **_told(words)))


@pytest.mark.parametrize("words", ["カードなくし", "PCなくし", "laptop stolen", "紛失 S/N 0x3c"])
def test_a_compromise_of_a_key_holder_is_enough(words: str) -> None:
    assert names_carrier((words,))
    assert works_as_emergency(EmergencyEvidence("other", _vote(0.1), **_told(words)))


def test_the_guard_reads_only_mails_read_as_other() -> None:
    assert works_as_emergency(EmergencyEvidence("faq", _vote(0.1), compromise=("compromise: 'ランサムウェア'",)))

"""The reply and forward prefixes of a subject: one pattern that the intent rules and the bounce detector share."""

from __future__ import annotations

import pytest

from intake.subjects import FORWARD_SUBJECT, REPLY_PREFIX


@pytest.mark.parametrize(
    "subject",
    [
        "Fw: 証明書の件",
        "FWD: certificate",
        "転送：失効のお願い",
        "TR: demande",
        "WG: Anfrage",
        "[ext] Fwd: 証明書の件",
        "[社外][重要] TR : demande",
    ],
)
def test_forward_prefixes_with_or_without_tags_are_forwards(subject: str) -> None:
    assert FORWARD_SUBJECT.match(subject)


@pytest.mark.parametrize(
    "subject",
    ["Re: 証明書の件", "[ext] Re: certificate", "Trouble with my certificate", "Fwd 証明書", "証明書 Fwd: 件"],
)
def test_replies_and_other_subjects_are_no_forwards(subject: str) -> None:
    assert not FORWARD_SUBJECT.match(subject)


@pytest.mark.parametrize(
    ("subject", "rest"),
    [
        ("Re: [ext] Fw: 証明書の件", "証明書の件"),
        ("AW: WG: Anfrage", "Anfrage"),
        ("返信：転送：失効", "失効"),
        ("[MDG-0042] Re: TR: demande", "demande"),
        ("Trouble with my certificate", "Trouble with my certificate"),
    ],
)
def test_the_reply_prefix_run_is_stripped_whole(subject: str, rest: str) -> None:
    assert REPLY_PREFIX.sub("", subject) == rest

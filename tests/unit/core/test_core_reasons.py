"""The vocabulary of reasons (core.reasons): every kind is written and read back as one, and keeps its words."""

from __future__ import annotations

from typing import Any

import pytest

from core.reasons import SHAPES, Kind, parse, prefix, write

#: Invented parameters for one reason of every kind.
EXAMPLES: dict[Kind, dict[str, Any]] = {
    Kind.RULE: {"rule": "death", "words": "父が他界しました"},
    Kind.KEYWORD: {"words": "盗難"},
    Kind.MANUAL_INTAKE: {"who": "hanako"},
    Kind.SERIAL_UNCLEAR: {"serials": "0a1b2c, 3d4e", "on_record": "99ff00"},
    Kind.SERIAL_LOOSE: {"serial": "5e6f7a8b"},
    Kind.REGISTER: {"before": "revocation", "after": "cancellation"},
    Kind.REPLY_RULE: {"rule": "reply-unestablished-sender", "why": "no DKIM", "outcome": "sent ack instead of x"},
    Kind.FORM_RELAY: {"found": "form fields (mail, message, name)"},
    Kind.OWN_LOOP: {},
    Kind.FAX_SERIAL_UNCLEAR: {"detail": "the reads disagree (1234 / 1284)"},
    Kind.FAX_FORM_TITLE: {"title": "死亡届", "similarity": 0.875, "form": "death_notice"},
    Kind.FAX_FORM_WORDS: {"words": "盗まれ", "form": "emergency_revocation"},
    Kind.FAX_SERIAL_READ: {"serials": "c0ffee01, c0ffee02"},
    Kind.FAX_UNOPENED: {"error": "ValueError"},
    Kind.FAX_NO_PAGES: {},
    Kind.FAX_BLANK: {},
    Kind.FAX_ILLEGIBLE: {},
    Kind.FAX_OCR_FAILED: {"failure": "tesseract is not installed"},
    Kind.FAX_NOT_UNDERSTOOD: {},
    Kind.FAX_PAGES_UNREAD: {},
    Kind.POSSIBLE_EMERGENCY: {"why": "the models give emergency_revocation 0.31, close to faq"},
    Kind.PROMOTED: {"why": "since it may well be one", "read_as": "correction"},
    Kind.AUTOMATED_OVERRULED: {"verdict": "auto_reply"},
}


def test_every_kind_has_a_shape_and_an_example() -> None:
    assert set(SHAPES) == set(Kind) == set(EXAMPLES)


@pytest.mark.parametrize("kind", list(Kind))
def test_a_written_reason_reads_back_as_its_kind_with_its_parameters(kind: Kind) -> None:
    reason = write(kind, **EXAMPLES[kind])
    parsed = parse(reason)
    assert parsed is not None and parsed[0] is kind, (reason, parsed)
    # What the pattern reads is exactly what was written (the parameters it does not read are free text).
    assert parsed[1] == {name: str(value) for name, value in EXAMPLES[kind].items() if name in parsed[1]}
    assert reason.startswith(prefix(kind))


@pytest.mark.parametrize("kind", list(Kind))
def test_no_other_kind_reads_a_written_reason(kind: Kind) -> None:
    reason = write(kind, **EXAMPLES[kind])
    assert [k for k, shape in SHAPES.items() if shape.pattern.match(reason)] == [kind]


def test_the_parameters_a_reader_needs_are_read() -> None:
    assert parse(write(Kind.RULE, **EXAMPLES[Kind.RULE])) == (Kind.RULE, {"rule": "death", "words": "父が他界しました"})
    assert parse(write(Kind.SERIAL_LOOSE, serial="5e6f7a8b")) == (Kind.SERIAL_LOOSE, {"serial": "5e6f7a8b"})
    assert parse(write(Kind.FAX_FORM_TITLE, **EXAMPLES[Kind.FAX_FORM_TITLE])) == (
        Kind.FAX_FORM_TITLE, {"form": "death_notice"})
    assert parse(write(Kind.PROMOTED, **EXAMPLES[Kind.PROMOTED])) == (Kind.PROMOTED, {"read_as": "correction"})


def test_the_stored_words_stay_as_they_were_written() -> None:
    # Cases in databases hold these strings: a template may not change a byte of them.
    assert write(Kind.RULE, rule="urgency", words="it's urgent") == "urgency: \"it's urgent\""
    assert write(Kind.SERIAL_UNCLEAR, serials="0a1b", on_record="none") == (
        "serial unclear: none of 0a1b is a certificate of this applicant (on record: none)")
    assert write(Kind.REGISTER, before="revocation", after="cancellation") == (
        "register: revocation read as cancellation from the applicant's applications and certificates")
    assert write(Kind.FAX_FORM_TITLE, title="死亡届", similarity=0.875, form="death_notice") == (
        "fax: form title '死亡届' (similarity 0.88) is a death_notice form")
    assert write(Kind.PROMOTED, why="since it may well be one", read_as="faq") == (
        "decision: worked as an emergency revocation, since it may well be one (read otherwise as faq)")
    assert write(Kind.FAX_SERIAL_UNCLEAR, detail="read as 12AB but not surely") == (
        "fax: serial unclear, read as 12AB but not surely; check it against the register")
    assert prefix(Kind.POSSIBLE_EMERGENCY) == "possible emergency: "


def test_older_and_looser_wordings_are_still_read_by_their_start() -> None:
    assert parse("fax: serial unclear, the reads disagree (4e / de); check it") == (Kind.FAX_SERIAL_UNCLEAR, {})
    assert parse("serial unclear: none of ab12 is a certificate of this applicant") == (Kind.SERIAL_UNCLEAR, {})
    assert parse("reply rule reply-auto-submitted-source: Auto-Submitted: auto-generated; no reply") == (
        Kind.REPLY_RULE, {"rule": "reply-auto-submitted-source"})


def test_a_reason_of_no_kind_reads_as_none() -> None:
    for reason in ("model: faq 0.42", "decision: the words ask a question", "fax: 2 page(s), text from ocr",
                   "sender is mailer-daemon", "Compromise: 'upper case is no rule'"):
        assert parse(reason) is None, reason

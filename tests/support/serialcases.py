"""Reading a case's serials the way the serial tests compare them: as numbers.

A serial is an integer, so a leading zero written or left out names the same serial; the tests of
:mod:`intake.classify` that list the serials a mail asks about compare both sides in this form.
"""

from __future__ import annotations

from intake.classify import classify_text


def as_numbers(serials: list[str]) -> list[str]:
    """The serials without leading zeros, in order, so that two lists of the same certificates compare equal."""
    return sorted(value.lstrip("0") for value in serials)


def serials_read(text: str, subject: str = "") -> list[str]:
    """The serials the classifier reads in *text* under *subject*, as numbers (see :func:`as_numbers`)."""
    return as_numbers(classify_text(text, subject=subject).serials)

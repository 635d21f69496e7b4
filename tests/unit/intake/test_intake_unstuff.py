"""The bare-LF dot unstuffing of the SMTP intake, with its shortcut for messages without such a dot."""

from __future__ import annotations

from intake.smtp import longest_line, unstuff_bare_lf_lines


def test_a_dot_after_a_bare_lf_is_removed_and_one_after_crlf_is_kept() -> None:
    # aiosmtpd has already removed the stuffing dot after CRLF: the dot left there is content.
    assert unstuff_bare_lf_lines(b"a\n..b\r\n.c\n.\n") == b"a\n.b\r\n.c\n\n"
    assert unstuff_bare_lf_lines(b".x\n") == b".x\n"


def test_a_message_without_a_line_starting_with_a_dot_comes_back_as_it_was() -> None:
    raw = b"Subject: x\r\n\r\nbody. more.\nlast line\r\n"
    assert unstuff_bare_lf_lines(raw) is raw


def test_longest_line_counts_bare_lf_and_crlf_lines() -> None:
    assert longest_line(b"ab\ncdef\r\ng") == 5
    assert longest_line(b"") == 0

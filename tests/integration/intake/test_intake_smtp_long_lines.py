"""Long lines and bare LF line endings, sent by a real SMTP client to the real intake server.

Fax gateways and scripts send unwrapped base64 (one line of many kilobytes) with LF-only
line endings; Postfix accepts such mail, and so must we.  Python's ``smtplib`` sends a
``bytes`` message as it is (it only adds the final CRLF and stuffs dots), which is exactly
what those senders put on the wire.
"""

from __future__ import annotations

import base64
import os
import smtplib

import pytest

from .conftest import ServerFactory, SqliteMessageStore


def lf_mail_with_long_base64_line(line_bytes: int) -> bytes:
    """A MIME mail with LF line endings whose PDF attachment is one unwrapped base64 line."""
    payload = base64.b64encode(os.urandom(line_bytes * 3 // 4 + 3))[:line_bytes]
    return (
        b"From: fax-gateway@fax.example.ne.jp\n"
        b"To: ca@ca.example.jp\n"
        b"Subject: FAX\n"
        b"MIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n'
        b"\n"
        b"--b\n"
        b"Content-Type: text/plain; charset=us-ascii\n"
        b"\n"
        b".a line that starts with a dot\n"
        b"--b\n"
        b"Content-Type: application/pdf\n"
        b"Content-Transfer-Encoding: base64\n"
        b"\n" + payload + b"\n"
        b"--b--\n"
    )


def test_lf_only_mail_with_5000_byte_base64_line_is_stored_byte_exact(
    sqlite_store: SqliteMessageStore, start_server: ServerFactory
) -> None:
    port = start_server(sqlite_store)
    raw = lf_mail_with_long_base64_line(5000)
    assert max(len(line) for line in raw.split(b"\n")) == 5000
    with smtplib.SMTP("127.0.0.1", port) as client:
        assert client.sendmail("fax-gateway@fax.example.ne.jp", ["ca@ca.example.jp"], raw) == {}
    ((_from, _rcpts, stored, _peer),) = sqlite_store.rows()
    # smtplib ends the data with CRLF when the message does not; nothing else may change.
    assert stored == raw + b"\r\n"


def test_crlf_mail_with_long_line_is_accepted(sqlite_store: SqliteMessageStore, start_server: ServerFactory) -> None:
    port = start_server(sqlite_store)
    raw = lf_mail_with_long_base64_line(20_000).replace(b"\n", b"\r\n")
    with smtplib.SMTP("127.0.0.1", port) as client:
        assert client.sendmail("a@example.net", ["ca@ca.example.jp"], raw) == {}
    ((_from, _rcpts, stored, _peer),) = sqlite_store.rows()
    assert stored == raw


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_line_over_the_configured_limit_is_500(
    sqlite_store: SqliteMessageStore, start_server: ServerFactory, ending: bytes
) -> None:
    port = start_server(sqlite_store, max_line_length=4096)
    raw = lf_mail_with_long_base64_line(5000).replace(b"\n", ending)
    with smtplib.SMTP("127.0.0.1", port) as client:
        with pytest.raises(smtplib.SMTPDataError) as refused:
            client.sendmail("a@example.net", ["ca@ca.example.jp"], raw)
        assert refused.value.smtp_code == 500
        # The session goes on: a mail within the limit is then accepted.
        assert client.sendmail("a@example.net", ["ca@ca.example.jp"], lf_mail_with_long_base64_line(4000)) == {}
    assert len(sqlite_store.rows()) == 1


def test_size_limit_still_applies_to_lf_only_mail(
    sqlite_store: SqliteMessageStore, start_server: ServerFactory
) -> None:
    port = start_server(sqlite_store, max_size=3000)
    raw = lf_mail_with_long_base64_line(5000)
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.ehlo()
        # Sent without a SIZE declaration, so the server must count the data itself.
        client.esmtp_features.pop("size", None)
        with pytest.raises(smtplib.SMTPDataError) as refused:
            client.sendmail("a@example.net", ["ca@ca.example.jp"], raw)
        assert refused.value.smtp_code == 552
    assert sqlite_store.rows() == []


@pytest.mark.parametrize(("line", "code"), [(64, 250), (65, 500)])
def test_the_line_limit_is_checked_in_any_message_longer_than_the_limit(
    sqlite_store: SqliteMessageStore, start_server: ServerFactory, line: int, code: int
) -> None:
    """The server skips the line scan only for a message no longer than the limit (whose lines
    cannot be longer); in a longer one, a line one byte over the limit is still refused."""
    port = start_server(sqlite_store, max_line_length=64)
    raw = b"Subject: limit\r\n\r\n" + b"A" * line + b"\r\n" + b"short line\r\n" * 8
    with smtplib.SMTP("127.0.0.1", port) as client:
        if code == 250:
            assert client.sendmail("a@example.net", ["ca@ca.example.jp"], raw) == {}
        else:
            with pytest.raises(smtplib.SMTPDataError) as refused:
                client.sendmail("a@example.net", ["ca@ca.example.jp"], raw)
            assert refused.value.smtp_code == code
    assert [stored for _f, _r, stored, _p in sqlite_store.rows()] == ([raw] if code == 250 else [])

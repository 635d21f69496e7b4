"""The intake SMTP server, driven by real SMTP clients (smtplib and aiosmtplib)."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import smtplib
import ssl
import threading
import time
from pathlib import Path

import aiosmtplib
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .conftest import ServerFactory, SqliteMessageStore

MAIL = Path(__file__).resolve().parents[2] / "data" / "mail"


def wire_form(raw: bytes) -> bytes:
    """What an SMTP client puts on the wire (before dot-stuffing): CRLF lines, final CRLF."""
    data = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def test_corpus_stored_byte_identical(sqlite_store: SqliteMessageStore, start_server: ServerFactory) -> None:
    port = start_server(sqlite_store)
    files = sorted(MAIL.glob("*.eml"))
    sent = [wire_form(p.read_bytes()) for p in files]
    with smtplib.SMTP("127.0.0.1", port) as client:
        for raw in sent:
            assert client.sendmail("sender@example.net", ["ca@ca.example.jp"], raw) == {}
    rows = sqlite_store.rows()
    assert len(rows) == len(files) >= 50
    for (mail_from, rcpts, stored, peer), expected, path in zip(rows, sent, files, strict=True):
        assert stored == expected, path.name
        assert mail_from == "sender@example.net" and rcpts == ["ca@ca.example.jp"]
        assert peer.startswith("127.0.0.1:")


def test_dot_stuffing_and_8bit_survive(sqlite_store: SqliteMessageStore, start_server: ServerFactory) -> None:
    port = start_server(sqlite_store)
    raw = wire_form(b"Subject: dots\n\n.\n..two\n.leading dot\n" + "失効".encode("cp932") + b"\n")
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.sendmail("", ["CA@CA.EXAMPLE.JP"], raw)
    ((mail_from, rcpts, stored, _peer),) = sqlite_store.rows()
    assert stored == raw
    assert mail_from == ""  # the null reverse-path of a bounce
    assert rcpts == ["CA@CA.EXAMPLE.JP"]


def test_unknown_domain_is_550(sqlite_store: SqliteMessageStore, start_server: ServerFactory) -> None:
    port = start_server(sqlite_store)
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.ehlo()
        client.mail("a@example.net")
        code, message = client.rcpt("someone@other.example")
        assert code == 550 and message.startswith(b"5.1.1")
        assert client.rcpt("ca@sub.ca.example.jp")[0] == 550
        assert client.rcpt("no-domain")[0] in (550, 553)
        assert client.rcpt("ca@ca.example.jp")[0] == 250
        assert client.data(b"Subject: x\r\n\r\nhello\r\n")[0] == 250
    ((_from, rcpts, _raw, _peer),) = sqlite_store.rows()
    assert rcpts == ["ca@ca.example.jp"]


def test_too_large_is_552(sqlite_store: SqliteMessageStore, start_server: ServerFactory) -> None:
    port = start_server(sqlite_store, max_size=2000)
    with smtplib.SMTP("127.0.0.1", port) as client:
        # Declared size over the limit is refused at MAIL FROM ...
        with pytest.raises(smtplib.SMTPSenderRefused) as declared:
            client.sendmail("a@example.net", ["ca@ca.example.jp"], b"Subject: big\r\n\r\n" + b"x" * 3000 + b"\r\n")
        assert declared.value.smtp_code == 552
    with smtplib.SMTP("127.0.0.1", port) as client:
        # ... and undeclared data over the limit is refused after DATA.
        client.ehlo()
        client.mail("a@example.net")
        client.rcpt("ca@ca.example.jp")
        code, _ = client.data(b"Subject: big\r\n\r\n" + (b"y" * 70 + b"\r\n") * 50)
        assert code == 552
    assert sqlite_store.rows() == []


class FailingStore:
    """A store whose disk is 'full' for the first *failures* calls, then works."""

    def __init__(self, inner: SqliteMessageStore, failures: int) -> None:
        self.inner = inner
        self.failures = failures

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        if self.failures > 0:
            self.failures -= 1
            raise OSError(28, "No space left on device")
        return self.inner.store(mail_from, rcpt_tos, raw, peer)


def test_store_failure_is_451_and_retry_succeeds(sqlite_store: SqliteMessageStore, start_server: ServerFactory) -> None:
    port = start_server(FailingStore(sqlite_store, failures=1))
    raw = wire_form(b"Subject: retry\n\nplease revoke\n")
    with smtplib.SMTP("127.0.0.1", port) as client:
        with pytest.raises(smtplib.SMTPDataError) as failed:
            client.sendmail("a@example.net", ["ca@ca.example.jp"], raw)
        assert failed.value.smtp_code == 451
        assert "4.3.0" in str(failed.value.smtp_error)
        client.rset()
        assert client.sendmail("a@example.net", ["ca@ca.example.jp"], raw) == {}
    assert [row[2] for row in sqlite_store.rows()] == [raw]


class BrokenStore:
    """A store with a programming error, which must still be answered with a temporary 451."""

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        return str(1 / 0)


def test_unexpected_store_exception_is_451(start_server: ServerFactory) -> None:
    port = start_server(BrokenStore())
    with smtplib.SMTP("127.0.0.1", port) as client:
        with pytest.raises(smtplib.SMTPDataError) as failed:
            client.sendmail("a@example.net", ["ca@ca.example.jp"], b"Subject: x\r\n\r\nx\r\n")
        assert failed.value.smtp_code == 451


class GatedStore:
    """A store that does not return until the test opens the gate."""

    def __init__(self, inner: SqliteMessageStore) -> None:
        self.inner = inner
        self.entered = threading.Event()
        self.gate = threading.Event()

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        self.entered.set()
        self.gate.wait(10)
        return self.inner.store(mail_from, rcpt_tos, raw, peer)


def test_250_only_after_store_returned(sqlite_store: SqliteMessageStore, start_server: ServerFactory) -> None:
    gated = GatedStore(sqlite_store)
    port = start_server(gated)
    answered = threading.Event()

    def send() -> None:
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.sendmail("a@example.net", ["ca@ca.example.jp"], b"Subject: x\r\n\r\nx\r\n")
        answered.set()

    sender = threading.Thread(target=send)
    sender.start()
    assert gated.entered.wait(5)
    time.sleep(0.3)
    assert not answered.is_set()  # the client is still waiting for the 250
    assert sqlite_store.rows() == []
    gated.gate.set()
    sender.join(5)
    assert answered.is_set()
    assert len(sqlite_store.rows()) == 1


def self_signed(tmp_path: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """Make a throwaway certificate for 127.0.0.1 and server/client contexts that use it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_path, key_path)
    client = ssl.create_default_context(cafile=str(cert_path))
    return server, client


def test_starttls(sqlite_store: SqliteMessageStore, start_server: ServerFactory, tmp_path: Path) -> None:
    server_ctx, client_ctx = self_signed(tmp_path)
    port = start_server(sqlite_store, tls_context=server_ctx, require_starttls=True)
    with smtplib.SMTP("127.0.0.1", port, local_hostname="client.example") as client:
        client.ehlo()
        assert client.has_extn("starttls")
        code, _ = client.mail("a@example.net")
        assert code == 530  # refused before STARTTLS when it is required
        client.rset()
        client.starttls(context=client_ctx)
        assert isinstance(client.sock, ssl.SSLSocket)
        assert client.sock.version() in ("TLSv1.2", "TLSv1.3")
        assert client.sendmail("a@example.net", ["ca@ca.example.jp"], b"Subject: tls\r\n\r\nsecret\r\n") == {}
    assert sqlite_store.rows()[0][2] == b"Subject: tls\r\n\r\nsecret\r\n"


async def test_concurrent_async_clients(sqlite_store: SqliteMessageStore, start_server: ServerFactory) -> None:
    port = start_server(sqlite_store)
    bodies = [wire_form(f"Subject: n{i}\n\nmessage {i}\n".encode()) for i in range(40)]

    async def send(raw: bytes) -> None:
        await aiosmtplib.send(
            raw, sender="a@example.net", recipients=["ca@ca.example.jp"], hostname="127.0.0.1", port=port
        )

    await asyncio.gather(*(send(b) for b in bodies))
    assert sorted(row[2] for row in sqlite_store.rows()) == sorted(bodies)

"""send_message against a real SMTP server that accepts, refuses for good, or defers."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from intake.outgoing import PermanentSendError, TemporarySendError, compose_reply, send_message

from .conftest import free_port


class Smarthost:
    """An SMTP server whose answer to RCPT or DATA is chosen by the recipient's local part."""

    def __init__(self) -> None:
        self.received: list[Envelope] = []

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address.startswith("unknown@"):
            return "550 5.1.1 No such user"
        if address.startswith("greylist@"):
            return "450 4.2.0 Greylisted, try again"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if envelope.rcpt_tos[0].startswith("full@"):
            return "452 4.3.1 Insufficient system storage"
        if envelope.rcpt_tos[0].startswith("spam@"):
            return "554 5.7.1 Message rejected"
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def smarthost() -> Iterator[tuple[Smarthost, int]]:
    handler = Smarthost()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def reply_to(address: str):  # type: ignore[no-untyped-def]
    return compose_reply(
        "ack", address, "MDG-000321", "ja", {"name": "山田"}, None, [], "ca.example.jp", "ca@ca.example.jp"
    )


async def test_delivered(smarthost: tuple[Smarthost, int]) -> None:
    handler, port = smarthost
    await send_message(reply_to("taro@example.jp"), "127.0.0.1", port)
    (envelope,) = handler.received
    assert envelope.rcpt_tos == ["taro@example.jp"]
    got = message_from_bytes(envelope.original_content or b"", policy=default)
    assert got["Subject"].startswith("[MDG-000321]")
    assert got["X-Madoguchi-Loop"] == "ca.example.jp"


@pytest.mark.parametrize("local", ["unknown", "spam"])
async def test_permanent(smarthost: tuple[Smarthost, int], local: str) -> None:
    _handler, port = smarthost
    with pytest.raises(PermanentSendError):
        await send_message(reply_to(f"{local}@example.jp"), "127.0.0.1", port)


@pytest.mark.parametrize("local", ["greylist", "full"])
async def test_temporary(smarthost: tuple[Smarthost, int], local: str) -> None:
    _handler, port = smarthost
    with pytest.raises(TemporarySendError):
        await send_message(reply_to(f"{local}@example.jp"), "127.0.0.1", port)


async def test_connection_refused_is_temporary() -> None:
    with pytest.raises(TemporarySendError):
        await send_message(reply_to("taro@example.jp"), "127.0.0.1", free_port(), timeout=5)


def test_error_classes_are_distinct() -> None:
    assert not issubclass(PermanentSendError, TemporarySendError)
    assert not issubclass(TemporarySendError, PermanentSendError)

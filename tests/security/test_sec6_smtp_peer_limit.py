"""Finding 6 (floods), the mail side: one client address cannot make the store take mail without end.

A real aiosmtpd intake server on the real store is sent a burst from one address with smtplib.
Past the per-address limit ``MAIL FROM`` is answered 451 4.7.1 (temporary: a real server retries
later, so nothing is lost) and no row is written; a trusted relay in front (loopback, where
Postfix hands mail over) is exempt, and a client is let in again once its window has passed.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from sqlalchemy import func, select

from core.container import Container
from core.models import InboundMessage
from intake.peerlimit import PeerLimit
from intake.smtp import build_controller
from tests.conftest import free_port


def burst(port: int, count: int) -> list[int]:
    """Send *count* mails, one connection each; return each MAIL FROM's reply code."""
    codes = []
    for n in range(count):
        msg = EmailMessage()
        msg["From"] = "flood@example.net"
        msg["To"] = "support@madoguchi.test"
        msg["Subject"] = f"緊急失効 {n}"
        msg.set_content("ICカードを紛失しました。至急失効してください。")
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            try:
                smtp.send_message(msg)
                codes.append(250)
            except smtplib.SMTPSenderRefused as refused:
                codes.append(refused.smtp_code)
                assert b"4.7.1" in refused.smtp_error
    return codes


def stored(c: Container) -> int:
    with c.factory() as s:
        return int(s.scalar(select(func.count()).select_from(InboundMessage)) or 0)


def test_one_address_is_held_to_its_limit_and_loses_nothing(container: Container) -> None:
    now = [1000.0]
    limit = PeerLimit(count=5, window=60.0, exempt=frozenset(), clock=lambda: now[0])
    port = free_port()
    controller = build_controller(container.store, "127.0.0.1", port, ["madoguchi.test"], 1_000_000,
                                  peer_limit=limit)
    controller.start()
    try:
        codes = burst(port, 12)
        assert codes == [250] * 5 + [451] * 7
        assert stored(container) == 5  # The refused ones created no row.
        now[0] += 61  # The window has passed: the sender's retries are taken in.
        assert burst(port, 2) == [250, 250]
        assert stored(container) == 7
    finally:
        controller.stop()


def test_a_trusted_relay_in_front_is_not_limited(container: Container) -> None:
    limit = PeerLimit(count=2, window=60.0)  # Loopback exempt by default (Postfix in front).
    port = free_port()
    controller = build_controller(container.store, "127.0.0.1", port, ["madoguchi.test"], 1_000_000,
                                  peer_limit=limit)
    controller.start()
    try:
        assert burst(port, 6) == [250] * 6
    finally:
        controller.stop()


def test_memory_is_bounded_and_settings_can_switch_the_limit_off() -> None:
    limit = PeerLimit(count=1, window=60.0, exempt=frozenset(), max_addresses=100, clock=lambda: 5.0)
    for n in range(1000):
        assert limit.allow(f"192.0.2.{n}")
    assert len(limit._seen) == 100  # noqa: SLF001 - the bound is the point of this test.
    assert PeerLimit.of(0, 60.0, ["127.0.0.1"]) is None

"""LMTP intake: a real aiosmtpd LMTP listener on a unix socket and on TCP, and ``serve`` with LMTP on."""

from __future__ import annotations

import datetime as dt
import json
import smtplib
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from core.inbound import DatabaseMessageStore
from core.models import InboundMessage, Job
from core.ports import FixedClock
from intake.lmtp import build_lmtp_controller
from tests.conftest import free_port, run_cli, server_env, start_server
from tests.integration.ops.ops_support import emergency_mail, staff, wait_for

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


def mail(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "a@example.org", "support@madoguchi.test", f"LMTP {n}"
    msg["Message-ID"] = f"<lmtp-{n}@example.org>"
    msg.set_content("問い合わせです。\n", charset="iso-2022-jp")
    return bytes(msg)


class BrokenStore:
    """A store whose disk is full: it always raises."""

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        raise OSError("No space left on device")


@pytest.fixture
def store(session_factory: sessionmaker[Session]) -> Iterator[DatabaseMessageStore]:
    engine = session_factory.kw["bind"]
    s = DatabaseMessageStore(engine, FixedClock(T0))
    try:
        yield s
    finally:
        s.close()


@pytest.mark.parametrize("where", ["unix", "tcp"])
def test_lmtp_stores_before_250_and_answers_each_recipient(where: str, store: DatabaseMessageStore,
                                                          session_factory: sessionmaker[Session],
                                                          tmp_path: Path) -> None:
    sock, port = (str(tmp_path / "lmtp.sock"), 0) if where == "unix" else ("", free_port())
    controller: Any = build_lmtp_controller(store, ["madoguchi.test"], 1 << 20, port=port, unix_socket=sock)
    controller.start()
    try:
        with smtplib.LMTP(sock or "127.0.0.1", port or 2003, timeout=30) as lmtp:
            lmtp.ehlo_or_helo_if_needed()
            assert lmtp.sendmail("a@example.org", ["support@madoguchi.test"], mail(1)) == {}
            # Two recipients: one reply per recipient after DATA (RFC 2033).
            assert lmtp.mail("a@example.org")[0] == 250
            assert lmtp.rcpt("support@madoguchi.test")[0] == 250
            assert lmtp.rcpt("help@madoguchi.test")[0] == 250
            assert lmtp.rcpt("x@elsewhere.example")[0] == 550
            first = lmtp.data(mail(2))
            second = lmtp.getreply()
            assert first[0] == second[0] == 250 and b"queued as" in second[1]
        with session_factory() as session:
            assert session.scalar(select(func.count()).select_from(InboundMessage)) == 2
            assert session.scalar(select(func.count()).select_from(Job).where(Job.kind == "process_inbound")) == 2
    finally:
        controller.stop()


def test_lmtp_answers_451_when_the_store_fails(tmp_path: Path) -> None:
    controller: Any = build_lmtp_controller(BrokenStore(), ["madoguchi.test"], 1 << 20,
                                            unix_socket=str(tmp_path / "broken.sock"))
    controller.start()
    try:
        with smtplib.LMTP(str(tmp_path / "broken.sock"), timeout=30) as lmtp:
            with pytest.raises(smtplib.SMTPDataError) as refused:
                lmtp.sendmail("a@example.org", ["support@madoguchi.test"], mail(3))
            assert refused.value.smtp_code == 451
    finally:
        controller.stop()


def test_serve_takes_mail_over_lmtp_from_a_local_mta(tmp_path: Path) -> None:
    env = server_env(f"sqlite:///{tmp_path / 'lmtp.sqlite3'}", tmp_path / "data")
    env["MADOGUCHI_LMTP_SOCKET"] = str(tmp_path / "madoguchi-lmtp.sock")
    run_cli(env, "init")
    people = json.loads(run_cli(env, "demo", "--load-only", "--json"))
    person = next(p for p in people if p["serials"])
    a, _b = staff(env)
    srv = start_server(env)
    try:
        assert httpx.get(f"{srv.base}/readyz").json()["checks"]["lmtp"]["ok"]
        with smtplib.LMTP(env["MADOGUCHI_LMTP_SOCKET"], timeout=30) as lmtp:
            assert lmtp.send_message(emergency_mail(person)) == {}
        http = httpx.Client(base_url=srv.base, timeout=30)
        case = wait_for(lambda: next((x for x in http.get("/api/cases", headers=a).json()
                                      if x["reply_to"] == person["email"]), None))
        assert case["kind"] == "emergency_revocation"
        # The embedded SMTP listener stays on as well.
        with smtplib.SMTP("127.0.0.1", srv.smtp_port, timeout=30) as smtp:
            assert smtp.noop()[0] == 250
    finally:
        srv.stop()

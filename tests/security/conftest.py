"""Fixtures for the security regression tests: real containers on SQLite and PostgreSQL.

Mail goes through the real aiosmtpd intake (an SMTP client on a free port), DKIM keys come
from a local stub resolver (a dict the test fills), and the CA is the real one.
"""

from __future__ import annotations

import smtplib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "integration" / "dashboard"))
sys.path.insert(0, str(Path(__file__).parent))

from dashboard_support import START, Staff, add_staff  # noqa: E402
from security_support import AUTHSERV_ID, Deliver, StubDns  # noqa: E402

from core.container import Container  # noqa: E402
from core.models import Case, InboundMessage  # noqa: E402
from core.ports import FixedClock  # noqa: E402
from core.settings import Settings  # noqa: E402
from madoguchi.app import build_container  # noqa: E402
from tests.conftest import free_port  # noqa: E402
from tests.templatedb import migrate_fresh  # noqa: E402


@pytest.fixture
def dns() -> StubDns:
    return StubDns()


@pytest.fixture
def container(tmp_path: Path, database_url: str, dns: StubDns) -> Iterator[Container]:
    migrate_fresh(database_url)
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url, public_base_url="http://127.0.0.1:9",
                        trusted_authserv_id=AUTHSERV_ID)
    c = build_container(settings, clock=FixedClock(START), dns=dns)
    c.ca.init("Security Test CA", START)
    yield c
    c.dispose()


@pytest.fixture
def staff(container: Container) -> Staff:
    return add_staff(container)


@pytest.fixture
def deliver(container: Container) -> Iterator[Deliver]:
    """Send a raw mail through the real SMTP intake, run the worker, return the case it opened."""
    from intake.smtp import build_controller

    port = free_port()
    controller = build_controller(container.store, "127.0.0.1", port, ["madoguchi.test"], 50_000_000)
    controller.start()

    def send(raw: bytes) -> Case | None:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            client.sendmail("bounce@relay.example", ["support@madoguchi.test"], raw)
        container.queue().run_pending()
        with container.factory() as s:
            msg = s.query(InboundMessage).order_by(InboundMessage.id.desc()).first()
            assert msg is not None
            return s.get(Case, msg.case_id) if msg.case_id else None

    yield send
    controller.stop()

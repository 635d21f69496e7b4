"""Finding 4: supervisor/admin API tokens approved without TOTP and kept working while locked out.

Now approve/reject need the ``decide`` scope and a fresh TOTP code (header, or a short-lived
approval token from ``/api/step-up``); tokens of locked or disabled operators are refused; uses
and refusals are audited. Real HTTP to the whole app (uvicorn on a free port).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from dashboard_support import PASSWORD, Staff, add_holder, login, open_case, totp_now
from fastapi.testclient import TestClient
from sqlalchemy import select

from core import workflow as wf
from core.container import Container
from core.models import AuditEvent, CallbackTask, Case, Operator
from core.operators import create_operator
from madoguchi.asgi import build_asgi
from tests.conftest import serve_app


def _token(c: Container, username: str, role: str, totp_secret: str | None = None,
           scopes: list[str] | None = None) -> str:
    with c.factory() as s, s.begin():
        op, _pw, token = create_operator(s, username, role, c.clock.now(), password=PASSWORD)
        op.totp_secret, op.api_token_scopes = totp_secret, scopes
    return token


def _awaiting_approval(c: Container) -> str:
    add_holder(c)
    tag = open_case(c, wf.Kind.EMERGENCY_REVOCATION)
    with c.factory() as s, s.begin():
        case = s.execute(select(Case).where(Case.tag == tag)).scalar_one()
        task = s.execute(select(CallbackTask).where(CallbackTask.case_id == case.id)).scalar_one()
        caller = s.execute(select(Operator).where(Operator.username == "alice")).scalar_one()
        c.cases.record_callback(s, task, caller.id, "reached_confirmed", "本人確認済み", actor="alice")
    return tag


@pytest.fixture
def http(container: Container, staff: Staff) -> Iterator[httpx.Client]:
    with serve_app(build_asgi(container)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def _bearer(token: str, **extra: str) -> dict[str, Any]:
    return {"Authorization": f"Bearer {token}", **extra}


def test_supervisor_token_alone_no_longer_approves(container: Container, staff: Staff, http: httpx.Client) -> None:
    tag = _awaiting_approval(container)
    bob = _token(container, "bob-api", "supervisor", totp_secret=staff.bob_secret)
    # The probe's attack: the bearer token alone.
    r = http.post(f"/api/cases/{tag}/approve", headers=_bearer(bob), json={"note": "x"})
    assert r.status_code == 401 and "TOTP" in r.json()["detail"]
    r = http.post(f"/api/cases/{tag}/reject", headers=_bearer(bob), json={"note": "x"})
    assert r.status_code == 401
    # A wrong code is refused (and counts as a failure).
    r = http.post(f"/api/cases/{tag}/approve", headers=_bearer(bob, **{"X-Madoguchi-TOTP": "000000"}), json={})
    assert r.status_code == 401
    # A supervisor who never enrolled TOTP cannot approve over the API at all.
    carol = _token(container, "carol-api", "supervisor")
    r = http.post(f"/api/cases/{tag}/approve", headers=_bearer(carol, **{"X-Madoguchi-TOTP": "123456"}), json={})
    assert r.status_code == 403
    with container.factory() as s:
        assert s.execute(select(Case.state).where(Case.tag == tag)).scalar_one() == "awaiting_approval"
    # With a fresh code it works, and the code cannot be replayed.
    code = totp_now(staff.bob_secret, container)
    r = http.post(f"/api/cases/{tag}/approve", headers=_bearer(bob, **{"X-Madoguchi-TOTP": code}), json={})
    assert r.status_code == 200 and r.json()["state"] in ("executing", "completed")
    with container.factory() as s:
        actions = [e.action for e in s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()]
    assert "api_token_refused" in actions and "api_token_used" in actions


def test_approval_token_from_step_up(container: Container, staff: Staff, http: httpx.Client) -> None:
    tag = _awaiting_approval(container)
    dave = _token(container, "dave-api", "admin", totp_secret=staff.dave_secret)
    r = http.post("/api/step-up", headers=_bearer(dave), json={"code": totp_now(staff.dave_secret, container)})
    assert r.status_code == 200
    approval = r.json()["approval_token"]
    # Someone else's token cannot use it.
    bob = _token(container, "bob-api", "supervisor", totp_secret=staff.bob_secret)
    r = http.post(f"/api/cases/{tag}/approve", headers=_bearer(bob, **{"X-Madoguchi-Approval": approval}), json={})
    assert r.status_code == 401
    r = http.post(f"/api/cases/{tag}/approve", headers=_bearer(dave, **{"X-Madoguchi-Approval": approval}), json={})
    assert r.status_code == 200


def test_locked_or_disabled_operators_tokens_are_refused(container: Container, staff: Staff,
                                                         http: httpx.Client) -> None:
    bob = _token(container, "bob-api", "supervisor", totp_secret=staff.bob_secret)
    assert http.get("/api/cases", headers=_bearer(bob)).status_code == 200
    # Lock the account the way an attacker guessing passwords would: failed logins on the dashboard.
    with TestClient(build_asgi(container)) as browser:
        for _ in range(8):
            login(browser, "bob-api", password="wrong")
    with container.factory() as s:
        op = s.execute(select(Operator).where(Operator.username == "bob-api")).scalar_one()
        assert op.locked_until is not None and op.locked_until > container.clock.now()
    assert http.get("/api/cases", headers=_bearer(bob)).status_code == 401
    assert http.post("/api/cases", headers=_bearer(bob), json={"kind": "faq", "channel": "fax"}).status_code == 401
    # Disabled operator.
    alice = _token(container, "alice-api", "operator")
    with container.factory() as s, s.begin():
        s.execute(select(Operator).where(Operator.username == "alice-api")).scalar_one().active = False
    assert http.get("/api/cases", headers=_bearer(alice)).status_code == 401


def test_scopes_limit_a_token(container: Container, staff: Staff, http: httpx.Client) -> None:
    tag = _awaiting_approval(container)
    reader = _token(container, "reader", "supervisor", totp_secret=staff.bob_secret, scopes=["read"])
    assert http.get("/api/cases", headers=_bearer(reader)).status_code == 200
    r = http.post(f"/api/cases/{tag}/approve", json={},
                  headers=_bearer(reader, **{"X-Madoguchi-TOTP": totp_now(staff.bob_secret, container)}))
    assert r.status_code == 403 and "decide" in r.json()["detail"]
    r = http.post("/api/cases", headers=_bearer(reader), json={"kind": "faq", "channel": "fax"})
    assert r.status_code == 403


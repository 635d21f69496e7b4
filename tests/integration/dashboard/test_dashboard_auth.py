"""Login, TOTP, back-off, sessions, CSRF and security headers of the dashboard, on real databases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyotp
from dashboard_support import PASSWORD, Staff, csrf_of, login, make_app, make_container, totp_now
from fastapi.testclient import TestClient
from sqlalchemy import select

from core.container import Container
from core.models import AuditEvent, Operator
from core.ports import FixedClock
from dashboard.auth import FREE_FAILURES, IDLE_TIMEOUT, lockout_delay


def clock(c: Container) -> FixedClock:
    assert isinstance(c.clock, FixedClock)
    return c.clock


def test_operator_logs_in_with_password_and_gets_a_strict_session_cookie(client: TestClient, staff: Staff) -> None:
    response = login(client, staff.alice)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("mdg_session=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = client.get("/dashboard/")
    assert page.status_code == 200 and "Alice" in page.text


def test_pages_redirect_to_login_without_a_session(client: TestClient) -> None:
    response = client.get("/dashboard/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/dashboard/login")
    assert client.get("/dashboard/queue/poll").status_code == 401


def test_wrong_password_backs_off_exponentially_and_never_locks_for_good(
        client: TestClient, staff: Staff, container: Container) -> None:
    for _ in range(FREE_FAILURES):
        assert login(client, staff.alice, password="wrong").status_code == 401
    failed = login(client, staff.alice, password="wrong")
    assert failed.status_code == 401 and "正しくありません" in failed.text
    # Now locked: even the right password is refused without being checked.
    locked = login(client, staff.alice)
    assert locked.status_code == 401 and "ロック" in locked.text
    delay = lockout_delay(FREE_FAILURES + 1)
    assert delay is not None
    clock(container).advance(delay + dt.timedelta(seconds=1))
    assert login(client, staff.alice).status_code == 303
    with container.factory() as session:
        op = session.execute(select(Operator).where(Operator.username == staff.alice)).scalar_one()
        assert op.failed_logins == 0 and op.locked_until is None
        actions = session.execute(select(AuditEvent.detail).where(AuditEvent.action == "dashboard_login")).scalars()
        assert [d["ok"] for d in actions] == [False] * (FREE_FAILURES + 2) + [True]


def test_supervisor_needs_a_totp_code_and_a_code_works_only_once(
        client: TestClient, second_client: TestClient, staff: Staff, container: Container) -> None:
    assert login(client, staff.bob).status_code == 401
    assert login(client, staff.bob, code="000000").status_code in (401,)
    code = totp_now(staff.bob_secret, container)
    assert login(client, staff.bob, code=code).status_code == 303
    assert client.get("/dashboard/").status_code == 200
    # The same code replayed from another browser is refused.
    assert login(second_client, staff.bob, code=code).status_code == 401
    clock(container).advance(dt.timedelta(seconds=30))
    assert login(second_client, staff.bob, code=totp_now(staff.bob_secret, container)).status_code == 303


def test_supervisor_without_totp_must_enrol_before_anything_else(
        client: TestClient, staff: Staff, container: Container) -> None:
    response = login(client, staff.carol)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard/totp"
    # Password alone does not open the dashboard.
    assert client.get("/dashboard/", follow_redirects=False).status_code == 303
    page = client.get("/dashboard/totp")
    secret = page.text.split('id="totp-secret">')[1].split("<")[0]
    assert "otpauth://totp/Madoguchi:carol" in page.text
    bad = client.post("/dashboard/totp", data={"csrf_token": csrf_of(page.text), "code": "123456"})
    assert bad.status_code == 400
    good = client.post("/dashboard/totp", data={"csrf_token": csrf_of(page.text),
                                                "code": pyotp.TOTP(secret).at(container.clock.now())},
                       follow_redirects=False)
    assert good.status_code == 303
    assert client.get("/dashboard/").status_code == 200
    with container.factory() as session:
        op = session.execute(select(Operator).where(Operator.username == staff.carol)).scalar_one()
        assert op.totp_secret == secret
    # From now on the code is required.
    with TestClient(make_app(container)) as other:
        assert login(other, staff.carol).status_code == 401


def test_session_ends_after_idle_timeout(client: TestClient, staff: Staff, container: Container) -> None:
    login(client, staff.alice)
    clock(container).advance(IDLE_TIMEOUT - dt.timedelta(minutes=1))
    assert client.get("/dashboard/").status_code == 200
    clock(container).advance(IDLE_TIMEOUT + dt.timedelta(seconds=1))
    response = client.get("/dashboard/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/login?expired=1&next=%2Fdashboard%2F"


def test_login_after_expiry_returns_to_the_page_but_never_to_another_host(
        client: TestClient, staff: Staff, container: Container) -> None:
    login(client, staff.alice)
    clock(container).advance(IDLE_TIMEOUT + dt.timedelta(seconds=1))
    # A form sent after the session ended comes back to the page it was on (its Referer) ...
    response = client.post("/dashboard/cases/MDG-000001/close", follow_redirects=False,
                           headers={"referer": "http://testserver/dashboard/cases/MDG-000001?tab=mail"})
    assert response.status_code == 303
    assert response.headers["location"] == (
        "/dashboard/login?expired=1&next=%2Fdashboard%2Fcases%2FMDG-000001%3Ftab%3Dmail")
    page = client.get(response.headers["location"])
    assert 'name="next" value="/dashboard/cases/MDG-000001?tab=mail"' in page.text
    # ... and logging in goes there.
    landed = login(client, staff.alice, next_path="/dashboard/cases/MDG-000001?tab=mail")
    assert landed.headers["location"] == "/dashboard/cases/MDG-000001?tab=mail"
    # A Referer of another host, or a next that leaves the dashboard, is ignored.
    clock(container).advance(IDLE_TIMEOUT + dt.timedelta(seconds=1))
    response = client.post("/dashboard/cases/MDG-000001/close", follow_redirects=False,
                           headers={"referer": "https://evil.example/dashboard/cases/MDG-000001"})
    assert "next=" not in response.headers["location"]
    for bad in ("https://evil.example/", "//evil.example/dashboard/", "/dashboard/\r\nSet-Cookie:x=1", "/elsewhere"):
        assert login(client, staff.alice, next_path=bad).headers["location"] == "/dashboard/"


def test_session_ends_after_absolute_timeout_even_when_active(
        client: TestClient, staff: Staff, container: Container) -> None:
    login(client, staff.alice)
    for _ in range(12 * 3):
        clock(container).advance(dt.timedelta(minutes=20))
        if client.get("/dashboard/", follow_redirects=False).status_code != 200:
            break
    elapsed = container.clock.now() - dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.UTC)
    assert dt.timedelta(hours=12) <= elapsed <= dt.timedelta(hours=12, minutes=20)


def test_login_replaces_the_session_token(client: TestClient, staff: Staff) -> None:
    client.get("/dashboard/login")
    before = client.cookies.get("mdg_session")
    login(client, staff.alice)
    after = client.cookies.get("mdg_session")
    assert before and after and before != after
    # The pre-login token is dead: a fixation attack gains nothing.
    with TestClient(client.app) as attacker:
        attacker.cookies.set("mdg_session", before)
        assert attacker.get("/dashboard/", follow_redirects=False).status_code == 303


def test_logout_ends_the_session(client: TestClient, staff: Staff) -> None:
    login(client, staff.alice)
    token = client.cookies.get("mdg_session")
    page = client.get("/dashboard/")
    assert client.post("/dashboard/logout", data={"csrf_token": csrf_of(page.text)},
                       follow_redirects=False).status_code == 303
    with TestClient(client.app) as again:
        again.cookies.set("mdg_session", token or "")
        assert again.get("/dashboard/", follow_redirects=False).status_code == 303


def test_forms_without_the_right_csrf_token_are_refused(
        client: TestClient, second_client: TestClient, staff: Staff) -> None:
    page = client.get("/dashboard/login")
    assert client.post("/dashboard/login", data={"username": staff.alice, "password": PASSWORD}).status_code == 403
    assert client.post("/dashboard/login", data={"csrf_token": "forged", "username": staff.alice,
                                                 "password": PASSWORD}).status_code == 403
    login(client, staff.alice)
    other = login(second_client, staff.alice)
    assert other.status_code == 303
    foreign = csrf_of(second_client.get("/dashboard/").text)
    assert client.post("/dashboard/logout", data={"csrf_token": foreign}).status_code == 403
    assert client.post("/dashboard/logout", data={}).status_code == 403
    assert client.post("/dashboard/logout", headers={"X-CSRF-Token": "nope"}).status_code == 403
    assert client.get("/dashboard/").status_code == 200  # Still logged in: the forged logout did nothing.
    assert page.status_code == 200


def test_security_headers(client: TestClient, staff: Staff) -> None:
    login(client, staff.alice)
    response = client.get("/dashboard/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    # The rest of the app gets the common headers but keeps its own CSP needs (Swagger UI).
    docs = client.get("/docs")
    assert docs.headers["x-content-type-options"] == "nosniff" and "content-security-policy" not in docs.headers


def test_secure_cookies_use_the_host_prefix(tmp_path: Path, database_url: str) -> None:
    c = make_container(tmp_path / "data", database_url, secure_cookies=True)
    try:
        with TestClient(make_app(c), base_url="https://testserver") as client:
            cookie = client.get("/dashboard/login").headers["set-cookie"]
            assert cookie.startswith("__Host-mdg_session=") and "Secure" in cookie and "Path=/" in cookie
            assert "Domain" not in cookie
    finally:
        c.dispose()


def test_language_switch_shows_english(client: TestClient, staff: Staff) -> None:
    login(client, staff.alice)
    page = client.get("/dashboard/callbacks")
    assert "折り返し電話" in page.text
    response = client.post("/dashboard/lang", data={"csrf_token": csrf_of(page.text), "language": "en",
                                                    "next": "/dashboard/callbacks"}, follow_redirects=False)
    assert response.headers["location"] == "/dashboard/callbacks"
    assert "Callbacks (registered number only)" in client.get("/dashboard/callbacks").text
    # An open redirect through ``next`` is not possible.
    evil = client.post("/dashboard/lang", data={"csrf_token": csrf_of(page.text), "language": "ja",
                                                "next": "//evil.example/"}, follow_redirects=False)
    assert evil.headers["location"] == "/dashboard/"


def test_live_polling_does_not_keep_an_idle_session_alive(
        client: TestClient, staff: Staff, container: Container) -> None:
    login(client, staff.alice)
    for _ in range(4):
        clock(container).advance(dt.timedelta(minutes=10))
        if client.get("/dashboard/queue/poll").status_code != 200:
            break
    assert client.get("/dashboard/queue/poll").status_code == 401
    assert container.clock.now() - dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.UTC) <= dt.timedelta(minutes=40)

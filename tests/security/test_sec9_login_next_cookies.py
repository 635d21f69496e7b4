"""Finding 9: lockout messages revealed which usernames exist; CR/LF in ``next`` crashed the
language switch; the session cookie lacked ``Secure`` by default."""

from __future__ import annotations

from pathlib import Path

from dashboard_support import Staff, csrf_of, login
from fastapi.testclient import TestClient

from core.container import Container
from core.settings import Settings
from dashboard import texts
from madoguchi.app import build_container
from madoguchi.asgi import build_asgi


def _error_text(html: str) -> str:
    start = html.index('class="error"') if 'class="error"' in html else 0
    return html[start:start + 400]


def test_one_login_failure_message_for_every_cause(container: Container, staff: Staff) -> None:
    with TestClient(build_asgi(container)) as client:
        for _ in range(8):  # lock alice
            login(client, staff.alice, password="wrong")
        locked = login(client, staff.alice)  # right password, but locked
        unknown = login(client, "nobody-here", password="wrong")
        wrong = login(client, staff.bob, password="wrong")
    assert locked.status_code == unknown.status_code == wrong.status_code == 401
    message = texts.text("login_failed", "ja")
    for response in (locked, unknown, wrong):
        assert message in response.text
        assert "秒後" not in response.text and "seconds" not in response.text


def test_crlf_and_foreign_targets_in_next_are_not_followed(container: Container, staff: Staff) -> None:
    with TestClient(build_asgi(container)) as client:
        assert login(client, staff.alice).status_code == 303
        token = csrf_of(client.get("/dashboard/").text)
        for target in ("/dashboard/\r\nSet-Cookie: x=1", "/dashboard/%0d%0a", "/dashboard/\nLocation: //evil",
                       "//evil.example/", "https://evil.example/", "/dashboard/\\\\evil", "/dashboard/\x00"):
            r = client.post("/dashboard/lang", data={"csrf_token": token, "language": "en", "next": target},
                            follow_redirects=False)
            assert r.status_code == 303, (target, r.status_code)
            location = r.headers["location"]
            assert "\r" not in location and "\n" not in location and "evil" not in location
        r = client.post("/dashboard/lang", data={"csrf_token": token, "language": "ja", "next": "/dashboard/outbox"},
                        follow_redirects=False)
        assert r.headers["location"] == "/dashboard/outbox"


def test_session_cookie_is_secure_by_default(tmp_path: Path, database_url: str) -> None:
    from core.migrate import upgrade

    upgrade(database_url)
    assert Settings(public_base_url="https://ca.example.jp").cookies_secure
    assert Settings(public_base_url="http://ca.example.jp").cookies_secure
    # The quick start (plain http on loopback) is the development case; an explicit setting always wins.
    assert not Settings(public_base_url="http://127.0.0.1:8080").cookies_secure
    assert Settings(public_base_url="http://127.0.0.1:8080", secure_cookies=True).cookies_secure
    c = build_container(Settings(data_dir=tmp_path / "data", database_url=database_url,
                                 public_base_url="https://ca.example.jp"))
    try:
        with TestClient(build_asgi(c), base_url="https://testserver") as client:
            cookie = client.get("/dashboard/login").headers["set-cookie"]
        assert "secure" in cookie.lower() and cookie.startswith("__Host-")
    finally:
        c.dispose()

"""The security middleware: strict headers on the dashboard, common ones elsewhere, never overriding."""

from __future__ import annotations

from fastapi import FastAPI, Response
from fastapi.testclient import TestClient

from core.settings import Settings
from dashboard import install_security


def app() -> FastAPI:
    a = FastAPI()

    @a.get("/dashboard/x")
    def dash() -> dict[str, str]:
        return {"ok": "yes"}

    @a.get("/dashboard/own")
    def own() -> Response:
        return Response("x", headers={"Content-Security-Policy": "default-src 'none'; sandbox"})

    @a.get("/api/y")
    def api() -> dict[str, str]:
        return {"ok": "yes"}

    install_security(a, Settings())
    return a


def test_dashboard_gets_strict_policy() -> None:
    with TestClient(app()) as client:
        headers = client.get("/dashboard/x").headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert "max-age=" in headers["strict-transport-security"] and headers["referrer-policy"] == "same-origin"


def test_endpoint_policy_wins_and_other_paths_get_common_headers() -> None:
    with TestClient(app()) as client:
        assert client.get("/dashboard/own").headers["content-security-policy"] == "default-src 'none'; sandbox"
        api = client.get("/api/y").headers
    assert api["x-content-type-options"] == "nosniff" and "content-security-policy" not in api

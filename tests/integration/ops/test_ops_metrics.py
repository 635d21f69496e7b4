"""Metrics, liveness and readiness of a real ``madoguchi serve`` process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import ServerProcess, run_cli, server_env, start_server
from tests.integration.ops.ops_support import drive_revocation, staff

TOKEN = "scrape-me-7f3a"


@pytest.fixture
def metered(database_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    env = server_env(database_url, tmp_path / "data")
    env["MADOGUCHI_METRICS_TOKEN"] = TOKEN
    run_cli(env, "init")
    srv = start_server(env)
    try:
        yield srv
    finally:
        srv.stop()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_revocation_latency_is_counted_and_probes_answer(metered: ServerProcess) -> None:
    http = httpx.Client(base_url=metered.base, timeout=30)
    assert http.get("/metrics").status_code == 401
    assert http.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert http.get("/healthz").json() == {"status": "alive"}
    ready = http.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert set(ready.json()["checks"]) == {"database", "ca_key", "crl_fresh", "smtp"}

    people = json.loads(run_cli(metered.env, "demo", "--load-only", "--json"))
    person = next(p for p in people if p["serials"])
    a, b = staff(metered.env)
    done = drive_revocation(metered, person, a, b)

    scraped = http.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert scraped.status_code == 200
    got = samples(scraped.text)
    kind = (("kind", "emergency_revocation"),)
    assert got[("madoguchi_revocation_approval_to_crl_seconds_count", kind)] == 1
    assert got[("madoguchi_revocation_approval_to_crl_seconds_sum", kind)] > 0
    assert got[("madoguchi_case_time_to_callback_seconds_count", kind)] == 1
    assert got[("madoguchi_case_time_to_approval_seconds_count", kind)] == 1
    assert got[("madoguchi_smtp_messages_total", (("outcome", "stored"),))] == 1
    assert got[("madoguchi_cases", (("kind", "emergency_revocation"), ("state", "revoked")))] == 1
    assert got[("madoguchi_inbound_messages", (("outcome", "processed"),))] == 1
    gen = (("generation", "1"),)
    assert got[("madoguchi_crl_number", gen)] == done["crl_number"]
    assert 0 < got[("madoguchi_crl_next_update_seconds", gen)] <= 7 * 86400
    assert got[("madoguchi_jobs_oldest_runnable_age_seconds", ())] >= 0
    assert ("madoguchi_faq_cases", (("outcome", "handed_off"),)) in got


def test_readyz_is_503_with_a_stale_crl_or_no_database(tmp_path: Path) -> None:
    import datetime as dt

    from core.ports import FixedClock
    from core.settings import Settings
    from madoguchi.app import build_container
    from madoguchi.asgi import build_asgi
    from tests.conftest import serve_app

    settings = Settings(data_dir=tmp_path / "data")
    run_cli(server_env(settings.effective_database_url, settings.data_dir), "init")
    late = FixedClock(dt.datetime.now(dt.UTC) + dt.timedelta(days=30))
    c = build_container(settings, clock=late)
    try:
        with serve_app(build_asgi(c)) as url:
            r = httpx.get(f"{url}/readyz")
            assert r.status_code == 503
            checks = r.json()["checks"]
            assert checks["crl_fresh"]["ok"] is False and "generation(s) [1]" in checks["crl_fresh"]["detail"]
            assert checks["database"]["ok"] and checks["ca_key"]["ok"]
            assert httpx.get(f"{url}/metrics").status_code == 404  # no token configured: metrics are off
            db = settings.data_dir / "madoguchi.sqlite3"
            c.engine.dispose()
            db.rename(tmp_path / "moved.sqlite3")
            db.mkdir()  # a directory where the database file was: every connection fails
            r = httpx.get(f"{url}/readyz")
            assert r.status_code == 503 and r.json()["checks"]["database"]["ok"] is False
            assert httpx.get(f"{url}/healthz").status_code == 200
    finally:
        c.dispose()

"""``/healthz``, ``/readyz`` and ``/metrics`` for load balancers, orchestrators and Prometheus.

* ``/healthz`` — 200 while the process can answer HTTP at all.
* ``/readyz`` — 200 when every check passes, else 503; the JSON body names each check:
  the database answers, the current CA key opens and signs, every unexpired generation's CRL
  is before its nextUpdate, and each registered listener (SMTP, LMTP) is accepting.
* ``/metrics`` — Prometheus text format, only with ``Authorization: Bearer <metrics_token>``;
  with no ``metrics_token`` configured it answers 404 (metrics are off).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import select, text

from core.container import Container
from madoguchi.metrics import Metrics
from signing.models import CaGeneration

#: A successful CA key check is reused this long (opening an encrypted key is slow on purpose).
KEY_CHECK_TTL = 60.0


@dataclass
class Probes:
    """Readiness checks; the server registers its listeners as it starts them."""

    c: Container
    listeners: dict[str, Callable[[], bool]] = field(default_factory=dict)
    _key_ok_at: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self) -> dict[str, dict[str, Any]]:
        checks = {"database": self._check(self._database), "ca_key": self._check(self._ca_key),
                  "crl_fresh": self._check(self._crls)}
        for name, listening in self.listeners.items():
            checks[name] = self._check(_listener_probe(listening))
        return checks

    @staticmethod
    def _check(probe: Callable[[], str]) -> dict[str, Any]:
        try:
            return {"ok": True, "detail": probe()}
        except Exception as exc:  # noqa: BLE001 - every failure is a reason to be unready.
            return {"ok": False, "detail": f"{type(exc).__name__}: {exc}"}

    def _database(self) -> str:
        with self.c.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return "reachable"

    def _current(self) -> CaGeneration:
        with self.c.factory() as session:
            row = session.execute(
                select(CaGeneration).order_by(CaGeneration.number.desc()).limit(1)).scalar_one_or_none()
            if row is None:
                raise RuntimeError("the CA is not initialised")
            session.expunge(row)
            return row

    def _ca_key(self) -> str:
        with self._lock:
            if time.monotonic() - self._key_ok_at < KEY_CHECK_TTL:
                return "usable (checked recently)"
            gen = self._current()
            self.c.ca.keystore.open(gen.key_label).sign(b"madoguchi readiness", hashes.SHA256())
            self._key_ok_at = time.monotonic()
            return f"generation {gen.number} key signs"

    def _crls(self) -> str:
        now = self.c.clock.now()
        with self.c.factory() as session:
            gens = session.execute(select(CaGeneration).where(CaGeneration.not_after > now)).scalars().all()
            stale = [g.number for g in gens if g.crl_next_update is None or g.crl_next_update <= now]
            if not gens:
                raise RuntimeError("no unexpired CA generation")
            if stale:
                raise RuntimeError(f"CRL past nextUpdate for generation(s) {stale}")
            return ", ".join(f"gen{g.number} #{g.crl_number} until {g.crl_next_update:%Y-%m-%dT%H:%MZ}" for g in gens)


def _listener_probe(listening: Callable[[], bool]) -> Callable[[], str]:
    def probe() -> str:
        if not listening():
            raise RuntimeError("not listening")
        return "listening"

    return probe


def build_ops_router(probes: Probes, metrics: Metrics, metrics_token: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @router.get("/readyz")
    def readyz() -> JSONResponse:
        checks = probes.run()
        ready = all(c["ok"] for c in checks.values())
        return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks},
                            status_code=200 if ready else 503)

    @router.get("/metrics")
    def scrape(request: Request) -> Response:
        if not metrics_token:
            return Response("metrics are off: set metrics_token\n", status_code=404, media_type="text/plain")
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {metrics_token}".encode()):
            return Response("bearer token required\n", status_code=401, media_type="text/plain",
                            headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    return router

"""The operators' web dashboard: server-rendered pages mounted at ``/dashboard``.

Public entry points: :func:`build_dashboard_router` (include it in the FastAPI app) and
:func:`install_security` / :class:`SecurityHeadersMiddleware` (add them to the same app).
The routes are imported inside :func:`build_dashboard_router`, so that importing
``core.sessions`` (for the schema) stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.security import SecurityHeadersMiddleware, install_security

if TYPE_CHECKING:
    from fastapi import APIRouter

    from core.container import Container

STATIC = Path(__file__).with_name("static")
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

__all__ = ["SecurityHeadersMiddleware", "build_dashboard_router", "install_security"]


def build_dashboard_router(c: Container) -> APIRouter:
    """Create the ``/dashboard`` router bound to the container's services."""
    from fastapi import APIRouter
    from fastapi.responses import Response

    from core import sessions as _sessions  # noqa: F401 - registers the web_ tables on Base.
    from dashboard.routes_admin import add_admin_routes
    from dashboard.routes_applicants import add_applicant_routes
    from dashboard.routes_auth import add_auth_routes
    from dashboard.routes_cases import add_case_routes
    from dashboard.routes_conversation import add_conversation_routes
    from dashboard.routes_jobs import add_job_routes
    from dashboard.routes_online import add_online_routes
    from dashboard.routes_queue import add_queue_routes
    from dashboard.web import PREFIX, Dashboard

    d = Dashboard(c)
    router = APIRouter(prefix=PREFIX, include_in_schema=False)
    add_auth_routes(router, d)
    add_queue_routes(router, d)
    add_case_routes(router, d)
    add_admin_routes(router, d)
    add_job_routes(router, d)
    add_applicant_routes(router, d)
    add_conversation_routes(router, d)
    add_online_routes(router, d)
    files = {p.name: p for p in STATIC.iterdir() if p.suffix in STATIC_TYPES}

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        # Only the files shipped in static/ are served; no path from the request reaches the disk.
        path = files.get(name)
        if path is None:
            return Response(status_code=404)
        return Response(path.read_bytes(), media_type=STATIC_TYPES[path.suffix],
                        headers={"Cache-Control": "no-cache"})

    return router

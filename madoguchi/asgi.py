"""Builds the one ASGI application: operators' API, dashboard, applicants' portal, repository, OCSP, chat."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from core.container import Container
from dashboard.api import build_api_router


def build_asgi(c: Container) -> FastAPI:
    """Mount every HTTP surface of the process on one FastAPI application.

    ``app.state.probes`` holds the readiness checks; ``serve`` registers its listeners there.
    """
    from bots.linkpage import build_link_router
    from bots.webchat import build_webchat_router
    from dashboard import build_dashboard_router, install_security
    from madoguchi.health import Probes, build_ops_router
    from madoguchi.metrics import metrics_for
    from portal import build_portal_router
    from signing.http import build_router as build_repository_router

    app = FastAPI(title="Madoguchi", version="0.1.0",
                  description="Help desk of the certification authority: operators' API, repository and OCSP.")
    app.include_router(build_api_router(c))
    app.include_router(build_repository_router(c.ca))
    app.include_router(build_webchat_router(c.faq, c.chat, c.factory))
    app.include_router(build_link_router(c.chat))
    app.include_router(build_dashboard_router(c))
    app.include_router(build_portal_router(c))
    app.state.probes = Probes(c)
    app.include_router(build_ops_router(app.state.probes, metrics_for(c.factory, c.clock), c.settings.metrics_token))
    install_security(app, c.settings)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/dashboard/")

    return app

"""Builds the one ASGI application: operators' API, dashboard, public repository, OCSP, chat."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from core.container import Container
from dashboard.api import build_api_router


def build_asgi(c: Container) -> FastAPI:
    """Mount every HTTP surface of the process on one FastAPI application."""
    from bots.webchat import build_webchat_router
    from dashboard import build_dashboard_router, install_security
    from signing.http import build_router as build_repository_router

    app = FastAPI(title="Madoguchi", version="0.1.0",
                  description="Help desk of the certification authority: operators' API, repository and OCSP.")
    app.include_router(build_api_router(c))
    app.include_router(build_repository_router(c.ca))
    app.include_router(build_webchat_router(c.faq, c.chat, c.factory))
    app.include_router(build_dashboard_router(c))
    install_security(app, c.settings)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/dashboard/")

    return app

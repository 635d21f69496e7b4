"""The applicants' portal: the online certificate application, mounted at ``/apply``.

Public entry point: :func:`build_portal_router` (include it in the FastAPI app).  The
portal is a channel like the dashboard: it gets the container's services handed in and
never builds services itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import APIRouter

    from core.container import Container

__all__ = ["build_portal_router"]


def build_portal_router(c: Container) -> APIRouter:
    """Create the ``/apply`` router bound to the container's services."""
    from fastapi import APIRouter

    from portal.routes import PREFIX, Portal, add_portal_routes

    router = APIRouter(prefix=PREFIX, include_in_schema=False)
    add_portal_routes(router, Portal(c))
    return router

"""HTTP side of Madoguchi: operators\x27 API, dashboard and the ASGI application."""

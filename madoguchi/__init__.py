"""The composition root: builds every service from settings and starts it (CLI, serve, demo).

It may import every package; nothing imports it.
"""

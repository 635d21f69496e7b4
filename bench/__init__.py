"""Benchmarks, run as scripts (``.venv/bin/python bench/<name>.py``); a package so that
``bench/dashboard.py`` is ``bench.dashboard`` to type checkers, not a second ``dashboard``."""

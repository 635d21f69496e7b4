"""What a log line is about: the case tag and message id of the work in progress (context variables).

The worker binds the job it runs (and the inbound message or case of its payload); the handlers
and the case service note the case tag and the mail's Message-ID as soon as they know them.
Formatters (``madoguchi.logs``) read :func:`current` for every record.  Each job binds afresh
and resets on exit, so nothing leaks from one job into the next.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

FIELDS = ("case_tag", "message_id", "inbound_message_id", "case_id", "job_id", "job_kind")
_VARS: dict[str, contextvars.ContextVar[Any]] = {name: contextvars.ContextVar(name, default=None) for name in FIELDS}


def note(**values: Any) -> None:
    """Set fields for the rest of the current context (a job, a request); unknown names are refused."""
    for name, value in values.items():
        if value is not None:
            _VARS[name].set(value)


@contextmanager
def bound(**values: Any) -> Iterator[None]:
    """Set fields for the duration of the block; every field is reset afterwards, also those noted inside."""
    tokens = [(var, var.set(values.get(name))) for name, var in _VARS.items()]
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def current() -> dict[str, Any]:
    """The fields set in this context (only those with a value)."""
    return {name: value for name, var in _VARS.items() if (value := var.get()) is not None}

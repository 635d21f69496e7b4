"""Logging of ``madoguchi serve``: plain text by default, JSON lines with ``MADOGUCHI_LOG_FORMAT=json``.

A JSON line carries the time (UTC, ISO 8601), level, logger, message, the exception if any,
and the fields of :mod:`core.logcontext` that are set: ``case_tag``, ``message_id``
(the mail's Message-ID), ``inbound_message_id``, ``case_id``, ``job_id``, ``job_kind``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any

from core import logcontext

_TEXT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with the work-in-progress context."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "thread": record.threadName,
        }
        line.update(logcontext.current())
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The classic line, followed by ``[case=… msg=…]`` when a case or message is in context."""

    def __init__(self) -> None:
        super().__init__(_TEXT)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        ctx = logcontext.current()
        tags = " ".join(f"{k}={ctx[k]}" for k in ("case_tag", "message_id") if k in ctx)
        return f"{text} [{tags}]" if tags else text


def configure_logging(fmt: str, level: int = logging.INFO) -> None:
    """Send the root logger to stderr in *fmt* (``text`` or ``json``), replacing earlier handlers."""
    if fmt not in ("text", "json"):
        raise ValueError(f"log_format must be 'text' or 'json', not {fmt!r}")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("mail.log").setLevel(logging.WARNING)

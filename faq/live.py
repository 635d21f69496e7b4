"""A FAQ engine that can be rebuilt while in use, so operators' new example phrasings count at once.

:class:`FaqEngine` is immutable; this holder swaps in a freshly built one when the examples
stored in the database change. Readers always see one complete engine, old or new.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from faq.engine import FaqAnswer, FaqEngine

Examples = list[tuple[str, str, str]]


class LiveFaqEngine:
    """Delegates to the current :class:`FaqEngine`; :meth:`refresh` rebuilds it when examples change."""

    def __init__(self, build: Callable[[Examples], FaqEngine], examples: Callable[[], Examples]) -> None:
        self._build, self._examples_source = build, examples
        self._lock = threading.Lock()
        self._examples = sorted(examples())
        self._engine = build(self._examples)

    @property
    def current(self) -> FaqEngine:
        return self._engine

    def ask(self, text: str, language: str | None = None) -> FaqAnswer:
        return self._engine.ask(text, language)

    def refresh(self) -> bool:
        """Rebuild the engine if the stored examples changed; return True when it did."""
        examples = sorted(self._examples_source())
        with self._lock:
            if examples == self._examples:
                return False
            engine = self._build(examples)
            self._engine, self._examples = engine, examples
            return True

    def __getattr__(self, name: str) -> Any:
        # Everything else (entry, rank, question_text...) comes from the current engine.
        return getattr(self._engine, name)

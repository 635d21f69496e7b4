"""A FAQ engine that can be rebuilt while in use, so operators' new example phrasings count at once.

:class:`FaqEngine` is immutable; this holder swaps in a freshly built one when the examples
stored in the database change. Readers always see one complete engine, old or new.

The first engine is built on first use, not when the holder is made: every command line call
builds the whole container, and most of them (adding an operator, importing applications)
never ask the FAQ.  ``madoguchi serve`` asks for it at start-up, so a server still reads its
FAQ before it answers anyone.  The stored examples are still read when the holder is made:
the first question may come inside a transaction (a mail being processed), where reading
them would need a second database connection.
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
        self._examples: Examples = sorted(examples())
        self._engine: FaqEngine | None = None

    @property
    def current(self) -> FaqEngine:
        """The engine in use, built on the first call from the examples read last."""
        engine = self._engine
        if engine is not None:
            return engine
        with self._lock:
            if self._engine is None:
                self._engine = self._build(self._examples)
            return self._engine

    def ask(self, text: str, language: str | None = None) -> FaqAnswer:
        return self.current.ask(text, language)

    def refresh(self) -> bool:
        """Rebuild the engine if the stored examples changed; return True when they did.

        Before the first use only the examples are replaced; the first use builds from them.
        """
        examples = sorted(self._examples_source())
        with self._lock:
            if examples == self._examples:
                return False
            if self._engine is not None:
                self._engine = self._build(examples)
            self._examples = examples
            return True

    def __getattr__(self, name: str) -> Any:
        # Everything else (entry, rank, question_text...) comes from the current engine.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.current, name)

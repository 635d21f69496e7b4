"""The live FAQ engine: examples read when it is made, the engine built on first use, rebuilt on change."""

from __future__ import annotations

from faq.engine import FaqEngine
from faq.live import Examples, LiveFaqEngine

PHRASE = "ぴよぴよ証明書"


def test_the_engine_is_built_on_first_use_from_the_examples_read_at_the_start() -> None:
    stored: Examples = [("general-01", "ja", "ぴよぴよ証明書って何")]
    reads: list[int] = []
    builds: list[Examples] = []

    def examples() -> Examples:
        reads.append(1)
        return list(stored)

    def build(ex: Examples) -> FaqEngine:
        builds.append(ex)
        return FaqEngine.load(embedder="none", extra_examples=ex)

    live = LiveFaqEngine(build, examples)
    assert reads and not builds  # Examples read now (outside any transaction), nothing built yet.
    stored.clear()  # Changed after the start: the first use still builds from what was read.
    assert live.ask(PHRASE).faq_id == "general-01"
    assert live.entry("general-01") is not None and len(builds) == 1
    assert live.refresh() is True and len(builds) == 2
    assert live.ask(PHRASE).faq_id is None
    assert live.refresh() is False and len(builds) == 2


def test_a_refresh_before_the_first_use_only_replaces_the_examples() -> None:
    stored: Examples = []
    builds: list[Examples] = []

    def build(ex: Examples) -> FaqEngine:
        builds.append(ex)
        return FaqEngine.load(embedder="none", extra_examples=ex)

    live = LiveFaqEngine(build, lambda: list(stored))
    stored.append(("general-01", "ja", "ぴよぴよ証明書って何"))
    assert live.refresh() is True and not builds
    assert live.current.ask(PHRASE).faq_id == "general-01" and len(builds) == 1

"""Token buckets and the bot texts."""

from __future__ import annotations

from bots.ratelimit import TokenBucketLimiter
from bots.texts import TEXTS, pick_language, t


def test_bots_bucket_burst_then_refill() -> None:
    now = [100.0]
    limiter = TokenBucketLimiter(rate=0.5, burst=3, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b") is True
    now[0] += 1.0  # half a token: still refused
    assert limiter.allow("a") is False
    now[0] += 1.5
    assert limiter.allow("a") is True and limiter.allow("a") is False
    now[0] += 1000
    assert sum(limiter.allow("a") for _ in range(10)) == 3


def test_bots_texts_cover_both_languages() -> None:
    for key, variants in TEXTS.items():
        assert variants["ja"] and variants["en"], key
    assert "MDG-000001" in t("case_opened", "en", tag="MDG-000001")
    assert t("help", "fr") == TEXTS["help"]["ja"]
    assert pick_language("en-GB") == "en" and pick_language("ja") == "ja"
    assert pick_language(None, fallback="en") == "en" and pick_language("de") == "ja"

"""The faq_ tables on real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dbkit.db import transaction
from faq.engine import FaqEngine
from faq.models import FaqFeedback, FaqProcessedUpdate, FaqUnanswered
from faq.store import (
    add_example,
    claim_update,
    load_examples,
    prune_processed_updates,
    record_feedback,
    record_unanswered,
)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    return session_factory


def test_faq_claim_update_once(factory: sessionmaker[Session]) -> None:
    assert claim_update(factory, 2**40) is True
    assert claim_update(factory, 2**40) is False
    assert claim_update(factory, 7) is True


def test_faq_prune_processed_updates(factory: sessionmaker[Session]) -> None:
    claim_update(factory, 1)
    with transaction(factory) as s:
        old = s.get(FaqProcessedUpdate, 1)
        assert old is not None
        old.processed_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    claim_update(factory, 2)
    assert prune_processed_updates(factory, dt.timedelta(days=2)) == 1
    assert claim_update(factory, 1) is True and claim_update(factory, 2) is False


def test_faq_unanswered_and_feedback_rows(factory: sessionmaker[Session]) -> None:
    row_id = record_unanswered(
        factory,
        channel="webchat",
        external_user="web:x",
        language="ja",
        text="天気？",
        confidence=0.1,
        closest=["general-01", "general-02"],
    )
    record_feedback(factory, channel="telegram", external_user="tg:1", faq_id="general-03", helpful=True)
    with factory() as s:
        unanswered = s.get(FaqUnanswered, row_id)
        assert unanswered is not None
        assert (unanswered.closest, unanswered.resolved) == ("general-01,general-02", False)
        assert unanswered.created_at.tzinfo is not None
        assert [(f.faq_id, f.helpful) for f in s.scalars(select(FaqFeedback))] == [("general-03", True)]


def test_faq_operator_examples_round_trip(factory: sessionmaker[Session]) -> None:
    add_example(factory, faq_id="application-11", language="ja", text="ぽちった申込を無かったことに", created_by="op")
    examples = load_examples(factory)
    assert examples == [("application-11", "ja", "ぽちった申込を無かったことに")]
    assert FaqEngine.load(extra_examples=examples).ask("ぽちった申込を無かったことにしたい").faq_id == "application-11"

"""Reading and writing the ``faq_`` tables: unanswered questions, feedback, dedupe, examples."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from dbkit.db import transaction
from faq.models import FaqExample, FaqFeedback, FaqProcessedUpdate, FaqUnanswered


def record_unanswered(
    factory: sessionmaker[Session],
    *,
    channel: str,
    external_user: str,
    language: str,
    text: str,
    confidence: float,
    closest: list[str],
) -> int:
    """Store a question for a human and return its row id."""
    with transaction(factory) as session:
        row = FaqUnanswered(
            channel=channel,
            external_user=external_user,
            language=language,
            text=text[:4000],
            confidence=confidence,
            closest=",".join(closest)[:512],
        )
        session.add(row)
        session.flush()
        return row.id


def record_feedback(
    factory: sessionmaker[Session], *, channel: str, external_user: str, faq_id: str, helpful: bool
) -> None:
    """Store one "was this helpful?" vote."""
    with transaction(factory) as session:
        session.add(FaqFeedback(channel=channel, external_user=external_user, faq_id=faq_id, helpful=helpful))


def claim_update(factory: sessionmaker[Session], update_id: int) -> bool:
    """Mark a Telegram update as processed; False when it had been processed already."""
    try:
        with transaction(factory) as session:
            if session.get(FaqProcessedUpdate, update_id) is not None:
                return False
            session.add(FaqProcessedUpdate(update_id=update_id))
    except IntegrityError:
        # Two deliveries raced; the primary key let exactly one of them in.
        return False
    return True


def prune_processed_updates(factory: sessionmaker[Session], older_than: dt.timedelta) -> int:
    """Forget processed update ids older than *older_than* (Telegram redelivers for 24 h at most)."""
    cutoff = dt.datetime.now(dt.UTC) - older_than
    with transaction(factory) as session:
        result = session.execute(delete(FaqProcessedUpdate).where(FaqProcessedUpdate.processed_at < cutoff))
        return int(getattr(result, "rowcount", 0) or 0)


def add_example(factory: sessionmaker[Session], *, faq_id: str, language: str, text: str, created_by: str = "") -> None:
    """Store an operator's example phrasing (the live engine picks it up on its next refresh)."""
    with transaction(factory) as session:
        session.add(FaqExample(faq_id=faq_id, language=language, text=text, created_by=created_by))


def load_examples(factory: sessionmaker[Session]) -> list[tuple[str, str, str]]:
    """All operator example phrasings as (faq_id, language, text), for ``FaqEngine.load``."""
    with factory() as session:
        rows = session.execute(select(FaqExample.faq_id, FaqExample.language, FaqExample.text)).all()
    return [(r[0], r[1], r[2]) for r in rows]

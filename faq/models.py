"""Tables of the FAQ engine and chat bots (all prefixed ``faq_``).

* ``faq_unanswered`` – questions the engine could not answer confidently, for a human.
* ``faq_feedback`` – "was this helpful?" votes on an answer.
* ``faq_processed_update`` – Telegram update ids already handled, so redeliveries are ignored.
* ``faq_example`` – example phrasings added by operators on top of ``examples.json``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dbkit.db import Base, UTCDateTime


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


class FaqUnanswered(Base):
    """A question the engine did not answer, waiting for a human on the dashboard."""

    __tablename__ = "faq_unanswered"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    channel: Mapped[str] = mapped_column(String(32), nullable=False)
    external_user: Mapped[str] = mapped_column(String(128), nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    confidence: Mapped[float] = mapped_column(Float, nullable=False)
    closest: Mapped[str] = mapped_column(String(512), nullable=False, default="")
    resolved: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class FaqFeedback(Base):
    """One "was this helpful?" vote."""

    __tablename__ = "faq_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    channel: Mapped[str] = mapped_column(String(32), nullable=False)
    external_user: Mapped[str] = mapped_column(String(128), nullable=False)
    faq_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    helpful: Mapped[bool] = mapped_column(Boolean, nullable=False)


class FaqProcessedUpdate(Base):
    """A Telegram update already handled; the primary key makes a second insert fail."""

    __tablename__ = "faq_processed_update"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)


class FaqExample(Base):
    """An example phrasing an operator attached to an FAQ entry."""

    __tablename__ = "faq_example"
    __table_args__ = (UniqueConstraint("faq_id", "language", "text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    faq_id: Mapped[str] = mapped_column(String(64), nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    text: Mapped[str] = mapped_column(String(500), nullable=False)
    created_by: Mapped[str] = mapped_column(String(128), nullable=False, default="")

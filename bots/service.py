"""The conversation logic shared by all chat channels.

A message is first classified by the :class:`~bots.ports.ChatRouter`.  Requests open a case
and the user is told its tag and that the CA will call the registered phone number.  Everything
else is answered from the FAQ; when the engine is unsure the question is recorded for a human
and the three closest FAQ questions are offered ("もしかして…" / "Did you mean…"), each of
which the channel shows as a button that answers with that entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from bots.ports import REQUEST_INTENTS, ChatRouter
from bots.texts import t
from faq.engine import FaqEngine
from faq.live import LiveFaqEngine
from faq.store import record_unanswered

MAX_TEXT = 4000
SUGGESTIONS = 3


@dataclass(slots=True)
class ChatReply:
    """What to tell the user; channels render it (buttons, HTML, JSON)."""

    kind: str  # "case", "answer" or "unanswered".
    language: str
    text: str
    intent: str
    case_tag: str | None = None
    faq_id: str | None = None
    question: str | None = None
    answer: str | None = None
    confidence: float = 0.0
    related: list[tuple[str, str]] = field(default_factory=list)  # (faq id, question text)
    suggestions: list[tuple[str, str]] = field(default_factory=list)  # closest entries when unanswered


class ChatService:
    """Turns one incoming chat message into a :class:`ChatReply` (blocking; run off the event loop)."""

    def __init__(self, engine: FaqEngine | LiveFaqEngine, router: ChatRouter,
                 session_factory: sessionmaker[Session]) -> None:
        self.engine = engine
        self.router = router
        self.session_factory = session_factory

    def related_pairs(self, ids: list[str], language: str) -> list[tuple[str, str]]:
        """Pair each FAQ id with its question text in *language*."""
        return [(fid, self.engine.question_text(fid, language)) for fid in ids if self.engine.entry(fid)]

    def entry_reply(self, faq_id: str, language: str) -> ChatReply | None:
        """The reply showing one entry (for a pressed button), or None for an unknown id."""
        if self.engine.entry(faq_id) is None:
            return None
        question = self.engine.question_text(faq_id, language)
        answer = self.engine.answer_text(faq_id, language)
        related = self.engine.ask(self.engine.question_text(faq_id, "ja"), language=language).related
        return ChatReply(
            kind="answer",
            language=language,
            text=f"Q. {question}\n\n{answer}",
            intent="faq",
            faq_id=faq_id,
            question=question,
            answer=answer,
            confidence=1.0,
            related=self.related_pairs([r for r in related if r != faq_id], language),
        )

    def handle(self, channel: str, external_user: str, display_name: str, text: str, language: str) -> ChatReply:
        """Classify and answer one message."""
        text = text.strip()[:MAX_TEXT]
        intent = self.router.classify(text)
        if intent in REQUEST_INTENTS:
            tag = self.router.open_case(channel, external_user, display_name, text, intent, language)
            body = t("case_opened", language, tag=tag)
            if intent == "emergency_revocation":
                body += "\n" + t("urgent_note", language)
            return ChatReply(kind="case", language=language, text=body, intent=intent, case_tag=tag)
        result = self.engine.ask(text, language=language)
        if result.faq_id is not None:
            return ChatReply(
                kind="answer",
                language=language,
                text=f"Q. {result.question}\n\n{result.answer}",
                intent=intent,
                faq_id=result.faq_id,
                question=result.question,
                answer=result.answer,
                confidence=result.confidence,
                related=self.related_pairs(result.related, language),
            )
        record_unanswered(
            self.session_factory,
            channel=channel,
            external_user=external_user,
            language=language,
            text=text,
            confidence=result.confidence,
            closest=result.related,
        )
        return ChatReply(
            kind="unanswered",
            language=language,
            text=t("unanswered", language),
            intent=intent,
            confidence=result.confidence,
            suggestions=self.related_pairs(result.related[:SUGGESTIONS], language),
        )

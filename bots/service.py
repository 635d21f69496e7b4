"""The conversation logic shared by all chat channels.

A message is first classified by the :class:`~bots.ports.ChatRouter`.  A request opens no case
(a chat account identifies nobody): the chat explains the procedure and asks for the email
address registered on the application; a message that is just an address asks the router to mail
a one-time link, and the answer is the same whether or not the address is on record.  For an
emergency, or a message the classifier finds possibly one (:mod:`intake.possemerg`), the fax and
phone procedure of the CA is given as well, and a possible emergency is not answered from the
FAQ.  Everything else is answered
from the FAQ; when the engine is unsure the question is recorded for a human and the three
closest FAQ questions are offered ("もしかして…" / "Did you mean…"), each of which the channel
shows as a button that answers with that entry.

Whatever creates rows (a remembered request, a link, an unanswered question) is first counted
against the router's shared limits for the *client* (a web chat's address, a Telegram chat); a
refusal is a reply of kind ``limited``, which the web chat answers with 429.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from bots.ports import REQUEST_INTENTS, ChatRouter
from bots.texts import t
from faq.engine import FaqEngine
from faq.live import LiveFaqEngine
from faq.store import record_unanswered

MAX_TEXT = 4000
SUGGESTIONS = 3
#: A message that is only an email address (the registered address asked for after a request).
ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})\.[A-Za-z]{2,63}")


@dataclass(slots=True)
class ChatReply:
    """What to tell the user; channels render it (buttons, HTML, JSON)."""

    kind: str  # "procedure", "link", "limited", "answer" or "unanswered".
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

    def handle(self, channel: str, external_user: str, display_name: str, text: str, language: str,
               client: str | None = None) -> ChatReply:
        """Classify and answer one message; *client* keys the limits (default: the chat user)."""
        text = text.strip()[:MAX_TEXT]
        client = client or external_user
        if ADDRESS.fullmatch(text):
            answer = self.router.request_link(channel, external_user, client, text, language)
            key = {"sent_if_known": "link_sent", "no_request": "link_no_request"}.get(answer)
            if key is None:
                return ChatReply(kind="limited", language=language, text=t("rate_limited", language), intent="link")
            return ChatReply(kind="link", language=language, text=t(key, language), intent="link")
        intent = self.router.classify(text)
        if intent in REQUEST_INTENTS:
            if not self.router.remember_request(channel, external_user, client, text, intent, language):
                return ChatReply(kind="limited", language=language, text=t("request_limited", language), intent=intent)
            body = t("request_procedure", language)
            possible = self.router.possible_emergency(text)
            if intent == "emergency_revocation" or possible:
                body = t("emergency_procedure", language) + "\n\n" + body
            if possible:
                # An emergency that is not sure: the writer is told why first.
                body = t("possible_emergency", language) + "\n\n" + body
            return ChatReply(kind="procedure", language=language, text=body, intent=intent)
        if self.router.possible_emergency(text):
            # A possible emergency is not answered from the FAQ: the writer is shown how to stop the
            # certificate now, and a person can be asked about the rest.
            body = t("possible_emergency", language) + "\n\n" + t("emergency_procedure", language)
            return ChatReply(kind="procedure", language=language, text=body, intent=intent)
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
        if self.router.allow("unanswered", f"{channel}:{client}"):
            # Beyond the limit the writer still gets the suggestions; only nothing is recorded.
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

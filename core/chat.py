"""The chat channels' way into the workflow (implements ``bots.ports.ChatRouter``).

Chat messages go through the same classifier as mail.  A chat account is not an identity, so
a request from a chat never opens a case by itself: it is kept until the writer gives the
email address registered on the application, a one-time link is mailed there if (and only if)
it belongs to an applicant on record, and the case opens when that link is followed
(:mod:`core.chatlinks`).  Everything that creates rows is counted by the shared limiter
(:mod:`core.limits`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from core import limits
from core.cases import CaseService
from core.chatlinks import ChatLinks, Confirmed, LinkAnswer, LinkView
from core.limits import Limit, RowLimiter
from core.ports import Clock

#: The limits the channels ask for by name (see :meth:`ChatRouter.allow`).
NAMED_LIMITS: dict[str, Limit] = {
    "unanswered": limits.UNANSWERED_PER_CLIENT,
    "feedback": limits.FEEDBACK_PER_CLIENT,
    "telegram_update": limits.TELEGRAM_UPDATES_PER_CHAT,
    "link_confirm": limits.LINK_CONFIRM_PER_CLIENT,
}


class TextClassification(Protocol):
    """What the chat needs of a classifier's verdict: the intent, why, the serials read, whether it may be urgent."""

    @property
    def intent(self) -> str: ...

    @property
    def reasons(self) -> Sequence[str]: ...

    @property
    def serials(self) -> Sequence[str]: ...

    @property
    def possible_emergency(self) -> bool: ...


class ChatRouter:
    """Classifies chat text, keeps requests until a one-time link is followed, and limits row creation."""

    def __init__(self, factory: sessionmaker[Session], cases: CaseService, clock: Clock,
                 classify_text: Callable[[str], TextClassification], public_base_url: str = "") -> None:
        self.factory, self.cases, self.clock = factory, cases, clock
        # The bot asks for the intent and the link step reads reasons and serials of the same
        # text; one cache per router lets them share a single run of the (pure) classifier.
        self._classify = lru_cache(maxsize=256)(classify_text)
        self.limiter = RowLimiter(factory, clock)
        self.links = ChatLinks(factory, cases, clock, self.limiter, public_base_url, self._read)

    def _read(self, text: str) -> tuple[Sequence[str], Sequence[str], bool]:
        result = self._classify(text)
        return tuple(result.reasons), tuple(result.serials), bool(result.possible_emergency)

    def classify(self, text: str) -> str:
        return str(self._classify(text).intent)

    def possible_emergency(self, text: str) -> bool:
        return bool(self._classify(text).possible_emergency)

    def allow(self, limit: str, key: str) -> bool:
        return self.limiter.allow(NAMED_LIMITS[limit], key)

    def remember_request(self, channel: str, external_user: str, client: str, text: str, intent: str,
                         language: str) -> bool:
        return self.links.remember_request(channel, external_user, client, text, intent, language)

    def request_link(self, channel: str, external_user: str, client: str, address: str, language: str) -> str:
        return self.links.request_link(channel, external_user, client, address, language).value

    def link_view(self, token: str) -> LinkView | None:
        return self.links.view(token)

    def confirm_link(self, token: str) -> Confirmed:
        return self.links.confirm(token)


__all__ = ["ChatRouter", "Confirmed", "LinkAnswer", "LinkView"]

"""The chat channels' way into the workflow (implements ``bots.ports.ChatRouter``).

Chat messages go through the same classifier as mail. A chat account is not an identity, so
a request from chat opens a case without an applicant: an operator links it to the person
on record, and the callback still goes to the phone number registered on the application.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from core import workflow as wf
from core.cases import CaseService, NewCase
from core.models import InboundMessage
from core.ports import Clock


class TextClassification(Protocol):
    """What the chat needs of a classifier's verdict: the intent, why, and the serials read."""

    @property
    def intent(self) -> str: ...

    @property
    def reasons(self) -> Sequence[str]: ...

    @property
    def serials(self) -> Sequence[str]: ...


class ChatRouter:
    """Classifies chat text and opens cases for requests."""

    def __init__(self, factory: sessionmaker[Session], cases: CaseService, clock: Clock,
                 classify_text: Callable[[str], TextClassification]) -> None:
        self.factory, self.cases, self.clock = factory, cases, clock
        # The bot asks for the intent and then opens the case with the same text; one cache
        # per router lets both calls share a single run of the (pure) classifier.
        self._classify = lru_cache(maxsize=256)(classify_text)

    def classify(self, text: str) -> str:
        return str(self._classify(text).intent)

    def open_case(self, channel: str, external_user: str, display_name: str, text: str, intent: str,
                  language: str) -> str:
        result = self._classify(text)  # Usually cached from the bot's classify() call just before.
        now: dt.datetime = self.clock.now()
        raw = text.encode("utf-8")
        with self.factory() as session, session.begin():
            # The chat message is kept like a mail, so operators see exactly what was written.
            msg = InboundMessage(channel=channel, received_at=now, mail_from=f"{channel}:{external_user}",
                                 rcpt_tos=[], peer=display_name[:64], raw=raw,
                                 sha256=hashlib.sha256(raw).hexdigest(), status="processed",
                                 parsed={"text": text, "new_text": text, "from_name": display_name,
                                         "subject": "", "language": language})
            session.add(msg)
            session.flush()
            case = self.cases.open_case(session, NewCase(
                kind=wf.Kind(intent), channel=channel, reply_to="", subject=f"{channel}: {display_name}"[:500],
                summary=text[:2000], language=language, reasons=tuple(result.reasons),
                serials=tuple(result.serials), inbound_message_id=msg.id,
            ), actor=f"{channel}:{external_user}")
            msg.case_id = case.id
            return case.tag

"""What the chat bots need from the rest of Madoguchi, as Protocols.

The lead's request pipeline implements :class:`ChatRouter`; the bots only classify a message
and, for requests, ask the router to open a case and report its tag back to the user.
"""

from __future__ import annotations

from typing import Final, Protocol

from core.workflow import REQUEST_KINDS

#: Intents that are requests to the CA: they open a case instead of being answered from the FAQ.
#: Derived from the workflow's one list of kinds.
REQUEST_INTENTS: Final = frozenset(kind.value for kind in REQUEST_KINDS)


class ChatRouter(Protocol):
    """Classifies chat messages and opens cases for requests."""

    def classify(self, text: str) -> str:
        """Return the intent of *text*.

        One of cancellation, revocation, emergency_revocation, death_notice, correction, faq, other.
        """
        ...

    def open_case(
        self, channel: str, external_user: str, display_name: str, text: str, intent: str, language: str
    ) -> str:
        """Open a case for a request and return its tag, e.g. "MDG-000042"."""
        ...

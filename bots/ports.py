"""What the chat bots need from the rest of Madoguchi, as Protocols.

The core's chat router (``core.chat.ChatRouter``) implements :class:`ChatRouter`.  A chat
account identifies nobody, so the bots never open a case: a request is remembered, the writer is
asked for the registered email address, and a one-time link mailed there (only when the address
is on record) opens the case when followed.  Anything that creates rows is counted by the
router's shared limiter first.
"""

from __future__ import annotations

from typing import Final, Protocol

from core.chatlinks import Confirmed, LinkView
from core.workflow import REQUEST_KINDS

#: Intents that are requests to the CA: they start the link procedure instead of being answered.
#: Derived from the workflow's one list of kinds.
REQUEST_INTENTS: Final = frozenset(kind.value for kind in REQUEST_KINDS)


class ChatRouter(Protocol):
    """Classifies chat messages, keeps requests until a link is followed, limits row creation."""

    def classify(self, text: str) -> str:
        """Return the intent of *text*.

        One of cancellation, revocation, emergency_revocation, death_notice, correction, faq, other.
        """
        ...

    def possible_emergency(self, text: str) -> bool:
        """Whether *text* may well be an emergency revocation without being sure to be one.

        Its intent is then an emergency where the evidence is strong enough, else what it was read
        as; either way the writer is told why, and shown the emergency procedure.
        """
        ...

    def allow(self, limit: str, key: str) -> bool:
        """Count one event of *key* against the named limit; False when it is exhausted."""
        ...

    def remember_request(self, channel: str, external_user: str, client: str, text: str, intent: str,
                         language: str) -> bool:
        """Keep a request until an address is given; False when the limits refuse it."""
        ...

    def request_link(self, channel: str, external_user: str, client: str, address: str, language: str) -> str:
        """Mail a one-time link if *address* is on record: "sent_if_known", "no_request" or "limited"."""
        ...

    def link_view(self, token: str) -> LinkView | None:
        """The request behind a link, for its page; None for an unknown token."""
        ...

    def confirm_link(self, token: str) -> Confirmed:
        """Open the case behind a link once; raises ``core.chatlinks.LinkRefused`` otherwise."""
        ...

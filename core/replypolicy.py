"""What an automatic reply may say: nothing about anyone's records unless the sender is established.

The rule (:data:`ReplyRule.UNESTABLISHED_SENDER`): a mail whose sender is not *authenticated*
(no aligned DKIM pass, no ``dmarc=pass`` from our trusted MTA, no valid S/MIME signature of our
CA for the From address; see :mod:`intake.authenticity`) or not *matched* to an applicant on
record gets, of all automatic replies, at most

* a neutral acknowledgement (template ``ack_unverified``) without case number, name, kind,
  serial or state, in place of acknowledgements, missing-document notices and refusals; or
* the FAQ answer (public text), without name and case number (template ``faq_answer_public``).

Anyone can write any ``From`` address, so these replies reach a person who may not have written,
and must not tell them (or a forger reading a shared mailbox) what the CA holds.  Once a
callback to the registered phone number has confirmed the request, the case's later mails are
sent in full.  The rule and its reason are recorded on the case and in the audit log.

A second rule (:data:`ReplyRule.AUTO_SUBMITTED_SOURCE`, RFC 3834 section 2): a request that came
in a mail its sending program marked as machine-sent (``Auto-Submitted`` other than ``no``: a fax
gateway's notice, a contact form's relay) gets no automatic reply at all until the callback has
confirmed it.  The case is opened as for any request; an operator writes to the person by hand.
Answering such mail automatically is how mail loops and backscatter to gateways' no-reply
addresses begin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from core.outbox import AUTO_TEMPLATES

#: The neutral acknowledgement: no detail of the case or the records.
NEUTRAL_ACK: Final = "ack_unverified"
#: The FAQ answer without name and case number.
PUBLIC_FAQ_ANSWER: Final = "faq_answer_public"
#: Context keys the FAQ answer keeps when the sender is not established (the public FAQ text).
PUBLIC_FAQ_KEYS: Final = ("question_ja", "answer_ja", "question_en", "answer_en")


class ReplyRule(StrEnum):
    """Rule ids recorded when an automatic reply is reduced."""

    UNESTABLISHED_SENDER = "reply-unestablished-sender"
    AUTO_SUBMITTED_SOURCE = "reply-auto-submitted-source"


@dataclass(frozen=True)
class ReplyPlan:
    """The template and context to send, and the rule that reduced them (None: sent as asked).

    ``withheld`` means that nothing is sent: the rule leaves the reply to an operator.
    """

    template: str
    context: dict[str, Any]
    rule: ReplyRule | None = None
    reason: str = ""
    withheld: bool = False


def sender_authenticated(sender_auth: dict[str, Any] | None, address: str) -> bool:
    """True on an aligned DKIM or DMARC pass, or a valid S/MIME signature of our CA for *address*."""
    if not sender_auth:
        return False
    if sender_auth.get("verified"):
        return True
    smime = sender_auth.get("smime") or {}
    signer_emails = {str(e).lower() for e in smime.get("signer_emails") or []}
    return smime.get("result") == "pass" and bool(address) and address.strip().lower() in signer_emails


def plan_reply(template: str, context: dict[str, Any], *, sender_auth: dict[str, Any] | None, address: str,
               applicant_known: bool, callback_confirmed: bool, auto_submitted: Sequence[str] = ()) -> ReplyPlan:
    """Decide what an outgoing mail of a case may say, if anything (see the module's rules).

    *auto_submitted* lists the header signs by which the request's mail asked not to be answered
    automatically (:func:`intake.automated.reply_suppression`).
    """
    if template not in AUTO_TEMPLATES or callback_confirmed:
        return ReplyPlan(template, context)
    if auto_submitted:
        reason = "the request's mail was marked as machine-sent (" + "; ".join(auto_submitted) + ")"
        return ReplyPlan(template, {}, ReplyRule.AUTO_SUBMITTED_SOURCE, reason, withheld=True)
    authenticated = sender_authenticated(sender_auth, address)
    if authenticated and applicant_known:
        return ReplyPlan(template, context)
    why = []
    if not authenticated:
        why.append("sender not authenticated (no DKIM/DMARC pass for the From domain, no valid S/MIME signature)")
    if not applicant_known:
        why.append("sender not matched to an applicant on record")
    reason = "; ".join(why)
    if template == "faq_answer":
        public: dict[str, Any] = {k: context[k] for k in PUBLIC_FAQ_KEYS if k in context}
        return ReplyPlan(PUBLIC_FAQ_ANSWER, {**public, "kind": "faq"}, ReplyRule.UNESTABLISHED_SENDER, reason)
    return ReplyPlan(NEUTRAL_ACK, {}, ReplyRule.UNESTABLISHED_SENDER, reason)

"""Rules-based intent classification of customer mail and chat messages.

The chain reads the new text (subject and body without quotes and signature) first; only
if it holds nothing about any intent does it look at the quoted text and a reply's
subject, with lower confidence.  Every decision records the rules that led to it.

Order of precedence, highest first: a question without any first-person request or
incident is ``faq``; then ``death_notice``; then ``emergency_revocation`` (a lost or
stolen PC or key compromise together with urgency, a revocation request or a first-person
incident report; an urgent revocation request; or an explicit 緊急失効 request); then
``correction`` (certificate contents wrong, to be reported within 10 days of issuance);
then ``revocation`` (失効, or a キャンセル of a certificate that was already issued);
then ``cancellation`` (キャンセル or 取り消し of an application);
then ``faq`` for remaining questions; else ``other``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, get_args

from intake.parse import ParsedMail
from intake.quoting import split_body
from intake.rules import (
    APPLICATION,
    CANCEL_WORD,
    COMPROMISE,
    CORRECTION,
    DEATH,
    EMERGENCY_REVOCATION,
    FAQ_TOPIC,
    HYPOTHETICAL,
    INCIDENT,
    ISSUED_CERTIFICATE,
    NOT_ISSUED,
    QUESTION,
    REQUEST,
    REVOCATION,
    URGENCY,
    Rule,
)
from intake.serials import extract_serials

Intent = Literal["cancellation", "revocation", "emergency_revocation", "death_notice", "correction", "faq", "other"]
INTENTS: tuple[str, ...] = get_args(Intent)
_TOPIC_RULES: tuple[Rule, ...] = (
    DEATH,
    COMPROMISE,
    EMERGENCY_REVOCATION,
    REVOCATION,
    CANCEL_WORD,
    CORRECTION,
)
_ALL_RULES: tuple[Rule, ...] = (
    DEATH,
    COMPROMISE,
    URGENCY,
    EMERGENCY_REVOCATION,
    REVOCATION,
    CANCEL_WORD,
    APPLICATION,
    ISSUED_CERTIFICATE,
    NOT_ISSUED,
    CORRECTION,
    REQUEST,
    INCIDENT,
    QUESTION,
    HYPOTHETICAL,
    FAQ_TOPIC,
)
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fw|fwd|aw|返信|転送)\s*[:：]\s*|\[[^\]]*\]\s*)+", re.I)


@dataclass(frozen=True)
class Classification:
    """The intent of one message, why, the serials it names, and how sure we are (0–1)."""

    intent: Intent
    reasons: list[str] = field(default_factory=list)
    serials: list[str] = field(default_factory=list)
    confidence: float = 0.0


_NEGATED = re.compile(r"[^\s、。,.]{1,12}?(?:ではなく|じゃなくて|じゃなく|ではありません|ではないです)")


def _norm(text: str) -> str:
    """NFKC-normalise so full-width, half-width and compatibility forms match alike.

    Negated topics ("失効ではなく申込の取り消しです") are removed, so that only what the
    writer does want is matched by the rules.
    """
    return _NEGATED.sub("", unicodedata.normalize("NFKC", text))


def _check_all(text: str) -> dict[str, list[str]]:
    return {rule.name: rule.check(text) for rule in _ALL_RULES}


def _decide(hits: dict[str, list[str]], serials: list[str]) -> tuple[Intent, list[str]]:
    """Apply the precedence described in the module docstring to one set of rule hits."""
    first_person = hits["request"] + hits["incident"]
    if serials:
        first_person = [*first_person, f"serial given: {serials[0]}"]
    asks = hits["question"] + hits["hypothetical"]
    if asks and not first_person:
        return "faq", [*asks, "decision: a question without a first-person request or incident"]
    if hits["death"]:
        return "death_notice", [*hits["death"], "decision: the holder's death is reported"]
    compromise = hits["compromise"]
    pressing = hits["urgency"] + hits["revocation"] + hits["emergency_revocation"] + hits["incident"]
    if compromise and pressing:
        return "emergency_revocation", [
            *compromise,
            *pressing,
            "decision: lost/stolen device or key compromise, to act on now",
        ]
    if hits["revocation"] and hits["urgency"] and first_person:
        return "emergency_revocation", [
            *hits["revocation"],
            *hits["urgency"],
            "decision: an urgent revocation request",
        ]
    if hits["emergency_revocation"]:
        return "emergency_revocation", [*hits["emergency_revocation"], "decision: emergency revocation asked"]
    if hits["correction"]:
        return "correction", [*hits["correction"], "decision: certificate contents are wrong"]
    issued = (hits["issued_certificate"] or bool(serials)) and not hits["not_issued"]
    if hits["revocation"]:
        return "revocation", [*hits["revocation"], "decision: revocation asked"]
    if hits["cancel_word"]:
        if issued:
            return "revocation", [
                *hits["cancel_word"],
                *hits["issued_certificate"],
                "decision: cancelling a certificate that was already issued is a revocation",
            ]
        return "cancellation", [
            *hits["cancel_word"],
            *hits["application"],
            *hits["not_issued"],
            "decision: cancelling an application",
        ]
    if asks:
        return "faq", [*asks, "decision: a question on no request topic"]
    return "other", ["decision: no rule matched"]


def _has_topic(hits: dict[str, list[str]]) -> bool:
    return any(hits[rule.name] for rule in _TOPIC_RULES)


# Only the start of very long texts is read: a request is stated early, and the rules
# must stay fast on pasted logs or forwarded archives.
MAX_CHARS = 20_000


def classify_parts(subject: str, new_text: str, quoted_text: str) -> Classification:
    """Classify from the separated parts of a message (the core of both entry points)."""
    subject, new_text, quoted_text = subject[:1000], new_text[:MAX_CHARS], quoted_text[:MAX_CHARS]
    is_reply = bool(_REPLY_PREFIX.match(subject))
    own_subject = "" if is_reply else subject
    main = _norm(own_subject + "\n" + new_text)
    serials = extract_serials(own_subject + "\n" + new_text)
    hits = _check_all(main)
    if _has_topic(hits) or (hits["question"] and not hits["request"]):
        intent, reasons = _decide(hits, serials)
        strength = sum(len(hits[r.name]) for r in _TOPIC_RULES)
        confidence = 0.9 if strength >= 2 else 0.75
        if intent in ("faq", "other"):
            confidence = 0.6
        if not serials:
            serials = extract_serials(quoted_text)
        return Classification(intent, reasons, serials, confidence)
    # Nothing in the new text: fall back to the reply's subject and the quoted mail.
    context = _norm(_REPLY_PREFIX.sub("", subject) + "\n" + quoted_text)
    context_hits = _check_all(context)
    serials = serials or extract_serials(subject + "\n" + quoted_text)
    adopt = not main.strip() or bool(serials) or _looks_like_confirmation(main)
    if _has_topic(context_hits) and adopt:
        # The new text decides whether it is a request ("はい、お願いします") or a question.
        merged = dict(context_hits)
        merged["request"] = [
            *hits["request"],
            *context_hits["request"],
            "request: the reply confirms the quoted topic",
        ]
        merged["question"] = hits["question"]
        merged["hypothetical"] = hits["hypothetical"]
        intent, reasons = _decide(merged, serials)
        return Classification(intent, ["from quoted text or subject", *reasons], serials, 0.5)
    intent, reasons = _decide(hits, serials)
    return Classification(intent, reasons, serials, 0.6 if intent == "faq" else 0.3)


def _looks_like_confirmation(text: str) -> bool:
    """Tell whether a reply's own text is a short yes/please (which confirms the quoted topic)."""
    pattern = r"はい|お願い|承知|了解|問題ありません|相違ありません|\byes\b|\bplease\b|\bok\b|confirm"
    return bool(re.search(pattern, text, re.I)) and len(text) < 400


def classify(parsed: ParsedMail) -> Classification:
    """Classify a parsed mail; the new text outweighs quoted text and a reply's subject."""
    return classify_parts(parsed.subject, parsed.new_text, parsed.quoted_text)


def classify_text(text: str, subject: str = "") -> Classification:
    """Classify a chat message or any free text, separating quotes and signature first."""
    split = split_body(text)
    return classify_parts(subject, split.new_text, split.quoted_text)

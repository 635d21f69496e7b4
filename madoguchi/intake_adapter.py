"""Adapter from the ``intake`` package's parser and classifier to the workflow's view of a mail."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from core.handlers import Interpretation
from core.reasons import Kind as ReasonKind
from core.reasons import write as write_reason


@dataclass
class SenderChecks:
    """What checking a sender needs: DNS for DKIM, our MTA's authserv-id, our CA certificates."""

    dns: Callable[[str], bytes | None] | None = None  # None: the system resolver (dnspython)
    authserv_id: str = ""
    ca_certificates_pem: Callable[[], bytes] = field(default=lambda: b"")


#: Why a mail that opened a case despite its wording is not answered automatically, shown to operators.
_WORDED_LIKE_AN_AUTO_REPLY = "文面が自動応答のよう（ヘッダーの印なし） / worded like an auto-reply (no header sign)"


def interpret(raw: bytes, mail_domain: str, checks: SenderChecks | None = None) -> Interpretation:
    """Parse and classify one raw mail; raises when the mail cannot be parsed at all."""
    from intake import smime
    from intake.authenticity import assess
    from intake.automated import detect_automated, reply_suppression
    from intake.classify import classify, classify_both_ways
    from intake.outgoing import extract_case_tag, is_our_own
    from intake.parse import parse_message

    parsed = parse_message(raw)
    verdict = detect_automated(parsed)
    automated, auto_reasons = str(verdict.verdict), list(verdict.reasons)
    if automated == "none" and is_our_own(parsed.header_list, mail_domain):
        automated, auto_reasons = "auto_reply", [write_reason(ReasonKind.OWN_LOOP)]
    overruled = False
    if verdict.by_words_alone:
        # Only the wording calls this mail automatic.  Read as a person's, it may report a key at risk
        # ("出張中ですが、ノートPCを盗まれました"): then a person looks at it, at an emergency's urgency.
        result, as_persons = classify_both_ways(parsed, str(verdict.verdict))
        if as_persons.signals.reports_compromise and (
                as_persons.intent == "emergency_revocation" or as_persons.possible_emergency):
            result, overruled = as_persons, True
            auto_reasons.append(write_reason(ReasonKind.AUTOMATED_OVERRULED, verdict=automated))
    else:
        result = classify(parsed, automated=str(verdict.verdict))
    checks = checks or SenderChecks()
    sender = assess(raw, parsed.from_addr or "", dns=checks.dns, authserv_id=checks.authserv_id,
                    sender_flags=parsed.sender_flags).as_json()
    signed = smime.verify(raw, checks.ca_certificates_pem()) if smime.is_signed(raw) else None
    if no_auto_reply := reply_suppression(parsed):
        # The sending program asked not to be answered automatically (RFC 3834); the case keeps it.
        sender["no_auto_reply"] = no_auto_reply
    elif overruled:
        # It may still be an automatic reply, and those are never answered automatically: an operator writes.
        sender["no_auto_reply"] = [_WORDED_LIKE_AN_AUTO_REPLY]
    serials = list(result.serials)
    if signed is not None:
        sender["smime"] = signed
        # A mail signed with one of our certificates is about that certificate unless it names another.
        if signed["result"] == "pass" and not serials:
            serials = [signed["signer_serial"]]
    return Interpretation(
        message_id=parsed.message_id,
        from_addr=parsed.from_addr or "",
        subject=parsed.subject or "",
        text=parsed.text or "",
        new_text=parsed.new_text or "",
        language=parsed.language or "ja",
        automated=automated,
        bounce_of=verdict.original_message_id,
        # A bounce returns our mail: its tag may be only in the returned subject or text.
        case_tag=extract_case_tag(parsed.subject or "", list(parsed.references or []))
        or (extract_case_tag(parsed.text or "") if automated == "bounce" else None),
        references=list(parsed.references or []) + ([parsed.in_reply_to] if parsed.in_reply_to else []),
        intent=result.intent,
        reasons=list(auto_reasons) + list(result.reasons),
        serials=serials,
        extra={"attachments": [{"filename": a.filename, "content_type": a.content_type, "size": a.size}
                                for a in parsed.attachments],
               "defects": list(parsed.defects), "from_name": parsed.from_name, "sender": sender,
               "signals": dataclasses.asdict(result.signals), "model": dict(result.model)},
        # Inexact candidates are only hints: the core uses one only if it is a certificate on record.
        serial_candidates=[c.value for c in result.serial_candidates if not c.exact and c.value not in serials],
        names_issued_certificate=result.signals.refers_to_issued_certificate,
        fax_unread=result.fax_unread,
        # Automated mail is never flagged (the classifier was given the verdict); our own looping mail neither.
        # A mail automatic by its wording alone that reports a key at risk is the exception.
        possible_emergency=overruled or (result.possible_emergency and automated == "none"),
        automated_overruled=overruled,
    )

"""What the case page tells an operator: the next step, warnings, facts and reasons in words.

Pure functions over values the route has loaded; every text is a key of :mod:`dashboard.texts`
(with its parameters), so Japanese and English come from one place and no raw key, rule id
or ``None`` reaches the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from core import workflow as wf
from core.reasons import Kind as ReasonKind
from core.reasons import parse as parse_reason
from core.replypolicy import ReplyRule
from core.urgency import Urgency
from dashboard import texts


@dataclass(frozen=True)
class Line:
    """One line of a checklist: ``ok`` is True (✓), False (✗) or None (a neutral fact)."""

    ok: bool | None
    key: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NextStep:
    """The one thing the case needs now (``step``) and what the operator should know first."""

    step: str
    warnings: list[Line]


# ----------------------------------------------------------------------------- next step


def urgency_mark(urgency: str | None) -> str | None:
    """The text key of the mark shown beside a case's kind when the case is worked as urgently as an
    emergency on weak evidence (its ``urgency`` column: a possible emergency, a fax nobody has read
    yet), else None.  The subject is never read for it: a customer may write anything there."""
    if urgency is None or urgency not in {u.value for u in Urgency}:
        return None
    return f"mark_{urgency}"


def next_step(case: Any, *, failed: bool, has_pending_callback: bool, certificates: int) -> str:
    """Name the one step the case needs now; the page shows one primary button for it.

    ``link_applicant`` / ``enter_serial`` (triage), ``documents``, ``callback``, ``approve``,
    ``executing``, ``failed``, ``triage`` (a question or other message to answer or close) and
    ``done``.
    """
    state = case.state
    if failed:
        return "failed"
    if state == wf.State.EXECUTING.value:
        return "executing"
    if state in {s.value for s in wf.TERMINAL}:
        return "done"
    if state == wf.State.AWAITING_APPROVAL.value:
        return "approve"
    if state == wf.State.AWAITING_CALLBACK.value:
        return "callback" if has_pending_callback else "triage"
    if state == wf.State.AWAITING_DOCUMENTS.value:
        return "documents"
    kind = wf.Kind(case.kind)
    if not wf.is_request(kind):
        return "triage"
    if case.applicant_id is None:
        return "link_applicant"
    if kind is not wf.Kind.CANCELLATION and case.certificate_id is None and certificates:
        return "enter_serial"
    return "triage"


def warnings(case: Any, *, revoked_in: str | None, certificate_revoked: bool,
             duplicates: Iterable[Any], rule: str | None) -> list[Line]:
    """What should stop an operator before acting: a revoked certificate, an open duplicate, a refusal."""
    found: list[Line] = []
    # A certificate this very case revoked is its result, not a warning.
    if certificate_revoked and case.state not in (wf.State.REVOKED.value, wf.State.REISSUED.value):
        if revoked_in:
            found.append(Line(False, "warn_revoked_in", {"tag": revoked_in}))
        else:
            found.append(Line(False, "warn_revoked"))
    dups = list(duplicates)
    if any(d.same_applicant for d in dups):
        found.append(Line(False, "warn_same_applicant"))
    if any(d.same_certificate for d in dups):
        found.append(Line(False, "warn_same_certificate"))
    said = rule == wf.Rule.ALREADY_REVOKED.value and certificate_revoked
    stopped = case.state in (wf.State.NEEDS_TRIAGE.value, wf.State.REFUSED.value)
    if rule and f"rule_{rule}" in texts.TEXTS and not said and stopped:
        found.append(Line(False, f"rule_{rule}"))
    return found


# ----------------------------------------------------------------------------- facts


def fact_lines(case: Any, revoked_now: bool | None = None) -> list[Line]:
    """The facts read from the register, as sentences with ✓ / ✗ (for this kind of request).

    *revoked_now* is the register's answer today: a case's facts are those of its last rule
    check, and a certificate revoked since (by this case or another) must not read as valid.
    """
    facts = wf.Facts(**case.facts) if case.facts else wf.Facts()
    if revoked_now is not None and facts.certificate_known:
        facts = replace(facts, certificate_revoked=revoked_now)
    kind = wf.Kind(case.kind)
    lines = [
        Line(facts.applicant_known, "fact_applicant_known" if facts.applicant_known else "fact_applicant_unknown"),
    ]
    if not facts.applicant_known:
        return lines
    lines.append(Line(facts.has_registered_phone, "fact_phone" if facts.has_registered_phone else "fact_no_phone"))
    if kind is wf.Kind.CANCELLATION:
        lines.append(Line(facts.application_open, "fact_application_open" if facts.application_open
                          else "fact_application_not_open"))
        lines.append(Line(not facts.application_steps_complete, "fact_steps_complete"
                          if facts.application_steps_complete else "fact_steps_incomplete"))
        if facts.residence_copy_return_requested:
            lines.append(Line(None, "fact_residence_return"))
        return lines
    lines.append(Line(facts.certificate_known, "fact_certificate_known" if facts.certificate_known
                      else "fact_certificate_unknown"))
    if facts.certificate_known:
        lines.append(Line(not facts.certificate_revoked, "fact_certificate_revoked" if facts.certificate_revoked
                          else "fact_certificate_valid"))
        if facts.days_since_issuance is not None:
            within = facts.days_since_issuance <= wf.CORRECTION_WINDOW_DAYS
            lines.append(Line(within if kind is wf.Kind.CORRECTION else None, "fact_days_since_issuance",
                              {"days": facts.days_since_issuance}))
    elif kind is not wf.Kind.CORRECTION:
        lines.append(Line(None, "fact_has_valid" if facts.has_valid_certificate else "fact_has_no_valid"))
    return lines


# ----------------------------------------------------------------------------- reasons

# What a reason of each kind says to the operator (the kinds of :mod:`core.reasons`), where it
# needs nothing read from the reason but its kind.  A fax the intake could not read says so
# once, whichever way it failed; the fax reader's other reasons (the gateway's signs, the page
# count) and the model's vote are shown only in the raw list.
_SAID: dict[ReasonKind, Line] = {
    ReasonKind.SERIAL_UNCLEAR: Line(False, "why_serial_unclear"),
    ReasonKind.REGISTER: Line(None, "why_register"),
    ReasonKind.FORM_RELAY: Line(True, "why_form_relay"),
    ReasonKind.FAX_SERIAL_UNCLEAR: Line(False, "why_fax_serial_unclear"),
    ReasonKind.FAX_SERIAL_READ: Line(True, "why_fax_serial_read"),
    ReasonKind.POSSIBLE_EMERGENCY: Line(False, "why_possible_emergency"),
    ReasonKind.AUTOMATED_OVERRULED: Line(False, "why_automated_overruled"),
    **dict.fromkeys((ReasonKind.FAX_UNOPENED, ReasonKind.FAX_NO_PAGES, ReasonKind.FAX_BLANK,
                     ReasonKind.FAX_ILLEGIBLE, ReasonKind.FAX_OCR_FAILED, ReasonKind.FAX_NOT_UNDERSTOOD,
                     ReasonKind.FAX_PAGES_UNREAD),
                    Line(False, "why_fax_unread")),
}

# The kinds said only in the raw list: the own-loop mark belongs to our own mail coming back,
# an automated mail that is never answered, and its raw words say all there is to it.
RAW_ONLY: frozenset[ReasonKind] = frozenset({ReasonKind.OWN_LOOP})


def _reason_line(kind: ReasonKind, params: dict[str, str]) -> Line | None:
    """The line a reason of *kind* with *params* is said in, or None when it is not said."""
    if kind in _SAID:
        return _SAID[kind]
    if kind is ReasonKind.RULE:
        key = f"why_{params['rule']}"
        # The words are stored as a quoted literal; a line break in them reads as a space on the page.
        words = params["words"].replace("\\n", " ").strip(" .。")
        return Line(True, key, {"words": words}) if key in texts.TEXTS else None
    if kind is ReasonKind.KEYWORD:
        return Line(True, "why_keyword", {"words": params["words"]})
    if kind is ReasonKind.MANUAL_INTAKE:
        return Line(None, "why_manual", {"who": params["who"]})
    if kind is ReasonKind.SERIAL_LOOSE:
        return Line(True, "why_serial_loose", {"serial": params["serial"].upper()})
    if kind is ReasonKind.REPLY_RULE:
        withheld = params["rule"] == ReplyRule.AUTO_SUBMITTED_SOURCE.value
        return Line(None, "why_reply_withheld" if withheld else "why_reply_reduced")
    if kind in (ReasonKind.FAX_FORM_TITLE, ReasonKind.FAX_FORM_WORDS):
        key = f"why_fax_form_{params['form']}"
        return Line(True, key) if key in texts.TEXTS else None
    if kind is ReasonKind.PROMOTED:
        key = f"why_read_as_{params['read_as']}"
        return Line(None, key) if key in texts.TEXTS else None
    return None


def reason_lines(reasons: Iterable[str]) -> list[Line]:
    """The classifier's and the intake's reasons, in the operator's words (unknown ones are left out).

    The raw reasons stay available behind a toggle on the page; here only what can be said
    properly is said.  A reason is known by its kind (:func:`core.reasons.parse`), never by
    words copied from its producer.
    """
    lines: list[Line] = []
    for reason in reasons:
        parsed = parse_reason(reason)
        line = _reason_line(*parsed) if parsed is not None else None
        if line is None or (line.key == "why_fax_unread" and line in lines):
            continue
        lines.append(line)
    return lines


# ----------------------------------------------------------------------------- audit sentences


def audit_sentence(ev: Any, language: str, names: dict[str, str] | None = None) -> str:
    """One audit event as a sentence: who did what, the state change, the rule and the note."""
    t = texts.translator(language)
    detail: dict[str, Any] = ev.detail or {}
    who = (names or {}).get(ev.actor, ev.actor)
    what = texts.label("audit_", ev.action, language)
    parts = [t("audit_sentence", who=who, what=what)]
    before, after = detail.get("from"), detail.get("to")
    if before and after and before != after:
        parts.append(t("audit_state_change", before=texts.label("state_", str(before), language),
                       after=texts.label("state_", str(after), language)))
    raw_event = detail.get("event")
    event: dict[str, Any] = raw_event if isinstance(raw_event, dict) else {}
    if ev.action == "Reclassified" and event.get("kind"):
        parts.append(t("audit_kind", kind=texts.label("kind_", str(event["kind"]), language)))
    if ev.action == "urgency_cleared" and detail.get("urgency"):
        parts.append(t("audit_urgency", mark=texts.label("mark_", str(detail["urgency"]), language)))
    if ev.action == "CallbackRecorded" and event.get("outcome"):
        parts.append(texts.label("outcome_", str(event["outcome"]), language))
    if detail.get("serial"):
        parts.append(t("audit_serial", serial=str(detail["serial"]).upper()))
    if detail.get("rule") and f"rule_{detail['rule']}" in texts.TEXTS:
        parts.append(texts.text(f"rule_{detail['rule']}", language))
    if detail.get("merged_into") or detail.get("merged_from"):
        parts.append(t("audit_merge", tag=detail.get("merged_into") or detail.get("merged_from")))
    if detail.get("task"):
        parts.append(texts.label("task_", str(detail["task"]), language))
    note = detail.get("note") or detail.get("notes")
    if note:
        parts.append(t("audit_note", note=str(note)))
    return " ".join(parts)

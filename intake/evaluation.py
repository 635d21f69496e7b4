"""Scoring the classifier against a labelled mail corpus.

A labels file maps each ``.eml`` file name to what a person decided about it::

    {"mail.eml": {"intent": "revocation" | ... | null, "automated": "none" | "auto_reply" | "bounce",
                  "serials": ["3a7f01c2"], "tags": ["..."]}}

An automated mail is labelled without an intent, since it is never routed by intent.  The
four figures are the ones the help desk is judged on: intent accuracy on the mails people
wrote, how many emergencies were recognised, how many mails had exactly the right serials,
and how many mails were rightly told apart as written by a person or by a machine.  A fifth
line counts the "possible emergency" flag (:mod:`intake.possemerg`): the emergencies that were
recognised or flagged, and the mails of other intents that were flagged but kept their intent.  A
sixth says how many mails were worked as emergencies on possible-emergency evidence strong enough
for it (their intent became ``emergency_revocation``; they are in the recall and the false alarms
above): the emergencies found only so, and the mails of other intents.

Serials are compared as the numbers they are: a label written ``0a17…`` and a reading of
``a17…`` name the same certificate (a serial is an integer; the register keys it so), so
both sides are written in the canonical form, lower-case hexadecimal without leading zeros,
before they are compared.

:func:`corpus_half` splits a corpus by a fixed rule (a hash of the file name), so that a
model can be fitted on one half and checked on the other without anyone choosing files.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Half = Literal["fit", "check"]


def _canonical_serial(text: str) -> str:
    """Write a labelled or read serial as lower-case hexadecimal without leading zeros.

    Text that is not hexadecimal (a label someone mistyped) is kept as it is, so that it
    still counts as a miss instead of being silently dropped.
    """
    cleaned = text.strip().lower()
    try:
        value = int(cleaned, 16)
    except ValueError:
        return cleaned
    return format(value, "x") if value > 0 else cleaned

# Writers label from a brief, not from the code, and some were told another name of an intent
# (the short "death", the long "faq_question").  Either means the same decision, so it is read as
# the code's name.
LABEL_ALIASES: Mapping[str, str] = {"death": "death_notice", "faq_question": "faq"}


def label_intent(label: Mapping[str, Any]) -> str | None:
    """Return the intent a label names, with a writer's short name read as the code's name."""
    intent = label.get("intent")
    if intent is None:
        return None
    return LABEL_ALIASES.get(str(intent), str(intent))


def unknown_intents(labels: Mapping[str, Mapping[str, Any]], intents: tuple[str, ...]) -> list[str]:
    """Return the file names whose labelled intent is none the classifier can give."""
    return sorted(
        name for name, label in labels.items() if (intent := label_intent(label)) is not None and intent not in intents
    )


def corpus_half(name: str) -> Half:
    """Return the half a file belongs to: ``"fit"`` or ``"check"``, from its base name alone."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "fit" if zlib.crc32(base.encode("utf-8")) % 2 == 0 else "check"


@dataclass(frozen=True)
class Miss:
    """One mail on which the classifier disagreed with its label, and on what."""

    file: str
    what: str
    want: str
    got: str


@dataclass
class Evaluation:
    """Counts over a labelled corpus, from which the reported figures are computed."""

    mails: int = 0
    intent_right: int = 0
    intent_total: int = 0
    emergencies_found: int = 0
    emergencies: int = 0
    emergency_false_alarms: int = 0
    #: Emergencies missed by the intent but flagged as possible emergencies.
    emergencies_flagged: int = 0
    #: Mails of another labelled intent flagged as possible emergencies.
    possible_false_flags: int = 0
    #: Emergencies found only because strong possible-emergency evidence made them emergencies.
    emergencies_promoted: int = 0
    #: Mails of another labelled intent made emergencies so (counted among the false alarms).
    promoted_false_alarms: int = 0
    serials_right: int = 0
    automated_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    @property
    def intent_accuracy(self) -> float:
        """Share of mails written by people whose intent was right."""
        return self.intent_right / self.intent_total if self.intent_total else 0.0

    @property
    def serials_exact(self) -> float:
        """Share of all mails whose set of extracted serials equals the labelled set."""
        return self.serials_right / self.mails if self.mails else 0.0

    @property
    def automated_accuracy(self) -> float:
        """Share of all mails with the right verdict: none, auto_reply or bounce."""
        return self.automated_right / self.mails if self.mails else 0.0


def score(labels: Mapping[str, Mapping[str, Any]], results: Mapping[str, Mapping[str, Any]]) -> Evaluation:
    """Compare classifier results with labels; both are keyed by file base name."""
    ev = Evaluation()
    for name in sorted(results):
        want, got = labels[name], results[name]
        ev.mails += 1
        want_auto, got_auto = str(want.get("automated", "none")), str(got["automated"])
        if want_auto == got_auto:
            ev.automated_right += 1
        else:
            ev.misses.append(Miss(name, "automated", want_auto, got_auto))
        want_serials = sorted({_canonical_serial(s) for s in want.get("serials") or []})
        got_serials = sorted({_canonical_serial(s) for s in got["serials"]})
        if want_serials == got_serials:
            ev.serials_right += 1
        else:
            ev.misses.append(Miss(name, "serials", " ".join(want_serials), " ".join(got_serials)))
        want_intent = label_intent(want)
        if want_intent is None or want_auto != "none":
            continue
        got_intent = str(got["intent"])
        ev.intent_total += 1
        ev.confusion[(str(want_intent), got_intent)] += 1
        if got_intent == want_intent:
            ev.intent_right += 1
        else:
            ev.misses.append(Miss(name, "intent", str(want_intent), got_intent))
        flagged = bool(got.get("possible_emergency")) and got_intent != "emergency_revocation"
        promoted = bool(got.get("read_as")) and got_intent == "emergency_revocation"
        if want_intent == "emergency_revocation":
            ev.emergencies += 1
            ev.emergencies_found += got_intent == "emergency_revocation"
            ev.emergencies_flagged += flagged
            ev.emergencies_promoted += promoted
        elif got_intent == "emergency_revocation":
            ev.emergency_false_alarms += 1
            ev.promoted_false_alarms += promoted
        else:
            ev.possible_false_flags += flagged
    return ev


def confusion_table(ev: Evaluation, intents: tuple[str, ...]) -> list[str]:
    """Render the confusion table: one row per labelled intent, one column per predicted one."""
    short = {i: i[:9] for i in intents}
    width = max(len(i) for i in intents)
    lines = [" " * (width + 2) + " ".join(f"{short[i]:>9}" for i in intents) + "   (rows: label, columns: got)"]
    for want in intents:
        cells = " ".join(f"{ev.confusion.get((want, got), 0) or '.':>9}" for got in intents)
        lines.append(f"{want:<{width}}  {cells}")
    return lines


def report(ev: Evaluation, intents: tuple[str, ...], *, show_misses: bool = True) -> str:
    """Render the figures, the confusion table and (optionally) every miss as plain text."""
    lines = [
        f"mails: {ev.mails}",
        f"intent accuracy: {ev.intent_accuracy:.3f} ({ev.intent_right} of {ev.intent_total} written by people)",
        f"emergency recall: {ev.emergencies_found} of {ev.emergencies}"
        f" (false alarms: {ev.emergency_false_alarms})",
        f"emergency recall (incl. possible): {ev.emergencies_found + ev.emergencies_flagged}/{ev.emergencies};"
        f" possible flags on non-emergencies: {ev.possible_false_flags}",
        f"worked as emergencies on possible-emergency evidence: {ev.emergencies_promoted} emergencies;"
        f" {ev.promoted_false_alarms} other mails",
        f"serials exact: {ev.serials_exact:.3f} ({ev.serials_right} of {ev.mails})",
        f"automated detection: {ev.automated_accuracy:.3f} ({ev.automated_right} of {ev.mails})",
        "",
        *confusion_table(ev, intents),
    ]
    if show_misses and ev.misses:
        lines += ["", "misses:"]
        lines += [f"  {m.file}: {m.what} want {m.want or '-'} got {m.got or '-'}" for m in ev.misses]
    return "\n".join(lines) + "\n"

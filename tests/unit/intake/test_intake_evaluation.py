"""The evaluation report: the strict emergency line and the one that counts possible emergencies too."""

from __future__ import annotations

from typing import Any

from intake.classify import INTENTS
from intake.evaluation import report, score


def _label(intent: str | None, automated: str = "none") -> dict[str, Any]:
    return {"intent": intent, "automated": automated, "serials": []}


def _got(intent: str, *, possible: bool = False, automated: str = "none") -> dict[str, Any]:
    return {"intent": intent, "automated": automated, "serials": [], "possible_emergency": possible}


LABELS = {
    "a.eml": _label("emergency_revocation"),  # found
    "b.eml": _label("emergency_revocation"),  # missed, flagged
    "c.eml": _label("emergency_revocation"),  # missed, not flagged
    "d.eml": _label("revocation"),  # flagged: a false flag
    "e.eml": _label("faq"),  # not flagged
    "f.eml": _label(None, "bounce"),  # automated: never counted
}
RESULTS = {
    "a.eml": _got("emergency_revocation"),
    "b.eml": _got("revocation", possible=True),
    "c.eml": _got("faq"),
    "d.eml": _got("revocation", possible=True),
    "e.eml": _got("faq"),
    "f.eml": _got("other", possible=True, automated="bounce"),
}


def test_possible_emergencies_are_counted_apart_from_the_strict_recall() -> None:
    ev = score(LABELS, RESULTS)
    assert (ev.emergencies_found, ev.emergencies) == (1, 3)
    assert ev.emergencies_flagged == 1
    assert ev.possible_false_flags == 1


def test_the_report_keeps_the_strict_line_and_adds_the_possible_one() -> None:
    text = report(score(LABELS, RESULTS), INTENTS, show_misses=False)
    lines = text.splitlines()
    assert "emergency recall: 1 of 3 (false alarms: 0)" in lines
    assert "emergency recall (incl. possible): 2/3; possible flags on non-emergencies: 1" in lines


def test_results_without_the_flag_count_no_possible_emergency() -> None:
    # Results written before the flag existed carry no such key.
    plain = {name: {k: v for k, v in got.items() if k != "possible_emergency"} for name, got in RESULTS.items()}
    text = report(score(LABELS, plain), INTENTS, show_misses=False)
    assert "emergency recall (incl. possible): 1/3; possible flags on non-emergencies: 0" in text.splitlines()


def test_an_emergency_found_and_flagged_counts_once() -> None:
    ev = score({"x.eml": _label("emergency_revocation")}, {"x.eml": _got("emergency_revocation", possible=True)})
    assert (ev.emergencies_found, ev.emergencies_flagged) == (1, 0)


def test_mails_worked_as_emergencies_on_possible_evidence_are_counted_in_the_recall_and_apart() -> None:
    labels = {"x.eml": _label("emergency_revocation"), "y.eml": _label("faq"), "z.eml": _label("emergency_revocation")}
    results = {
        "x.eml": {**_got("emergency_revocation", possible=True), "read_as": "faq"},
        "y.eml": {**_got("emergency_revocation", possible=True), "read_as": "faq"},
        "z.eml": _got("emergency_revocation"),
    }
    ev = score(labels, results)
    assert (ev.emergencies_found, ev.emergencies, ev.emergency_false_alarms) == (2, 2, 1)
    assert (ev.emergencies_promoted, ev.promoted_false_alarms) == (1, 1)
    assert (ev.emergencies_flagged, ev.possible_false_flags) == (0, 0)
    lines = report(ev, INTENTS, show_misses=False).splitlines()
    assert "worked as emergencies on possible-emergency evidence: 1 emergencies; 1 other mails" in lines


def test_serials_are_compared_as_numbers_so_a_leading_zero_is_no_miss() -> None:
    labels = {
        "z.eml": {**_label("revocation"), "serials": ["0a173171876a270e", "04A22EC995193162"]},
        "w.eml": {**_label("revocation"), "serials": ["0a173171876a270e"]},
    }
    results = {
        "z.eml": {**_got("revocation"), "serials": ["4a22ec995193162", "a173171876a270e"]},
        "w.eml": {**_got("revocation"), "serials": ["a173171876a270f"]},
    }
    ev = score(labels, results)
    assert ev.serials_right == 1
    assert [(m.file, m.what) for m in ev.misses] == [("w.eml", "serials")]

"""The workflow transition table: business rules and the four-eyes property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import workflow as wf

KNOWN = wf.Facts(applicant_known=True, has_registered_phone=True, application_open=True,
                 certificate_known=True, days_since_issuance=30)


def run(snap: wf.CaseSnapshot, *events: wf.Event) -> tuple[wf.CaseSnapshot, list[wf.Effect]]:
    effects: list[wf.Effect] = []
    for ev in events:
        d = wf.transition(snap, ev)
        snap = d.snapshot
        effects.extend(d.effects)
    return snap, effects


def test_emergency_revocation_full_path() -> None:
    snap, effects = run(
        wf.CaseSnapshot(kind=wf.Kind.EMERGENCY_REVOCATION, facts=KNOWN),
        wf.Opened(), wf.CallbackRecorded(1, "reached_confirmed"), wf.Approved(2), wf.Executed(crl_number=7),
    )
    assert snap.state is wf.State.REVOKED
    assert wf.CreateCallbackTask() in effects
    assert wf.RevokeCertificate("keyCompromise") in effects
    assert wf.SendMail("result_revoked") in effects


def test_same_operator_cannot_confirm_and_approve() -> None:
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.EMERGENCY_REVOCATION, facts=KNOWN), wf.Opened(),
                  wf.CallbackRecorded(1, "reached_confirmed"))
    with pytest.raises(wf.TransitionError, match="four eyes"):
        wf.transition(snap, wf.Approved(1))


def test_cancellation_refused_after_all_three_steps() -> None:
    facts = wf.Facts(applicant_known=True, has_registered_phone=True, application_open=True,
                     application_steps_complete=True)
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.CANCELLATION, facts=facts), wf.Opened())
    assert snap.state is wf.State.REFUSED
    assert effects == [wf.SendMail("refused_cancellation_too_late")]


def test_cancellation_before_steps_complete_needs_callback_and_returns_residence_copy() -> None:
    facts = wf.Facts(applicant_known=True, has_registered_phone=True, application_open=True)
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.CANCELLATION, facts=facts), wf.Opened(),
                        wf.CallbackRecorded(3, "reached_confirmed"), wf.Approved(4), wf.Executed())
    assert snap.state is wf.State.CANCELLED
    assert wf.CancelApplication() in effects
    assert wf.CreateTask("return_residence_certificate_if_requested") in effects


@pytest.mark.parametrize("outcome", ["number_not_in_use"])
def test_emergency_refused_when_number_not_in_use(outcome: wf.CallbackOutcome) -> None:
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.EMERGENCY_REVOCATION, facts=KNOWN), wf.Opened(),
                        wf.CallbackRecorded(1, outcome))
    assert snap.state is wf.State.REFUSED
    assert wf.SendMail("refused_emergency_unreachable") in effects


def test_emergency_retries_then_refuses_when_unreachable() -> None:
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.EMERGENCY_REVOCATION, facts=KNOWN), wf.Opened(),
                  wf.CallbackRecorded(1, "not_reached"))
    assert snap.state is wf.State.AWAITING_CALLBACK
    snap, effects = run(snap, wf.CallbackRecorded(1, "not_reached"), wf.CallbackRecorded(1, "not_reached"))
    assert snap.state is wf.State.REFUSED
    assert wf.SendMail("refused_emergency_unreachable") in effects


def test_ordinary_revocation_needs_documents_first() -> None:
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.REVOCATION, facts=KNOWN), wf.Opened())
    assert snap.state is wf.State.AWAITING_DOCUMENTS
    with pytest.raises(wf.TransitionError):
        wf.transition(snap, wf.CallbackRecorded(1, "reached_confirmed"))
    snap, _ = run(snap, wf.DocumentsVerified(1, complete=False))
    assert snap.state is wf.State.AWAITING_DOCUMENTS
    snap, effects = run(snap, wf.DocumentsVerified(1, complete=True))
    assert snap.state is wf.State.AWAITING_CALLBACK and wf.CreateCallbackTask() in effects


def test_death_notice_revokes_with_cessation() -> None:
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.DEATH_NOTICE, facts=KNOWN), wf.Opened(),
                        wf.DocumentsVerified(1, True), wf.CallbackRecorded(1, "reached_confirmed"), wf.Approved(2))
    assert snap.state is wf.State.EXECUTING
    assert wf.RevokeCertificate("cessationOfOperation") in effects


@pytest.mark.parametrize(("days", "state"), [(0, wf.State.AWAITING_CALLBACK), (10, wf.State.AWAITING_CALLBACK),
                                             (11, wf.State.REFUSED)])
def test_correction_window_is_ten_days(days: int, state: wf.State) -> None:
    facts = wf.Facts(applicant_known=True, has_registered_phone=True, certificate_known=True,
                     days_since_issuance=days)
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.CORRECTION, facts=facts), wf.Opened())
    assert snap.state is state


def test_unknown_sender_goes_to_triage_and_can_be_linked() -> None:
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.EMERGENCY_REVOCATION), wf.Opened())
    assert snap.state is wf.State.NEEDS_TRIAGE
    assert wf.NotifyOperators("unknown_applicant") in effects
    snap, _ = run(snap, wf.ApplicantLinked(1, KNOWN))
    assert snap.state is wf.State.AWAITING_CALLBACK


def test_requester_denied_rejects() -> None:
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.EMERGENCY_REVOCATION, facts=KNOWN), wf.Opened(),
                  wf.CallbackRecorded(1, "requester_denied"))
    assert snap.state is wf.State.REJECTED


def test_faq_answered_or_handed_to_human() -> None:
    assert run(wf.CaseSnapshot(kind=wf.Kind.FAQ), wf.Opened(faq_confident=True))[0].state is wf.State.ANSWERED
    assert run(wf.CaseSnapshot(kind=wf.Kind.FAQ), wf.Opened())[0].state is wf.State.NEEDS_TRIAGE


def test_terminal_states_accept_nothing() -> None:
    snap = wf.CaseSnapshot(kind=wf.Kind.REVOCATION, state=wf.State.REVOKED, facts=KNOWN)
    with pytest.raises(wf.TransitionError):
        wf.transition(snap, wf.Opened())


def test_workflow_imports_no_io_library() -> None:
    import ast
    import pathlib

    tree = ast.parse(pathlib.Path(wf.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"__future__", "dataclasses", "enum", "typing"}


# ----------------------------------------------------------------------------- property

operators = st.integers(min_value=1, max_value=3)
events = st.one_of(
    st.builds(wf.Opened, faq_confident=st.booleans()),
    st.builds(wf.Reclassified, operator_id=operators, kind=st.sampled_from(list(wf.Kind))),
    st.builds(wf.ApplicantLinked, operator_id=operators,
              facts=st.builds(wf.Facts, applicant_known=st.booleans(), has_registered_phone=st.booleans(),
                              application_steps_complete=st.booleans(), application_open=st.booleans(),
                              certificate_known=st.booleans(), certificate_revoked=st.booleans(),
                              days_since_issuance=st.one_of(st.none(), st.integers(0, 400)))),
    st.builds(wf.DocumentsVerified, operator_id=operators, complete=st.booleans()),
    st.builds(wf.CallbackRecorded, operator_id=operators,
              outcome=st.sampled_from(["reached_confirmed", "not_reached", "number_not_in_use", "requester_denied"])),
    st.builds(wf.Approved, operator_id=operators),
    st.builds(wf.Rejected, operator_id=operators),
    st.builds(wf.Executed, crl_number=st.one_of(st.none(), st.integers(1, 99))),
    st.builds(wf.Answered, operator_id=operators),
    st.builds(wf.Closed, operator_id=operators),
)


@settings(max_examples=3000, deadline=None)
@given(kind=st.sampled_from(list(wf.Kind)), facts=st.just(KNOWN) | st.builds(wf.Facts), seq=st.lists(events,
       max_size=12))
def test_nothing_is_revoked_without_confirmed_callback_and_two_distinct_operators(
    kind: wf.Kind, facts: wf.Facts, seq: list[wf.Event]
) -> None:
    snap = wf.CaseSnapshot(kind=kind, facts=facts)
    confirmed_by: set[int] = set()
    for ev in seq:
        try:
            decision = wf.transition(snap, ev)
        except wf.TransitionError:
            continue
        # Record who really confirmed a callback, from the events themselves (not the snapshot).
        if isinstance(ev, wf.CallbackRecorded) and ev.outcome == "reached_confirmed":
            confirmed_by.add(ev.operator_id)
        for effect in decision.effects:
            if isinstance(effect, (wf.RevokeCertificate, wf.CancelApplication, wf.ReissueCertificate)):
                assert isinstance(ev, wf.Approved)
                assert snap.state is wf.State.AWAITING_APPROVAL
                assert snap.callback_confirmed_by in confirmed_by
                assert ev.operator_id != snap.callback_confirmed_by
        snap = decision.snapshot
        if snap.state in (wf.State.REVOKED, wf.State.CANCELLED, wf.State.REISSUED):
            assert snap.callback_confirmed_by is not None and snap.approved_by is not None
            assert snap.callback_confirmed_by != snap.approved_by
            assert snap.callback_confirmed_by in confirmed_by


def test_correction_within_window_revokes_then_asks_staff_to_issue_the_corrected_certificate() -> None:
    facts = wf.Facts(applicant_known=True, has_registered_phone=True, certificate_known=True,
                     days_since_issuance=3)
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.CORRECTION, facts=facts), wf.Opened(),
                        wf.CallbackRecorded(1, "reached_confirmed"), wf.Approved(2), wf.Executed(crl_number=4))
    assert snap.state is wf.State.REISSUED
    assert wf.ReissueCertificate() in effects
    assert wf.CreateTask("issue_corrected_certificate") in effects
    assert wf.SendMail("result_reissued") in effects

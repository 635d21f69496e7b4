"""The workflow transition table: business rules and the four-eyes property."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import workflow as wf

KNOWN = wf.Facts(applicant_known=True, has_registered_phone=True, application_open=True,
                 certificate_known=True, days_since_issuance=30, has_valid_certificate=True)


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
    with pytest.raises(wf.TransitionError) as refused:
        wf.transition(snap, wf.Approved(1))
    assert refused.value.rule is wf.Rule.FOUR_EYES


def test_cancellation_refused_after_all_three_steps() -> None:
    facts = wf.Facts(applicant_known=True, has_registered_phone=True, application_open=True,
                     application_steps_complete=True)
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.CANCELLATION, facts=facts), wf.Opened())
    assert snap.state is wf.State.REFUSED
    assert effects == [wf.SendMail("refused_cancellation_too_late")]


@pytest.mark.parametrize("asked", [True, False])
def test_cancellation_before_steps_complete_needs_callback_and_returns_residence_copy_when_asked(
        asked: bool) -> None:
    facts = wf.Facts(applicant_known=True, has_registered_phone=True, application_open=True,
                     residence_copy_return_requested=asked)
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.CANCELLATION, facts=facts), wf.Opened(),
                        wf.CallbackRecorded(3, "reached_confirmed"), wf.Approved(4), wf.Executed())
    assert snap.state is wf.State.CANCELLED
    assert wf.CancelApplication() in effects
    assert (wf.CreateTask(wf.RETURN_RESIDENCE_COPY) in effects) is asked


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
    snap, _ = run(snap, wf.DocumentsVerified(1, checked=frozenset({"doc_request_form"})))
    assert snap.state is wf.State.AWAITING_DOCUMENTS
    snap, effects = run(snap, wf.DocumentsVerified(1, checked=frozenset(wf.REQUIRED_DOCUMENTS[wf.Kind.REVOCATION])))
    assert snap.state is wf.State.AWAITING_CALLBACK and wf.CreateCallbackTask() in effects


def test_death_notice_revokes_with_cessation() -> None:
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.DEATH_NOTICE, facts=KNOWN), wf.Opened(),
                        wf.DocumentsVerified(1, frozenset(wf.REQUIRED_DOCUMENTS[wf.Kind.DEATH_NOTICE])),
                        wf.CallbackRecorded(1, "reached_confirmed"), wf.Approved(2))
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
DOCS = sorted({doc for docs in wf.REQUIRED_DOCUMENTS.values() for doc in docs})
register_facts = st.builds(wf.Facts, applicant_known=st.booleans(), has_registered_phone=st.booleans(),
                           application_steps_complete=st.booleans(), application_open=st.booleans(),
                           certificate_known=st.booleans(), certificate_revoked=st.booleans(),
                           days_since_issuance=st.one_of(st.none(), st.integers(0, 400)),
                           has_valid_certificate=st.booleans())
events = st.one_of(
    st.builds(wf.Opened, faq_confident=st.booleans()),
    st.builds(wf.Reclassified, operator_id=operators, kind=st.sampled_from(list(wf.Kind))),
    st.builds(wf.ApplicantLinked, operator_id=operators,
              facts=st.builds(wf.Facts, applicant_known=st.booleans(), has_registered_phone=st.booleans(),
                              application_steps_complete=st.booleans(), application_open=st.booleans(),
                              certificate_known=st.booleans(), certificate_revoked=st.booleans(),
                              days_since_issuance=st.one_of(st.none(), st.integers(0, 400)))),
    st.builds(wf.DocumentsVerified, operator_id=operators, checked=st.frozensets(st.sampled_from(DOCS))),
    st.builds(wf.CallbackRecorded, operator_id=operators,
              outcome=st.sampled_from(["reached_confirmed", "not_reached", "number_not_in_use", "requester_denied"])),
    st.builds(wf.Approved, operator_id=operators, facts=st.one_of(st.none(), register_facts)),
    st.builds(wf.ExecutionChecked, facts=register_facts),
    st.builds(wf.Reopened, operator_id=operators),
    st.builds(wf.Merged, operator_id=operators, into_tag=st.just("MDG-000001")),
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


def test_correction_within_window_revokes_and_reissues() -> None:
    facts = wf.Facts(applicant_known=True, has_registered_phone=True, certificate_known=True,
                     days_since_issuance=3)
    snap, effects = run(wf.CaseSnapshot(kind=wf.Kind.CORRECTION, facts=facts), wf.Opened(),
                        wf.CallbackRecorded(1, "reached_confirmed"), wf.Approved(2), wf.Executed(crl_number=4))
    assert snap.state is wf.State.REISSUED
    assert wf.ReissueCertificate() in effects
    assert not any(isinstance(e, wf.CreateTask) for e in effects)  # The re-issue is done, not a task.
    assert wf.SendMail("result_reissued") in effects


@settings(max_examples=3000, deadline=None)
@given(kind=st.sampled_from(list(wf.Kind)), facts=st.just(KNOWN) | register_facts, seq=st.lists(events, max_size=14))
def test_no_sequence_revokes_a_revoked_certificate_or_cancels_a_completed_application(
    kind: wf.Kind, facts: wf.Facts, seq: list[wf.Event]
) -> None:
    """Whatever the register said earlier, a register effect only follows facts that allow it *now*.

    The facts of the newest Approved/ExecutionChecked event are the register as read at that
    moment; the effect must agree with them, and execution must agree with the last check.
    """
    snap = wf.CaseSnapshot(kind=kind, facts=facts)
    for ev in seq:
        try:
            decision = wf.transition(snap, ev)
        except wf.TransitionError:
            continue
        after = decision.snapshot
        for effect in decision.effects:
            if isinstance(effect, wf.REGISTER_EFFECTS):
                assert isinstance(ev, wf.Approved)
                now = ev.facts if ev.facts is not None else snap.facts
                if isinstance(effect, wf.RevokeCertificate | wf.ReissueCertificate):
                    assert not now.certificate_revoked
                if isinstance(effect, wf.ReissueCertificate):
                    assert now.days_since_issuance is not None
                    assert now.days_since_issuance <= wf.CORRECTION_WINDOW_DAYS
                if isinstance(effect, wf.CancelApplication):
                    assert not now.application_steps_complete and now.application_open
        if isinstance(ev, wf.ExecutionChecked) and after.state is wf.State.EXECUTING:
            # Execution goes on only when the register read just before it allows the request.
            assert wf.blocking_rule(after.kind, ev.facts) is None
        if isinstance(ev, wf.ExecutionChecked) and after.state is wf.State.REFUSED:
            assert decision.rule is not None and decision.rule is wf.blocking_rule(after.kind, ev.facts)
        snap = after


@pytest.mark.parametrize(("kind", "facts", "rule"), [
    (wf.Kind.EMERGENCY_REVOCATION, replace(KNOWN, certificate_revoked=True), wf.Rule.ALREADY_REVOKED),
    (wf.Kind.CORRECTION, replace(KNOWN, certificate_revoked=True, days_since_issuance=2), wf.Rule.ALREADY_REVOKED),
    (wf.Kind.CORRECTION, replace(KNOWN, days_since_issuance=11), wf.Rule.CORRECTION_WINDOW),
    (wf.Kind.CANCELLATION, replace(KNOWN, application_steps_complete=True), wf.Rule.CANCELLATION_WINDOW),
])
def test_rules_are_checked_again_at_approval(kind: wf.Kind, facts: wf.Facts, rule: wf.Rule) -> None:
    """A case opened when the request was allowed is refused at approval when the register changed."""
    opened = replace(KNOWN, days_since_issuance=2)
    snap, _ = run(wf.CaseSnapshot(kind=kind, facts=opened), wf.Opened(), wf.CallbackRecorded(1, "reached_confirmed"))
    decision = wf.transition(snap, wf.Approved(2, facts=facts))
    assert decision.snapshot.state is wf.State.REFUSED and decision.rule is rule
    assert not any(isinstance(e, wf.REGISTER_EFFECTS) for e in decision.effects)


def test_rules_are_checked_again_before_execution() -> None:
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.REVOCATION, facts=KNOWN), wf.Opened(),
                  wf.DocumentsVerified(1, frozenset(wf.REQUIRED_DOCUMENTS[wf.Kind.REVOCATION])),
                  wf.CallbackRecorded(1, "reached_confirmed"), wf.Approved(2, facts=KNOWN))
    assert snap.state is wf.State.EXECUTING
    decision = wf.transition(snap, wf.ExecutionChecked(replace(KNOWN, certificate_revoked=True)))
    assert decision.snapshot.state is wf.State.REFUSED and decision.rule is wf.Rule.ALREADY_REVOKED
    assert wf.SendMail("refused_already_revoked") in decision.effects
    unchanged = wf.transition(snap, wf.ExecutionChecked(KNOWN))
    assert unchanged.snapshot.state is wf.State.EXECUTING and unchanged.effects == ()


def test_missing_documents_are_refused_with_the_seal_documents_rule() -> None:
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.REVOCATION, facts=KNOWN), wf.Opened())
    decision = wf.transition(snap, wf.DocumentsVerified(1, frozenset({"doc_request_form"})))
    assert decision.rule is wf.Rule.SEAL_DOCUMENTS and decision.snapshot.state is wf.State.AWAITING_DOCUMENTS


def test_reopen_only_what_changed_nothing() -> None:
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.OTHER), wf.Opened(), wf.Closed(1))
    assert run(snap, wf.Reopened(2))[0].state is wf.State.NEEDS_TRIAGE
    done, _ = run(wf.CaseSnapshot(kind=wf.Kind.EMERGENCY_REVOCATION, facts=KNOWN), wf.Opened(),
                  wf.CallbackRecorded(1, "reached_confirmed"), wf.Approved(2), wf.Executed(crl_number=3))
    with pytest.raises(wf.TransitionError) as refused:
        wf.transition(done, wf.Reopened(1))
    assert refused.value.rule is wf.Rule.NOT_ALLOWED


def test_the_register_decides_loose_revoke_and_cancel_words() -> None:
    """"Revoke" with nothing issued and an open application is a cancellation of that application."""
    not_issued = wf.Facts(applicant_known=True, has_registered_phone=True, application_open=True)
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.REVOCATION, facts=not_issued), wf.Opened())
    assert snap.kind is wf.Kind.CANCELLATION and snap.state is wf.State.AWAITING_CALLBACK
    # A holder asking to cancel an application that went through all steps is told it is too late.
    holder = replace(KNOWN, application_open=False, application_steps_complete=True, has_valid_certificate=True)
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.CANCELLATION, facts=holder), wf.Opened())
    assert snap.kind is wf.Kind.CANCELLATION and snap.state is wf.State.REFUSED
    # An operator's explicit reclassification is never overruled.
    snap, _ = run(wf.CaseSnapshot(kind=wf.Kind.OTHER, facts=not_issued), wf.Opened(),
                  wf.Reclassified(1, wf.Kind.REVOCATION))
    assert snap.kind is wf.Kind.REVOCATION

"""Cases decide on real records: steps recorded by operators, cancellation window, correction re-issue.

Real container on both databases: the sample applicants, the CA issuing real certificates,
steps recorded through the applications use case, requests entered through manual intake and
worked through callback and approval by two operators.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select

from core import register
from core import workflow as wf
from core.container import Container
from core.models import Applicant, Application, AuditEvent, CallbackTask, Case, HumanTask
from core.operators import create_operator
from core.ports import FixedClock
from core.services.actors import Actor
from core.services.applications import ApplicationActions, StepRefused, record_step
from core.services.cases import ManualRequest
from core.settings import Settings
from core.steps import Step
from madoguchi.app import build_container
from madoguchi.sample import load_sample_data
from signing.models import CaCertificate, CaGeneration
from tests.templatedb import migrate_fresh

T0 = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
ICHIRO = "ichiro.takahashi@example.ne.jp"  # Sample applicant with an open application, 照会書返送 done.
TARO = "taro.yamada@example.jp"  # Sample applicant with an issued certificate.


@pytest.fixture
def c(database_url: str, tmp_path: Path) -> Iterator[Container]:
    migrate_fresh(database_url)
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    container = build_container(settings, clock=FixedClock(T0))
    container.ca.init("Test CA", T0)
    load_sample_data(container)
    yield container
    container.dispose()


@pytest.fixture
def staff(c: Container) -> tuple[Actor, Actor]:
    with c.factory() as s, s.begin():
        a, _, _ = create_operator(s, "op-a", "operator", T0)
        b, _, _ = create_operator(s, "op-b", "supervisor", T0)
        return Actor(a.id, "op-a", "operator"), Actor(b.id, "op-b", "supervisor")


def reference_of(c: Container, email: str) -> str:
    with c.factory() as s:
        applicant = s.scalars(select(Applicant).where(Applicant.email == email)).one()
        return s.scalars(select(Application.reference).where(Application.applicant_id == applicant.id)).one()


def request(c: Container, actor: Actor, kind: wf.Kind, email: str, summary: str, serials: tuple[str, ...] = ()
            ) -> str:
    return c.actions.manual_intake(actor, ManualRequest(kind=kind, channel="phone", applicant_email=email,
                                                        summary=summary, serials=serials))


def confirm_and_approve(c: Container, tag: str, a: Actor, b: Actor) -> None:
    with c.factory() as s:
        case = s.scalars(select(Case).where(Case.tag == tag)).one()
        task = s.scalars(select(CallbackTask).where(CallbackTask.case_id == case.id,
                                                    CallbackTask.status == "pending")).one()
    c.actions.record_callback(a, task.id, "reached_confirmed", "ok")
    c.actions.decide(b, tag, "approved", "")
    c.queue().run_pending()


def case(c: Container, tag: str) -> Case:
    with c.factory() as s:
        return s.scalars(select(Case).where(Case.tag == tag)).one()


def test_steps_are_recorded_with_date_operator_and_audit(c: Container, staff: tuple[Actor, Actor]) -> None:
    ref = reference_of(c, ICHIRO)
    apps = ApplicationActions(c.factory, c.audit)
    assert apps.record_step(ref, Step.FEE_PAID, dt.date(2026, 11, 20), actor="op-a", now=T0)
    assert not apps.record_step(ref, Step.FEE_PAID, dt.date(2026, 11, 20), actor="op-a", now=T0)  # Same again.
    with pytest.raises(StepRefused, match="future"):
        apps.record_step(ref, Step.ONLINE_APPLIED, dt.date(2026, 11, 27), actor="op-a", now=T0)
    with c.factory() as s:
        app = s.scalars(select(Application).where(Application.reference == ref)).one()
        row = app.step_record(Step.FEE_PAID)
        assert row is not None and (row.done_on, row.recorded_by) == (dt.date(2026, 11, 20), "op-a")
        assert app.fee_paid and not app.steps_complete
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "application_step_recorded",
                                                    AuditEvent.actor == "op-a")).all()
        assert [(e.actor, e.detail["reference"], e.detail["step"], e.detail["on"]) for e in events] == [
            ("op-a", ref, "fee_paid", "2026-11-20")]
        assert c.audit.verify(s).ok


def test_issuance_records_the_issued_step(c: Container) -> None:
    with c.factory() as s:
        app = s.scalars(select(Application).where(Application.reference == reference_of(c, TARO))).one()
        row = app.step_record(Step.ISSUED)
        assert row is not None and row.done_on == T0.date() and row.recorded_by == "sample-data"


def test_cancellation_allowed_before_the_third_step_and_returns_the_copy_when_asked(
        c: Container, staff: tuple[Actor, Actor]) -> None:
    a, b = staff
    ref = reference_of(c, ICHIRO)
    ApplicationActions(c.factory, c.audit).record_step(ref, Step.FEE_PAID, T0.date(), actor="op-a", now=T0)
    tag = request(c, a, wf.Kind.CANCELLATION, ICHIRO, "申込を取り消したい。住民票の写しは返却してください。")
    assert case(c, tag).state == "awaiting_callback"
    confirm_and_approve(c, tag, a, b)
    done = case(c, tag)
    assert done.state == "cancelled"
    with c.factory() as s:
        app = s.scalars(select(Application).where(Application.reference == ref)).one()
        assert app.status == "cancelled"
        assert [t.kind for t in s.scalars(select(HumanTask).where(HumanTask.case_id == done.id))] == [
            wf.RETURN_RESIDENCE_COPY]
        # Nothing can be recorded on a cancelled application.
        with pytest.raises(StepRefused):
            record_step(s, c.audit, app, Step.ONLINE_APPLIED, on=T0.date(), actor="op-a", now=T0)


def test_cancellation_without_asking_for_the_copy_opens_no_task(c: Container, staff: tuple[Actor, Actor]) -> None:
    a, b = staff
    tag = request(c, a, wf.Kind.CANCELLATION, ICHIRO, "申込を取り消したいです。")
    confirm_and_approve(c, tag, a, b)
    done = case(c, tag)
    assert done.state == "cancelled"
    with c.factory() as s:
        assert s.scalars(select(HumanTask).where(HumanTask.case_id == done.id)).all() == []


def test_cancellation_refused_once_the_third_step_is_recorded(c: Container, staff: tuple[Actor, Actor]) -> None:
    a, b = staff
    ref = reference_of(c, ICHIRO)
    apps = ApplicationActions(c.factory, c.audit)
    # A request opened while two steps are done is under way ...
    apps.record_step(ref, Step.FEE_PAID, T0.date(), actor="op-a", now=T0)
    early = request(c, a, wf.Kind.CANCELLATION, ICHIRO, "申込を取り消したいです。")
    assert case(c, early).state == "awaiting_callback"
    # ... the third step is recorded before the approval: the approval is refused with the rule.
    apps.record_step(ref, Step.ONLINE_APPLIED, T0.date(), actor="op-a", now=T0)
    confirm_and_approve(c, early, a, b)
    assert case(c, early).state == "refused"
    # A request after the third step is refused at once.
    late = request(c, a, wf.Kind.CANCELLATION, ICHIRO, "やはり取り消したいです。")
    assert case(c, late).state == "refused"
    with c.factory() as s:
        rules = [e.detail.get("rule") for e in s.scalars(select(AuditEvent).where(
            AuditEvent.case_id.in_((case(c, early).id, case(c, late).id)), AuditEvent.action.in_(
                ("Approved", "Opened"))).order_by(AuditEvent.seq))]
        assert rules.count(wf.Rule.CANCELLATION_WINDOW.value) == 2
        assert s.scalars(select(Application.status).where(Application.reference == ref)).one() == "open"


def certificate_of(c: Container, email: str) -> CaCertificate:
    with c.factory() as s:
        applicant = s.scalars(select(Applicant).where(Applicant.email == email)).one()
        return register.certificates_of_applicant(s, applicant.id)[0]


def test_correction_within_ten_days_reissues_through_the_ca(c: Container, staff: tuple[Actor, Actor],
                                                            tmp_path: Path) -> None:
    a, b = staff
    assert isinstance(c.clock, FixedClock)
    old = certificate_of(c, TARO)
    with c.factory() as s, s.begin():  # The operator corrects the name on record first.
        s.scalars(select(Applicant).where(Applicant.email == TARO)).one().name = "山田 太朗"
    c.clock.advance(dt.timedelta(days=9))
    tag = request(c, a, wf.Kind.CORRECTION, TARO, "氏名の漢字が誤っています。", (str(old.serial),))
    confirm_and_approve(c, tag, a, b)
    assert case(c, tag).state == "reissued"
    with c.factory() as s:
        certs = register.certificates_of_applicant(s, s.scalars(select(Applicant.id).where(
            Applicant.email == TARO)).one())
        assert len(certs) == 2
        first = next(x for x in certs if x.id == old.id)
        new = next(x for x in certs if x.id != old.id)
        revocation = register.revocation_of(s, first)
        assert revocation is not None and revocation.reason == "superseded"
        assert not register.is_revoked(s, new) and new.application_ref == old.application_ref
        issued = s.scalars(select(AuditEvent).where(AuditEvent.action == "certificate_reissued")).one()
        assert issued.detail["new_serial"] == new.serial.hex
    old_x509, new_x509 = x509.load_der_x509_certificate(old.der), x509.load_der_x509_certificate(new.der)
    assert new_x509.public_key() == old_x509.public_key()  # The holder keeps the key pair.
    assert "山田 太朗" in new_x509.subject.rfc4514_string()
    # The corrected certificate verifies against the CA with real openssl (at the test clock's time).
    with c.factory() as s:
        ca_pem = tmp_path / "ca.pem"
        ca_pem.write_bytes(b"".join(x509.load_der_x509_certificate(g.cert_der).public_bytes(Encoding.PEM)
                                    for g in s.scalars(select(CaGeneration))))
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(new_x509.public_bytes(Encoding.PEM))
    out = subprocess.run(["openssl", "verify", "-attime", str(int(c.clock.now().timestamp())), "-CAfile",
                          str(ca_pem), str(leaf)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def test_correction_after_ten_days_is_refused_with_the_rule(c: Container, staff: tuple[Actor, Actor]) -> None:
    a, _b = staff
    assert isinstance(c.clock, FixedClock)
    old = certificate_of(c, TARO)
    c.clock.advance(dt.timedelta(days=11))
    tag = request(c, a, wf.Kind.CORRECTION, TARO, "氏名の漢字が誤っています。", (str(old.serial),))
    assert case(c, tag).state == "refused"
    with c.factory() as s:
        opened = s.scalars(select(AuditEvent).where(AuditEvent.case_id == case(c, tag).id,
                                                    AuditEvent.action == "Opened")).one()
        assert opened.detail["rule"] == wf.Rule.CORRECTION_WINDOW.value
        assert not register.is_revoked(s, s.get(CaCertificate, old.id))  # type: ignore[arg-type]
        assert len(s.scalars(select(CaCertificate)).all()) == 3  # Nothing re-issued.

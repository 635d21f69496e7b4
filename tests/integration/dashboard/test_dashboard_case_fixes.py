"""Fixing a case in place over the dashboard's HTTP interface, on SQLite and PostgreSQL: the serial
field, reclassifying before approval (refused after, with the rule id), the confirmation steps with
reasons, the task checklist with its audit event, and the audit log's words."""

from __future__ import annotations

from typing import Any

from dashboard_support import Staff, add_holder, csrf_of, login, open_case, totp_now
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from core import workflow as wf
from core.container import Container
from core.models import Applicant, Application, AuditEvent, CallbackTask, Case, HumanTask
from core.services.actors import Actor
from core.services.duplicates import open_duplicates


def case_row(c: Container, tag: str) -> Case:
    with c.factory() as session:
        return session.execute(select(Case).where(Case.tag == tag)).scalar_one()


def post_case(client: TestClient, tag: str, action: str, **data: Any) -> Response:
    page = client.get(f"/dashboard/cases/{tag}")
    return client.post(f"/dashboard/cases/{tag}/{action}", data={"csrf_token": csrf_of(page.text), **data},
                       follow_redirects=False)


def grouped(serial: str) -> str:
    digits = serial.zfill(len(serial) + (-len(serial)) % 4)
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def test_serial_field_accepts_a_grouped_serial_and_refuses_with_rule_words(
        container: Container, staff: Staff, client: TestClient) -> None:
    cert = add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION, serials=("deadbeef",))
    assert case_row(container, tag).state == "needs_triage"
    login(client, staff.alice)
    page = client.get(f"/dashboard/cases/{tag}")
    assert 'id="serial-form"' in page.text and str(cert.serial).upper() in page.text and "有効" in page.text
    bad = post_case(client, tag, "serial", serial="not a serial")
    assert bad.status_code == 409 and "シリアル番号として読めません" in bad.text and 'value="not a serial"' in bad.text
    other = post_case(client, tag, "serial", serial="0x1234")
    assert other.status_code == 409 and "この申込者の証明書ではありません" in other.text
    assert case_row(container, tag).state == "needs_triage"
    ok = post_case(client, tag, "serial", serial=f"  {grouped(str(cert.serial)).upper()}\n")
    assert ok.status_code == 303
    case = case_row(container, tag)
    assert case.state == "awaiting_callback" and case.certificate_id == cert.id
    assert case.serials == [str(cert.serial)]
    # Picking from the list works the same way (the pick is used when nothing was typed).
    again = open_case(container, wf.Kind.EMERGENCY_REVOCATION, serials=("deadbeef",))
    assert post_case(client, again, "serial", pick=str(cert.serial)).status_code == 303
    assert case_row(container, again).certificate_id == cert.id
    with container.factory() as session:
        ev = session.execute(select(AuditEvent).where(AuditEvent.action == "SerialEntered")
                             .order_by(AuditEvent.seq)).scalars().first()
        assert ev is not None and ev.detail["serial"] == str(cert.serial) and ev.actor == "alice"


def test_reclassify_until_approval_then_refused_with_its_rule(
        container: Container, staff: Staff, client: TestClient, second_client: TestClient) -> None:
    container.ca.init("Dashboard Test CA", container.clock.now())
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    login(client, staff.alice)
    assert post_case(client, tag, "reclassify", kind="revocation").status_code == 303
    case = case_row(container, tag)
    assert (case.kind, case.state) == ("revocation", "awaiting_documents")
    with container.factory() as session:
        statuses = sorted(t.status for t in session.execute(
            select(CallbackTask).where(CallbackTask.case_id == case.id)).scalars())
    assert statuses == ["withdrawn"]
    assert post_case(client, tag, "reclassify", kind="emergency_revocation").status_code == 303
    with container.factory() as session:
        task_id = session.scalar(select(CallbackTask.id).where(CallbackTask.case_id == case.id,
                                                               CallbackTask.status == "pending"))
    assert task_id is not None
    page = client.get(f"/dashboard/callbacks/{task_id}")
    assert client.post(f"/dashboard/callbacks/{task_id}", data={
        "csrf_token": csrf_of(page.text), "outcome": "reached_confirmed", "notes": "確認"},
        follow_redirects=False).status_code == 303
    # The callback operator's page names who may approve instead of offering a button that fails.
    shown = client.get(f"/dashboard/cases/{tag}").text
    assert 'id="approve"' not in shown and "Bob" in shown and 'id="approvers"' in shown
    login(second_client, staff.bob, code=totp_now(staff.bob_secret, container))
    assert post_case(second_client, tag, "approve", note="ok", confirm="1").status_code == 303
    refused = post_case(client, tag, "reclassify", kind="revocation")
    assert refused.status_code == 409 and "この操作は現在の状態ではできません" in refused.text
    with container.factory() as session:
        kinds = [e.detail.get("event", {}).get("kind") for e in session.execute(
            select(AuditEvent).where(AuditEvent.action == "Reclassified")).scalars()]
    assert kinds == ["revocation", "emergency_revocation"]


def test_close_and_reject_need_a_reason_and_a_confirmation(
        container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    login(client, staff.bob, code=totp_now(staff.bob_secret, container))
    for action in ("close", "reject"):
        empty = post_case(client, tag, action, note="  ", confirm="1")
        assert empty.status_code == 400 and "理由" in empty.text
    asked = post_case(client, tag, "reject", note="本人が否認")
    assert asked.status_code == 200 and "却下します" in asked.text and 'name="confirm" value="1"' in asked.text
    assert case_row(container, tag).state == "awaiting_callback"
    assert post_case(client, tag, "reject", note="本人が否認", confirm="1").status_code == 303
    assert case_row(container, tag).state == "rejected"
    assert post_case(client, tag, "reopen", note="再確認").status_code == 303
    assert case_row(container, tag).state == "needs_triage"


def test_task_checklist_is_ticked_through_the_use_case_and_audited(
        container: Container, staff: Staff, client: TestClient) -> None:
    now = container.clock.now()
    with container.factory() as session, session.begin():
        person = Applicant(name="佐藤 花子", email="hanako@example.jp", phone="06-1111-2222", created_at=now)
        session.add(person)
        session.flush()
        session.add(Application(reference="APP-T-1", applicant_id=person.id, status="open",
                                residence_copy_return_requested=True, created_at=now))
    tag = open_case(container, wf.Kind.CANCELLATION, reply_to="hanako@example.jp")
    case = case_row(container, tag)
    with container.factory() as session:
        alice = session.execute(select(CallbackTask).where(CallbackTask.case_id == case.id)).scalar_one()
    actor_a = Actor(_op_id(container, "alice"), "alice", "operator")
    actor_b = Actor(_op_id(container, "bob"), "bob", "supervisor")
    container.actions.record_callback(actor_a, alice.id, "reached_confirmed", "確認")
    container.actions.decide(actor_b, tag, "approved", "ok")
    with container.factory() as session:
        task = session.execute(select(HumanTask).where(HumanTask.case_id == case.id)).scalar_one()
    login(client, staff.alice)
    page = client.get(f"/dashboard/cases/{tag}").text
    # The task was created by the approval; the application is shown, not a missing certificate.
    assert "住民票の写しを返却する" in page and "APP-T-1" in page and "証明書を特定できていません" not in page
    assert post_case(client, tag, f"tasks/{task.id}", done="1").status_code == 303
    with container.factory() as session:
        assert session.get(HumanTask, task.id).status == "done"  # type: ignore[union-attr]
        audited = session.execute(select(AuditEvent).where(AuditEvent.action == "task_done")).scalar_one()
        assert audited.actor == "alice" and audited.detail["task_id"] == task.id
    # Another case's task cannot be ticked through this case.
    other = open_case(container, wf.Kind.OTHER, reply_to="x@example.com")
    assert post_case(client, other, f"tasks/{task.id}", done="").status_code == 404
    assert "タスクを完了にした" in client.get("/dashboard/audit").text


def test_open_duplicates_of_the_same_applicant_or_certificate(container: Container, staff: Staff) -> None:
    add_holder(container)
    first = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    second = open_case(container, wf.Kind.OTHER, subject="追伸")
    stranger = open_case(container, wf.Kind.OTHER, reply_to="someone@example.com")
    with container.factory() as session:
        case = session.execute(select(Case).where(Case.tag == second)).scalar_one()
        found = open_duplicates(session, case)
        alone = open_duplicates(session, session.execute(select(Case).where(Case.tag == stranger)).scalar_one())
    assert [d.tag for d in found] == [first] and found[0].same_applicant and found[0].same_certificate
    assert alone == []


def _op_id(c: Container, username: str) -> int:
    from core.models import Operator

    with c.factory() as session:
        return session.execute(select(Operator.id).where(Operator.username == username)).scalar_one()

"""The JSON API offers what the case page offers, through the same use cases (SQLite and PostgreSQL):
entering a serial in any written form, ticking a task, and taking or releasing a case.

Refusals answer with the rule id, as every other API action does.
"""

from __future__ import annotations

from dashboard_support import Staff, add_holder, api_token, open_case
from fastapi.testclient import TestClient
from sqlalchemy import select

from core import workflow as wf
from core.cases import NewCase
from core.container import Container
from core.models import AuditEvent, Case, HumanTask


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def audit_actions(c: Container, case_tag: str) -> list[tuple[str, str]]:
    with c.factory() as session:
        case_id = session.execute(select(Case.id).where(Case.tag == case_tag)).scalar_one()
        rows = session.execute(select(AuditEvent).where(AuditEvent.case_id == case_id)
                               .order_by(AuditEvent.seq)).scalars()
        return [(row.action, row.actor) for row in rows]


def test_serial_entered_over_the_api_in_a_grouped_form(container: Container, staff: Staff,
                                                       client: TestClient) -> None:
    cert = add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION, serials=("deadbeef",))
    token = api_token(container, "api-clerk")
    assert client.get(f"/api/cases/{tag}", headers=bearer(token)).json()["state"] == "needs_triage"

    unreadable = client.post(f"/api/cases/{tag}/serial", json={"serial": "not a serial"}, headers=bearer(token))
    assert unreadable.status_code == 409 and unreadable.json()["detail"]["rule"] == "serial-unreadable"
    foreign = client.post(f"/api/cases/{tag}/serial", json={"serial": "0x1234"}, headers=bearer(token))
    assert foreign.status_code == 409 and foreign.json()["detail"]["rule"] == "unknown-certificate"

    digits = str(cert.serial).upper()
    grouped = " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))
    ok = client.post(f"/api/cases/{tag}/serial", json={"serial": f"シリアル番号: {grouped}"}, headers=bearer(token))
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["state"] == "awaiting_callback" and body["certificate_serial"] == str(cert.serial)
    assert ("SerialEntered", "api-clerk") in audit_actions(container, tag)
    missing = client.post("/api/cases/MDG-1999-999999/serial", json={"serial": digits}, headers=bearer(token))
    assert missing.status_code == 404


def test_take_and_release_a_case_over_the_api(container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    first, second = api_token(container, "api-first"), api_token(container, "api-second")
    boss = api_token(container, "api-boss", role="supervisor")

    taken = client.post(f"/api/cases/{tag}/assign", headers=bearer(first))
    assert taken.status_code == 200 and taken.json()["owner"] == "api-first"
    # Another operator may not give a colleague's case back; a supervisor may.
    refused = client.post(f"/api/cases/{tag}/release", headers=bearer(second))
    assert refused.status_code == 403 and refused.json()["detail"]["rule"] == "approver-role"
    assert client.get(f"/api/cases/{tag}", headers=bearer(second)).json()["owner"] == "api-first"
    released = client.post(f"/api/cases/{tag}/release", headers=bearer(boss))
    assert released.status_code == 200 and released.json()["owner"] is None
    assert [a for a in audit_actions(container, tag) if a[0] in ("CaseAssigned", "CaseReleased")] == [
        ("CaseAssigned", "api-first"), ("CaseReleased", "api-boss")]

    # A finished case has no owner.
    closed = client.post(f"/api/cases/{tag}/close", json={"reason": "重複のため"}, headers=bearer(boss))
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    finished = client.post(f"/api/cases/{tag}/assign", headers=bearer(first))
    assert finished.status_code == 409 and finished.json()["detail"]["rule"] == "case-finished"


def test_tick_a_task_over_the_api(container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.REVOCATION)
    other = open_case(container, wf.Kind.OTHER, reply_to="someone@example.com")
    with container.factory() as session, session.begin():
        case_id = session.execute(select(Case.id).where(Case.tag == tag)).scalar_one()
        task = HumanTask(case_id=case_id, kind="return_residence_copy", created_at=container.clock.now())
        session.add(task)
        session.flush()
        task_id = task.id
    token = api_token(container, "api-clerk")
    done = client.post(f"/api/cases/{tag}/tasks/{task_id}", json={"done": True}, headers=bearer(token))
    assert done.status_code == 200
    with container.factory() as session:
        assert session.get(HumanTask, task_id).status == "done"  # type: ignore[union-attr]
    assert ("task_done", "api-clerk") in audit_actions(container, tag)
    # A task is ticked only through its own case.
    wrong = client.post(f"/api/cases/{other}/tasks/{task_id}", json={"done": False}, headers=bearer(token))
    assert wrong.status_code == 404
    undone = client.post(f"/api/cases/{tag}/tasks/{task_id}", json={"done": False}, headers=bearer(token))
    assert undone.status_code == 200
    with container.factory() as session:
        assert session.get(HumanTask, task_id).status == "open"  # type: ignore[union-attr]


def test_the_api_gives_the_urgency_mark_apart_from_the_subject_until_reclassified(
        container: Container, staff: Staff, client: TestClient) -> None:
    with container.factory() as session, session.begin():
        tag = container.cases.open_case(session, NewCase(
            kind=wf.Kind.FAQ, channel="email", reply_to="someone@example.org", subject="ノートパソコンのこと",
            possible_emergency=True)).tag
    token = api_token(container, "api-clerk")
    shown = client.get(f"/api/cases/{tag}", headers=bearer(token)).json()
    assert (shown["urgency"], shown["subject"]) == ("possible_emergency", "ノートパソコンのこと")
    after = client.post(f"/api/cases/{tag}/reclassify", json={"kind": "revocation"}, headers=bearer(token)).json()
    assert (after["kind"], after["urgency"]) == ("revocation", None)
    assert ("urgency_cleared", "api-clerk") in audit_actions(container, tag)

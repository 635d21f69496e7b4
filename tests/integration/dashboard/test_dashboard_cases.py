"""The work queue, the case page, callbacks, the four-eyes approval and manual intake, end to end
through the dashboard's HTTP interface (real database, real workflow, real CA and worker)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from dashboard_support import Staff, add_holder, csrf_of, login, open_case, totp_now
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from core import workflow as wf
from core.cases import NewCase
from core.container import Container
from core.models import Approval, CallbackTask, Case, InboundMessage, Job
from core.ports import FixedClock


def case_row(c: Container, tag: str) -> Case:
    with c.factory() as session:
        return session.execute(select(Case).where(Case.tag == tag)).scalar_one()


def pending_task(c: Container, tag: str) -> int:
    case = case_row(c, tag)
    with c.factory() as session:
        task = session.execute(select(CallbackTask).where(CallbackTask.case_id == case.id,
                                                          CallbackTask.status == "pending")).scalar_one()
        return task.id


def record(client: TestClient, task_id: int, outcome: str, notes: str = "本人確認済み") -> Response:
    page = client.get(f"/dashboard/callbacks/{task_id}")
    return client.post(f"/dashboard/callbacks/{task_id}", data={"csrf_token": csrf_of(page.text),
                                                                "outcome": outcome, "notes": notes},
                       follow_redirects=False)


def post_case(client: TestClient, tag: str, action: str, **data: Any) -> Response:
    page = client.get(f"/dashboard/cases/{tag}")
    return client.post(f"/dashboard/cases/{tag}/{action}", data={"csrf_token": csrf_of(page.text), **data},
                       follow_redirects=False)


def test_callback_then_approval_by_another_person_revokes_and_shows_the_crl_number(
        container: Container, staff: Staff, client: TestClient, second_client: TestClient) -> None:
    container.ca.init("Dashboard Test CA", container.clock.now())
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    login(client, staff.alice)
    task_id = pending_task(container, tag)
    callback_page = client.get(f"/dashboard/callbacks/{task_id}")
    assert "03-1234-5678" in callback_page.text and "山田 太郎" in callback_page.text
    assert record(client, task_id, "reached_confirmed").status_code == 303
    assert case_row(container, tag).state == "awaiting_approval"

    # A plain operator may not approve.
    refused = post_case(client, tag, "approve")
    assert refused.status_code == 403
    assert case_row(container, tag).state == "awaiting_approval"

    login(second_client, staff.bob, code=totp_now(staff.bob_secret, container))
    page = second_client.get(f"/dashboard/cases/{tag}")
    assert "本人確認済み" in page.text and 'id="approve-form"' in page.text  # The approver sees the evidence.
    # The first step shows what will happen (an irreversible revocation) and keeps the note ...
    asked = post_case(second_client, tag, "approve", note="証跡確認")
    assert asked.status_code == 200 and 'id="confirm-form"' in asked.text and "取り消せません" in asked.text
    assert case_row(container, tag).state == "awaiting_approval"
    # ... the second step does it.
    approved = post_case(second_client, tag, "approve", note="証跡確認", confirm="1")
    assert approved.status_code == 303
    assert case_row(container, tag).state == "executing"

    assert container.queue().run_pending() >= 1
    case = case_row(container, tag)
    assert case.state == "revoked" and case.crl_number is not None
    shown = second_client.get(f"/dashboard/cases/{tag}")
    assert f'id="crl-number">{case.crl_number}<' in shown.text
    ca_page = second_client.get("/dashboard/ca")
    assert f'<td class="big">{case.crl_number}</td>' in ca_page.text
    with container.factory() as session:
        approvals = session.execute(select(Approval)).scalars().all()
        assert [(a.decision, a.note) for a in approvals] == [("approved", "証跡確認")]


def test_the_person_who_confirmed_the_callback_cannot_approve(
        container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    login(client, staff.bob, code=totp_now(staff.bob_secret, container))
    assert record(client, pending_task(container, tag), "reached_confirmed").status_code == 303
    response = post_case(client, tag, "approve")
    assert response.status_code == 409
    assert "二人確認" in response.text
    assert case_row(container, tag).state == "awaiting_approval"
    with container.factory() as session:
        assert session.execute(select(Approval)).first() is None


def test_not_reached_schedules_a_retry_and_notes_are_required(
        container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    login(client, staff.alice)
    first = pending_task(container, tag)
    assert record(client, first, "not_reached", notes="  ").status_code == 400
    assert record(client, first, "not_reached", notes="留守番電話").status_code == 303
    second = pending_task(container, tag)
    assert second != first
    listing = client.get("/dashboard/callbacks")
    assert f"/dashboard/callbacks/{second}" in listing.text and f"/dashboard/callbacks/{first}\"" not in listing.text
    # A recorded task cannot be recorded again.
    assert record(client, first, "reached_confirmed").status_code == 400


def test_queue_puts_emergencies_first_and_filters_and_searches(
        container: Container, staff: Staff, client: TestClient) -> None:
    assert isinstance(container.clock, FixedClock)
    taro = add_holder(container)
    add_holder(container, email="hanako@example.jp", name="佐藤 花子", phone="06-0000-1111")
    ordinary = open_case(container, wf.Kind.REVOCATION)
    container.clock.advance(dt.timedelta(hours=1))
    other = open_case(container, wf.Kind.OTHER, reply_to="stranger@example.com", subject="質問です")
    container.clock.advance(dt.timedelta(hours=1))
    emergency = open_case(container, wf.Kind.EMERGENCY_REVOCATION, reply_to="hanako@example.jp")
    login(client, staff.alice)
    page = client.get("/dashboard/").text
    assert page.index(emergency) < page.index(ordinary) < page.index(other)
    assert emergency not in client.get("/dashboard/?kind=revocation").text
    assert ordinary in client.get("/dashboard/?state=awaiting_documents").text
    assert other not in client.get("/dashboard/?state=awaiting_documents").text
    by_name = client.get("/dashboard/", params={"q": "花子"}).text
    assert emergency in by_name and ordinary not in by_name
    by_email = client.get("/dashboard/", params={"q": "stranger@"}).text
    assert other in by_email and emergency not in by_email
    digits = taro.serial.hex.upper().zfill(len(taro.serial.hex) + len(taro.serial.hex) % 2)
    colons = ":".join(digits[i:i + 2] for i in range(0, len(digits), 2))  # As OpenSSL prints it.
    by_serial = client.get("/dashboard/", params={"q": colons}).text
    assert ordinary in by_serial and emergency not in by_serial
    assert other in client.get("/dashboard/", params={"q": other}).text


def test_live_poll_reports_a_new_case(container: Container, staff: Staff, client: TestClient) -> None:
    login(client, staff.alice)
    first = client.get("/dashboard/queue/poll").json()
    open_case(container, wf.Kind.OTHER, reply_to="x@example.com")
    second = client.get("/dashboard/queue/poll", params={"since": first["version"], "wait": 5}).json()
    assert second["version"] > first["version"] and second["fingerprint"] != first["fingerprint"]
    # Nothing changed: the long poll waits and then reports the same fingerprint.
    third = client.get("/dashboard/queue/poll", params={"since": second["version"], "wait": 0.3}).json()
    assert third == second


def test_manual_fax_intake_with_scan_then_documents_checklist(
        container: Container, staff: Staff, client: TestClient) -> None:
    cert = add_holder(container)
    login(client, staff.alice)
    page = client.get("/dashboard/intake")
    pdf = b"%PDF-1.4\n% fax scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = client.post("/dashboard/intake", data={
        "csrf_token": csrf_of(page.text), "kind": "revocation", "channel": "fax",
        "applicant_email": "taro@example.jp", "summary": "失効申請書がFAXで届きました",
        "serials": "0x" + cert.serial.hex.upper(),
    }, files={"scan": ("fax-0001.pdf", pdf, "application/pdf")}, follow_redirects=False)
    assert response.status_code == 303
    tag = response.headers["location"].split("/cases/")[1].split("?")[0]
    case = case_row(container, tag)
    assert case.channel == "fax" and case.state == "awaiting_documents" and case.certificate_id is not None
    shown = client.get(f"/dashboard/cases/{tag}")
    assert "fax-0001.pdf" in shown.text and "失効申請書がFAXで届きました" in shown.text
    with container.factory() as session:
        msg = session.execute(select(InboundMessage).where(InboundMessage.case_id == case.id)).scalar_one()
    inline = client.get(f"/dashboard/messages/{msg.id}/attachments/0")
    assert inline.content == pdf and inline.headers["content-type"] == "application/pdf"
    assert inline.headers["content-disposition"].startswith("inline")
    download = client.get(f"/dashboard/messages/{msg.id}/attachments/0?download=1")
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"].startswith("attachment")

    # An incomplete checklist keeps the case waiting; a complete one starts the callback.
    assert post_case(client, tag, "documents", doc=["doc_request_form"]).status_code == 303
    assert case_row(container, tag).state == "awaiting_documents"
    assert post_case(client, tag, "documents",
                     doc=["doc_request_form", "doc_seal_certificate", "doc_identity"]).status_code == 303
    assert case_row(container, tag).state == "awaiting_callback"
    timeline = client.get(f"/dashboard/cases/{tag}").text
    assert timeline.count("DocumentsVerified") == 2 and "case_opened" in timeline


def test_reclassify_and_close(container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.OTHER)
    login(client, staff.alice)
    assert post_case(client, tag, "reclassify", kind="emergency_revocation").status_code == 303
    case = case_row(container, tag)
    assert case.kind == "emergency_revocation" and case.state == "awaiting_callback"
    # Closing a case past triage needs a supervisor: refused for the role (403, as approving is).
    assert post_case(client, tag, "close", note="重複").status_code == 403  # Not even the confirmation.
    refused = post_case(client, tag, "close", note="重複", confirm="1")
    assert refused.status_code == 403 and case_row(container, tag).state == "awaiting_callback"
    spam = open_case(container, wf.Kind.OTHER, reply_to="spam@example.com")
    assert post_case(client, spam, "close", note="迷惑メール").status_code == 200  # The confirmation step.
    assert case_row(container, spam).state == "new" or case_row(container, spam).state == "needs_triage"
    assert post_case(client, spam, "close", note="迷惑メール", confirm="1").status_code == 303
    assert case_row(container, spam).state == "closed"
    # Reclassifying a finished case is refused; the error is shown on the case page.
    again = post_case(client, spam, "reclassify", kind="revocation")
    assert again.status_code in (409,) and 'id="error"' in again.text


def test_quarantine_replay_outbox_and_audit_pages(container: Container, staff: Staff, client: TestClient) -> None:
    now = container.clock.now()
    raw = b"From: broken@example.com\r\nSubject: =?bogus?=\r\n\r\n\xff\xfe"
    with container.factory() as session, session.begin():
        msg = InboundMessage(channel="email", received_at=now, mail_from="broken@example.com", rcpt_tos=[],
                             raw=raw, sha256=hashlib.sha256(raw).hexdigest(), status="quarantined",
                             error="UnicodeDecodeError: boom")
        session.add(msg)
        session.flush()
        msg_id = msg.id
    login(client, staff.alice)
    page = client.get("/dashboard/quarantine")
    assert "UnicodeDecodeError: boom" in page.text
    response = client.post(f"/dashboard/quarantine/{msg_id}/replay", data={"csrf_token": csrf_of(page.text)},
                           follow_redirects=False)
    assert response.status_code == 303
    with container.factory() as session:
        assert session.get(InboundMessage, msg_id).status == "stored"  # type: ignore[union-attr]
        assert session.execute(select(Job).where(Job.kind == "process_inbound")).scalars().first() is not None
    assert "broken@example.com" not in client.get("/dashboard/quarantine").text
    audit = client.get("/dashboard/audit")
    assert 'id="audit-status"' in audit.text and "改ざんは検出されませんでした" in audit.text
    assert "mail_replayed" in audit.text


def test_audit_page_reports_tampering(container: Container, staff: Staff, client: TestClient) -> None:
    open_case(container, wf.Kind.OTHER, reply_to="x@example.com")
    login(client, staff.alice)
    from core.models import AuditEvent

    with container.factory() as session, session.begin():
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "case_opened")).scalar_one()
        event.actor = "mallory"
    page = client.get("/dashboard/audit")
    assert "監査ログの検証に失敗しました" in page.text and "altered" in page.text


def test_outbox_failures_are_listed(container: Container, staff: Staff, client: TestClient) -> None:
    from core.models import OutboundMail

    with container.factory() as session, session.begin():
        session.add(OutboundMail(template="ack", to_addr="gone@example.com", subject="受付", message_id="<m1@x>",
                                 raw=b"x", status="failed", attempts=6, last_error="550 no such user",
                                 created_at=container.clock.now()))
        session.add(OutboundMail(template="ack", to_addr="fine@example.com", subject="受付", message_id="<m2@x>",
                                 raw=b"x", status="sent", attempts=1, created_at=container.clock.now()))
    login(client, staff.alice)
    page = client.get("/dashboard/outbox").text
    assert "550 no such user" in page and "gone@example.com" in page and "fine@example.com" not in page


def test_faq_unanswered_question_becomes_an_example(container: Container, staff: Staff, client: TestClient) -> None:
    from faq.models import FaqExample, FaqUnanswered
    from faq.store import record_unanswered

    row_id = record_unanswered(container.factory, channel="telegram", external_user="u1", language="ja",
                               text="証明書の更新手数料はいくらですか", confidence=0.1, closest=[])
    entry_id = container.faq.knowledge.entries[0].id
    login(client, staff.alice)
    page = client.get("/dashboard/faq")
    assert "証明書の更新手数料はいくらですか" in page.text
    response = client.post(f"/dashboard/faq/{row_id}/example", data={
        "csrf_token": csrf_of(page.text), "faq_id": entry_id, "language": "ja", "text": "更新手数料はいくら？"},
        follow_redirects=False)
    assert response.status_code == 303
    with container.factory() as session:
        example = session.execute(select(FaqExample)).scalar_one()
        assert (example.faq_id, example.text, example.created_by) == (entry_id, "更新手数料はいくら？", staff.alice)
        assert session.get(FaqUnanswered, row_id).resolved is True  # type: ignore[union-attr]
    assert "証明書の更新手数料はいくらですか" not in client.get("/dashboard/faq").text


def test_unknown_sender_is_linked_to_the_applicant_in_triage(
        container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION, reply_to="unknown@example.net")
    assert case_row(container, tag).state == "needs_triage"
    login(client, staff.alice)
    refused = post_case(client, tag, "link", applicant_email="nobody@example.net")
    assert refused.status_code == 409 and "見つかりません" in refused.text
    assert post_case(client, tag, "link", applicant_email="TARO@example.jp").status_code == 303
    case = case_row(container, tag)
    assert case.state == "awaiting_callback" and case.applicant_id is not None and case.certificate_id is not None


def test_out_of_range_ids_are_client_errors(container: Container, staff: Staff, client: TestClient) -> None:
    login(client, staff.alice)
    page = client.get("/dashboard/quarantine")
    huge = "99999999999999999999"
    assert client.get(f"/dashboard/callbacks/{huge}").status_code == 422
    assert client.get(f"/dashboard/messages/{huge}/attachments/0").status_code == 422
    assert client.get("/dashboard/audit", params={"before": huge}).status_code == 422
    assert client.post(f"/dashboard/quarantine/{huge}/replay",
                       data={"csrf_token": csrf_of(page.text)}).status_code == 422
    assert client.get("/dashboard/callbacks/2147483647").status_code == 404


def test_a_possible_emergency_is_marked_beside_its_kind_on_the_case_page(
        container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    with container.factory() as session, session.begin():
        flagged = container.cases.open_case(session, NewCase(
            kind=wf.Kind.FAQ, channel="email", reply_to="taro@example.jp", subject="ノートパソコンのこと",
            summary="バスにノートパソコンを置き忘れました。", possible_emergency=True,
            reasons=("possible emergency: the models give emergency_revocation 0.41, close to faq",))).tag
    plain = open_case(container, wf.Kind.REVOCATION)
    login(client, staff.alice)
    page = client.get(f"/dashboard/cases/{flagged}").text
    assert 'id="case-urgency"' in page and "緊急の可能性" in page
    assert 'id="case-urgency"' not in client.get(f"/dashboard/cases/{plain}").text

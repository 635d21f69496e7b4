"""Applicant and application pages, step recording by form, and the import over the JSON API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard_support import PASSWORD, Staff, add_holder, api_token, csrf_of, login
from fastapi.testclient import TestClient
from sqlalchemy import select

from core.container import Container
from core.models import Application, AuditEvent
from core.services.certificates import revoke_certificate
from core.steps import Step

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "applications" / "example.csv"
assert PASSWORD


def test_search_and_applicant_page_show_applications_certificates_and_status(
        container: Container, staff: Staff, client: TestClient) -> None:
    cert = add_holder(container)
    login(client, staff.alice)
    found = client.get("/dashboard/applicants", params={"q": "ヤマダ"})
    assert found.status_code == 200 and "山田 太郎" in found.text and "APP-" in found.text
    assert "山田" not in client.get("/dashboard/applicants", params={"q": "nobody-matches"}).text.split("<main>")[1]
    for q in ("taro@example", "1234-5678", "APP-0"):
        assert "山田 太郎" in client.get("/dashboard/applicants", params={"q": q}).text
    with container.factory() as s:
        app = s.scalars(select(Application)).one()
        applicant_id, reference = app.applicant_id, app.reference
    page = client.get(f"/dashboard/applicants/{applicant_id}")
    assert page.status_code == 200
    assert reference in page.text and str(cert.serial).upper() in page.text and "有効" in page.text
    revoke_certificate(container.factory, container.ca, container.audit, cert.serial, None, actor="test",
                       now=container.clock.now())
    assert "失効済み" in client.get(f"/dashboard/applicants/{applicant_id}").text
    assert client.get("/dashboard/applicants/999999").status_code == 404


def test_a_step_is_recorded_by_form_with_csrf_confirmation_and_audit(
        container: Container, staff: Staff, client: TestClient) -> None:
    token = api_token(container, "importer", "supervisor")
    imported = client.post("/api/applications/import", content=EXAMPLE.read_bytes(),
                           headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"})
    assert imported.status_code == 200 and imported.json()["imported"]
    login(client, staff.alice)
    page = client.get("/dashboard/applications/A-2026-0002")
    assert page.status_code == 200 and "照会書返送" in page.text and "三つが揃うまで" in page.text
    csrf = csrf_of(page.text)
    form = {"csrf_token": csrf, "step": "inquiry_returned", "on": "2026-11-20", "confirm": "yes"}
    assert client.post("/dashboard/applications/A-2026-0002/steps",
                       data={**form, "csrf_token": "wrong"}).status_code == 403
    unconfirmed = client.post("/dashboard/applications/A-2026-0002/steps", data={**form, "confirm": ""})
    assert unconfirmed.status_code == 422 and "内容を確認しました" in unconfirmed.text
    future = client.post("/dashboard/applications/A-2026-0002/steps", data={**form, "on": "2099-01-01"})
    assert future.status_code == 409
    issued = client.post("/dashboard/applications/A-2026-0002/steps", data={**form, "step": "issued"})
    assert issued.status_code == 422  # 発行 is recorded by the issuance, not by hand.
    done = client.post("/dashboard/applications/A-2026-0002/steps", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert "手続きを記録しました" in client.get(done.headers["location"]).text
    with container.factory() as s:
        app = s.scalars(select(Application).where(Application.reference == "A-2026-0002")).one()
        row = app.step_record(Step.INQUIRY_RETURNED)
        assert row is not None and row.done_on == dt.date(2026, 11, 20) and row.recorded_by == staff.alice
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "application_step_recorded",
                                                   AuditEvent.actor == staff.alice)).one()
        assert event.detail["step"] == "inquiry_returned"


def test_import_over_the_api_needs_a_supervisor_and_accepts_multipart(
        container: Container, staff: Staff, client: TestClient) -> None:
    operator = api_token(container, "clerk", "operator")
    supervisor = api_token(container, "chief", "supervisor")
    refused = client.post("/api/applications/import", content=EXAMPLE.read_bytes(),
                          headers={"Authorization": f"Bearer {operator}"})
    assert refused.status_code == 403
    auth = {"Authorization": f"Bearer {supervisor}"}
    cp932 = EXAMPLE.read_text(encoding="utf-8").encode("cp932")
    dry = client.post("/api/applications/import?dry_run=true", files={"file": ("a.csv", cp932, "text/csv")},
                      headers=auth)
    assert dry.status_code == 200 and dry.json()["encoding"] == "cp932" and not dry.json()["imported"]
    assert client.get("/api/applications/A-2026-0001", headers=auth).status_code == 404
    bad = client.post("/api/applications/import", content=b"\x82\xa0\xff\xfe\x80\x81", headers=auth)
    assert bad.status_code == 200 and "UTF-8" in bad.json()["file_error"] and not bad.json()["imported"]
    done = client.post("/api/applications/import", files={"file": ("a.csv", cp932, "text/csv")}, headers=auth)
    assert done.status_code == 200 and len(done.json()["created"]) == 3
    app = client.get("/api/applications/A-2026-0003", headers=auth).json()
    assert app["steps_complete"] and [s["done_on"] for s in app["steps"]][:5] == [
        "2026-04-05", "2026-04-06", "2026-04-15", "2026-04-16", "2026-04-20"]
    step = client.post("/api/applications/A-2026-0001/steps", json={"step": "online_applied", "on": "2026-11-25"},
                       headers={"Authorization": f"Bearer {operator}"})
    assert step.status_code == 200 and step.json()["steps_complete"]

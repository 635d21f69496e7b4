"""An emergency revocation whose signing job fails for good: shown on the case, in the queue and on
the failed-jobs page; retried from the dashboard or the CLI once the signer works (the serial
reaches the CRL), or discarded with a reason. Real container, real CA, both databases."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

import pytest
from cryptography import x509
from dashboard_support import Staff, csrf_of, login, totp_now
from failed_jobs_support import (
    HSM_ERROR,
    UnreachableHsmSigner,
    approved_emergency,
    execute_job,
    run_until_done,
    run_until_failed,
    with_signer,
)
from fastapi.testclient import TestClient
from sqlalchemy import select

from core.container import Container
from core.models import AuditEvent, Case
from madoguchi.asgi import build_asgi
from tests.conftest import MADOGUCHI, ROOT

ERROR_LINE = f"ConnectionError: {HSM_ERROR}"


@pytest.fixture
def hsm(container: Container) -> UnreachableHsmSigner:
    container.ca.init("Failed Jobs Test CA", container.clock.now())
    return UnreachableHsmSigner(container.signer)


@pytest.fixture
def c(container: Container, hsm: UnreachableHsmSigner) -> Container:
    return with_signer(container, hsm)


@pytest.fixture
def bob(c: Container, staff: Staff) -> Iterator[TestClient]:
    with TestClient(build_asgi(c), base_url="http://testserver") as client:
        assert login(client, staff.bob, code=totp_now(staff.bob_secret, c)).status_code == 303
        yield client


def case_state(c: Container, tag: str) -> str:
    with c.factory() as s:
        return s.execute(select(Case.state).where(Case.tag == tag)).scalar_one()


def audit_events(c: Container, action: str) -> list[AuditEvent]:
    with c.factory() as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)).scalars())


def serial_in_crl(crl_der: bytes, serial_hex: str) -> bool:
    crl = x509.load_der_x509_crl(crl_der)
    return crl.get_revoked_certificate_by_serial_number(int(serial_hex, 16)) is not None


def test_failed_revocation_is_shown_then_retried_from_the_dashboard_into_the_crl(
        c: Container, hsm: UnreachableHsmSigner, staff: Staff, bob: TestClient) -> None:
    tag, serial = approved_emergency(c, staff)
    job_id = run_until_failed(c, tag)
    assert hsm.revoke_calls == 8  # max_attempts of the carry_out job.
    assert case_state(c, tag) == "executing"
    [failed] = audit_events(c, "job_failed")
    with c.factory() as s:
        case_id = s.execute(select(Case.id).where(Case.tag == tag)).scalar_one()
    assert failed.case_id == case_id and failed.detail["error"] == ERROR_LINE

    # The case page says 実行失敗 with the error, and stops reloading itself.
    page = bob.get(f"/dashboard/cases/{tag}")
    assert re.search(r'id="case-state">実行失敗<', page.text)
    assert f'id="execution-error">{ERROR_LINE}<' in page.text and "data-reload-after" not in page.text
    assert f'id="retry-{job_id}"' in page.text  # A supervisor can retry from the case itself.

    # The queue: an alert at the top, the row marked, counts in the navigation.
    queue = bob.get("/dashboard/")
    alert = queue.text.index('class="alert"')
    assert alert < queue.text.index("<h1>") and "緊急失効 " + tag + " の実行に失敗しました" in queue.text
    row = re.search(rf'<tr [^>]*data-tag="{tag}">(.*?)</tr>', queue.text, re.S)
    assert row and "実行失敗" in row.group(1) and ERROR_LINE in row.group(1)
    assert re.search(r'id="nav-alerts"[^>]*>1<', queue.text) and re.search(r'id="nav-failed-count">1<', queue.text)
    assert tag in bob.get("/dashboard/queue/alerts").text

    # The failed-jobs page lists it with kind, case link, attempts, error and time.
    listing = bob.get("/dashboard/jobs/failed")
    row = re.search(rf'<tr data-job="{job_id}"[^>]*>(.*?)</tr>', listing.text, re.S)
    assert row, listing.text
    cells = row.group(1)
    assert "承認済み案件の実行" in cells and f'href="/dashboard/cases/{tag}"' in cells and "8 / 8" in cells
    assert ERROR_LINE in cells and "JST" in cells

    # Without the CSRF token nothing happens.
    assert bob.post(f"/dashboard/jobs/{job_id}/retry", data={}, follow_redirects=False).status_code == 403
    assert execute_job(c, tag).status == "failed"

    hsm.broken = False  # The HSM is back.
    retried = bob.post(f"/dashboard/jobs/{job_id}/retry", data={"csrf_token": csrf_of(listing.text)},
                       follow_redirects=False)
    assert retried.status_code == 303 and retried.headers["location"] == "/dashboard/jobs/failed?msg=msg_job_retried"
    job = execute_job(c, tag)
    assert (job.id, job.status, job.attempts, job.run_at) == (job_id, "pending", 0, c.clock.now())
    assert "失敗したジョブはありません" in bob.get("/dashboard/jobs/failed?msg=msg_job_retried").text

    c.queue().run_pending()
    assert case_state(c, tag) == "revoked"
    shown = bob.get(f"/dashboard/cases/{tag}")
    assert re.search(r'id="case-state">失効済み<', shown.text) and 'id="crl-number"' in shown.text
    crl = bob.get("/repository/gen1.crl")
    assert crl.status_code == 200 and serial_in_crl(crl.content, serial)
    assert [e.actor for e in audit_events(c, "job_retried")] == [staff.bob]
    with c.factory() as s:
        assert c.audit.verify(s).ok


def test_discard_from_the_case_page_needs_a_reason_and_the_role(
        c: Container, staff: Staff, bob: TestClient) -> None:
    tag, _serial = approved_emergency(c, staff)
    job_id = run_until_failed(c, tag)
    with TestClient(build_asgi(c), base_url="http://testserver") as alice:
        login(alice, staff.alice)
        page = alice.get(f"/dashboard/cases/{tag}")
        assert "実行失敗" in page.text and f'id="retry-{job_id}"' not in page.text  # An operator sees, cannot act.
        assert 'id="nav-failed-jobs"' not in page.text and re.search(r'id="nav-alerts"[^>]*>1<', page.text)
        assert alice.get("/dashboard/jobs/failed").status_code == 403
        token = csrf_of(page.text)
        for action in ("retry", "discard"):
            refused = alice.post(f"/dashboard/jobs/{job_id}/{action}", data={"csrf_token": token, "reason": "x"},
                                 follow_redirects=False)
            assert refused.status_code == 403
    assert execute_job(c, tag).status == "failed"

    token = csrf_of(bob.get(f"/dashboard/cases/{tag}").text)
    blank = bob.post(f"/dashboard/jobs/{job_id}/discard", data={"csrf_token": token, "reason": " ",
                                                               "return_to": "case"}, follow_redirects=False)
    assert blank.status_code == 400 and "破棄の理由を入力してください" in blank.text
    assert execute_job(c, tag).status == "failed"
    done = bob.post(f"/dashboard/jobs/{job_id}/discard",
                    data={"csrf_token": token, "reason": "CAコンソールで手動失効済み", "return_to": "case"},
                    follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/dashboard/cases/{tag}?msg=msg_job_discarded"
    [event] = audit_events(c, "job_discarded")
    assert (event.actor, event.detail["reason"], event.detail["job_id"]) == (staff.bob, "CAコンソールで手動失効済み",
                                                                             job_id)
    page = bob.get(done.headers["location"])
    assert "実行失敗" not in page.text and "job_discarded" in page.text  # In the case's timeline.
    # Nothing was revoked: the case leaves EXECUTING as closed (abandoned) and can be reopened.
    with c.factory() as s:
        assert s.execute(select(Case).where(Case.tag == tag)).scalar_one().state == "closed"
    assert 'class="alert"' not in bob.get("/dashboard/").text
    # A second discard (another supervisor's stale page) changes nothing.
    again = bob.post(f"/dashboard/jobs/{job_id}/discard", data={"csrf_token": token, "reason": "x"},
                     follow_redirects=False)
    assert again.headers["location"] == "/dashboard/jobs/failed?msg=msg_job_not_failed"
    assert len(audit_events(c, "job_discarded")) == 1


def cli(c: Container, *args: str, ok: bool = True) -> str:
    import subprocess

    env = dict(os.environ, MADOGUCHI_DATA_DIR=str(c.settings.data_dir),
               MADOGUCHI_DATABASE_URL=c.settings.effective_database_url)
    out = subprocess.run([*MADOGUCHI, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert (out.returncode == 0) is ok, out.stderr + out.stdout
    return out.stdout if ok else out.stderr


def test_cli_lists_retries_and_discards_failed_jobs(c: Container, hsm: UnreachableHsmSigner, staff: Staff) -> None:
    tag, serial = approved_emergency(c, staff)
    job_id = run_until_failed(c, tag)

    listed = json.loads(cli(c, "jobs", "list", "--failed", "--json"))
    assert [(j["id"], j["kind"], j["status"], j["case_tag"], j["attempts"], j["error"], j["emergency"])
            for j in listed] == [(job_id, "carry_out", "failed", tag, 8, ERROR_LINE, True)]
    assert listed[0]["failed_at"] == c.clock.now().isoformat()
    assert f"{job_id}\tfailed\tcarry_out\t{tag}\t8/8" in cli(c, "jobs", "list")

    hsm.broken = False
    retried = json.loads(cli(c, "jobs", "retry", str(job_id)))
    assert (retried["id"], retried["status"], retried["attempts"]) == (job_id, "pending", 0)
    assert "is pending, not failed" in cli(c, "jobs", "retry", str(job_id), ok=False)
    run_until_done(c)
    assert case_state(c, tag) == "revoked"
    generation = max(g.number for g in c.ca.generations())
    assert serial_in_crl(c.ca.crl_path(generation).read_bytes(), serial)
    assert json.loads(cli(c, "jobs", "list", "--failed", "--json")) == []

    # A second emergency fails too; this time it is given up on, with a reason.
    hsm.broken = True
    tag2, _ = approved_emergency(c, staff, email="hanako@example.jp", name="佐藤 花子", phone="06-9876-5432")
    job2 = run_until_failed(c, tag2)
    assert "--reason" in cli(c, "jobs", "discard", str(job2), ok=False)  # argparse: the reason is required.
    assert "reason is required" in cli(c, "jobs", "discard", str(job2), "--reason", "  ", ok=False)
    discarded = json.loads(cli(c, "jobs", "discard", str(job2), "--reason", "書面手続きに切り替え"))
    assert (discarded["id"], discarded["status"], discarded["case_tag"]) == (job2, "discarded", tag2)
    assert "no job 999999" in cli(c, "jobs", "retry", "999999", ok=False)
    assert json.loads(cli(c, "jobs", "list", "--failed", "--json")) == []
    discards = [(e.actor, e.detail["reason"]) for e in audit_events(c, "job_discarded")]
    assert discards == [("cli", "書面手続きに切り替え")]
    assert [e.actor for e in audit_events(c, "job_retried")] == ["cli"]
    assert json.loads(cli(c, "audit", "verify"))["ok"]

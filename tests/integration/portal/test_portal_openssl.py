"""The portal over HTTP with a request made by ``openssl req``: log in, upload, operator match, download, verify.

The whole application is built as ``madoguchi serve`` builds it; openssl checks the result.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from online_support import RECORD, add_application

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))
from dashboard_support import add_staff, csrf_of, login, make_app  # noqa: E402

from core.container import Container  # noqa: E402
from core.services import online  # noqa: E402


def openssl(*args: str, cwd: Path) -> str:
    out = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def portal_login(client: TestClient, reference: str, code: str) -> None:
    page = client.get("/apply/")
    response = client.post("/apply/login", data={"csrf_token": csrf_of(page.text), "reference": reference,
                                                 "code": code}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/apply/form"


def test_openssl_request_is_issued_and_verifies(container: Container, tmp_path: Path) -> None:
    c = container
    staff = add_staff(c)
    ref = add_application(c)
    code = online.issue_code(c.factory, c.audit, ref, actor="cli", now=c.clock.now())
    openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "req.csr",
            "-subj", f"/CN={ref}", "-days", "3650", cwd=tmp_path)
    with TestClient(make_app(c), base_url="http://testserver") as applicant:
        # Without the CSRF token nothing happens.
        assert applicant.post("/apply/login", data={"reference": ref, "code": code}).status_code == 403
        portal_login(applicant, ref, code)
        form = applicant.get("/apply/form")
        assert form.status_code == 200 and "default-src 'self'" in form.headers["content-security-policy"]
        token = csrf_of(form.text)
        with open(tmp_path / "req.csr", "rb") as handle:
            sent = applicant.post("/apply/submit", data={**RECORD, "csrf_token": token, "validity_days": "3650"},
                                  files={"csr_file": ("req.csr", handle, "application/pkcs10")},
                                  follow_redirects=False)
        assert sent.status_code == 303 and "msg_submitted" in sent.headers["location"]
        # The operator compares on the dashboard and finds a match.
        with TestClient(make_app(c), base_url="http://testserver") as operator:
            assert login(operator, staff.alice).status_code == 303
            page = operator.get("/dashboard/online")
            sid = re.search(r'data-submission="(\d+)"', page.text)
            assert sid and ref in page.text and "differs" not in page.text
            done = operator.post(f"/dashboard/online/{sid.group(1)}/match", data={"csrf_token": csrf_of(page.text)},
                                 follow_redirects=False)
            assert done.status_code == 303 and "msg_online_issued" in done.headers["location"]
        status = applicant.get("/apply/form").text
        serial = re.search(r'class="serial">([0-9a-f]+)<', status)
        assert serial
        for kind in ("pem", "der", "chain.pem"):
            response = applicant.get(f"/apply/certificates/{serial.group(1)}.{kind}")
            assert response.status_code == 200
            (tmp_path / f"cert.{kind}").write_bytes(response.content)
    (tmp_path / "ca.der").write_bytes(c.ca.certificate_path(c.ca.generations()[-1].number).read_bytes())
    openssl("x509", "-inform", "DER", "-in", "ca.der", "-out", "ca.pem", cwd=tmp_path)
    assert "cert.pem: OK" in openssl("verify", "-CAfile", "ca.pem", "cert.pem", cwd=tmp_path)
    # The chain file is the certificate followed by the CA.
    chain = (tmp_path / "cert.chain.pem").read_text()
    assert chain == (tmp_path / "cert.pem").read_text() + (tmp_path / "ca.pem").read_text()
    der_as_pem = openssl("x509", "-inform", "DER", "-in", "cert.der", cwd=tmp_path)
    assert der_as_pem == (tmp_path / "cert.pem").read_text()
    # The certificate carries the key of the openssl request, and is valid 1 year 1 month whatever was asked.
    assert openssl("x509", "-in", "cert.pem", "-noout", "-pubkey", cwd=tmp_path) == openssl(
        "pkey", "-in", "key.pem", "-pubout", cwd=tmp_path)
    dates = openssl("x509", "-in", "cert.pem", "-noout", "-startdate", "-enddate", cwd=tmp_path)
    start = re.search(r"notBefore=(\w+ +\d+) [\d:]+ (\d+)", dates)
    end = re.search(r"notAfter=(\w+ +\d+) [\d:]+ (\d+)", dates)
    assert start and end and (start.group(1), int(start.group(2))) == ("Nov 26", 2026)
    assert (end.group(1), int(end.group(2))) == ("Dec 26", 2027)


def test_portal_refuses_wrong_codes_and_limits_attempts_per_address(container: Container) -> None:
    c = container
    ref = add_application(c)
    online.issue_code(c.factory, c.audit, ref, actor="cli", now=c.clock.now())
    with TestClient(make_app(c), base_url="http://testserver") as client:
        token = csrf_of(client.get("/apply/").text)
        codes = []
        for n in range(12):
            # Different references, so that the per-reference lock is not what stops them.
            response = client.post("/apply/login", data={"csrf_token": token, "reference": f"APP-{n}",
                                                         "code": "WRONG"}, follow_redirects=False)
            codes.append(response.status_code)
        assert codes[:10] == [403] * 10 and codes[10:] == [429, 429]
        assert client.get("/apply/form", follow_redirects=False).status_code == 303
        assert client.get("/apply/certificates/01.pem").status_code == 403


def test_portal_forms_need_the_csrf_token_and_certificates_stay_with_their_application(
        container: Container, tmp_path: Path) -> None:
    from online_support import new_request

    from core.services import online_review

    c = container
    mine, theirs = add_application(c, reference="APP-00001"), add_application(c, reference="APP-00002")
    codes = {ref: online.issue_code(c.factory, c.audit, ref, actor="cli", now=c.clock.now()) for ref in (mine, theirs)}
    # The other applicant's certificate, issued through the same use cases.
    with c.factory() as session:
        from sqlalchemy import select

        from core.models import Application

        other_id = session.scalars(select(Application.id).where(Application.reference == theirs)).one()
    sid = online.submit(c.factory, c.audit, other_id, RECORD, new_request()[1], now=c.clock.now())
    other = online_review.accept(c.factory, c.ca, c.audit, c.cases.outbox, sid, actor="alice", now=c.clock.now())
    with TestClient(make_app(c), base_url="http://testserver") as client:
        portal_login(client, mine, codes[mine])
        cookies = client.cookies
        assert "mdg_apply" in cookies and "mdg_apply_csrf" in cookies
        _key, csr = new_request()
        refused = client.post("/apply/submit", data={**RECORD, "csr": csr.decode()}, follow_redirects=False)
        assert refused.status_code == 403 and 'data-key="err_csrf"' in refused.text
        wrong = client.post("/apply/submit", data={**RECORD, "csr": csr.decode(), "csrf_token": "x" * 43},
                            follow_redirects=False)
        assert wrong.status_code == 403
        # Nothing was stored by the refused posts.
        with c.factory() as session:
            from core.online_models import OnlineSubmission

            assert session.scalars(select(OnlineSubmission.id)).all() == [sid]
        # Another application's certificate is not found through this session, in any form.
        serial = format(other.serial, "x")
        for kind in ("pem", "der", "chain.pem"):
            assert client.get(f"/apply/certificates/{serial}.{kind}").status_code == 404
        # A missing CSR is an error that keeps the values typed.
        token = csrf_of(client.get("/apply/form").text)
        empty = client.post("/apply/submit", data={**RECORD, "csrf_token": token}, follow_redirects=False)
        assert empty.status_code == 400 and 'data-key="err_no_csr"' in empty.text and RECORD["address"] in empty.text
        # Logging out ends the session on the server.
        out = client.post("/apply/logout", data={"csrf_token": token}, follow_redirects=False)
        assert out.status_code == 303
        assert client.get("/apply/form", follow_redirects=False).status_code == 303


def test_a_renewal_link_fills_in_its_reference_and_nothing_else(container: Container) -> None:
    with TestClient(make_app(container), base_url="http://testserver") as client:
        page = client.get("/apply/", params={"reference": "A-2026-0001-R1"})
        assert 'id="reference" required maxlength="64" autocomplete="off" value="A-2026-0001-R1"' in page.text
        hostile = client.get("/apply/", params={"reference": '"><script>alert(1)</script>'})
        assert "<script>alert(1)" not in hostile.text and "&#34;&gt;&lt;script&gt;" in hostile.text
        assert 'value=""' in client.get("/apply/", params={"reference": "x\n" * 40}).text

"""One register: a revocation from ``madoguchi ca revoke`` and one from a case are seen alike everywhere.

The command line runs as a real ``madoguchi`` process on the same database and data
directory as the test's container; the dashboard and API are the real ASGI application.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from fastapi.testclient import TestClient
from sqlalchemy import select

from core import register
from core import workflow as wf
from core.container import Container
from core.models import AuditEvent, Case, OutboundMail
from core.operators import create_operator
from core.ports import FixedClock
from core.services.certificates import ALREADY_REVOKED, AlreadyRevoked, revoke_certificate
from core.settings import Settings
from madoguchi.app import build_container
from madoguchi.asgi import build_asgi
from madoguchi.sample import load_sample_data
from signing.serials import Serial
from tests.conftest import run_cli, server_env
from tests.integration.core.test_core_cases import case_of, confirm_and_approve, deliver, mail, operators
from tests.templatedb import migrate_fresh

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "dashboard"))
from dashboard_support import PASSWORD, login  # noqa: E402

TARO = "taro.yamada@example.jp"


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return server_env(database_url, tmp_path / "data")


@pytest.fixture
def c(database_url: str, env: dict[str, str]) -> Iterator[Container]:
    migrate_fresh(database_url)
    settings = Settings(data_dir=Path(env["MADOGUCHI_DATA_DIR"]), database_url=database_url)
    # The command line reads the wall clock, so the test's clock starts just before it.
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=1)
    container = build_container(settings, clock=FixedClock(start))
    container.ca.init("Register CA", start)
    load_sample_data(container)
    yield container
    container.dispose()


def taro_serial(c: Container) -> Serial:
    with c.factory() as session:
        applicant = c.cases.match_applicant(session, TARO)
        assert applicant is not None
        (certificate,) = register.certificates_of_applicant(session, applicant.id)
        return certificate.serial


def openssl_style(serial: Serial) -> str:
    digits = serial.hex.upper().zfill(len(serial.hex) + len(serial.hex) % 2)
    return ":".join(digits[i:i + 2] for i in range(0, len(digits), 2))


def crl_lists(c: Container, serial: Serial) -> bool:
    crl = x509.load_der_x509_crl(c.ca.crl_path(1).read_bytes())
    return crl.get_revoked_certificate_by_serial_number(serial.value) is not None


def ocsp_status(c: Container, serial: Serial) -> ocsp.OCSPCertStatus:
    with c.factory() as session:
        certificate = register.find(session, serial)
        assert certificate is not None
        der = certificate.der
    issuer = x509.load_der_x509_certificate(c.ca.generations()[0].certificate)
    request = ocsp.OCSPRequestBuilder().add_certificate(
        x509.load_der_x509_certificate(der), issuer, hashes.SHA256()).build()
    response = ocsp.load_der_ocsp_response(
        c.ca.ocsp_response(request.public_bytes(serialization.Encoding.DER), c.clock.now()))
    return response.certificate_status


def dashboard_case_status(client: TestClient, tag: str) -> str:
    page = client.get(f"/dashboard/cases/{tag}").text
    return page.split('id="cert-status">', 1)[1].split("</dd>", 1)[0]


def test_ca_revoke_on_the_command_line_is_seen_by_cases_dashboard_notices_and_crl(
        c: Container, env: dict[str, str]) -> None:
    serial = taro_serial(c)
    out = run_cli(env, "ca", "revoke", openssl_style(serial), "--reason", "keyCompromise")
    assert f"revoked {serial.hex};" in out
    crl_number = int(out.rsplit("CRL number", 1)[1])

    # The register the help desk reads says revoked, with the CLI's CRL number.
    with c.factory() as session:
        certificate = register.find(session, serial)
        assert certificate is not None and register.is_revoked(session, certificate)
        revocation = register.revocation_of(session, certificate)
        assert revocation is not None
        assert (revocation.reason, revocation.crl_number) == ("keyCompromise", crl_number)
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "certificate_revoked")).one()
        assert audit.actor == "cli" and audit.detail["serial"] == serial.hex
    assert crl_lists(c, serial) and ocsp_status(c, serial) is ocsp.OCSPCertStatus.REVOKED

    # A case on the same serial is refused as already revoked (rule already-revoked).
    msg = deliver(c, mail(TARO, "失効のお願い", f"証明書を失効してください。シリアル番号: {openssl_style(serial)}"))
    case = case_of(c, msg)
    assert case.certificate_id == certificate.id and case.facts["certificate_revoked"] is True
    assert case.state == "refused"
    with c.factory() as session:
        templates = {m.template for m in session.scalars(select(OutboundMail).where(OutboundMail.case_id == case.id))}
        # An unauthenticated sender is not told the certificate's state: the refusal went out as a neutral reply.
        templates |= {e.detail["asked"] for e in session.scalars(select(AuditEvent).where(
            AuditEvent.action == "reply_reduced", AuditEvent.case_id == case.id))}
    assert "refused_already_revoked" in templates

    # The dashboard's case page and the API show the same certificate, revoked, same CRL.
    with c.factory() as session, session.begin():
        _op, _pw, token = create_operator(session, "reader", "operator", c.clock.now(), password=PASSWORD)
    with TestClient(build_asgi(c), base_url="http://testserver") as client:
        login(client, "reader")
        assert dashboard_case_status(client, case.tag) == f"失効済み（CRL {crl_number}）"
        auth = {"Authorization": f"Bearer {token}"}
        assert client.get(f"/api/cases/{case.tag}", headers=auth).json()["certificate_serial"] == serial.hex
        # A serial typed in any form through the API finds the certificate.
        typed = client.post("/api/cases", headers=auth, json={
            "kind": "revocation", "channel": "fax", "applicant_email": TARO, "serials": [openssl_style(serial)]})
        assert typed.status_code == 201, typed.text
        assert typed.json()["serials"] == [serial.hex] and typed.json()["certificate_serial"] == serial.hex
        assert typed.json()["state"] == "refused"

    # Renewal notices skip the revoked certificate: only the other two sample holders get one.
    later = certificate.not_after - dt.timedelta(days=10)
    assert isinstance(c.clock, FixedClock)
    c.clock.advance(later - c.clock.now())
    assert c.handlers.renewal_notices(later) == 2
    with c.factory() as session:
        to = {m.to_addr for m in session.scalars(select(OutboundMail).where(OutboundMail.template == "renewal_notice"))}
    assert TARO not in to and len(to) == 2

    # Revoking again on the command line is refused with the rule id.
    again = run_cli_failing(env, "ca", "revoke", serial.hex, "--reason", "keyCompromise")
    assert "already revoked" in again and ALREADY_REVOKED in again


def run_cli_failing(env: dict[str, str], *args: str) -> str:
    import subprocess

    from tests.conftest import MADOGUCHI, ROOT

    out = subprocess.run([*MADOGUCHI, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 1, out.stderr + out.stdout
    return out.stdout


def test_a_case_revocation_is_seen_by_ca_status_ocsp_and_the_crl(c: Container, env: dict[str, str]) -> None:
    a, b = operators(c)
    serial = taro_serial(c)
    msg = deliver(c, mail(TARO, "緊急失効", f"PCを盗まれました。至急失効してください。シリアル {serial.hex.upper()}"))
    case = case_of(c, msg)
    assert case.kind == "emergency_revocation" and case.state == "awaiting_callback"
    confirm_and_approve(c, case.tag, a, b)
    with c.factory() as session:
        done = session.get(Case, case.id)
        assert done is not None and done.state == "revoked" and done.crl_number is not None
        certificate = register.find(session, serial)
        assert certificate is not None
        revocation = register.revocation_of(session, certificate)
        assert revocation is not None and revocation.crl_number == done.crl_number
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "certificate_revoked")).one()
        assert audit.case_id == case.id and audit.detail["crl_number"] == done.crl_number

    status = json.loads(run_cli(env, "ca", "status", "--json"))
    assert status["generations"][0]["revoked"] == 1
    assert status["generations"][0]["crl_number"] == done.crl_number
    assert crl_lists(c, serial) and ocsp_status(c, serial) is ocsp.OCSPCertStatus.REVOKED

    # The command line refuses it now: the same use case, the same register.
    refused = run_cli_failing(env, "ca", "revoke", serial.hex)
    assert ALREADY_REVOKED in refused


def test_the_revocation_use_case_refuses_a_second_revocation_but_a_retry_gets_the_first(c: Container) -> None:
    serial = taro_serial(c)
    now = c.clock.now()
    first = revoke_certificate(c.factory, c.signer, c.audit, serial, "superseded", actor="t", now=now)
    with pytest.raises(AlreadyRevoked) as refused:
        revoke_certificate(c.factory, c.signer, c.audit, serial, "superseded", actor="t", now=now)
    assert refused.value.rule is wf.Rule.ALREADY_REVOKED and refused.value.revocation is not None
    assert refused.value.revocation.crl_number == first.crl_number
    retried = revoke_certificate(c.factory, c.signer, c.audit, serial, "superseded", actor="t", now=now, retry=True)
    assert retried.reused and retried.crl_number == first.crl_number
    # An upgrade to keyCompromise is not a refusal: the CA records it and publishes a new CRL.
    upgraded = revoke_certificate(c.factory, c.signer, c.audit, serial, "keyCompromise", actor="t", now=now)
    assert upgraded.crl_number is not None and first.crl_number is not None
    assert upgraded.crl_number > first.crl_number
    with c.factory() as session:
        certificate = register.find(session, serial)
        assert certificate is not None
        revocation = register.revocation_of(session, certificate)
        assert revocation is not None and revocation.reason == "keyCompromise"
        assert revocation.crl_number == upgraded.crl_number  # The CRL published for the change.

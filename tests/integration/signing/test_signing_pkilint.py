"""pkilint (a third-party linter) on our certificates, CRLs and OCSP responses.

Findings at WARNING or above fail the test, except the ones listed in ACCEPTED, each
with the reason it is accepted.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp

from signing.authority import CertificateAuthority
from signing.profiles import SubjectFields

BIN = Path(__file__).resolve().parents[3] / ".venv" / "bin"
ACCEPTED: set[str] = set()


def _lint(tool: str, *args: str | Path) -> list[str]:
    executable = BIN / tool
    if not executable.exists() and shutil.which(tool) is None:
        pytest.skip(f"{tool} (pkilint) is not installed")
    result = subprocess.run([str(executable), "lint", "-s", "WARNING", *map(str, args)], capture_output=True, text=True)
    findings = [line.strip() for line in result.stdout.splitlines() if "(" in line and ")" in line]
    return [f for f in findings if not any(a in f for a in ACCEPTED)]


def test_pkilint_clean(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, tmp_path: Path, t0: dt.datetime
) -> None:
    general = ca.issue(
        "general",
        SubjectFields("Hanako Suzuki", "Hanako", "Suzuki"),
        "hanako@example.jp",
        subscriber_key.public_key(),
        now=t0,
    )
    dim = ca.issue(
        "document-information-manager",
        SubjectFields("Taro Yamada", "Taro", "Yamada"),
        "taro@example.jp",
        subscriber_key.public_key(),
        "JIIMA-0042",
        now=t0,
    )
    from cryptography.hazmat.primitives.asymmetric import ec

    ec_leaf = ca.issue(
        "general",
        SubjectFields("Jiro Sato", "Jiro", "Sato"),
        "jiro@example.jp",
        ec.generate_private_key(ec.SECP256R1()).public_key(),
        now=t0,
    )
    ca.revoke(dim.serial, "keyCompromise", t0, t0 + dt.timedelta(hours=1))
    ca.rollover(t0 + dt.timedelta(days=1))
    gen1, gen2 = ca.generations()
    files = {}
    for name, der_bytes in (("general", general.der), ("dim", dim.der), ("ec", ec_leaf.der)):
        files[name] = tmp_path / f"{name}.der"
        files[name].write_bytes(der_bytes)
        assert _lint("lint_cabf_smime_cert", "-d", "--document-format", "DER", files[name]) == [], name
    assert gen2.new_with_old is not None and gen2.old_with_new is not None
    for name, der_bytes in (
        ("root1", gen1.certificate),
        ("root2", gen2.certificate),
        ("nwo", gen2.new_with_old),
        ("own", gen2.old_with_new),
    ):
        path = tmp_path / f"{name}.der"
        path.write_bytes(der_bytes)
        assert _lint("lint_pkix_cert", "--document-format", "DER", path) == [], name
    for generation in (1, 2):
        for profile in ("PKIX", "BR"):
            crl_path = ca.crl_path(generation)
            assert _lint("lint_crl", "-t", "CRL", "-p", profile, "--document-format", "DER", crl_path) == []
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(
            x509.load_der_x509_certificate(dim.der),
            x509.load_der_x509_certificate(gen1.certificate),
            hashes.SHA256(),
        )
        .build()
    )
    response = tmp_path / "ocsp.der"
    response.write_bytes(ca.ocsp_response(request.public_bytes(serialization.Encoding.DER), t0 + dt.timedelta(days=2)))
    assert _lint("lint_ocsp_response", "--document-format", "DER", response) == []


def test_lint_parser_reports_findings(tmp_path: Path, t0: dt.datetime) -> None:
    """Negative control: a bare certificate must produce findings, proving _lint sees them."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "bare")])
    bare = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(t0)
        .not_valid_after(t0 + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "bare.der"
    path.write_bytes(bare.public_bytes(serialization.Encoding.DER))
    assert _lint("lint_cabf_smime_cert", "-t", "INDIVIDUAL-MULTIPURPOSE", "--document-format", "DER", path)

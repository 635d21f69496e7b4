"""The ``ca`` command line: init, issue, revoke, crl, rollover, status.

Run as ``madoguchi`` parses it, with a real container (``issue`` and ``revoke`` go through the
help desk's use cases and write audit events).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from sqlalchemy import select

from core.migrate import upgrade
from core.models import AuditEvent
from core.settings import Settings
from madoguchi.cli import CliContext, build_parser


def _run(ctx: Any, *argv: str) -> int:
    args = build_parser().parse_args(list(argv))
    result: int = args.func(args, ctx)
    return result


def test_cli_lifecycle(database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    upgrade(database_url)
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        ca_key_passphrase="cli-pass",
        ca_name="CLI CA",
        public_base_url="http://ca.madoguchi.example.jp",
        crl_next_update_days=5,
        crl_refresh_margin_hours=24,
    )
    ctx = CliContext(settings)
    assert _run(ctx, "ca", "status") == 0
    assert "not initialised" in capsys.readouterr().out
    assert _run(ctx, "ca", "issue", "--cn", "X", "--email", "x@example.jp", "--out", str(tmp_path)) == 1
    assert "not initialised" in capsys.readouterr().out
    assert _run(ctx, "ca", "init") == 0
    assert _run(ctx, "ca", "init") == 1
    capsys.readouterr()
    out_dir = tmp_path / "issued"
    assert (
        _run(
            ctx,
            "ca",
            "issue",
            "--profile",
            "dim",
            "--cn",
            "Taro",
            "--email",
            "taro@example.jp",
            "--registration-number",
            "R-77",
            "--count",
            "2",
            "--out",
            str(out_dir),
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "issuing [" in captured.err  # The progress bar.
    files = sorted(out_dir.glob("*.pem"))
    assert len(files) == 2
    assert oct(files[0].stat().st_mode & 0o777) == "0o600"
    pem = files[0].read_bytes()
    assert b"BEGIN PRIVATE KEY" in pem
    certificate = x509.load_pem_x509_certificate(pem)
    serial = format(certificate.serial_number, "x")
    assert files[0].name == f"{serial}.pem"  # Named by the canonical serial.
    assert _run(ctx, "ca", "revoke", serial, "--reason", "superseded") == 0
    assert "published CRL number 2" in capsys.readouterr().out
    assert _run(ctx, "ca", "revoke", serial, "--reason", "superseded") == 1
    assert "already revoked" in capsys.readouterr().out
    assert (
        _run(
            ctx,
            "ca",
            "revoke",
            serial,
            "--reason",
            "keyCompromise",
            "--invalidity-date",
            "2020-01-01T00:00:00+09:00",
        )
        == 0
    )
    capsys.readouterr()
    crl_path = settings.data_dir / "ca" / "repository" / "gen1.crl"
    crl = x509.load_der_x509_crl(crl_path.read_bytes())
    assert crl.get_revoked_certificate_by_serial_number(certificate.serial_number) is not None
    assert crl.next_update_utc is not None
    assert (crl.next_update_utc - crl.last_update_utc).days == 5
    assert _run(ctx, "ca", "crl", "--if-due") == 0
    assert "no CRL was due" in capsys.readouterr().out
    assert _run(ctx, "ca", "crl") == 0
    assert "CRL 4" in capsys.readouterr().out
    assert _run(ctx, "ca", "rollover") == 0
    capsys.readouterr()
    assert _run(ctx, "ca", "status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["current_generation"] == 2
    assert [g["crl_number"] for g in status["generations"]] == [4, 1]
    assert status["generations"][0]["issued"] == 2 and status["generations"][0]["revoked"] == 1
    with pytest.raises(SystemExit):
        _run(ctx, "ca", "revoke", "not-hex")
    with ctx.container.factory() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
    assert actions.count("certificate_issued") == 2 and actions.count("certificate_revoked") == 2
    ctx.container.dispose()

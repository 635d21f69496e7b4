"""``madoguchi backup`` while serving, then ``madoguchi restore`` into a fresh data directory (real CLI)."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography import x509

from tests.conftest import MADOGUCHI, ROOT, fresh_postgres_database, run_cli, server_env, start_server
from tests.integration.ops.ops_support import drive_revocation, emergency_mail, staff


def crl_number(path: Path) -> int:
    crl = x509.load_der_x509_crl(path.read_bytes())
    return int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)


@contextmanager
def second_database(database_url: str, tmp_path: Path) -> Iterator[str]:
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    with fresh_postgres_database() as url:
        yield url


def test_backup_while_serving_then_restore(database_url: str, tmp_path: Path) -> None:
    import smtplib

    env = server_env(database_url, tmp_path / "data")
    run_cli(env, "init")
    people = json.loads(run_cli(env, "demo", "--load-only", "--json"))
    holders = [p for p in people if p["serials"]]
    a, b = staff(env)
    srv = start_server(env)
    try:
        revoked = drive_revocation(srv, holders[0], a, b)
        # Mails keep arriving while the backup runs.
        stop = threading.Event()

        def traffic() -> None:
            with smtplib.SMTP("127.0.0.1", srv.smtp_port, timeout=30) as smtp:
                while not stop.is_set():
                    smtp.send_message(emergency_mail(holders[1]))

        sender = threading.Thread(target=traffic)
        sender.start()
        try:
            manifest = json.loads(run_cli(env, "backup", str(tmp_path / "backup")))
        finally:
            stop.set()
            sender.join(timeout=30)
        refused = subprocess.run([*MADOGUCHI, "backup", str(tmp_path / "backup")], env=env, cwd=ROOT,
                                 capture_output=True, text=True)
        assert refused.returncode == 1 and "not empty" in refused.stderr
        # The lost system goes on publishing after the backup: these numbers are in no copy.
        for _ in range(3):
            run_cli(env, "ca", "crl")
    finally:
        srv.stop()
    highest_ever = crl_number(tmp_path / "data" / "ca" / "repository" / "gen1.crl")
    assert highest_ever >= revoked["crl_number"] + 3
    assert {"ca/keys", "ca/repository", "audit.key"} <= set(manifest["files"])
    keys = [p.read_bytes() for p in (tmp_path / "backup" / "data" / "ca" / "keys").iterdir()]
    assert keys and all(b"BEGIN ENCRYPTED PRIVATE KEY" in k and b"BEGIN PRIVATE KEY" not in k for k in keys)

    with second_database(database_url, tmp_path) as url2:
        env2 = server_env(url2, tmp_path / "restored")
        out = json.loads(run_cli(env2, "restore", str(tmp_path / "backup")))
        published = out["published"]["1"]
        assert published > highest_ever
        restored_crl = tmp_path / "restored" / "ca" / "repository" / "gen1.crl"
        assert crl_number(restored_crl) == published
        revoked_serials = {format(e.serial_number, "x") for e in x509.load_der_x509_crl(restored_crl.read_bytes())}
        assert revoked["certificate_serial"].lower().lstrip("0") in revoked_serials
        verify = json.loads(run_cli(env2, "audit", "verify"))
        assert verify["ok"] and verify["checked"] > 10
        run_cli(env2, "ca", "crl")
        assert crl_number(restored_crl) == published + 1
        # Restoring twice into the same place is refused.
        again = subprocess.run([*MADOGUCHI, "restore", str(tmp_path / "backup")], env=env2, cwd=ROOT,
                               capture_output=True, text=True)
        assert again.returncode == 1 and "fresh data directory" in again.stderr


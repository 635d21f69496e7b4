"""``madoguchi doctor`` on a development data directory (findings, exit 1) and a production-like one (exit 0)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import MADOGUCHI, ROOT, run_cli, server_env


def doctor(env: dict[str, str]) -> tuple[int, list[dict[str, str]]]:
    out = subprocess.run([*MADOGUCHI, "doctor", "--json"], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    return out.returncode, json.loads(out.stdout)


def test_doctor_lists_what_a_dev_setup_must_fix(tmp_path: Path) -> None:
    env = server_env(f"sqlite:///{tmp_path / 'dev.sqlite3'}", tmp_path / "data")
    run_cli(env, "init")
    (tmp_path / "data" / "audit.key").chmod(0o644)
    code, findings = doctor(env)
    assert code == 1
    errors = {f["check"] for f in findings if f["severity"] == "error"}
    assert {"public_base_url", "ca_key_passphrase", "relay_host", "mail_domain", "secure_cookies",
            "data_dir"} <= errors
    assert any("audit.key" in f["problem"] for f in findings)
    text = subprocess.run([*MADOGUCHI, "doctor"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert text.returncode == 1 and "→ set secure_cookies = true" in text.stdout


def test_doctor_passes_a_production_like_config(tmp_path: Path) -> None:
    data = tmp_path / "prod"
    data.mkdir(mode=0o750)
    data.chmod(0o750)
    config = data / "madoguchi.toml"
    config.write_text(
        'public_base_url = "https://ca.example.jp"\n'
        'ca_key_passphrase = "correct horse battery staple 4711"\n'
        'relay_host = "127.0.0.1"\nrelay_port = 25\n'
        'mail_domain = "ca.example.jp"\nmail_from = "support@ca.example.jp"\n'
        'smtp_domains = ["ca.example.jp"]\n'
        f'lmtp_socket = "{tmp_path / "lmtp.sock"}"\n'
        'secure_cookies = true\nmetrics_token = "scrape-token-0c1d"\n', encoding="utf-8")
    config.chmod(0o640)
    env = {k: v for k, v in server_env(f"sqlite:///{data / 'madoguchi.sqlite3'}", data).items()
           if k not in ("MADOGUCHI_PUBLIC_BASE_URL", "MADOGUCHI_DATABASE_URL")}
    run_cli(env, "init")
    code, findings = doctor(env)
    # On a host whose NTP state is known and bad, "clock" would rightly be an error here.
    assert code == 0, findings
    assert all(f["severity"] == "warning" for f in findings)

"""``madoguchi import applications`` as an operator runs it: dry run, refusal, import, re-import."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import MADOGUCHI, ROOT, run_cli, server_env

EXAMPLE = ROOT / "tests" / "data" / "applications" / "example.csv"


def madoguchi(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MADOGUCHI, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          input=stdin)


def test_import_applications_command(database_url: str, tmp_path: Path) -> None:
    env = server_env(database_url, tmp_path / "data")
    run_cli(env, "init")
    bad = tmp_path / "bad.csv"
    bad.write_bytes((EXAMPLE.read_text(encoding="utf-8")
                     + "A-2026-0009,=cmd|' /C calc'!A0,,x@example.jp,03-0000-0000,,一般,,1,,,,,,\n").encode("cp932"))
    dry = madoguchi(env, "import", "applications", str(bad), "--dry-run")
    assert dry.returncode == 1
    assert f"{bad}:5: name: " in dry.stdout and "dry run: 4 rows (cp932)" in dry.stdout
    refused = madoguchi(env, "import", "applications", str(bad))
    assert refused.returncode == 1 and "NOT imported" in refused.stdout
    skipped = madoguchi(env, "import", "applications", str(bad), "--skip-bad-rows", "--json")
    report = json.loads(skipped.stdout)
    assert report["imported"] and len(report["created"]) == 3 and report["errors"][0]["line"] == 5
    again = json.loads(madoguchi(env, "import", "applications", str(EXAMPLE), "--json").stdout)
    assert again["imported"] and again["created"] == again["updated"] == [] and len(again["unchanged"]) == 3
    broken = madoguchi(env, "import", "applications", "-", "--dry-run", stdin="reference,name\nA-1,x\n")
    assert broken.returncode == 2 and "cannot read the file" in broken.stderr and "phone" in broken.stderr
    assert "ok" in run_cli(env, "audit", "verify").lower()

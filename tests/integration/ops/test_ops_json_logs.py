"""``MADOGUCHI_LOG_FORMAT=json``: every log line of a real ``serve`` is JSON, with case tag and message id."""

from __future__ import annotations

import json
import smtplib
import subprocess
from pathlib import Path

import httpx

from tests.conftest import MADOGUCHI, ROOT, run_cli, server_env
from tests.integration.ops.ops_support import emergency_mail, staff, wait_for


def test_json_log_lines_carry_case_tag_and_message_id(tmp_path: Path) -> None:
    env = server_env(f"sqlite:///{tmp_path / 'logs.sqlite3'}", tmp_path / "data")
    env["MADOGUCHI_LOG_FORMAT"] = "json"
    run_cli(env, "init")
    people = json.loads(run_cli(env, "demo", "--load-only", "--json"))
    person = next(p for p in people if p["serials"])
    a, _b = staff(env)
    errors = (tmp_path / "stderr.log").open("w")
    proc = subprocess.Popen([*MADOGUCHI, "serve"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
    base = f"http://127.0.0.1:{env['MADOGUCHI_HTTP_PORT']}"
    try:
        wait_for(lambda: _up(base), timeout=60)
        mail = emergency_mail(person)
        with smtplib.SMTP("127.0.0.1", int(env["MADOGUCHI_SMTP_PORT"]), timeout=30) as smtp:
            smtp.send_message(mail)
        http = httpx.Client(base_url=base, timeout=30)
        case = wait_for(lambda: next((x for x in http.get("/api/cases", headers=a).json()
                                      if x["reply_to"] == person["email"]), None))
        wait_for(lambda: '"job_kind": "send_mail"' in (tmp_path / "stderr.log").read_text())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        errors.close()
    lines = [ln for ln in (tmp_path / "stderr.log").read_text(encoding="utf-8").splitlines() if ln.strip()]
    records = [json.loads(ln) for ln in lines]  # every line parses: nothing but JSON on stderr
    assert all({"ts", "level", "logger", "msg"} <= r.keys() for r in records)
    inbound = [r for r in records if r.get("job_kind") == "process_inbound"]
    assert inbound, lines
    assert inbound[0]["case_tag"] == case["tag"]
    assert inbound[0]["message_id"] == mail["Message-ID"]
    sent = [r for r in records if r.get("job_kind") == "send_mail"]
    assert all("case_tag" not in r or r["case_tag"] == case["tag"] for r in sent)


def _up(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False

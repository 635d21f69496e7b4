"""``madoguchi application code REF`` prints a code that opens the portal; an unknown reference fails."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from online_support import add_application

from core.services import online
from core.settings import Settings
from madoguchi.app import build_container
from tests.conftest import MADOGUCHI, ROOT, run_cli, server_env


def test_cli_prints_a_working_code(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    env = server_env(url, tmp_path / "data")
    run_cli(env, "init")
    c = build_container(Settings(data_dir=tmp_path / "data", database_url=url))
    try:
        ref = add_application(c)
        reference, code = run_cli(env, "application", "code", ref).split()
        assert reference == ref and len(code) == 14
        assert online.open_session(c.factory, c.audit, ref, code, now=c.clock.now())
        # A second code replaces the first.
        _, newer = run_cli(env, "application", "code", ref).split()
        with pytest.raises(online.OnlineRefused) as old:
            online.open_session(c.factory, c.audit, ref, code, now=c.clock.now())
        assert old.value.rule is online.Rule.CODE_WRONG
        assert online.open_session(c.factory, c.audit, ref, newer, now=c.clock.now())
    finally:
        c.dispose()
    out = subprocess.run([*MADOGUCHI, "application", "code", "APP-NOPE"], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 1 and "APP-NOPE" in out.stderr

"""The package layering contract (import-linter) holds: channels around the core, capabilities below."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_import_layers_contract_is_kept() -> None:
    # lint-imports reads the contract from pyproject.toml and exits non-zero when it is broken.
    tool = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(tool), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_one_list_of_intents() -> None:
    """The classifier's intents, the chat's request intents and the workflow's kinds are one list."""
    from bots.ports import REQUEST_INTENTS
    from core import workflow as wf
    from intake.classify import INTENTS

    assert tuple(INTENTS) == tuple(k.value for k in wf.Kind)
    assert REQUEST_INTENTS == {k.value for k in wf.REQUEST_KINDS}

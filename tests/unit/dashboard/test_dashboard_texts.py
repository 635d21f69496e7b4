"""Every label the dashboard shows exists in Japanese and English with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from core import workflow as wf
from dashboard import texts

PACKAGE = Path(texts.__file__).parent
KEY_IN_CODE = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']""")
KEY_IN_TEXT_CALL = re.compile(r"""texts\.text\(\s*["']([a-z0-9_]+)["']""")


def placeholders(value: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


@pytest.mark.parametrize("key", sorted(texts.TEXTS))
def test_both_languages_present_with_same_placeholders(key: str) -> None:
    ja, en = texts.TEXTS[key]
    assert ja.strip() and en.strip()
    assert placeholders(ja) == placeholders(en)


def test_every_key_used_in_templates_and_code_exists() -> None:
    used: set[str] = set()
    sources = [p for p in PACKAGE.glob("*.py") if p.name != "texts.py"] + list(PACKAGE.glob("templates/*.html"))
    for path in sources:
        source = path.read_text(encoding="utf-8")
        used |= set(KEY_IN_CODE.findall(source)) | set(KEY_IN_TEXT_CALL.findall(source))
    # Keys built from a prefix (``"kind_" ~ case.kind``) are checked by the next test.
    used = {key for key in used if not key.endswith("_")}
    assert len(used) > 50
    assert used - set(texts.TEXTS) == set()


def test_dynamic_keys_for_kinds_states_and_outcomes_exist() -> None:
    dynamic = {f"kind_{k.value}" for k in wf.Kind} | {f"state_{s.value}" for s in wf.State}
    dynamic |= {f"outcome_{o}" for o in ("reached_confirmed", "not_reached", "number_not_in_use", "requester_denied")}
    dynamic |= {f"role_{r}" for r in ("operator", "supervisor", "admin")}
    dynamic |= {f"channel_{c}" for c in ("email", "telegram", "webchat", "fax", "post", "phone")}
    assert dynamic - set(texts.TEXTS) == set()


def test_translator_formats_and_falls_back_to_japanese() -> None:
    assert texts.translator("en")("audit_ok", checked=3) == "No tampering detected (3 events checked)."
    assert texts.translator("xx")("logout") == "ログアウト"
    with pytest.raises(KeyError):
        texts.text("no_such_key", "ja")

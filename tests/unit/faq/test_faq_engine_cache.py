"""The process-wide FAQ engine cache: one build per set of data files and arguments, never a stale one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from faq.engine import FaqEngine
from faq.knowledge import PACKAGED_DATA


def copy_data(target: Path) -> Path:
    """The packaged data files in *target*, to be edited by the test."""
    target.mkdir()
    for name in ("faq.json", "examples.json", "synonyms.json", "out_of_scope.json", "calibration.json"):
        shutil.copy(PACKAGED_DATA / name, target / name)
    return target


def test_the_same_files_and_arguments_give_the_same_engine(tmp_path: Path) -> None:
    first = FaqEngine.load(embedder="none")
    assert FaqEngine.load(embedder="none") is first
    # A copy of the same files elsewhere is the same knowledge: keyed by content, not by path.
    assert FaqEngine.load(copy_data(tmp_path / "copy"), embedder="none") is first


def test_other_arguments_or_extra_examples_build_another_engine() -> None:
    plain = FaqEngine.load(embedder="none")
    assert FaqEngine.load(embedder="none", threshold=0.5) is not plain
    extra = [("general-01", "ja", "ぴよぴよ証明書って何")]
    with_extra = FaqEngine.load(embedder="none", extra_examples=extra)
    assert with_extra is not plain
    assert FaqEngine.load(embedder="none", extra_examples=list(extra)) is with_extra
    assert with_extra.ask("ぴよぴよ証明書").faq_id == "general-01"
    assert plain.ask("ぴよぴよ証明書").faq_id is None


def test_an_edited_data_file_is_read_again(tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    before = FaqEngine.load(data, embedder="none")
    examples = json.loads((data / "examples.json").read_text(encoding="utf-8"))
    examples.setdefault("general-01", {}).setdefault("ja", []).append("ぴよぴよ証明書って何")
    (data / "examples.json").write_text(json.dumps(examples, ensure_ascii=False), encoding="utf-8")
    after = FaqEngine.load(data, embedder="none")
    assert after is not before
    assert after.ask("ぴよぴよ証明書").faq_id == "general-01"
    assert before.ask("ぴよぴよ証明書").faq_id is None

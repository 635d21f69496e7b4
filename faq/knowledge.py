"""The knowledge base: FAQ entries, example phrasings and synonyms read from JSON files.

The files ship inside the package (``faq/data``).  An override directory may hold any of
``faq.json``, ``examples.json``, ``synonyms.json``, ``out_of_scope.json`` (example questions
the CA does not answer) and ``calibration.json``; a file present there replaces the packaged
one, so operators can edit the FAQ without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGED_DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One question and answer, in Japanese and English."""

    id: str
    category: str
    question: str
    answer: str
    question_en: str
    answer_en: str


@dataclass(slots=True)
class KnowledgeBase:
    """Everything the engine indexes."""

    entries: list[FaqEntry]
    examples: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    synonyms: list[tuple[str, list[str]]] = field(default_factory=list)
    out_of_scope: list[str] = field(default_factory=list)
    out_of_scope_examples: list[str] = field(default_factory=list)

    def entry(self, faq_id: str) -> FaqEntry | None:
        """Return the entry with *faq_id*, or None."""
        for entry in self.entries:
            if entry.id == faq_id:
                return entry
        return None


def data_path(name: str, data_dir: Path | None) -> Path:
    """The file *name* in the override directory when it is there, else the packaged copy."""
    if data_dir is not None and (data_dir / name).is_file():
        return data_dir / name
    return PACKAGED_DATA / name


def _read(name: str, data_dir: Path | None) -> Any:
    return json.loads(data_path(name, data_dir).read_text(encoding="utf-8"))


def load_knowledge(data_dir: Path | None = None) -> KnowledgeBase:
    """Read the three JSON files, checking that ids are unique and examples refer to entries."""
    raw = _read("faq.json", data_dir)
    entries = [
        FaqEntry(
            id=e["id"],
            category=e.get("category", ""),
            question=e["question"],
            answer=e["answer"],
            question_en=e.get("question_en", ""),
            answer_en=e.get("answer_en", ""),
        )
        for e in raw["entries"]
    ]
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate FAQ ids in faq.json")
    examples: dict[str, dict[str, list[str]]] = {}
    for faq_id, by_lang in _read("examples.json", data_dir).items():
        if faq_id.startswith("_"):
            continue
        if faq_id not in ids:
            raise ValueError(f"examples.json refers to unknown FAQ id {faq_id!r}")
        examples[faq_id] = {lang: list(texts) for lang, texts in by_lang.items()}
    raw_synonyms = _read("synonyms.json", data_dir)
    synonyms = [(g["canonical"], list(g["variants"])) for g in raw_synonyms["groups"]]
    out_of_scope = list(raw_synonyms.get("out_of_scope", {}).get("terms", []))
    negatives = _read("out_of_scope.json", data_dir)
    out_of_scope_examples = [t for lang in ("ja", "en") for t in negatives.get(lang, [])]
    return KnowledgeBase(
        entries=entries,
        examples=examples,
        synonyms=synonyms,
        out_of_scope=out_of_scope,
        out_of_scope_examples=out_of_scope_examples,
    )

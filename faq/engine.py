"""The FAQ engine: finds the entry that answers a question, or says honestly that none does.

Every FAQ entry is indexed through several documents (its Japanese and English question,
the example phrasings, and its answers at a lower weight).  An entry's score is the best
cosine of its documents.  The top score becomes the confidence; the question is answered
only when the confidence clears the threshold and the runner-up is far enough behind
(the margin), or the confidence is high on its own.  Otherwise the closest entries are
offered and the caller is expected to hand the question to a human.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from faq.analysis import Analyzer, SynonymMatcher, TermSpotter
from faq.index import TfIdfIndex
from faq.knowledge import FaqEntry, KnowledgeBase, load_knowledge
from faq.normalize import detect_language
from faq.tokenize import Tokenizer, make_tokenizer

# Raw scores are cosines; multiplied by this scale they become the confidence reported to
# callers, so that the default threshold (0.35, as in the settings) sits at a cosine of 0.20.
# The threshold and margin were chosen on the even lines of tests/data/faq/queries.jsonl.
CONFIDENCE_SCALE = 1.75
DEFAULT_THRESHOLD = 0.35
DEFAULT_MARGIN = 0.035
# A confidence this high is answered even when a near-duplicate entry is close behind.
SURE = 1.0
ANSWER_DOC_WEIGHT = 0.6
RELATED_COUNT = 3
# Only the start of a very long message is analysed; it keeps the latency bounded.
MAX_QUERY_CHARS = 600
RELATED_FLOOR = 0.2
# Confidence is multiplied by this when the question names something the CA does not handle.
OUT_OF_SCOPE_FACTOR = 0.4
# Only these feature families count when measuring how much of the question the index knows.
_CONTENT_FAMILIES = ("w:", "s:")


@dataclass(slots=True)
class FaqAnswer:
    """The engine's reply: an entry (or None when unsure), its confidence and related ids."""

    faq_id: str | None
    confidence: float
    answer: str | None
    question: str | None
    related: list[str]
    language: str
    candidates: list[tuple[str, float]] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        """True when the engine is confident enough to answer."""
        return self.faq_id is not None


class FaqEngine:
    """Retrieval over one knowledge base; immutable once built, safe to share between tasks."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        tokenizer: Tokenizer,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> None:
        self.knowledge = knowledge
        self.tokenizer = tokenizer
        self.threshold = threshold
        self.margin = margin
        self.analyzer = Analyzer(tokenizer, SynonymMatcher(knowledge.synonyms))
        self.out_of_scope = TermSpotter(knowledge.out_of_scope)
        self._entries = {e.id: e for e in knowledge.entries}
        self._doc_entry: list[str] = []
        self._doc_weight: list[float] = []
        docs = []
        for entry in knowledge.entries:
            texts: list[tuple[str, float]] = [(entry.question, 1.0), (entry.question_en, 1.0)]
            texts += [(entry.answer, ANSWER_DOC_WEIGHT), (entry.answer_en, ANSWER_DOC_WEIGHT)]
            for phrasings in knowledge.examples.get(entry.id, {}).values():
                texts += [(t, 1.0) for t in phrasings]
            for text, weight in texts:
                if text:
                    docs.append(self.analyzer.features(text))
                    self._doc_entry.append(entry.id)
                    self._doc_weight.append(weight)
        self.index = TfIdfIndex(docs)

    @classmethod
    def load(
        cls,
        data_dir: Path | None = None,
        tokenizer: str = "auto",
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        extra_examples: list[tuple[str, str, str]] | None = None,
    ) -> FaqEngine:
        """Load the packaged knowledge base, or the files found in *data_dir*.

        *extra_examples* holds (faq_id, language, text) triples, typically the phrasings
        operators added in the ``faq_example`` table.
        """
        knowledge = load_knowledge(data_dir)
        for faq_id, language, text in extra_examples or []:
            if faq_id in {e.id for e in knowledge.entries}:
                knowledge.examples.setdefault(faq_id, {}).setdefault(language, []).append(text)
        return cls(knowledge, make_tokenizer(tokenizer), threshold=threshold, margin=margin)

    def entry(self, faq_id: str) -> FaqEntry | None:
        """Return the entry with *faq_id*, or None."""
        return self._entries.get(faq_id)

    def question_text(self, faq_id: str, language: str) -> str:
        """The entry's question in *language* (falling back to Japanese)."""
        entry = self._entries[faq_id]
        return entry.question_en if language == "en" and entry.question_en else entry.question

    def answer_text(self, faq_id: str, language: str) -> str:
        """The entry's answer in *language* (falling back to Japanese)."""
        entry = self._entries[faq_id]
        return entry.answer_en if language == "en" and entry.answer_en else entry.answer

    def coverage(self, features: Counter[str]) -> float:
        """Share of the question's content words (IDF-weighted) that the knowledge base knows."""
        known = total = 0.0
        for feature in features:
            if feature.startswith(_CONTENT_FAMILIES):
                idf = self.index.idf.get(feature)
                total += idf if idf is not None else self.index.unknown_idf
                known += idf or 0.0
        return known / total if total else 1.0

    def rank(self, text: str) -> list[tuple[str, float]]:
        """All entries with a positive score, best first, scaled by coverage and scope."""
        features = self.analyzer.features(text)
        coverage = self.coverage(features)
        # English has no character n-grams to vouch for unknown words, so an English question
        # that is half unknown words is penalised linearly; Japanese with the square root.
        scale = coverage if detect_language(text) == "en" else math.sqrt(coverage)
        if self.out_of_scope.found(text):
            scale *= OUT_OF_SCOPE_FACTOR
        best: dict[str, float] = {}
        for doc, raw in self.index.scores(features).items():
            score = raw * scale
            faq_id = self._doc_entry[doc]
            weighted = score * self._doc_weight[doc]
            if weighted > best.get(faq_id, 0.0):
                best[faq_id] = weighted
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))

    def ask(self, text: str, language: str | None = None) -> FaqAnswer:
        """Answer *text*; *language* ("ja"/"en") picks the reply language, else it is detected."""
        lang = language if language in ("ja", "en") else detect_language(text)
        ranked = self.rank(text[:MAX_QUERY_CHARS]) if text.strip() else []
        top_id, raw_top = ranked[0] if ranked else (None, 0.0)
        top = raw_top * CONFIDENCE_SCALE
        second = ranked[1][1] * CONFIDENCE_SCALE if len(ranked) > 1 else 0.0
        confidence = round(min(1.0, max(0.0, top)), 4)
        confident = top_id is not None and confidence >= self.threshold
        confident = confident and (top - second >= self.margin or confidence >= SURE)
        floor = RELATED_FLOOR / CONFIDENCE_SCALE
        others = [fid for fid, s in ranked if fid != top_id and s >= floor]
        if confident and top_id is not None:
            return FaqAnswer(
                faq_id=top_id,
                confidence=confidence,
                answer=self.answer_text(top_id, lang),
                question=self.question_text(top_id, lang),
                related=others[:RELATED_COUNT],
                language=lang,
                candidates=ranked[:5],
            )
        # Not sure: offer the closest entries, including the top one, and answer nothing.
        closest = [fid for fid, s in ranked if s >= floor][:RELATED_COUNT]
        return FaqAnswer(
            faq_id=None,
            confidence=confidence,
            answer=None,
            question=None,
            related=closest,
            language=lang,
            candidates=ranked[:5],
        )

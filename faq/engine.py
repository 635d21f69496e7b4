"""The FAQ engine: finds the entry that answers a question, or says honestly that none does.

Every FAQ entry is indexed through several documents (its Japanese and English question,
the example phrasings, and its answers at a lower weight).  An entry's score is the best
cosine of its documents.  The top score becomes the confidence; the question is answered
only when the confidence clears the threshold and the runner-up is far enough behind
(the margin), or the confidence is high on its own.  Otherwise the closest entries are
offered and the caller is expected to hand the question to a human.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from faq.analysis import Analyzer, SynonymMatcher, TermSpotter
from faq.entrycoverage import EntryVocabulary
from faq.fusion import Signals, features, fuse
from faq.index import TfIdfIndex
from faq.knowledge import FaqEntry, KnowledgeBase, data_path, load_knowledge
from faq.normalize import detect_language, normalize
from faq.rejection import Calibration, load_calibration
from faq.respell import Respeller
from faq.romaji import reading as romaji_reading
from faq.scope import OUT_OF_SCOPE, SCOPE_FILE, load_scope
from faq.semantic import Embedder, SemanticIndex, embed_one, load_embedder
from faq.smalltalk import small_talk
from faq.tokenize import Tokenizer, make_tokenizer
from faq.voter import VOTER_FILE, Voter, load_voter

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
# The embedder's cost grows with the tokens; situations described in a few sentences fit in this.
MAX_SEMANTIC_CHARS = 160
RELATED_FLOOR = 0.2
# Confidence is multiplied by this when the question names something the CA does not handle.
OUT_OF_SCOPE_FACTOR = 0.4
# The id under which out-of-scope example phrasings are indexed.
NEGATIVE = ""
CALIBRATION_FILE = "calibration.json"
# Only these feature families count when measuring how much of the question the index knows.
_CONTENT_FAMILIES = ("w:", "s:")
# The files an engine is built from; their contents (not their names or dates) key the cache below.
DATA_FILES = (
    "faq.json",
    "examples.json",
    "synonyms.json",
    "out_of_scope.json",
    CALIBRATION_FILE,
    VOTER_FILE,
    SCOPE_FILE,
)
# Built engines kept per process: the packaged one, plus a few with operators' extra phrasings.
ENGINE_CACHE_SIZE = 4
_engine_cache: OrderedDict[tuple[object, ...], FaqEngine] = OrderedDict()
_engine_cache_lock = threading.Lock()


def _data_fingerprint(data_dir: Path | None) -> tuple[tuple[str, str | None], ...]:
    """The SHA-256 of each data file the engine would read (None for a file that is absent)."""
    prints: list[tuple[str, str | None]] = []
    for name in DATA_FILES:
        path = data_path(name, data_dir)
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        prints.append((name, digest))
    return tuple(prints)


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
    # Why the question was refused before any score was read ("smalltalk-greeting: ..."), else None.
    refusal: str | None = None

    @property
    def answered(self) -> bool:
        """True when the engine is confident enough to answer."""
        return self.faq_id is not None


class FaqEngine:
    """Retrieval over one knowledge base; immutable once built, safe to share between tasks.

    With an *embedder* and a *calibration* the engine is "fused": lexical and semantic scores
    are combined and a calibrated model decides whether to answer (the confidence is then the
    model's probability that the choice is right).  Without them it is lexical-only and the
    threshold and margin decide, as before the semantic signal existed.
    """

    def __init__(
        self,
        knowledge: KnowledgeBase,
        tokenizer: Tokenizer,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        embedder: Embedder | None = None,
        calibration: Calibration | None = None,
        voter: Voter | None = None,
        scope: Voter | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.tokenizer = tokenizer
        self.margin = margin
        self._lexical_threshold = threshold
        self.analyzer = Analyzer(tokenizer, SynonymMatcher(knowledge.synonyms))
        self.out_of_scope = TermSpotter(knowledge.out_of_scope)
        self._entries = {e.id: e for e in knowledge.entries}
        self._doc_entry: list[str] = []
        self._doc_weight: list[float] = []
        docs = []
        # The content words of the FAQ's own texts (entries and their example phrasings); a word that
        # only out-of-scope phrasings use, or none at all, is foreign to what the desk answers.
        self._faq_vocabulary: set[str] = set()
        # Each entry's own content words, for the share of a question the chosen entry speaks of.
        self.entry_vocabulary = EntryVocabulary()
        semantic_docs: list[tuple[str, str, bool]] = []
        for entry in knowledge.entries:
            texts: list[tuple[str, float]] = [(entry.question, 1.0), (entry.question_en, 1.0)]
            texts += [(entry.answer, ANSWER_DOC_WEIGHT), (entry.answer_en, ANSWER_DOC_WEIGHT)]
            for phrasings in knowledge.examples.get(entry.id, {}).values():
                texts += [(t, 1.0) for t in phrasings]
            for text, weight in texts:
                if text:
                    docs.append(self.analyzer.features(text))
                    self._faq_vocabulary.update(f for f in docs[-1] if f.startswith(_CONTENT_FAMILIES))
                    if weight != ANSWER_DOC_WEIGHT:
                        self.entry_vocabulary.add(entry.id, docs[-1])
                    self._doc_entry.append(entry.id)
                    self._doc_weight.append(weight)
                    semantic_docs.append((entry.id, text, weight == ANSWER_DOC_WEIGHT))
        # Out-of-scope example phrasings are indexed under the empty id: never answered, they
        # tell how close the question is to something the CA does not handle.
        for text in knowledge.out_of_scope_examples:
            docs.append(self.analyzer.features(text))
            self._doc_entry.append(NEGATIVE)
            self._doc_weight.append(1.0)
        self.index = TfIdfIndex(docs)
        # Kana typed for the FAQ's kanji nouns is written back in kanji; it needs an analyser that
        # reports readings and word spans (Sudachi), and is skipped without one.
        morphemes = getattr(tokenizer, "morphemes", None)
        japanese = [t for e in knowledge.entries for t in (e.question, e.answer)]
        japanese += [t for by_lang in knowledge.examples.values() for t in by_lang.get("ja", [])]
        self.respeller = Respeller(morphemes, japanese) if callable(morphemes) else None
        self._entry_ids = sorted(set(self._doc_entry))
        column = {faq_id: i for i, faq_id in enumerate(self._entry_ids)}
        self._doc_entry_index = np.array([column[f] for f in self._doc_entry], dtype=np.int64)
        self._doc_weight_array = np.array(self._doc_weight, dtype=np.float64)
        self.semantic_texts = [(not is_answer, text) for _, text, is_answer in semantic_docs]
        self.semantic_texts += [(True, text) for text in knowledge.out_of_scope_examples]
        self.calibration = calibration
        # The trained voter (faq.voter) reads the question beside its vector, so only a fused engine
        # uses it, and only while it knows the same entries as the knowledge base (an edited FAQ with
        # a stale voter is answered by the other two signals until `python -m faq.voterfit` is run).
        entry_ids = {e.id for e in knowledge.entries}
        self.voter = voter if embedder is not None and voter is not None and voter.fits(entry_ids) else None
        # The scope head (faq.scope) tells in scope from out of scope, whatever the entry; fused engines only.
        self.scope = scope if embedder is not None else None
        self.semantic: SemanticIndex | None = None
        self.negatives: SemanticIndex | None = None
        if embedder is not None:
            self.semantic = SemanticIndex(embedder, semantic_docs)
            negatives = [(NEGATIVE, t, False) for t in knowledge.out_of_scope_examples]
            self.negatives = SemanticIndex(embedder, negatives) if negatives else None

    @property
    def fused(self) -> bool:
        """True when the semantic signal and a calibration for it are in use."""
        return self.semantic is not None and self.calibration is not None

    @property
    def threshold(self) -> float:
        """The confidence an answer needs (the calibrated operating point when fused)."""
        if self.fused and self.calibration is not None:
            return self.calibration.threshold
        return self._lexical_threshold

    @classmethod
    def load(
        cls,
        data_dir: Path | None = None,
        tokenizer: str = "auto",
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        extra_examples: list[tuple[str, str, str]] | None = None,
        embedder: str = "auto",
    ) -> FaqEngine:
        """Load the packaged knowledge base, or the files found in *data_dir*.

        *extra_examples* holds (faq_id, language, text) triples, typically the phrasings
        operators added in the ``faq_example`` table.  *embedder* is "auto" (the semantic
        signal when its package is installed), "e5" (required) or "none" (lexical only).
        """
        extra = tuple((str(f), str(lang), str(t)) for f, lang, t in extra_examples or [])
        key = (_data_fingerprint(data_dir), tokenizer, threshold, margin, extra, embedder)
        # An engine is immutable, so one built from the same files and arguments is shared by every
        # container in the process (tests build hundreds; a server building several saves as much).
        # The lock also keeps two threads from building the same engine at once.
        with _engine_cache_lock:
            engine = _engine_cache.get(key)
            if engine is None:
                engine = cls._build(data_dir, tokenizer, threshold, margin, list(extra), embedder)
                _engine_cache[key] = engine
                while len(_engine_cache) > ENGINE_CACHE_SIZE:
                    _engine_cache.popitem(last=False)
            else:
                _engine_cache.move_to_end(key)
            return engine

    @classmethod
    def _build(
        cls,
        data_dir: Path | None,
        tokenizer: str,
        threshold: float,
        margin: float,
        extra_examples: list[tuple[str, str, str]],
        embedder: str,
    ) -> FaqEngine:
        """Read the data files and build a new engine (what :meth:`load` does on a cache miss)."""
        knowledge = load_knowledge(data_dir)
        for faq_id, language, text in extra_examples:
            if faq_id in {e.id for e in knowledge.entries}:
                knowledge.examples.setdefault(faq_id, {}).setdefault(language, []).append(text)
        return cls(
            knowledge,
            make_tokenizer(tokenizer),
            threshold=threshold,
            margin=margin,
            embedder=load_embedder(embedder),
            calibration=load_calibration(data_path(CALIBRATION_FILE, data_dir)),
            voter=load_voter(data_path(VOTER_FILE, data_dir)),
            scope=load_scope(data_path(SCOPE_FILE, data_dir)),
        )

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

    def faq_coverage(self, features: Counter[str]) -> float:
        """Share of the question's content words (IDF-weighted) that the FAQ's own texts use.

        Unlike :meth:`coverage`, a word known only from the out-of-scope phrasings counts as
        unknown: "flight ticket", "新幹線" or "ゆうちょ" name things the desk's entries never speak of,
        however often the border's phrasings do.
        """
        known = total = 0.0
        for feature in features:
            if feature.startswith(_CONTENT_FAMILIES):
                idf = self.index.idf.get(feature)
                weight = idf if idf is not None else self.index.unknown_idf
                total += weight
                known += weight if feature in self._faq_vocabulary else 0.0
        return known / total if total else 1.0

    def _idf(self, feature: str) -> float:
        """The index's IDF of *feature* (the unknown-word IDF for a word no document uses)."""
        idf = self.index.idf.get(feature)
        return idf if idf is not None else self.index.unknown_idf

    def _lexical(self, text: str) -> tuple[dict[str, float], float, float, bool, float]:
        """Lexical scores per entry, the best out-of-scope example score, coverage, the term hit, FAQ coverage."""
        return self._lexical_features(self.analyzer.features(text), text)

    def _lexical_features(
        self, features: Counter[str], text: str
    ) -> tuple[dict[str, float], float, float, bool, float]:
        """:meth:`_lexical` for the already analysed *features* of *text*."""
        coverage = self.coverage(features)
        # English has no character n-grams to vouch for unknown words, so an English question
        # that is half unknown words is penalised linearly; Japanese with the square root.
        scale = coverage if detect_language(text) == "en" else math.sqrt(coverage)
        term = self.out_of_scope.found(text)
        if term:
            scale *= OUT_OF_SCOPE_FACTOR
        # Each entry's score is the best weighted cosine of its documents, taken in one array pass.
        weighted = self.index.dense_scores(features) * self._doc_weight_array * scale
        per_entry = np.zeros(len(self._entry_ids), dtype=np.float64)
        np.maximum.at(per_entry, self._doc_entry_index, weighted)
        best = {self._entry_ids[i]: float(per_entry[i]) for i in np.flatnonzero(per_entry > 0.0)}
        negative = best.pop(NEGATIVE, 0.0)
        return best, negative, coverage, term, self.faq_coverage(features)

    def rank(self, text: str) -> list[tuple[str, float]]:
        """All entries with a positive lexical score, best first, scaled by coverage and scope."""
        best = self._lexical(text)[0]
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))

    def signals(self, text: str) -> Signals:
        """Every score measured for *text* (the semantic ones only when fused)."""
        text = text[:MAX_QUERY_CHARS]
        analysed = self.analyzer.features(text)
        lexical, negative, coverage, term, faq_coverage = self._lexical_features(analysed, text)
        entry_coverage = self.entry_vocabulary.shares(analysed, self._idf)
        talk = small_talk(text)
        signals = Signals(
            language=detect_language(text),
            lexical={k: v * CONFIDENCE_SCALE for k, v in lexical.items()},
            coverage=coverage,
            out_of_scope_term=term,
            lexical_negative=negative * CONFIDENCE_SCALE,
            faq_coverage=faq_coverage,
            small_talk=talk.reason if talk is not None else "",
            entry_coverage=entry_coverage,
        )
        if self.semantic is not None:
            # The model reads the normalised text with synonyms replaced by the FAQ's own terms:
            # it knows "失効" but not the kana "しっこう", a half-width spelling or the IME slip "執行".
            vector = embed_one(self.semantic.embedder, self.semantic_text(text))
            signals.semantic = self.semantic.entry_scores(vector)
            if self.voter is not None:
                signals.voter = self.voter.probabilities(self.voter_text(text), vector)
            if self.scope is not None:
                signals.scope_out = self.scope.probabilities(self.voter_text(text), vector)[OUT_OF_SCOPE]
            if self.negatives is not None:
                signals.semantic_negative = float(self.negatives.cosines(vector).max())
        return signals

    def semantic_text(self, text: str) -> str:
        """The prepared question as the encoder reads it: cut short, normalised, synonyms in the FAQ's own terms."""
        return self.analyzer.synonyms.rewrite(normalize(text[:MAX_SEMANTIC_CHARS]))[0]

    def voter_text(self, text: str) -> str:
        """The prepared question as the voter reads it: normalised, synonyms in the FAQ's own terms."""
        return self.analyzer.synonyms.rewrite(normalize(text[:MAX_QUERY_CHARS]))[0]

    def prepare(self, text: str) -> str:
        """The question as the matcher reads it: romaji as kana, kana spellings of the FAQ's nouns in kanji."""
        # Japanese typed in romaji is matched as the kana it spells, and answered in Japanese.
        kana = romaji_reading(text)
        text = (kana if kana is not None else text)[:MAX_QUERY_CHARS]
        return self.respeller.respell(text) if self.respeller is not None else text

    def ranked_with_confidence(self, signals: Signals) -> tuple[list[tuple[str, float]], float]:
        """The fused ranking of *signals* and its calibrated probability of a right answer (not rounded)."""
        if self.calibration is None:
            raise ValueError("the fused ranking needs a calibration")
        ranked = fuse(signals, self.calibration.fusion)
        # Greetings, thanks and small talk ask nothing the FAQ answers (faq.smalltalk): never a right answer.
        if signals.small_talk:
            return ranked, 0.0
        return ranked, self.calibration.probability(features(signals, ranked))

    def ask(self, text: str, language: str | None = None) -> FaqAnswer:
        """Answer *text*; *language* ("ja"/"en") picks the reply language, else it is detected."""
        text = self.prepare(text)
        lang = language if language in ("ja", "en") else detect_language(text)
        if not text.strip():
            return FaqAnswer(None, 0.0, None, None, [], lang)
        if self.semantic is not None and self.calibration is not None:
            signals = self.signals(text)
            ranked, probability = self.ranked_with_confidence(signals)
            confidence = round(probability, 4)
            confident = confidence >= self.calibration.threshold
            return self._reply(ranked, confidence, confident, lang, floor=None, refusal=signals.small_talk or None)
        talk = small_talk(text[:MAX_QUERY_CHARS])
        ranked = [(fid, s * CONFIDENCE_SCALE) for fid, s in self.rank(text[:MAX_QUERY_CHARS])]
        top = ranked[0][1] if ranked else 0.0
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        confidence = round(min(1.0, max(0.0, top)), 4)
        confident = bool(ranked) and confidence >= self._lexical_threshold
        confident = confident and (top - second >= self.margin or confidence >= SURE)
        if talk is not None:
            # The lexical engine refuses small talk by the same rule as the fused one.
            return self._reply(ranked, 0.0, False, lang, floor=RELATED_FLOOR, refusal=talk.reason)
        return self._reply(ranked, confidence, confident, lang, floor=RELATED_FLOOR)

    def _reply(
        self,
        ranked: list[tuple[str, float]],
        confidence: float,
        confident: bool,
        lang: str,
        floor: float | None,
        refusal: str | None = None,
    ) -> FaqAnswer:
        """The answer for the first of *ranked*, or a referral offering the closest entries."""
        top_id = ranked[0][0] if ranked else None
        # The lexical engine offers only entries above a floor; the fused ranking always has
        # every entry in order, so the closest three are offered whatever their score.
        near = [fid for fid, s in ranked if floor is None or s >= floor]
        if confident and top_id is not None:
            return FaqAnswer(
                faq_id=top_id,
                confidence=confidence,
                answer=self.answer_text(top_id, lang),
                question=self.question_text(top_id, lang),
                related=[fid for fid in near if fid != top_id][:RELATED_COUNT],
                language=lang,
                candidates=ranked[:5],
            )
        # Not sure: offer the closest entries, including the top one, and answer nothing.
        return FaqAnswer(
            faq_id=None,
            confidence=confidence,
            answer=None,
            question=None,
            related=near[:RELATED_COUNT],
            language=lang,
            candidates=ranked[:5],
            refusal=refusal,
        )

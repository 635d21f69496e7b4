"""Fusing the lexical and the semantic signal, and the features the rejection model reads.

Both signals give every FAQ entry a score for one question: the lexical one a scaled TF-IDF
cosine (0 when no word is shared), the semantic one the best embedding cosine of the entry's
documents (e5 cosines crowd between 0.7 and 0.95).  Fusion maps the semantic cosine onto the
lexical range through a floor and adds the two with a weight; both numbers are part of the
calibration, chosen on the development data.  Reciprocal rank fusion is offered too, for
comparison.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FusionParams:
    """How the two signals are combined: ``method`` is "score" or "rrf"."""

    method: str = "score"
    lexical_weight: float = 0.5
    semantic_floor: float = 0.78
    semantic_span: float = 0.17
    rrf_k: float = 10.0
    # Weight of the trained voter's probability added to each entry's fused score (0: not used).
    voter_weight: float = 0.0


@dataclass(slots=True)
class Signals:
    """Everything measured about one question before a decision is taken."""

    language: str
    lexical: dict[str, float]  # entry id -> confidence-scaled lexical score, positives only
    coverage: float  # share of the question's content words the knowledge base knows
    out_of_scope_term: bool  # the question names something the CA does not handle
    lexical_negative: float = 0.0  # best lexical score of an out-of-scope example phrasing
    semantic: dict[str, float] = field(default_factory=dict)  # entry id -> best cosine
    semantic_negative: float = 0.0  # best cosine with an out-of-scope example phrasing
    voter: dict[str, float] = field(default_factory=dict)  # class -> the trained voter's probability
    # Share of the content words that the FAQ's own texts use (out-of-scope phrasings not counted).
    faq_coverage: float = 1.0
    # The reason (with its rule id) when the question is only a greeting, thanks or small talk (faq.smalltalk).
    small_talk: str = ""
    # Entry id -> share of the content words that the entry's own questions and example phrasings use.
    entry_coverage: dict[str, float] = field(default_factory=dict)
    # The scope head's probability that the question is out of scope (faq.scope); None without the head.
    scope_out: float | None = None


def _ranked(scores: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def semantic_rescaled(cosine: float, params: FusionParams) -> float:
    """A semantic cosine mapped onto the lexical confidence range (0 at the floor, 1 a span above)."""
    return max(0.0, (cosine - params.semantic_floor) / params.semantic_span)


def fuse(signals: Signals, params: FusionParams) -> list[tuple[str, float]]:
    """Entries ranked by the fused score, best first (ties broken by id)."""
    if not signals.semantic:
        return _ranked(signals.lexical)
    if params.method == "rrf":
        fused: dict[str, float] = {}
        weights = (params.lexical_weight, 1.0 - params.lexical_weight)
        for weight, scores in zip(weights, (signals.lexical, signals.semantic), strict=True):
            for rank, (fid, _) in enumerate(_ranked(scores), start=1):
                fused[fid] = fused.get(fid, 0.0) + weight / (params.rrf_k + rank)
        return _ranked(fused)
    w = params.lexical_weight
    # The voter's probability is added at its own weight; without a voter nothing is added.
    v = params.voter_weight if signals.voter else 0.0
    return _ranked(
        {
            fid: w * signals.lexical.get(fid, 0.0)
            + (1.0 - w) * semantic_rescaled(cos, params)
            + v * signals.voter.get(fid, 0.0)
            for fid, cos in signals.semantic.items()
        }
    )


FEATURES = (
    "fused_top",
    "fused_margin",
    "lexical_top",
    "lexical_of_choice",
    "lexical_margin",
    "coverage",
    "semantic_top",
    "semantic_of_choice",
    "semantic_margin",
    "semantic_negative_gap",
    "semantic_negative_nearer",
    "lexical_negative_gap",
    "lexical_negative_nearer",
    "out_of_scope_term",
    "signals_agree",
    "lexical_says",
    "english",
    "voter_of_choice",
    "voter_top",
    "voter_out",
    "voter_agrees",
    "faq_coverage",
    "entry_coverage",
    "scope_logit",
)
# The class under which the trained voter (faq.voter) reports "out of scope".
VOTER_OUT_OF_SCOPE = "~out"
# The lexical engine's own rule (see faq.engine): answer when its top clears this and leads by the margin.
LEXICAL_THRESHOLD = 0.35
LEXICAL_MARGIN = 0.035
# The scope head's probability is read between this and 1 minus it before it becomes a log-odds.
SCOPE_CLIP = 1e-6


def _logit(p: float) -> float:
    """The log-odds of *p*, clipped so that a probability of 0 or 1 stays finite."""
    p = min(max(p, SCOPE_CLIP), 1.0 - SCOPE_CLIP)
    return math.log(p / (1.0 - p))


def features(signals: Signals, fused: list[tuple[str, float]]) -> dict[str, float]:
    """The numbers the rejection model weighs for the fused choice (names in :data:`FEATURES`)."""
    choice, fused_top = fused[0] if fused else ("", 0.0)
    lexical = _ranked(signals.lexical)
    semantic = _ranked(signals.semantic)
    lex_top = lexical[0][1] if lexical else 0.0
    lex_second = lexical[1][1] if len(lexical) > 1 else 0.0
    sem_top = semantic[0][1] if semantic else 0.0
    sem_second = semantic[1][1] if len(semantic) > 1 else 0.0
    agree = bool(lexical and semantic and lexical[0][0] == semantic[0][0] == choice)
    # The voter's most probable entry (its out-of-scope class aside); all zero without a voter.
    voted = [(k, p) for k, p in signals.voter.items() if k != VOTER_OUT_OF_SCOPE]
    voter_choice, voter_top = max(voted, key=lambda kv: (kv[1], kv[0])) if voted else ("", 0.0)
    values = {
        "fused_top": fused_top,
        "fused_margin": fused_top - (fused[1][1] if len(fused) > 1 else 0.0),
        "lexical_top": lex_top,
        "lexical_of_choice": signals.lexical.get(choice, 0.0),
        "lexical_margin": lex_top - lex_second,
        "coverage": signals.coverage,
        "semantic_top": sem_top,
        "semantic_of_choice": signals.semantic.get(choice, 0.0),
        "semantic_margin": sem_top - sem_second,
        "semantic_negative_gap": sem_top - signals.semantic_negative,
        # The out-of-scope phrasings compete as a class of their own: when one of them is nearer
        # than every FAQ text, the gap's sign says more than its size (the e5 cosines crowd), so
        # the model weighs the sign apart from the gap.
        "semantic_negative_nearer": float(sem_top < signals.semantic_negative),
        "lexical_negative_gap": lex_top - signals.lexical_negative,
        # The same for words: a near miss told in the FAQ's own words (another office's fee, a
        # lost-and-found desk) may share more with an out-of-scope phrasing than with any entry,
        # while the gap itself stays small beside the scores of an ordinary question.
        "lexical_negative_nearer": float(lex_top < signals.lexical_negative),
        "out_of_scope_term": float(signals.out_of_scope_term),
        "signals_agree": float(agree),
        "lexical_says": float(
            bool(lexical) and lexical[0][0] == choice and lex_top >= LEXICAL_THRESHOLD
            and lex_top - lex_second >= LEXICAL_MARGIN
        ),
        "english": float(signals.language == "en"),
        "voter_of_choice": signals.voter.get(choice, 0.0),
        "voter_top": voter_top,
        "voter_out": signals.voter.get(VOTER_OUT_OF_SCOPE, 0.0),
        "voter_agrees": float(bool(voted) and voter_choice == choice),
        # A salient word that no entry or example uses ("flight", "新幹線", "ゆうちょ") lowers this
        # below coverage, which counts the out-of-scope phrasings' words as known.
        "faq_coverage": signals.faq_coverage,
        # A near miss shares a word or two with the entry it lands on, but the rest of its words are
        # foreign to that entry, though other entries may know them (unlike faq_coverage).  Without the
        # measure (an engine without it) the choice counts as fully covered.
        "entry_coverage": signals.entry_coverage.get(choice, 1.0) if signals.entry_coverage else 1.0,
        # The scope head's out-of-scope probability as a log-odds (0 without the head): unlike the
        # voter's out-of-scope class, it does not share its probability with 46 entries.
        "scope_logit": _logit(signals.scope_out) if signals.scope_out is not None else 0.0,
    }
    return {k: (v if math.isfinite(v) else 0.0) for k, v in values.items()}

"""How much of a question the entry it lands on speaks of: the ``entry_coverage`` feature.

A near miss out of scope often shares one word with an FAQ entry ("the fee for a passport",
"証明書 of my car") while the rest of its words are foreign to that entry, though not always to
the FAQ as a whole (another entry may know them, so ``faq_coverage`` stays high).  For every
entry this module keeps the content words (the analyser's ``w:`` and ``s:`` features) of the
entry's own questions and example phrasings, and tells what share of a question's content
words, weighted by the index's IDF, each entry knows.  The answers are left out: they speak of
more than any question asks (counted with them, the refit did no better).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

# Only these feature families count as content words (as in faq.engine's coverage).
CONTENT_FAMILIES = ("w:", "s:")
# The share given to every entry for a question without content words ("ぷよりんって何": the analyser
# reads the made-up name as particles).  Counted as fully covered (1.0, as the other coverages count
# it), such a question read as the most covered of all and the refit answered "ぷよりんって何" (general-01,
# 0.56 against a threshold of 0.35); no real fit row lacks content words, so only the invented questions
# about made-up names shape this value's weight.  At 0.0 the check halves of dev 1-4 and w10-w25 read
# 3,561 right and 1,210 refused, at 0.5 3,563 and 1,209 (before: 3,562 and 1,181); 0.5, neither known
# nor foreign, is kept.
NO_CONTENT_SHARE = 0.5


class EntryVocabulary:
    """Each entry's content words (its questions and example phrasings)."""

    def __init__(self) -> None:
        self.words: dict[str, set[str]] = {}

    def add(self, entry_id: str, features: Iterable[str]) -> None:
        """Record the content words of one of the entry's questions or example phrasings."""
        self.words.setdefault(entry_id, set()).update(f for f in features if f.startswith(CONTENT_FAMILIES))

    def shares(self, features: Counter[str], weight: Callable[[str], float]) -> dict[str, float]:
        """Per entry, the *weight*-ed share of the question's content words the entry's texts use.

        A question without content words gets :data:`NO_CONTENT_SHARE` from every entry.
        """
        words = [(f, weight(f)) for f in features if f.startswith(CONTENT_FAMILIES)]
        total = sum(w for _, w in words)
        if not total:
            return dict.fromkeys(self.words, NO_CONTENT_SHARE)
        return {e: sum(w for f, w in words if f in known) / total for e, known in self.words.items()}

"""The scope head: a second small model that tells questions in scope from questions out of it.

The trained voter (:mod:`faq.voter`) has an out-of-scope class beside the 46 entries, and on a
near miss that class shares its probability with the entry the question touches, so it stays
low.  The scope head is trained like the voter, on the same texts read the same way (character
n-grams of the question as the engine reads it, with its e5 vector), but with two classes only:
:data:`IN_SCOPE` for every FAQ question, example phrasing and in-scope writer's line, and
:data:`OUT_OF_SCOPE` for the out-of-scope phrasings and lines, both classes weighted alike.  Its
out-of-scope probability reaches the rejection model as the feature ``scope_logit``.

It is stored as a :class:`faq.voter.Voter` with those two labels in ``faq/data/scope.npz``;
``python -m faq.voterfit`` trains it with the voter (``--only scope`` trains it alone), and
``faq calibrate`` retrains it without each indexed writer's fold, as it does the voter.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from faq.fusion import VOTER_OUT_OF_SCOPE
from faq.voter import Matrix, Voter, train

# The two classes: any FAQ entry, and none.
IN_SCOPE = "in"
OUT_OF_SCOPE = VOTER_OUT_OF_SCOPE
LABELS = (IN_SCOPE, OUT_OF_SCOPE)
# The file the scope head is stored in (beside the FAQ's other data files).
SCOPE_FILE = "scope.npz"


def train_scope(texts: Sequence[str], vectors: Matrix, targets: Sequence[str]) -> Voter:
    """Fit the scope head on the voter's training *texts*, their *vectors* and *targets* (entry ids or out)."""
    binary = [OUT_OF_SCOPE if t == OUT_OF_SCOPE else IN_SCOPE for t in targets]
    return train(texts, vectors, binary, LABELS)


def is_scope_head(model: Voter) -> bool:
    """Whether *model* has exactly the scope head's two classes."""
    return set(model.labels) == set(LABELS)


def load_scope(path: Path) -> Voter | None:
    """The scope head stored at *path*, or None when there is none (or the file holds another model)."""
    if not path.is_file():
        return None
    model = Voter.load(path)[0]
    return model if is_scope_head(model) else None

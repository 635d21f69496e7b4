"""The text as the rules read it: one reading shared by the classifier and the off-topic judge.

A writer's words reach the rules after a few fixed steps, in this order:

1. NFKC normalisation, so that full-width, half-width and compatibility forms read alike;
2. footer lines left out (:mod:`intake.footers`): a confidentiality notice or a carrier's
   advertisement under a signature names a loss or a hurry that the writer does not report;
3. Japanese written in romaji, and English key words inside Japanese sentences, read as
   Japanese (:mod:`intake.romaji`), and Japanese written in katakana alone read as hiragana
   (:func:`intake.spelling.katakana_read`);
4. a sentence that a mail client wrapped, after its comma or at the paragraph's width, joined into
   one line again, and the spaces an elderly or kana-only writer leaves between phrases removed
   (:func:`intake.spelling.join_wrapped`, :func:`intake.spelling.join_spaced`);
5. regional and casual verb endings read in their standard forms (:func:`intake.dialect.standard`:
   "違っとる" as 違っている, "届いてへん" as 届いていない);
6. the key words of the CA's business brought to one spelling (:func:`intake.spelling.fold`).

:func:`joined` stops before step 5 (the reasons name what steps 5 and 6 change); :func:`spelled`
takes all six.  Both keep their last results, since one message is read so by several callers.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from intake.dialect import standard
from intake.footers import without_footers
from intake.romaji import fold_romaji
from intake.spelling import fold, join_spaced, join_wrapped, katakana_read


@lru_cache(maxsize=64)
def joined(text: str) -> str:
    """*text* normalised, its footer lines left out, romaji read and wrapped or spaced phrases joined."""
    return join_spaced(join_wrapped(katakana_read(fold_romaji(without_footers(unicodedata.normalize("NFKC", text))))))


@lru_cache(maxsize=64)
def spelled(text: str) -> str:
    """*text* as :func:`joined` reads it, with the key words brought to their standard spelling."""
    return fold(standard(joined(text)))

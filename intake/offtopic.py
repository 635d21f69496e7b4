"""Questions about something that is not the CA's business: the FAQ engine refuses them as out of scope.

The rules read a question as ``faq`` when it names a word of the CA's business (証明書, 申請, signature,
revocation); but those words are everybody's: "印鑑登録証明書ってどこでもらえますか", "is a contract signed with
DocuSign valid", "my bank's certificate expired" use them of a city office, another vendor or a bank.  The FAQ
engine (:mod:`faq.engine`) knows the CA's business better than any word list: its entries are what the desk
answers, and its out-of-scope phrasings (``faq/data/out_of_scope.json``) and terms (``synonyms.json``) are
written on the border (tax, city offices, banks, other products).  A question read as ``faq`` is off the CA's
business, and ``other``, when the engine

* refuses it with confidence: its calibrated probability of a right answer is below :data:`REFUSED`; and
* names a term the CA does not handle, or is nearer in meaning to an out-of-scope phrasing than to any FAQ
  entry.  A refusal alone says only that no entry answers, which is as true of a question about our own
  procedures that nobody wrote an entry for.

A question about the CA's own business stays ``faq`` even then (unanswered, it goes to a person): one that
names the CA (御社, iPROVE), an application to it or what it charges (:data:`OWN_BUSINESS`) always; one that
names a procedure of ours that other businesses share, a revocation or a refund, a reissue, a card reader, a
PIN, a serial, a holder's death or an inheritance (:data:`OWN_WORDS`), unless it also names another's
product or service ("ネットバンキングの電子証明書を再発行したい" is the bank's reissue).
Every judgement records its reason.

The engine is built once per process (:func:`faq_engine`, lazily, as ``madoguchi faq ask`` builds it; it shares
the process's e5 embedder with the semantic intent voter).  It is asked only about messages already read as
``faq`` with the models voting, and not when our own words decide.  Measured on a shared 2-core machine: the
first call builds it in about 7 s; then a judgement costs 25 ms at the median, 65 ms at the 90th percentile
(one embedding of the question's first 160 characters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from intake.reading import spelled as read_spelled

if TYPE_CHECKING:
    from faq.engine import FaqEngine

# The calibrated probability below which the FAQ engine's refusal counts as sure.  Every faq-labelled text
# of the intent texts' fit halves that the classifier reads as faq gets 0.22 or more; most off-topic ones
# get below 0.06.
REFUSED = 0.15
# How much closer (in cosine) to an out-of-scope phrasing than to the best FAQ entry a question must be.
NEARER_OUTSIDE = 0.0
# The calibrated probability at or above which the FAQ engine's answer counts as sure: a question the rules found
# no word of the CA's business in ("pen name ok? my real name too long", "電話番号は会社のでいい?") is the CA's
# business when an entry answers it so surely.  Chosen on the fit halves of the intent texts (stop 64): of the 229
# questions the rules read so, 0.97 takes 11 of the 22 labelled faq and 1 labelled other (0.9 took 13 and 5; a
# phone call unanswered or a payment to be checked still reads close to an entry on the application's phone number).
ANSWERED = 0.97

# Words that name the CA itself, an application to it or what it charges: a question with them is about the
# CA's own business whatever else it names ("証明書の発行に住民票は要りますか" asks what our application needs).
OWN_BUSINESS = re.compile(
    r"iPROVE|CA局|貴局|御社|貴社|証明書の(?:発行|申込|申し込)|発行申込|申込書|申請書|料金|費用|手数料|会費|名義人",
    re.I,
)
OWN_BUSINESS_EN = re.compile(
    r"\b(?:iprove|your (?:ca|certificates?|fees?|forms?|prices?)|fees?|application forms?)\b",
    re.I,
)
# Words of the CA's own procedures that another business shares (a bank revokes and reissues its certificates,
# a card has a PIN): they keep a question faq unless it also names another's product or service (the FAQ engine's
# out-of-scope terms, "ネットバンキング", "マイナンバー").
OWN_WORDS = re.compile(
    r"失効|解約|返金|再発行|再交付|カードリーダ|暗証番号|PIN|シリアル|亡くな|死亡|逝去|他界|相続"
    # The computer that holds the key, lost ("もし将来PCなくしたらどうすればいいんですか？"): what the emergency
    # revocation is for.
    r"|(?:PC|パソコン|ぱそこん)(?:を|が)?(?:なくし|無くし|失くし|紛失|盗まれ|落とし)"
    # Certificates named by their serials ("以下3件の有効期限を教えて…・69CB963FF851DB81").
    r"|(?<![0-9A-F])[0-9A-F]{16}(?![0-9A-F])",
    re.I,
)
OWN_WORDS_EN = re.compile(
    r"\b(?:revok\w*|revocation|refund\w*|re-?issu\w*|card readers?|pin|serial(?: number)?"
    r"|inherit\w*|estate|passed away|died|dies|deceased)\b",
    re.I,
)


@dataclass(frozen=True)
class OffTopic:
    """Whether a question read as ``faq`` is about something the CA does not deal in, and why."""

    off_topic: bool
    reason: str


@lru_cache(maxsize=1)
def faq_engine() -> FaqEngine:
    """The packaged FAQ engine, built on first use and kept for the process (as ``madoguchi faq ask`` builds it)."""
    from faq.engine import FaqEngine

    return FaqEngine.load()


#: The reason given when the engine cannot judge: without its semantic signal and calibration, neither
#: :func:`judge` nor :func:`answered` decides anything (each keeps the rules' reading).
NO_SEMANTIC = "offtopic: the FAQ engine has no semantic signal to judge with"


def _can_judge(engine: FaqEngine) -> bool:
    """Tell whether *engine* has the calibrated semantic signal both judgements need."""
    return engine.calibration is not None and engine.semantic is not None


def judge(text: str, engine: FaqEngine | None = None) -> OffTopic:
    """Judge whether the question *text* (already read as ``faq``) is off the CA's business."""
    engine = engine or faq_engine()
    if not _can_judge(engine):
        return OffTopic(False, NO_SEMANTIC)
    # Our words are read as the rules read them too: "しょうめいしょ を しっこう する とき" names 失効.
    spelled = read_spelled(text)
    own = OWN_BUSINESS.search(spelled) or OWN_BUSINESS.search(text) or OWN_BUSINESS_EN.search(text)
    if own:
        return OffTopic(False, f"offtopic: {own.group(0)!r} names the CA's own business")
    prepared = engine.prepare(text)
    # A term for another's product or service ("ネットバンキング", "DocuSign", "マイナンバー") outweighs the
    # words of our procedures that it shares ("再発行", "PIN"): those are then the other business's.
    elsewhere = engine.out_of_scope.found(prepared)
    shared = OWN_WORDS.search(spelled) or OWN_WORDS.search(text) or OWN_WORDS_EN.search(text)
    if shared and not elsewhere:
        return OffTopic(False, f"offtopic: {shared.group(0)!r} names the CA's own procedure")
    # The confidence FaqEngine.ask gives, from signals kept here so that the question is embedded once.
    signals = engine.signals(prepared)
    _ranked, confidence = engine.ranked_with_confidence(signals)
    if confidence >= REFUSED:
        return OffTopic(False, f"offtopic: the FAQ engine may answer it ({confidence:.2f})")
    refused = f"offtopic: the FAQ engine refuses it ({confidence:.2f})"
    if elsewhere:
        return OffTopic(True, f"{refused} and it names what the CA does not handle")
    # Nearer in meaning to a question the desk does not answer than to any entry it does.
    nearest = max(signals.semantic.values(), default=0.0)
    if signals.semantic_negative - nearest > NEARER_OUTSIDE:
        return OffTopic(True, f"{refused} and it is nearer an out-of-scope question")
    return OffTopic(False, f"offtopic: refused ({confidence:.2f}) but nearer an FAQ entry than out-of-scope ones")


def answered(text: str, engine: FaqEngine | None = None) -> OffTopic:
    """Judge whether the question *text*, read as about nothing of the CA's, is one an FAQ entry answers surely.

    ``off_topic`` is false when an entry answers it with a calibrated probability of :data:`ANSWERED` or more;
    a question that names another's product or service (the engine's out-of-scope terms) never counts.
    """
    engine = engine or faq_engine()
    if not _can_judge(engine):
        return OffTopic(True, NO_SEMANTIC)
    prepared = engine.prepare(text)
    if engine.out_of_scope.found(prepared):
        return OffTopic(True, "offtopic: it names what the CA does not handle")
    ranked, confidence = engine.ranked_with_confidence(engine.signals(prepared))
    if confidence < ANSWERED or not ranked:
        return OffTopic(True, f"offtopic: no FAQ entry answers it surely ({confidence:.2f})")
    return OffTopic(False, f"offtopic: FAQ entry {ranked[0][0]} answers it ({confidence:.2f})")

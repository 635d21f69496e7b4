"""The "possible emergency" flag: a message not classified as an emergency that may well be one.

The classifier (:mod:`intake.classify`) misses a few emergency revocations written in words
its rules were not made for; such a case would be worked at an ordinary pace while a lost or
stolen key stays valid.  This module weighs the evidence in two steps:

* :func:`judge`: an emergency is a credible alternative to the intent that was chosen.  The
  message is *flagged*: the core marks the case and works it with an emergency's urgency, and
  an operator decides what it is.
* :func:`works_as_emergency`: the evidence is strong enough to work the message as an emergency
  revocation.  The classifier then makes its intent ``emergency_revocation`` (keeping the intent
  it was read as), so that the call back and the revocation are offered at once; the mark still
  tells the operator to confirm the incident on the call back.

Two kinds of evidence raise the flag:

* the models' fused vote (:func:`intake.classify.fuse_votes`) puts ``emergency_revocation``
  first or second and gives it at least :data:`THRESHOLD`; or
* the rules saw a lost or stolen device or a key compromise (the ``compromise`` rule) that did
  not make the decision an emergency (no urgency or request went with it, or another reading
  won).

A death notice that names the deceased's device as missing is flagged but worked as an emergency only when
the vote, too, reads an emergency before the death (:func:`works_as_emergency`).

Neither raises it when the writer says that no incident happened (and the rules found none
left), or when the text is only a question about the procedure: a what-if or a preparation
that reports no incident and names no serial.  Automated mail (auto-replies, bounces) is never flagged; that is
decided by the caller, which knows the automated verdict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.reasons import Kind, prefix, write
from intake import devices

EMERGENCY = "emergency_revocation"
#: The reason's fixed start (core.reasons, kind POSSIBLE_EMERGENCY), by which the classifier takes it back out.
REASON_PREFIX = prefix(Kind.POSSIBLE_EMERGENCY)
# The least fused probability of an emergency, in first or second place, that raises the flag.
# Chosen on the fit halves of dev sets mail6 to mail10 (265 mails written by people, 43 of them
# emergencies), each scored by models trained without it (mail10's half was never trained on).
# The rules miss none of those emergencies, so the vote's share of them that it would flag
# stands in for the missed ones; against it, the non-emergencies flagged (vote or rules):
# 0.10: 43/43, 19/222; 0.12: 43/43, 17; 0.15: 42/43, 11; 0.20: 41/43, 5; 0.25: 37/43, 2;
# 0.30: 30/43, 2; 0.40: 19/43, 2.  0.20 is the knee.  Two of its five false flags were
# preparation questions, since no longer flagged (a polite "could you tell me" is no request).
# Stop 19 checked it again on seven outside writers, each left out of the models' training
# (2,527 texts; with MODEL_EMERGENCY_ALONE 0.35 the classifier finds 366 of 436 emergencies):
# missed emergencies flagged / non-emergencies flagged: 0.15: 64 of 70, 142; 0.20: 60, 62;
# 0.25: 49, 40; 0.30: 29, 25.  0.20 stays.
THRESHOLD = 0.20


# The least fused probability of an emergency, in first or second place, that makes a flagged
# message an emergency (see :func:`works_as_emergency`).  A flag costs an operator a look; an
# emergency made of a question costs the writer a call back, so the bar may be higher.  Chosen at
# stop 19 with the voters of that stop, on two kinds of text the voters were not trained on:
# the seven outside writers' texts, each scored by voters trained without it (2,527 texts, 436
# emergencies), and the dev check halves mail..mail11 (575 mails by people, 120 emergencies).
# Right / emergencies found / false emergencies, writers; then dev:
#   not made emergencies: 2239 / 366 / 69;  550 / 113 / 4
#   0.20: 2245 / 426 / 131;  546 / 120 / 15
#   0.25: 2252 / 415 / 109;  554 / 120 / 7
#   0.30: 2246 / 395 / 94;   553 / 116 / 4
# 0.25 is right most often on both and finds every dev emergency; 0.30 misses 4 more of those and
# 20 more of the writers' for 18 fewer false emergencies.  A missed emergency costs a stolen key
# its window; a false one costs the writer a call back.
# Stop 20 (two more writers, t8 and t9, each left out in turn; rules that no longer read footers or denied
# losses): 0.25 t8 277 / 44 / 23, t9 290 / 45 / 11, dev 552 / 119 / 5; 0.30 t8 277 / 43 / 22, t9 291 /
# 45 / 10, dev 551 / 117 / 4.  0.25 stays.
PROMOTE_THRESHOLD = 0.25

# What holds a key, in the words of a compromise: the machines, bags, cards and key material the rules read as
# lost with a key (:mod:`intake.devices`), in Japanese and in English, or the certificate's serial.
_CARRIER = re.compile(
    devices.LOST_WITH_KEY
    + "|"
    + devices.PHYSICAL
    # A loss told beside the certificate's serial ("紛失 S/N 0x3cdc…") names the key by its number.
    + r"|シリアル|S\s?/\s?N|しょうめいしょ|かーど|ぱそこん|\bserial\b"
    # The same things in English ("laptop stolen", "lost my keys").
    + "|"
    + devices.HOLDER_EN,
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EmergencyEvidence:
    """What speaks for and against an emergency in one message the classifier has decided.

    ``vote`` holds the models' fused probabilities per intent (empty when no model voted),
    ``compromise`` the ``compromise`` rule's hits (and ``compromise_words`` what each matched),
    ``denied`` the incidents the writer says did not happen, ``trouble`` the writer's own mishap
    with the certificate (deleted, gone after a reset: the key lost to everyone, no one else's
    hands), and ``question_only`` is true for a what-if or preparation question that reports no
    incident and names no serial.  ``not_ours``
    holds the words that put the key at risk elsewhere: another issuer's card, a bank's password, an
    account of another service, or a device said to hold no certificate.  ``death`` holds the rules' words
    for a death that has happened (a family's report, not a death the model alone reads).
    """

    intent: str
    vote: Mapping[str, float]
    compromise: tuple[str, ...] = ()
    compromise_words: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()
    question_only: bool = False
    trouble: tuple[str, ...] = ()
    not_ours: tuple[str, ...] = ()
    death: tuple[str, ...] = ()


def vote_rank(vote: Mapping[str, float], intent: str = EMERGENCY) -> int:
    """The place of *intent* in *vote*, 0 for the most probable (ties go to the others)."""
    mine = vote.get(intent, 0.0)
    return sum(1 for other, p in vote.items() if other != intent and p >= mine)


def judge(evidence: EmergencyEvidence, threshold: float = THRESHOLD) -> str:
    """The reason why the message is a possible emergency, or "" when it is not one."""
    if evidence.intent == EMERGENCY or evidence.question_only:
        return ""
    if evidence.denied and not evidence.compromise:
        return ""
    if evidence.compromise:
        words = ", ".join(evidence.compromise[:2])
        return write(Kind.POSSIBLE_EMERGENCY, why=f"the rules saw a compromise ({words}) but decided {evidence.intent}")
    p = evidence.vote.get(EMERGENCY, 0.0)
    if evidence.vote and p >= threshold and vote_rank(evidence.vote) <= 1:
        why = f"the models give emergency_revocation {p:.2f}, close to {evidence.intent}"
        return write(Kind.POSSIBLE_EMERGENCY, why=why)
    return ""


def vote_can_flag(evidence: EmergencyEvidence, bound: float, threshold: float = THRESHOLD) -> bool:
    """Whether a fused vote whose emergency probability is at most *bound* could raise the flag.

    Lets the caller leave the costly semantic vote unasked when no vote could flag the message.
    """
    if evidence.intent == EMERGENCY or evidence.question_only or evidence.compromise:
        return False
    return not evidence.denied and bound >= threshold


def _vote_prefers_emergency(vote: Mapping[str, float], intent: str) -> bool:
    """Whether the fused *vote* gives an emergency more than *intent* (never, when no model voted)."""
    return bool(vote) and vote.get(EMERGENCY, 0.0) > vote.get(intent, 0.0)


def works_as_emergency(evidence: EmergencyEvidence, threshold: float = PROMOTE_THRESHOLD) -> bool:
    """Whether a flagged message (see :func:`judge`) is to be worked as an emergency revocation.

    The rules' own sight of a compromise is enough, unless the rules read the mail as ``other`` and the
    compromise names nothing that holds a key (a compromise word with nothing of the CA's business, no
    request and no incident); the vote must give an emergency at least
    *threshold*, in first or second place.
    """
    if not judge(evidence):
        return False
    death_only = evidence.death and evidence.intent == "death_notice"
    if death_only and not _vote_prefers_emergency(evidence.vote, evidence.intent):
        # "父が亡くなりました。父のノートパソコンが見当たりません": a family reports the death and names the
        # deceased's device as not found among their things.  The death notice ends the certificate anyway and
        # the flag gives the case an emergency's urgency; it is worked as an emergency only when the vote, too,
        # reads an emergency before the death.
        return False
    if evidence.compromise:
        if vote_decides_promotion(evidence):
            # "Wi-Fiのパスワードが漏れた", "弊社サイトが不正アクセスを受けました（お詫び）", "ウイルスを駆除してもらえ
            # ますか": the rules read a compromise, but of nothing that holds a key (a machine, a card, a token, the
            # key or the certificate), and no request, incident or anything of the CA's business went with it.
            # Such words are told for many other reasons; the mail is worked as an emergency only when the vote,
            # too, reads one (the flag stays either way).  "カードなくした！止めて" names the key's carrier and
            # is worked as an emergency on the rules' sight alone.
            return _vote_reads_emergency(evidence.vote, threshold)
        return True
    if evidence.trouble:
        # A certificate the writer deleted or lost in a reset is gone from everyone's hands: the
        # vote, which reads "gone" as "lost", does not make it an emergency (the flag stays).
        return False
    if evidence.not_ours:
        # "ネットバンキングのパスワードが漏れた": the vote reads a leak, but the writer names a key that is
        # not the CA's (another issuer's card, a bank, another service) and nothing of ours: flag only.
        return False
    return _vote_reads_emergency(evidence.vote, threshold)


def _vote_reads_emergency(vote: Mapping[str, float], threshold: float) -> bool:
    """Whether the fused *vote* gives an emergency at least *threshold*, in first or second place."""
    return vote.get(EMERGENCY, 0.0) >= threshold and vote_rank(vote) <= 1


def vote_decides_promotion(evidence: EmergencyEvidence) -> bool:
    """Whether the vote decides if a flagged message is worked as an emergency, though the rules saw a compromise.

    Lets the caller ask the semantic voter too in that case (see :func:`works_as_emergency`).
    """
    return (
        bool(evidence.compromise)
        and evidence.intent == "other"
        and not evidence.question_only
        and not names_carrier(evidence.compromise_words)
    )


def names_carrier(words: tuple[str, ...]) -> bool:
    """Whether the words compromises matched name something that holds a key: a machine, a bag, a card, the key."""
    return any(_CARRIER.search(said) for said in words)

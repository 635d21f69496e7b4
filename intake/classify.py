"""Rules-based intent classification of customer mail and chat messages.

The chain reads the new text (subject and body without quotes and signature) first; only
if it holds nothing about any intent does it look at the quoted text and a reply's
subject, with lower confidence.  Every decision records the rules that led to it.

Order of precedence, highest first: a question without any first-person request or
incident is ``faq``; then ``death_notice``; then ``emergency_revocation`` (a lost or
stolen PC or key compromise together with urgency, a revocation request or a first-person
incident report; an urgent revocation request; or an explicit 緊急失効 request); then
``correction`` (certificate contents wrong, to be reported within 10 days of issuance);
then ``revocation`` (失効, or a キャンセル of a certificate that was already issued);
then ``cancellation`` (キャンセル or 取り消し of an application);
then ``faq`` for remaining questions; else ``other``.  Two refinements keep loose words
from deciding: a "revoke" of an application that the writer says is not issued yet is a
cancellation, and a cancellation of something that is not the CA's business at all (a
meeting room) is ``other``; a death that has happened is a ``death_notice`` even when the
writer only asks what to do, and a question framed as preparation (an incident manual, a
what-if) is ``faq`` even when it names an emergency.  Mail about what the CA does not deal in
(another CA's マイナンバーカード, a commercial-registration certificate, a receipt), a complaint
that asks for a call back, and an account or access right revoked are ``other``; a lost device
found again, asked about "next time", is ``faq``; "cancel my order" cancels an application; a
cancellation only weighed ("キャンセルも考えます") is none; and "please cancel the certificate"
after a stolen bag or a key mailed to the wrong person is an emergency like "revoke".  A leak at
another business known from the news ("ニュースで…流出したと報じられていました") is nobody's compromise of
ours unless the writer also tells of something that happened to them.  An application to the CA called
off because another product was needed ("電子入札コアシステム対応のカードが必要でした…御社への申込は取り消させて
ください") is a cancellation, and a holder told to be alive in a care home is never voted a death.  A
correction asked for in so many words ("このまま訂正していただきたい", "I only want to correct my address") is a
correction even where a cancel word is weighed or set aside, and the wrong and the right value given side by
side ("誤：… 正：…") make it the writer's own case; a procedure named to prepare for an incident, with none
reported and nothing asked, is ``faq``; a meeting about certificates called off is ``other``; and the models
cannot vote a revocation or nothing at all over the writer's own application called off, said to be not issued
yet or named as theirs ("Can you cancel my pending request?").
A question still read as ``faq`` after the vote that the FAQ engine refuses as out of its scope (a city office's
印鑑登録証明書, a bank's certificate, another vendor's signing service) and that names nothing of the CA's own
procedures is ``other`` (:mod:`intake.offtopic`; only when the models vote).

The rules' decision then meets a vote of two trained models, a character n-gram model
(:mod:`intake.model`) and a semantic voter over sentence embeddings
(:mod:`intake.semantic_model`), averaged by their weights (:func:`fuse_votes`): each
intent scores the models' probability times their weight, plus the rules' confidence
for the intent the rules chose, and the highest score wins; an emergency found by the
rules is never voted down, the model alone cannot raise an emergency the rules saw no
compromise for (unless it is sure), and it cannot make a request of a text that names
nothing of the CA's business.  Both votes are recorded in the reasons.

A message decided otherwise that may well be an emergency (the fused vote puts it close, or the
rules saw a compromise they did not act on) is flagged ``possible_emergency``
(:mod:`intake.possemerg`), and the core works it with an emergency's urgency.  When that evidence
is strong enough it is worked as an emergency revocation: its intent becomes
``emergency_revocation`` and ``read_as`` keeps the intent it was read as (a missed emergency
costs a stolen key its window; a false one costs the writer a call back).  Automated mail is
never flagged.

A bounce or a forwarded message carries the message it returns; its serials are read like
quoted text, when the mail's own text has none.  A bounce names only the serials its
returned mail says itself, not those that mail quotes in turn (our reply quoting the
customer's request).

A fax-to-email notice (:mod:`intake.fax`) is classified from its faxed form instead of its
empty text.  A fax whose pages nobody could read is worked as an emergency revocation read
otherwise as ``other`` (``fax_unread``): emergency forms arrive by fax.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, cast, get_args

from core.reasons import Kind as ReasonKind
from core.reasons import prefix as reason_prefix
from core.reasons import write as write_reason
from intake import compromise as compromise_scope
from intake import offtopic, possemerg, sentences
from intake.attachedtext import attached_serials
from intake.charfix import corrected_serials
from intake.dialect import readings, standard
from intake.fax import FaxReading, read_fax_mail
from intake.footers import footer_lines
from intake.htmltext import html_to_text
from intake.misusefear import MISUSE_FEARED
from intake.parse import ParsedMail
from intake.quoting import outer_level, split_body
from intake.reading import joined, spelled
from intake.rules import (
    ADDRESSED_ELSEWHERE,
    ADDRESSED_IN_HOUSE,
    ADVERTISING,
    ANOTHER_ISSUER,
    APPLICATION,
    APPLICATION_DROPPED,
    APPLICATION_OBJECT,
    ASKS_NEED,
    CA_CONTEXT,
    CA_SLIP,
    CANCEL_APPLICATION,
    CANCEL_CONSIDERED,
    CANCEL_WORD,
    CERTIFICATE_NAMED,
    CERTIFICATE_OBJECT,
    CHANGED_SINCE_ISSUE,
    COMPLAINT,
    COMPROMISE,
    CORRECTION,
    CORRECTION_DROPPED,
    CORRECTION_WHAT_IF,
    DEAD_NOT_HOLDER,
    DEATH,
    DEATH_EVENT,
    DISCARD_ASKED,
    EMERGENCY_REVOCATION,
    EVENT_BOOKING,
    FAMILY_AFTER_DEATH,
    FAQ_TOPIC,
    FEE_PAYMENT,
    FIX_ASKED,
    FIX_OF_IT,
    HOLDER_ALIVE,
    HYPOTHETICAL,
    INCIDENT,
    ISSUED_CERTIFICATE,
    ISSUED_STATED,
    ISSUED_TO_ME,
    LIFE_CHANGE,
    LIFE_CHANGE_DENIED,
    LOSS_NOT_YET,
    MAIL_WITHDRAWN,
    MAILING_STOPPED,
    MISSENT,
    MISSENT_TOLD,
    NEWS_REPORT,
    NO_KEY_HELD,
    NO_REPLY_WANTED,
    NOT_ADDRESSEE,
    NOT_ISSUED,
    NOT_OURS,
    NOT_RECEIVED,
    OFF_TOPIC,
    OFF_TOPIC_CANCELLED,
    ONLINE_FORM,
    ORDINARY_REASON,
    OTHER_CHOSEN,
    OTHER_PRODUCT,
    OTHER_REVOKED,
    OUR_APPLICATION,
    OUR_USE_ASKED,
    OURS_NAMED,
    OUT_OF_OFFICE,
    OUTSIDE_INQUIRY,
    OUTSIDE_PARTY,
    OWN_APPLIED,
    OWN_CALLED_OFF,
    OWN_CERTIFICATE,
    OWN_DEATH,
    OWN_ENDED,
    OWN_KEPT,
    OWN_SLIP,
    PAPER_AWAITED,
    PET_DIED,
    PREPARATION,
    PRICE_ASKED,
    QUESTION,
    READ_OFF,
    RECOVERED,
    REISSUE_ASKED,
    REQUEST,
    REQUEST_DONE,
    REQUEST_LATER,
    REVOCATION,
    REVOCATION_CALLED_OFF,
    REVOCATION_DENIED,
    REVOCATION_STATUS,
    SAID_ISSUED,
    SENDER_CHECKED,
    SENDER_DOUBTED,
    SITE_FEEDBACK,
    STATUS_ASKED,
    STOP_ASKED,
    TERM_ASKED,
    TOPIC_RULES,
    TROUBLE,
    UNRELATED,
    URGENCY,
    WRONG_RIGHT,
    WRONG_TOLD,
    Rule,
    reason_words,
)
from intake.serials import SerialCandidate, find_serials, listed_values, plain_values
from intake.serialscope import Scope, picks_by_place, requested_serials
from intake.spelling import folds, katakana_read
from intake.subjects import FORWARD_SUBJECT, REPLY_PREFIX
from intake.wishes import denied_incidents, not_wanted, requests_denied, wanted_only

Intent = Literal["cancellation", "revocation", "emergency_revocation", "death_notice", "correction", "faq", "other"]
INTENTS: tuple[str, ...] = get_args(Intent)
EMERGENCY: Intent = "emergency_revocation"
_ALL_RULES: tuple[Rule, ...] = (
    DEATH,
    DISCARD_ASKED,
    CHANGED_SINCE_ISSUE,
    CA_SLIP,
    ADDRESSED_ELSEWHERE,
    ADDRESSED_IN_HOUSE,
    OUT_OF_OFFICE,
    SITE_FEEDBACK,
    COMPROMISE,
    URGENCY,
    EMERGENCY_REVOCATION,
    REVOCATION,
    CANCEL_WORD,
    APPLICATION,
    ISSUED_CERTIFICATE,
    ISSUED_STATED,
    NOT_ISSUED,
    CORRECTION,
    CORRECTION_DROPPED,
    CORRECTION_WHAT_IF,
    PRICE_ASKED,
    WRONG_RIGHT,
    LIFE_CHANGE,
    LIFE_CHANGE_DENIED,
    REQUEST,
    INCIDENT,
    QUESTION,
    HYPOTHETICAL,
    FAQ_TOPIC,
    DEATH_EVENT,
    PREPARATION,
    CA_CONTEXT,
    OFF_TOPIC,
    OFF_TOPIC_CANCELLED,
    EVENT_BOOKING,
    PET_DIED,
    REVOCATION_DENIED,
    REVOCATION_STATUS,
    ORDINARY_REASON,
    MISSENT,
    MISSENT_TOLD,
    UNRELATED,
    REQUEST_DONE,
    REQUEST_LATER,
    NO_REPLY_WANTED,
    STATUS_ASKED,
    PAPER_AWAITED,
    SENDER_CHECKED,
    SENDER_DOUBTED,
    TERM_ASKED,
    NOT_ADDRESSEE,
    FEE_PAYMENT,
    ADVERTISING,
    OUTSIDE_INQUIRY,
    APPLICATION_OBJECT,
    OUTSIDE_PARTY,
    TROUBLE,
    RECOVERED,
    REVOCATION_CALLED_OFF,
    COMPLAINT,
    CANCEL_CONSIDERED,
    OTHER_PRODUCT,
    CANCEL_APPLICATION,
    APPLICATION_DROPPED,
    OTHER_REVOKED,
    REISSUE_ASKED,
    CERTIFICATE_NAMED,
    OWN_CERTIFICATE,
    OWN_ENDED,
    OWN_KEPT,
    FIX_ASKED,
    ONLINE_FORM,
    OWN_SLIP,
    WRONG_TOLD,
    MAIL_WITHDRAWN,
    NOT_OURS,
    OURS_NAMED,
    OUR_USE_ASKED,
    OTHER_CHOSEN,
    NO_KEY_HELD,
    ASKS_NEED,
    CERTIFICATE_OBJECT,
    NEWS_REPORT,
    MAILING_STOPPED,
    HOLDER_ALIVE,
    OWN_DEATH,
    DEAD_NOT_HOLDER,
    OWN_CALLED_OFF,
    OWN_APPLIED,
    OUR_APPLICATION,
    MISUSE_FEARED,
)
# The help desk's case tag (core.tags), kept by every reply to one of its mails.
_CASE_TAG = re.compile(r"\bMDG-\d{4,}(?:-\d+)?\b")


@dataclass(frozen=True)
class Signals:
    """Facts about the wording that the caller's decision needs, beyond the intent.

    The intent is decided from the text alone, but some decisions need the register: a
    writer who asks to "revoke" (失効) something may hold no issued certificate yet, and
    then means the cancellation of an application (the FAQ's 取り消し); one who asks to
    "cancel" (キャンセル, 取り消し) may mean an issued certificate, and then means its
    revocation.  How a caller with the register should use these:

    * ``mentions_revoke_word`` and the applicant has no issued certificate (and
      ``refers_to_issued_certificate`` is false) → treat as ``cancellation``;
    * ``mentions_cancel_word`` and the applicant holds an issued certificate and
      ``refers_to_issued_certificate`` (or a serial matches it) → treat as ``revocation``;
    * ``says_not_issued`` backs the first case; ``reports_compromise`` and
      ``reports_death`` must never be downgraded by the register (emergencies and deaths
      go to a person whatever the register says).
    """

    mentions_revoke_word: bool = False
    mentions_cancel_word: bool = False
    refers_to_issued_certificate: bool = False
    says_not_issued: bool = False
    reports_compromise: bool = False
    reports_death: bool = False
    asks_question: bool = False


@dataclass(frozen=True)
class Classification:
    """The intent of one message, why, the serials it names, and how sure we are (0–1).

    ``serials`` holds the serials the message names: the exact ones, or, in a request about
    an issued certificate that names none exactly, its few bare hex strings (see
    :func:`_bare_serials`; a reason says so).  ``serial_candidates`` holds every candidate
    with its source, the inexact ones included; the caller checks every serial against the
    register before acting on it.  ``signals`` are described in :class:`Signals`.  ``fax_unread`` is true for
    a fax-to-email notice whose faxed pages could not be read, or were read by OCR without
    a known form being recognised: a person must look at it first (the core marks the case
    ``fax_unread``, FAX未確認, and queues it at the top).  ``model`` holds the trained n-gram
    model's probabilities per intent, ``semantic`` the semantic voter's (empty when it was not
    asked: an emergency found by the rules, a reply decided from its quotes, no embedder, or a vote
    that could change neither the decision nor the possible-emergency flag).
    ``possible_emergency`` is true for a message read as another intent that may well be an
    emergency (:mod:`intake.possemerg`; a reason starting "possible emergency: " says why): the
    core marks the case and works it with an emergency's urgency.  Where the evidence is strong
    enough, ``intent`` is ``emergency_revocation`` and ``read_as`` the intent it was read as
    (else ``read_as`` is empty); an operator confirms the incident or re-classifies the case.
    """

    intent: Intent
    reasons: list[str] = field(default_factory=list)
    serials: list[str] = field(default_factory=list)
    confidence: float = 0.0
    serial_candidates: list[SerialCandidate] = field(default_factory=list)
    signals: Signals = field(default_factory=Signals)
    fax_unread: bool = False
    model: dict[str, float] = field(default_factory=dict)
    semantic: dict[str, float] = field(default_factory=dict)
    possible_emergency: bool = False
    read_as: str = ""


# The confidence of an emergency raised on the possible-emergency evidence alone: below any the
# rules give an emergency, so that a reader of the reasons sees that it rests on weak evidence.
POSSIBLE_CONFIDENCE = 0.4
# The reason that says a message is worked as an emergency on that evidence.
PROMOTED_PREFIX = reason_prefix(ReasonKind.PROMOTED)


def _norm(text: str) -> str:
    """NFKC-normalise so full-width, half-width and compatibility forms match alike.

    The spaces a kana-only writer leaves between Japanese phrases are removed
    (:func:`intake.spelling.join_spaced`), so that "しっこう　して　ください" reads as one phrase.

    The key words are brought to one spelling (:mod:`intake.spelling`: しっこう, 執行 and
    revok are all 失効 or revoke to the rules).  Negated topics ("失効ではなく申込の取り消しです")
    and what the writer asks us not to do ("失効しないでください", "do not revoke") are removed
    (:mod:`intake.wishes`), so that only what the writer does want is matched by the rules.
    """
    return wanted_only(spelled(text))


def _spelling_reasons(text: str) -> list[str]:
    """Reasons naming the words of *text* that :func:`intake.reading.spelled` reads in another spelling."""
    read = joined(text)
    return [*readings(read), *folds(standard(read))]


def _footer_reasons(text: str) -> list[str]:
    """Reasons naming the footer lines of *text* that the rules do not read (:mod:`intake.footers`)."""
    found = footer_lines(unicodedata.normalize("NFKC", text))
    return [f"footer: {line[:60]!r} is {kind}, not read" for kind, line in found[:3]]


def _not_wanted(text: str) -> list[str]:
    """Reasons naming what the writer asks us not to do or says did not happen (words :func:`_norm` removes)."""
    folded = spelled(text)
    return [
        *(f"not wanted: {words!r} is not asked for" for words in not_wanted(folded)),
        *(f"not asked now: {words!r} denies a request" for words in requests_denied(folded)),
        *(f"not happened: {words!r} denies an incident" for words in denied_incidents(folded)),
    ]


# A personal seal named as the thing lost; a seal holds no key.
_SEAL_LOST = re.compile(
    r"(?:印鑑|認印|実印|ハンコ|はんこ|判子|印章)(?:[(（][^()（）]{0,6}[)）])?(?:を|が)?(?:なくし|無くし|失くし|紛失|なくな|盗ま)"
)


def _check_all(text: str) -> dict[str, list[str]]:
    found = {rule.name: rule.hits(text) for rule in _ALL_RULES}
    hits = {name: [hit.reason for hit in matched] for name, matched in found.items()}
    # What the words say was issued; the certificate named as what is cancelled counts as issued to the
    # rules, but only the first tells the caller (whose register decides otherwise: see Signals).
    hits["issued_said"] = hits["issued_certificate"]
    hits["issued_certificate"] = [*hits["issued_certificate"], *hits["certificate_object"]]
    # A slip of address told of a mail that asks the CA nothing is this mail's; one beside a request was an
    # earlier mail's, sent again now ("送付先を間違えました。改めて失効をお願いします").
    # A revocation told as done ("失効処理が完了しましたので共有いたします") asks for none.
    revocation_asked = hits["revocation"] and not _told_done(hits)
    asked = revocation_asked or hits["cancel_word"] or hits["correction"] or hits["request"] or hits["question"]
    if hits["missent_told"] and not asked:
        hits["missent"] = [*hits["missent"], *hits["missent_told"]]
    # A seal lost ("申し込んだときに使った印鑑（認印）をなくしてしまいました") holds no key: the loss puts nothing of
    # ours at risk, whatever certificate its sentence names.
    for name in ("compromise", "incident"):
        hits[name] = [hit for hit in hits[name] if not _SEAL_LOST.search(hit)]
        found[name] = [hit for hit in found[name] if not _SEAL_LOST.search(hit.reason)]
    # Whose key a told compromise puts at risk, and whether one is told at all: another issuer's card,
    # a leak known from the news, a denial, another service's password (intake.compromise).
    return compromise_scope.whose_key(text, hits, found)


def _ends_own(hits: dict[str, list[str]]) -> bool:
    """Tell whether the writer ends their own certificate (revokes or cancels one in their own name).

    Their own certificate is named as theirs ("私名義の証明書") or as needed no more ("私の証明書は不要になる"), or
    their own application is called off ("私の申込はいったん取り消してください") or dropped in plain words
    ("申し込みを取りやめにしていただけますでしょうか").
    """
    # A certificate of their own said to be kept ("私自身の証明書は引き続き使用します") is not the one ended.
    named = hits["own_certificate"] if not hits["own_kept"] else []
    own = named or hits["own_ended"] or hits["own_called_off"]
    # An application dropped beside a death told as what happened may be the dead holder's ("父が亡くなりました…更新の
    # 申込も、もう必要ないのでなしにしてください"), not the writer's own.
    dropped = hits["application_dropped"] and not hits["death_event"]
    return bool(own and (hits["revocation"] or hits["cancel_word"])) or bool(dropped)


def _dead_not_holder(hits: dict[str, list[str]]) -> bool:
    """Tell whether the one who died held no certificate and the writer asks no revocation ("証明書は私名義で、
    祖父とは関係ありません"): the death is the writer's circumstance, not reported to the CA."""
    return bool(hits["dead_not_holder"] and not hits["revocation"])


def _another_issuers(hits: dict[str, list[str]]) -> list[str]:
    """The words that say the certificate is another issuer's ("別の認証局で発行してもらった証明書")."""
    return ANOTHER_ISSUER.select(hits)


# The rules' decision that a question names nothing of the CA's business: the one decision an FAQ entry that answers
# the question surely may overturn (:func:`intake.offtopic.answered`).
NOTHING_OF_OURS = "decision: a question on nothing of the CA's business"


def _decide(hits: dict[str, list[str]], serials: list[str]) -> tuple[Intent, list[str]]:
    """Apply the precedence described in the module docstring to one set of rule hits."""
    if hits["cancel_considered"]:
        # "このままならキャンセルも考えます" weighs a cancellation; it does not ask for one.
        hits = {**hits, "cancel_word": []}
    if hits["life_change_denied"]:
        # "引っ越したわけじゃないです": the change named is denied as the reason; the contents were wrong as issued.
        hits = {**hits, "life_change": []}
    first_person = hits["request"] + hits["incident"]
    if serials:
        first_person = [*first_person, f"serial given: {serials[0]}"]
    if hits["correction"] and hits["wrong_right"]:
        # "誤：昭和48年 正：昭和47年 … 訂正方法をご教示ください": the writer gives the wrong and the right value
        # of their own case, even when they ask how it is corrected.
        first_person = [*first_person, *hits["wrong_right"]]
    if hits["revocation"] and hits["own_ended"] and not hits["hypothetical"]:
        # "I don't need my iPROVE certificate anymore. How do I cancel it?": the writer's own certificate is ended,
        # and the question asks for its revocation.
        first_person = [*first_person, *hits["own_ended"]]
    not_received = NOT_RECEIVED.select(hits)
    died = hits["death"] or hits["death_event"]
    if (hits["revocation"] or hits["cancel_word"]) and not_received and not hits["hypothetical"] and not died:
        # "申し込んだばっかりなんですけど、それって失効できます？証明書まだもらってないです": the writer's own
        # application, not issued yet, asked in a question to be called off.
        first_person = [*first_person, *not_received]
    stop_wished = _stop_wished(hits)
    if stop_wished:
        # "父名義の電子証明書がありますが、今後使うことはないので止めたいと考えています。家族から手続きすることは
        # できますか": the writer's own wish to stop a certificate, asked as a question of how.
        first_person = [*first_person, *stop_wished]
    wished = [hit for hit in hits["cancel_word"] if reason_words(hit).endswith("たい")]
    if wished and hits["certificate_object"] and not hits["hypothetical"]:
        # "証明書やめたいんだけど、…実印でいけます？": the writer's own wish to end their certificate.
        first_person = [*first_person, *wished]
    if hits["revocation"] and hits["ordinary_reason"] and not hits["hypothetical"]:
        # "転職したので old cert はもう不要です。revoke の書類ってDLするやつですよね？": the writer's own reason, told
        # as what has happened, makes the question how to have their own certificate revoked.
        first_person = [*first_person, *hits["ordinary_reason"]]
    fix_asked = FIX_OF_IT.select(hits)
    aside = hits["hypothetical"] or hits["complaint"]
    if fix_asked and hits["life_change"] and hits["certificate_named"] and not aside:
        # "会社のドメイン変更で…になりました。証明書の方も直せますか？": the writer's own certificate, out of date
        # since a change in their life, asked in a question to be put right.
        first_person = [*first_person, *fix_asked]
    issued_to_me = ISSUED_TO_ME.select(hits)
    if hits["cancel_word"] and issued_to_me and not hits["hypothetical"]:
        # "証明書のキャンセルってできますか？去年発行してもらったやつで、もう使わないので": the certificate issued to
        # the writer, asked in a question to be ended.
        first_person = [*first_person, *issued_to_me]
    if hits["cancel_word"] and (hits["own_called_off"] or hits["own_applied"]) and not hits["hypothetical"]:
        # "can i cancel my application? havent received anything yet", "二枚で申し込んだけど一枚分だけ取り消すことって
        # できますか": the writer's own application, asked in a question to be called off.
        first_person = [*first_person, *hits["own_called_off"], *hits["own_applied"]]
    if hits["cancel_application"] and hits["not_issued"] and not hits["hypothetical"]:
        # "申請中のものをストップしたいのですが、こちらのチャットで受け付けてもらえますか": the writer's own
        # application, still being processed, asked in a question to be stopped.
        first_person = [*first_person, *hits["cancel_application"]]
    if hits["application_dropped"] and not hits["hypothetical"]:
        # "申し込みしたの、なしにできる?", "I applied last week, can u stop it?": the writer's own application, asked in
        # a question to be dropped.
        first_person = [*first_person, *hits["application_dropped"]]
    if hits["correction"] and hits["own_slip"] and not hits["hypothetical"]:
        # "I typed my phone number with two digits swapped … Can I fix it?": the writer's own slip to be corrected.
        first_person = [*first_person, *hits["own_slip"]]
    if hits["correction"] and hits["wrong_told"] and not hits["hypothetical"]:
        # "ローマ字のつづり間違ってるんですけど直せますか？": a wrong detail told as it is, the writer's own case.
        first_person = [*first_person, *hits["wrong_told"]]
    read_off = READ_OFF.select(hits)
    if read_off and not hits["hypothetical"]:
        # "証明書見たらメアドが全部大文字になってて…これは大丈夫？", "…で申し込んだのに、証明書は旧姓で出てきました":
        # a wrong detail read off the writer's own certificate, even when they only ask whether it matters.
        first_person = [*first_person, *read_off]
    if hits["correction"] and hits["issued_certificate"] and not hits["not_issued"]:
        # Wrong contents in a certificate the writer has received is their own case,
        # even when they ask "どうすればよいでしょうか" about it.
        first_person = [*first_person, *hits["issued_certificate"]]
    asks = hits["question"] + hits["hypothetical"]
    if _ends_own(hits) and (hits["death"] or hits["death_event"]):
        # "主人が亡くなった後、私の名前で取った証明書をやめたい": the writer ends their own
        # certificate; the death is why, and nobody's death is reported to the CA.
        hits = {**hits, "death": [], "death_event": []}
    if _dead_not_holder(hits):
        # "先月祖父が亡くなり…証明書は私名義で、祖父とは関係ありません": the writer asks about their own certificate.
        hits = {**hits, "death": [], "death_event": []}
    if hits["hypothetical"] and all(FAMILY_AFTER_DEATH.fullmatch(reason_words(hit)) for hit in hits["death_event"]):
        # "仮に名義人が死亡した場合、会社または遺族としてどのような手続きが必要か": the family in a what-if is part
        # of it.
        hits = {**hits, "death_event": []}
    if hits["site_feedback"] and not (hits["request"] or serials or hits["compromise"] or hits["death_event"]):
        # "FAQページの「…どにようになりますか。」という質問、「どのように」の誤字だと思います。ご参考まで": a remark on
        # the CA's pages for whoever keeps them.
        return "other", [*hits["site_feedback"], "decision: a slip on the CA's pages pointed out, nothing asked"]
    if hits["out_of_office"] and not (
        hits["compromise"] or hits["death_event"] or hits["incident"] or hits["request"] or serials
    ):
        # "Out of Office: Re: Your revocation request … For urgent matters regarding certificate revocation, please
        # contact my colleague": an absence told in reply, asking nothing of a certificate.
        return "other", [*hits["out_of_office"], "decision: an out-of-office reply asks nothing"]
    if hits["addressed_in_house"] and not (serials or hits["ours_named"] or hits["compromise"]):
        # "情シスの皆さん…社内ポータルにログインするためのクライアント証明書が期限切れに": the company's own IT desk is
        # asked about an in-house certificate, not the CA.
        return "other", [*hits["addressed_in_house"], "decision: the mail is addressed to the writer's own IT desk"]
    if hits["addressed_elsewhere"] and not (serials or hits["ca_context"] or hits["compromise"]):
        # "市役所の年金係様…主人が亡くなりましたので、遺族年金の手続きについて": written for a city office or a bank.
        return "other", [*hits["addressed_elsewhere"], "decision: the mail is addressed to another office or a bank"]
    another_issuers = _another_issuers(hits)
    if another_issuers and hits["revocation"] and not (serials or hits["ours_named"] or hits["compromise"]):
        # "別の認証局で発行してもらった証明書を失効したいのですが…御社で代わりに失効してもらうことはできますか": the
        # certificate is another issuer's; only that issuer can revoke it.
        return "other", [*another_issuers, "decision: the certificate to be revoked is another issuer's"]
    if hits["death_event"] and (hits["death"] or hits["ca_context"]):
        return "death_notice", [
            *hits["death"],
            *hits["death_event"],
            "decision: a death that has happened is reported (even if the writer only asks what to do)",
        ]
    if hits["outside_party"] and not first_person and not hits["compromise"] and not hits["death"]:
        return "other", [
            *hits["outside_party"],
            "decision: the press or a vendor writes about the CA's business; no customer asks anything",
        ]
    ours_at_risk = hits["compromise"] or hits["death"] or hits["emergency_revocation"] or serials
    # A serial named for another issuer's certificate is that certificate's (see _serials_of_another).
    ours_in_question = ours_at_risk if not _serials_of_another(hits) else hits["compromise"] or hits["death"]
    if (
        hits["other_product"]
        and not ours_in_question
        and not _calls_off_ours(hits)
        and not _our_receipt(hits)
        # The fee's amount asked beside the paper ("料金いくらですか？…領収書って会社名で出ますか") is ours.
        and not hits["price_asked"]
        and not hits["our_use_asked"]
        and not _other_chosen_instead(hits)
        # A correction asked of a certificate issued, with the registry paper sent as proof ("本日発行いただいた証明書の
        # 組織名が旧商号のまま…登記事項証明書も添付…訂正をお願いいたします"), is ours to correct.
        and not (hits["correction"] and hits["request"] and hits["issued_certificate"])
    ):
        return "other", [
            *hits["other_product"],
            "decision: about a product or paper the CA does not deal in (another CA's card, a registry, a receipt)",
        ]
    if _stops_mailing_only(hits, ours_at_risk):
        return "other", [
            *hits["mailing_stopped"],
            "decision: a newsletter or mailing is stopped, no certificate or application",
        ]
    if hits["missent"] and (not ours_in_question or hits["discard_asked"]):
        # "社内宛のメールを誤ってこちらに送ってしまいました。破棄してください": the serials of the mail below are asked
        # of nobody here either.
        return "other", [
            *hits["missent"],
            "decision: the mail was meant for someone else; what it asks is not asked of the CA",
        ]
    told_risk = hits["compromise"] or hits["death"] or hits["emergency_revocation"] or hits["incident"]
    asked_of_ours = hits["revocation"] or hits["cancel_word"] or hits["correction"]
    if hits["not_addressee"] and not (told_risk or asked_of_ours):
        # "このメール、宛先間違いではないですか？…別人だと思います": our notice reached someone it was not meant
        # for; the serial it quotes is ours, but nothing is asked of it, and an operator must see why.
        return "other", [
            *hits["not_addressee"],
            "decision: the writer received a mail of ours that was not meant for them",
        ]
    receipt_only = bool(hits["other_product"]) and _only_papers(hits, ("領収", "receipt"))
    # Asked for as the writer's own ("…領収書をいただきたいのですが", a certificate of theirs named), not asked about
    # among questions on how the fee is paid ("領収書の発行は可能ですか").
    if receipt_only and (hits["request"] or serials) and not (told_risk or asked_of_ours):
        # "先月発行いただいた電子証明書（シリアル番号：…）の会費について…領収書をいただきたいのですが": a receipt for
        # the fee is issued by a person; the certificate named only says which fee.
        return "other", [*hits["other_product"], "decision: a receipt is asked for, which a person issues"]
    request_topic = asked_of_ours or ours_at_risk
    if hits["unrelated"] and not (first_person or request_topic):
        return "other", [
            *hits["unrelated"],
            "decision: the writer says the message is not about the CA's certificates",
        ]
    if hits["off_topic_cancelled"] and not (
        ours_at_risk
        # An application called off is the event's booking when one is named ("セミナー参加申込…申込を取り消して
        # ください").
        or (hits["cancel_application"] and not hits["event_booking"])
        or hits["application_object"]
        or hits["revocation"]
        or hits["correction"]
    ):
        return "other", [
            *hits["off_topic_cancelled"],
            "decision: a meeting or a booking is what is cancelled, whatever business it was about",
        ]
    if hits["complaint"] and hits["no_reply_wanted"] and not (told_risk or asked_of_ours):
        # "…今どきこの記載はどうかと思います。案内くらいは最新にしてください。返信は不要です": criticism that wants no
        # answer asks nothing of a certificate, whatever it names.
        return "other", [
            *hits["complaint"],
            *hits["no_reply_wanted"],
            "decision: a complaint that wants no answer asks nothing of a certificate",
        ]
    if hits["complaint"] and hits["request_done"] and hits["no_reply_wanted"] and not told_risk:
        # "失効をお願いした増田です。手続き自体は完了していますが、電話が全然つながらず…返信は不要です": the request
        # named is done, and the writer complains of how it went and wants no answer.  Without those last words a
        # complaint may still ask for something new of the certificate.
        return "other", [
            *hits["complaint"],
            *hits["request_done"],
            *hits["no_reply_wanted"],
            "decision: a complaint about a request already done asks nothing new",
        ]
    if hits["complaint"] and _told_done(hits) and not (hits["compromise"] or hits["incident"] or hits["death"]):
        # "一昨日緊急失効をお願いした件…失効は完了したとの連絡をもらいましたが、一言申し上げたい", "手続き自体は終わった
        # ようなので…ご意見まで": the request named is done, nothing new is asked of it, and what the writer wants is
        # a person's answer to the complaint.
        return "other", [
            *hits["complaint"],
            *hits["request_done"],
            "decision: a complaint about a request already done asks nothing new",
        ]
    if hits["revocation_denied"] and not (hits["request"] or told_risk):
        # "失効なんて頼んでいません…誰が、いつ、どういう理由で失効させたのか説明してください": a revocation the writer
        # never asked for is to be explained by a person, not carried out or answered from the FAQ.
        return "other", [*hits["revocation_denied"], "decision: the writer never asked for the revocation they found"]
    # A complaint that names a procedure only to call it wrong ("失効して申し込み直し…料金をもう一度払わないといけない
    # というのはおかしくないですか？責任者の方からの回答をお願いします") asks nothing of a certificate either.
    grievance = len(hits["complaint"]) >= 2 and not (first_person or told_risk)
    if hits["complaint"] and (grievance or (not request_topic and (not asks or len(hits["complaint"]) >= 2))):
        return "other", [
            *hits["complaint"],
            "decision: a complaint asks for a call or an answer, not about a certificate",
        ]
    if hits["recovered"] and hits["revocation_called_off"] and not hits["emergency_revocation"]:
        # "PCが無事に見つかりました…証明書の失効は、まだ手続き前とのことでしたら、取りやめでお願いします": the lost
        # device is back and the writer calls off the revocation asked for before.
        return "other", [
            *hits["recovered"],
            *hits["revocation_called_off"],
            "decision: the lost thing was found again and the writer calls off the revocation",
        ]
    withdrawn = [reason_words(hit) for hit in hits["mail_withdrawn"]]
    # The request the writer takes back ("先ほどの失効依頼は撤回します") is no new one.
    new_requests = [hit for hit in hits["request"] if not any(reason_words(hit) in words for words in withdrawn)]
    if withdrawn and not (new_requests or told_risk):
        # "さっきの失効のメール、やっぱりなしで。勘違いでした": the writer takes back what they asked before.
        return "other", [*hits["mail_withdrawn"], "decision: the writer withdraws their own earlier mail"]
    taken_back = _taken_back(hits)
    if taken_back and not (told_risk or hits["emergency_revocation"] or hits["death"]):
        # "先日失効をお願いした証明書ですが…まだ処理前でしたら、失効請求を取り下げさせていただけないでしょうか": the
        # revocation asked before is taken back; a person tells whether it was done already.
        return "other", [*taken_back, "decision: the writer takes back the revocation they asked for"]
    # A writer whose device is back and who only asks whether a revocation is still needed ("Do I
    # still need to revoke?", "失効する必要はありますか") names the revocation as the question, not as a request.
    asks_only = bool(hits["asks_need"]) and not hits["request"]
    if hits["recovered"] and (asks or hits["asks_need"] or hits["preparation"]) and (asks_only or not (
        hits["revocation"] or hits["cancel_word"] or hits["emergency_revocation"]
    )):
        return "faq", [
            *hits["recovered"],
            *asks,
            "decision: the lost thing was found again; the writer asks what to do another time",
        ]
    feared = _misuse_feared(hits)
    if feared:
        return "emergency_revocation", [
            *feared,
            *hits["revocation"],
            *hits["cancel_word"],
            *hits["request"],
            "decision: the writer asks to stop a key that someone else may use",
        ]
    if hits["sender_checked"] and not (hits["request"] or told_risk or hits["death_event"]):
        # "iPROVEから送られたものでしょうか？": whether a mail came from the CA is told by a person, not the FAQ.
        return "other", [*hits["sender_checked"], "decision: the writer asks whether a mail came from the CA"]
    if _status_asked(hits):
        # "審査どうなってますか？": how the writer's own request is getting on is told by a person, not the FAQ.
        return "other", [
            *hits["status_asked"],
            *hits["paper_awaited"],
            "decision: the writer asks how their own request is getting on",
        ]
    if hits["outside_inquiry"] and not (hits["incident"] or hits["compromise"] or hits["death_event"] or serials
                                         or hits["revocation"] or hits["cancel_word"] or hits["correction"]):
        # "番組制作のためのご取材依頼", "卒業研究のアンケートへのご協力のお願い": the company's time is asked, by
        # someone outside; no certificate's business, whatever words of one the request uses.
        return "other", [*hits["outside_inquiry"], "decision: a press, survey or research request, for a person"]
    if (asks and hits["revocation_status"] and not (hits["request"] or hits["incident"] or hits["compromise"]
                                                      or hits["death_event"] or hits["urgency"])):
        # "前任者の管理表に…「… 失効手続済？」とメモがあるのですが…現在失効済みかどうか、教えていただけますでしょう
        # か": the serial says which certificate's state is asked about; nothing is asked to be done.
        return "faq", [*hits["revocation_status"], *asks, "decision: whether a certificate is revoked is asked"]
    if len(hits["advertising"]) >= 2 and not hits["incident"] and not serials:
        return "other", [
            *hits["advertising"],
            "decision: a sales pitch or mass mail asks nothing, whatever topic words it uses",
        ]
    if asks and not first_person:
        # A lost laptop or a death asked about at a CA's help desk is the CA's business.
        business = hits["ca_context"] or hits["faq_topic"] or hits["compromise"] or hits["death"]
        # A what-if about cancelling ("キャンセルした場合、返金されますか"), written to a CA's help
        # desk and naming nothing else that is cancelled (a meeting, a booking), asks about its
        # procedure; a plain "can you handle the cancelled order?" is a colleague's mail.
        cancel_what_if = hits["cancel_word"] if hits["hypothetical"] else []
        if not business and (hits["correction"] or hits["revocation"] or cancel_what_if) and not hits["off_topic"]:
            business = [*hits["correction"], *hits["revocation"], *cancel_what_if]
        if not business:
            return "other", [*asks, NOTHING_OF_OURS]
        return "faq", [*asks, "decision: a question without a first-person request or incident"]
    if hits["preparation"] and not first_person and not hits["compromise"] and (
        hits["emergency_revocation"] or hits["revocation"]
    ):
        # "We are writing an incident playbook and want to include the steps for emergency revocation … there is no
        # incident at the moment": a procedure named to prepare for it, with nothing reported and nothing asked.
        return "faq", [
            *hits["preparation"],
            *hits["emergency_revocation"],
            "decision: a procedure described to prepare for an incident, with none reported and no request",
        ]
    if asks and hits["preparation"] and not hits["incident"]:
        return "faq", [
            *asks,
            *hits["preparation"],
            "decision: a question that prepares for an incident, with none reported",
        ]
    if hits["death"] and hits["preparation"] and not (hits["death_event"] or first_person):
        # "名義人が亡くなったときの手続きを知りたいです。終活の準備で調べています。": a death named to prepare for one,
        # with none told as having happened and nothing asked of a certificate.
        return "faq", [
            *hits["preparation"],
            *hits["death"],
            "decision: a death named to prepare for one, with none reported",
        ]
    if hits["death"]:
        return "death_notice", [*hits["death"], "decision: the holder's death is reported"]
    compromise = hits["compromise"]
    if hits["recovered"] and (hits["revocation"] or hits["cancel_word"]) and not hits["urgency"]:
        # "PCは見つかりました。それとは別に通常の失効をお願いします": the device is back, and what is asked
        # is an ordinary revocation, without haste (an explicit 緊急失効 still decides below).  A writer in a
        # hurry ("cancel it right away, in case nobody has found it") still reports a loss.
        compromise = []
    pressing = hits["urgency"] + hits["revocation"] + hits["emergency_revocation"] + hits["incident"]
    if hits["request"]:
        # "Please cancel the certificate" after a stolen bag asks to stop it as much as "revoke";
        # so does any request after a compromise told without a revoke word ("Please stop it").
        pressing += hits["cancel_word"] or (hits["request"] if compromise else [])
    if compromise and pressing:
        return "emergency_revocation", [
            *compromise,
            *pressing,
            "decision: lost/stolen device or key compromise, to act on now",
        ]
    # "I lost my credit card. Please block it immediately": stopping something at once is an urgent revocation
    # only of what the CA deals in (a certificate, a serial, a revoke word), not of a card or an account elsewhere.
    # An ordinary reason given ("理由は退職です") tells haste, not danger.
    # Nor is a revocation the writer says was done, asking nothing ("緊急失効（…）自体はその後処理してもらえた
    # ようだが").
    told_done = _told_done(hits)
    if (hits["revocation"] and hits["urgency"] and first_person and (hits["ca_context"] or serials)
            and not hits["ordinary_reason"] and not told_done):
        return "emergency_revocation", [
            *hits["revocation"],
            *hits["urgency"],
            "decision: an urgent revocation request",
        ]
    if hits["emergency_revocation"] and not told_done:
        return "emergency_revocation", [*hits["emergency_revocation"], "decision: emergency revocation asked"]
    if (
        hits["correction"]
        and hits["cancel_word"]
        and hits["application"]
        and not _says_issued(hits, serials)
        and (not _correction_asked(hits) or hits["correction_dropped"])
    ):
        return "cancellation", [
            *hits["correction"],
            *hits["cancel_word"],
            "decision: an application made wrongly is cancelled (no certificate issued yet to correct)",
        ]
    if _phone_changed_only(hits, serials):
        # "申込書に記載した携帯電話の番号が変わりました…S/N 2e:81:…": a certificate issued holds no phone
        # number; the number the CA calls back changes, which a person records.
        return "other", [*hits["correction"], "decision: the phone number on record changed; no certificate holds it"]
    if (hits["correction"] and hits["online_form"] and asks and not serials and not _says_issued(hits, serials)
            and not _correction_asked(hits) and not hits["request"] and not hits["fix_asked"]):
        # "オンライン申請の画面で入力した内容が一部間違っていました。やり直しはできるのでしょうか": a slip on the
        # application form, before any certificate, asked about; the FAQ says what to do.
        return "faq", [*hits["online_form"], *hits["correction"], *asks,
                       "decision: a slip on the online application asked about, with no certificate named"]
    if (hits["correction"] and hits["life_change"] and hits["revocation"] and hits["request"]
            and not (hits["wrong_told"] and not hits["changed_since_issue"]) and not hits["own_slip"]
            and not hits["wrong_right"] and not hits["ca_slip"]):
        # "苗字が変わりました…訂正していただくか…まずは今の証明書の失効をお願いしたい": contents out of date since
        # a change in the writer's life, and a revocation asked: the FAQ's way, not a correction.
        return "revocation", [*hits["life_change"], *hits["revocation"], *hits["request"],
                              "decision: contents out of date since a change in the holder's life; revocation asked"]
    # The fix may be asked in a question ("会社のドメイン変更で…になりました。証明書の方も直せますか？").
    fixes = FIX_OF_IT.select(hits)
    if ((hits["correction"] or fixes) and hits["life_change"]
            and (hits["request"] or serials or fixes)
            and (serials or hits["issued_certificate"] or hits["certificate_named"]) and not hits["application"]
            and not (
                (hits["wrong_told"] and not hits["changed_since_issue"])
                or hits["own_slip"]
                or hits["wrong_right"]
                or hits["revocation"]
                or hits["ca_slip"]
            )):
        # "姓が変わったので証明書の訂正をお願いします。旧姓 高橋 → 新姓 森 です。シリアル …": the contents were right
        # when issued; a change in the holder's life is met by revoking the certificate and applying again.
        return "revocation", [*hits["life_change"], *hits["correction"],
                              "decision: a change in the holder's life; the certificate is revoked, not corrected"]
    if (hits["correction"] and hits["revocation"] and hits["request"] and serials and not hits["reissue_asked"]
            and not (hits["fix_asked"] or hits["wrong_right"] or hits["wrong_told"] or _correction_asked(hits))):
        # "発行枚数の欄に…書き間違えて「2」と書いてしまった…2枚目の方を失効していただけますか": the writer's slip made a
        # certificate too many, and what is asked is its revocation, not a fix of any certificate's contents.
        return "revocation", [*hits["revocation"], *hits["request"], *hits["correction"],
                              "decision: a revocation asked of a certificate the writer's slip made; nothing to fix"]
    wrong_as_condition = hits["correction_what_if"] and asks
    if hits["correction"] and wrong_as_condition and not (hits["request"] or serials or hits["wrong_right"]):
        # "もし届いた証明書の住所が間違っていたら、どこに連絡すればいいですか": a wrong detail only as a condition.
        return "faq", [*hits["correction_what_if"], *asks, "decision: a wrong detail asked about as a condition"]
    if hits["correction"]:
        return "correction", [*hits["correction"], "decision: certificate contents are wrong"]
    issued = (hits["issued_certificate"] or bool(serials)) and not hits["not_issued"]
    # A certificate's serial read in the message is the CA's business too ("kill the old one pls: 6E02 A9D1 …").
    if (
        (hits["revocation"] or hits["cancel_word"]) and not hits["ca_context"] and not serials
        and not _own_application_called_off(hits)
    ):
        return "other", [
            *hits["revocation"],
            *hits["cancel_word"],
            *hits["off_topic"],
            "decision: something is cancelled, but nothing of the CA's business is named",
        ]
    if hits["revocation"] and hits["other_revoked"] and not (hits["certificate_named"] or serials or compromise):
        return "other", [
            *hits["other_revoked"],
            "decision: an account or access right is revoked, not a certificate",
        ]
    # An application named as what is called off, with nothing said to be issued, is the object too.
    called_off = hits["cancel_application"] if not hits["issued_certificate"] else []
    if hits["revocation"] and (hits["not_issued"] or hits["application_object"] or called_off) and not serials:
        return "cancellation", [
            *hits["revocation"],
            *hits["not_issued"],
            *hits["application_object"],
            *called_off,
            "decision: 'revoke' of an application not issued yet is a cancellation",
        ]
    if hits["request_later"] and asks and not told_risk:
        # "現時点で失効などの手続きをお願いするものではありません", "改めて失効をお願いするつもりです": the writer
        # asks how, before a request they will make later.
        return "faq", [*hits["request_later"], *asks, "decision: the writer asks before a request made later"]
    if hits["revocation"] and hits["asks_need"] and not (hits["request"] or told_risk or hits["own_ended"]):
        # "誤って削除してしまいました…一度失効して再発行していただく必要があるのでしょうか": the writer asks whether a
        # revocation is needed, and asks for none; nothing is at risk.
        return "faq", [*hits["asks_need"], "decision: the writer asks whether a revocation is needed, not for one"]
    if hits["revocation"] and hits["term_asked"] and not (hits["request"] or told_risk or hits["own_ended"]):
        # "失効っていうのは何もしないとそうなるってことですか": the writer asks what the word means, and asks for
        # nothing.
        return "faq", [*hits["term_asked"], "decision: the writer asks what a revocation is, not for one"]
    if hits["revocation"] and told_done and not (hits["compromise"] or hits["death"] or hits["incident"]):
        # "緊急失効（…）自体は翌日処理してもらえたが、緊急の窓口がこれでは困ります": the revocation named was done by
        # the desk, and nothing new is asked.
        return "other", [*hits["request_done"], "decision: a revocation told as done asks for none"]
    if hits["revocation"]:
        return "revocation", [*hits["revocation"], *hits["deadline"], "decision: revocation asked"]
    if hits["cancel_word"] and told_done and not (serials or hits["compromise"] or hits["death"] or hits["incident"]):
        # "申込の取消をお願いした際の…取消自体は完了しているので結構ですが、改善していただきたい": the cancellation
        # named was done by the desk, and nothing new is asked of it.
        return "other", [*hits["request_done"], "decision: a cancellation told as done asks for none"]
    if hits["cancel_word"]:
        # A certificate said to be issued ("昨年申込をして発行された証明書"), not a paper received ("照会書、受け取り
        # ました").
        # ("既に発行済みの1枚目…は引き続き使用いたします" names another certificate, the one kept.)
        said_issued = not hits["not_issued"] and bool(SAID_ISSUED.select(hits))
        if hits["cancel_application"] and not serials and not said_issued:
            return "cancellation", [
                *hits["cancel_application"],
                "decision: an order or application is what is cancelled, not an issued certificate",
            ]
        if issued:
            return "revocation", [
                *hits["cancel_word"],
                *hits["issued_certificate"],
                "decision: cancelling a certificate that was already issued is a revocation",
            ]
        return "cancellation", [
            *hits["cancel_word"],
            *hits["application"],
            *hits["not_issued"],
            "decision: cancelling an application",
        ]
    stop_asked = STOP_ASKED.select(hits)
    # Only a certificate said to be issued, or a serial, makes a drop the end of one ("pls dont make my certificate"
    # names the certificate, but not as issued).
    dropped = hits["application_dropped"] and not (
        SAID_ISSUED.select(hits) or hits["event_booking"] or hits["hypothetical"]
    )
    if dropped and not serials:
        # "家族で話して申し込みはやめることになりました", "証明書は作らなくていいです": the writer's own application,
        # dropped in plain words, is called off.
        return "cancellation", [*hits["application_dropped"], "decision: the writer's application is dropped"]
    if hits["not_issued"] and stop_asked and not serials and not asks:
        # "発行待ちの証明書、いらなくなっちゃいました。止めてください": what is stopped is not issued yet.
        return "cancellation", [*hits["not_issued"], *stop_asked, "decision: a certificate not issued yet is stopped"]
    if asks and (hits["ca_context"] or hits["faq_topic"]):
        return "faq", [*asks, "decision: a question on no request topic"]
    if asks:
        return "other", [*asks, NOTHING_OF_OURS]
    if hits["trouble"] and not hits["request"]:
        return "faq", [*hits["trouble"], "decision: a trouble with the writer's certificate asks how to put it right"]
    return "other", ["decision: no rule matched"]


# What the writer applied for, named as what is called off ("cancel my pending request", "applied but don't need it
# anymore, pls cancel"): an order or a purchase may be a shop's, but an application or request of one's own
# written to the CA's help desk is the CA's business even when the CA's name is never written.
_APPLIED_FOR = re.compile(r"\b(?:applied|application|app|apply|request)\b", re.I)


def _own_application_called_off(hits: dict[str, list[str]]) -> bool:
    """Tell whether the writer calls off their own application without naming the CA or a certificate."""
    if hits["other_product"] or hits["mailing_stopped"] or hits["off_topic"]:
        return False
    named = [*hits["cancel_application"], *(hits["application"] if hits["cancel_word"] else [])]
    # A reason reads "rule: 'words'"; only the words count, not the rule's name ("application: 'order'").
    return any(_APPLIED_FOR.search(reason.partition(":")[2]) for reason in named)


def _misuse_feared(hits: dict[str, list[str]]) -> list[str]:
    """The writer's fear that someone else may use the key, when they ask to stop it (see :mod:`intake.misusefear`).

    Only a fear for a key of ours counts: another issuer's card or another service's account feared for
    ("ドコモのアカウントが悪用されないか心配") is not the CA's business, and a device found again puts nothing at risk.
    """
    asked = hits["revocation"] or hits["cancel_word"] or hits["request"]
    elsewhere = (hits["not_ours"] or hits["others_key"]) and not hits["ours_named"]
    if not hits["misuse_feared"] or not asked or elsewhere or hits["recovered"]:
        return []
    if hits["death_event"]:
        # "父が亡くなって2か月…父の電子証明書が勝手に使われることのないよう、止めていただきたい": the fear
        # follows a death told; it is the death notice that stops the certificate.
        return []
    return hits["misuse_feared"]


def _stops_mailing_only(hits: dict[str, list[str]], ours_at_risk: list[str]) -> bool:
    """Tell whether the writer stops a newsletter or a mailing and asks nothing of a certificate or an application.

    "メルマガの配信をキャンセルしてください。証明書はそのまま使います" cancels the mailing: its キャンセル is no
    cancellation.  A writer who also names a certificate or an application as what is ended, revoked or
    corrected still asks for that.
    """
    asked_of_ours = (
        hits["revocation"]
        or hits["correction"]
        or hits["certificate_object"]
        or hits["cancel_application"]
        or hits["application_object"]
    )
    return bool(hits["mailing_stopped"]) and not ours_at_risk and not asked_of_ours


def _serials_of_another(hits: dict[str, list[str]]) -> bool:
    """Tell whether the serials named are another issuer's certificate's, the only one the mail tells of.

    "法務局発行の商業登記電子証明書を失効したい…番号は 8AB0E7C7A70E27B0", "the SSL certificate … issued by Let's
    Encrypt … Serial: 04:A1:…": the certificate is said to be another's, and nothing of the CA is named.
    """
    another = hits["not_ours"] or hits["others_key"]
    return bool(hits["other_product"] and another and not hits["ours_named"] and not hits["our_application"])


# The writer's own asking for a correction, in a request or as the verb of a correction ("番号の訂正をお願いいたします",
# "I only want to correct my e-mail address", "amend my application").
_CORRECTION_VERB = re.compile(r"訂正|修正|直して|直した|\b(?:correct|amend|fix)\b", re.I)


def _correction_asked(hits: dict[str, list[str]]) -> bool:
    """Tell whether the writer asks for a correction in so many words (see :data:`_CORRECTION_VERB`).

    "取り消して申し込み直す必要がありますか？できればこのまま訂正していただきたい", "I don't want to cancel the
    application. I only want to correct my e-mail address": the cancel word is weighed or set aside, and what is
    asked is the correction; "申込内容を間違えたので取り消してください" asks for no correction and stays a cancellation.
    """
    asked = [reason_words(reason) for reason in hits["request"]]
    verbs = [
        reason_words(reason)
        for reason in hits["correction"]
        if re.match(r"(?:correct(?:ion)?|amend(?:ment)?|fix)\b", reason_words(reason), re.I)
    ]
    return bool(verbs) or any(_CORRECTION_VERB.search(words) for words in asked)


def _own_application_named(hits: dict[str, list[str]]) -> bool:
    """Tell whether the writer calls off an application said to be not issued yet, or named as their own.

    "申込中の証明書をrevokeしたいです。まだ発行前です", "Can you cancel my pending request?", "申込だけ取り消して
    ください": nothing issued is at stake, and what is called off is the CA's business.
    """
    if hits["issued_stated"] or hits["other_product"] or hits["mailing_stopped"] or hits["off_topic"]:
        return False
    return bool(hits["not_issued"]) or _named_as_own(hits)


_OWN_WORDS = re.compile(r"\b(?:my|our)\b", re.I)


def _named_as_own(hits: dict[str, list[str]]) -> bool:
    """Tell whether an application called off is named as the writer's own ("cancel my application")."""
    return any(_OWN_WORDS.search(reason) for reason in [*hits["cancel_application"], *hits["application_object"]])


def _other_chosen_instead(hits: dict[str, list[str]]) -> bool:
    """Tell whether every other product named is a signing service chosen instead of ours, beside a request of ours.

    "申込を取消したいです。社内でDocuSignを使うことに決まったため": the other product is why the writer calls off
    their application, not what the mail is about.
    """
    chosen = [reason_words(reason) for reason in hits["other_chosen"]]
    asked = hits["cancel_application"] or hits["cancel_word"] or hits["revocation"]
    named = [reason_words(reason) for reason in hits["other_product"]]
    return bool(chosen and asked) and all(any(words in choice for choice in chosen) for words in named)


def _calls_off_ours(hits: dict[str, list[str]]) -> bool:
    """Tell whether the writer calls off their application to the CA, whatever other product they name.

    "電子入札にはコアシステム対応のICカードが必要と言われました…御社への申込は取り消させてください": the other
    product is why the application is cancelled, and the application is the CA's business.
    """
    if hits["our_application"] and hits["cancel_word"]:
        return True
    # "I'd like to withdraw my application … please also return my certificate of residence", "deactivate my
    # application: I wanted an SSL server certificate": the writer's own application is what is called off.
    return _named_as_own(hits)


def _says_issued(hits: dict[str, list[str]], serials: list[str]) -> bool:
    """True when the text says a certificate was issued (received, installed, a serial) and not the contrary."""
    return bool(hits["issued_certificate"] or serials) and not hits["not_issued"]


def _has_topic(hits: dict[str, list[str]]) -> bool:
    return any(hits[rule.name] for rule in TOPIC_RULES)


# Only the start of very long texts is read: a request is stated early, and the rules
# must stay fast on pasted logs or forwarded archives.
MAX_CHARS = 20_000


def _serial_candidates(subject: str, new_text: str, quoted_text: str, signature: str = "") -> list[SerialCandidate]:
    """Serial candidates from the subject and the new text, or from the quoted text if they have no exact one.

    With none there either, a serial the signature gives under its label ("SN# 6B0F…") is the writer's own
    certificate's: a signature's hashes and numbers carry no serial label and are not read.
    """
    # A bare value the size of a sure serial elsewhere in the mail (the quoted text included) is sure too.
    quoted = find_serials(quoted_text, "quoted")
    body = find_serials(new_text, "body", _sizes(quoted))
    titled = _cut_in_subject(find_serials(subject, "subject", _sizes(quoted + body)), body)
    if any(c.exact for c in titled) and _SUBJECT_WRONG.search(new_text):
        # The body says the subject's value is wrong: the value it gives instead, bare or not, is as long.
        body = find_serials(new_text, "body", _sizes(quoted + titled))
        titled = _subject_taken_back(titled, body)
    found = titled + body
    if any(c.exact for c in found) and _WITH_QUOTED.search(new_text):
        # "前回の分（下の引用）と合わせて、もう1枚追加で失効をお願いします：…": the quoted serials are asked about too.
        found += [c for c in quoted if c.exact]
    elif not any(c.exact for c in found):
        # A writer who copies one of the quoted serials into their own words ("古い方の番号は下の
        # 引用にある 1FF7…") means that one, not every serial the quoted notice lists.
        named = {c.value for c in found}
        picked = [c for c in quoted if c.exact and c.value in named]
        found += picked or quoted
    if signature and not any(c.exact for c in found):
        found += [c for c in find_serials(signature, "signature") if c.exact and c.source.endswith("labelled")]
    best: dict[str, SerialCandidate] = {}
    for candidate in found:
        known = best.get(candidate.value)
        if known is None or (candidate.exact and not known.exact):
            best[candidate.value] = candidate
    # A value sent cut short and then whole ("6d:0f:a3:e8:", then "↑途中で送っちゃった、全部はこれ 6d:0f:a3:e8:…"), or
    # the end of one broken by a page ("7C2B 9E / ―― 2 / 3 ―― / 04 A1F5 D38E … 正しくは 7C2B 9E04 A1F5 D38E"), is a part
    # of the whole one, no certificate of its own.
    return [c for c in best.values() if not _part_of_longer(c.value, best, margin=4)]


def _part_of_longer(value: str, others: Iterable[str], *, margin: int) -> bool:
    """Tell whether *value* starts or ends another value at least *margin* characters longer."""
    return any(len(other) >= len(value) + margin and (other.startswith(value) or other.endswith(value))
               for other in others)


# Words that ask about the quoted mail's certificates together with those the writer names ("前回の分（下の引用）と
# 合わせて", "下の引用の分も一緒に", "along with the one quoted below").
_WITH_QUOTED = re.compile(
    r"引用[^。\n]{0,10}?(?:と|も)[ \t]*(?:合わせて|併せて|あわせて|一緒に)|(?:合わせて|併せて|一緒に)[^。\n]{0,10}?引用"
    r"|前回の分(?:[(（][^)）\n]{0,10}[)）])?(?:と|も)[ \t]*(?:合わせて|併せて|あわせて|一緒に)"
    r"|\b(?:along|together)\s+with\s+the\s+(?:one|serial|cert(?:ificate)?)s?\s+(?:below|quoted|in\s+(?:my|the)\s+"
    r"(?:previous|earlier|quoted))|\bas\s+well\s+as\s+the\s+(?:one|serial)s?\s+(?:below|quoted)",
    re.I,
)


def _cut_in_subject(subject: list[SerialCandidate], body: list[SerialCandidate]) -> list[SerialCandidate]:
    """Make unsure a subject's value that only begins a longer sure value of the body.

    A subject line has little room ("証明書失効（シリアル番号：1F8B0C3D）" over "… 1F8B0C3D 94E2A576" in the
    body): its value is the body's serial cut short, not a second certificate.
    """
    longer = [c.value for c in body if c.exact]
    return [
        SerialCandidate(c.value, f"{c.source} (cut short: the body gives it whole)", False)
        if c.exact and len(c.value) >= 8 and any(v != c.value and v.startswith(c.value) for v in longer)
        else c
        for c in subject
    ]


# The body says the subject's value is wrong ("件名のシリアル番号は誤りで", "先ほど件名に書いたシリアルが間違って
# いました", "the serial in the subject is wrong").
_SUBJECT_VALUE = r"件名(?:に(?:書いた|記載した|入れた|記した)|の)[^。\n]{0,12}?(?:番号|シリアル|値)"
_SUBJECT_WRONG = re.compile(
    _SUBJECT_VALUE + r"[^。\n]{0,6}?(?:誤り|誤って|間違い|間違って|間違え|まちがい|まちがって|違って|違い)"
    # Or names another certificate, one done before ("件名の番号は前回失効していただいた古い証明書の番号でした").
    r"|" + _SUBJECT_VALUE + r"(?:は|が)[^。\n]{0,20}?"
    r"(?:古い|前回|以前|前の|旧|別の)[^。\n]{0,12}?(?:証明書|もの|番号)(?:の番号)?(?:でした|です|だった)"
    r"|(?:serial|number)[^.\n]{0,20}?\b(?:in|on) the subject(?: line)?\b[^.\n]{0,12}?\b(?:is|was)\s+(?:wrong|incorrect)"
    r"|\bthe subject(?: line)?\b[^.\n]{0,20}?\b(?:wrong|incorrect)\s+(?:serial|number)",
    re.I,
)


def _subject_taken_back(subject: list[SerialCandidate], body: list[SerialCandidate]) -> list[SerialCandidate]:
    """Make unsure the subject's values, said in the body to be wrong, when the body gives a sure value of its own.

    "件名のシリアル番号は誤りで、正しくは 4E0B7C2A97 です": the subject's value was a slip the writer
    corrects, not a second certificate.
    """
    if not any(c.exact for c in body):
        return subject
    return [SerialCandidate(c.value, f"{c.source} (taken back: the body says it is wrong)", False) for c in subject]


# The words of a phone number's change ("携帯電話の番号が変わりました", "連絡先電話番号の変更").
_PHONE_WORDS = re.compile(r"電話|携帯|連絡先|phone|mobile", re.I)


def _phone_changed_only(hits: dict[str, list[str]], serials: list[str]) -> bool:
    """Whether the only correction read is a phone number changed, told of a certificate already issued."""
    return (
        bool(hits["correction"])
        and all(_PHONE_WORDS.search(reason_words(hit)) for hit in hits["correction"])
        and _says_issued(hits, serials)
        and not (hits["revocation"] or hits["cancel_word"] or hits["compromise"] or hits["death"])
    )


def _sizes(candidates: list[SerialCandidate]) -> frozenset[int]:
    """The lengths of the sure serials among *candidates*."""
    return frozenset(len(c.value) for c in candidates if c.exact)


def _signals(hits: dict[str, list[str]], serials: list[str]) -> Signals:
    """Read the caller's signals (see :class:`Signals`) from one set of rule hits."""
    return Signals(
        mentions_revoke_word=bool(hits["revocation"] or hits["emergency_revocation"]),
        mentions_cancel_word=bool(hits["cancel_word"]),
        refers_to_issued_certificate=bool(hits["issued_said"] or serials) and not hits["not_issued"],
        says_not_issued=bool(hits["not_issued"]),
        reports_compromise=bool(hits["compromise"]),
        reports_death=bool(hits["death"]),
        asks_question=bool(hits["question"]),
    )


def model_text(subject: str, new_text: str) -> str:
    """The text the trained model reads: the subject without reply prefixes, then the new text.

    Japanese written in katakana alone is read as hiragana (:func:`intake.spelling.katakana_read`), as the
    rules read it: the models learnt kana-only writers from hiragana.
    """
    text = REPLY_PREFIX.sub("", subject[:1000]) + "\n" + new_text[:MAX_CHARS]
    normal = unicodedata.normalize("NFKC", text)
    read = katakana_read(normal)
    return read if read != normal else text


# The writer's own earlier mail quoted in brackets, named as what they wrote or said.
_EARLIER_WORDS = re.compile(r"「[^「」\n]{1,60}」と(?:メール|連絡|お伝え|書|記載|申し上げ|ご連絡|お送り)")

# Words by which a reply says it raises another matter than the mail it quotes.
_NEW_MATTER = re.compile(
    r"別件|別の件|別のご相談|別のお願い|\b(?:another|a\s+separate|a\s+different|an\s+unrelated)\s+(?:matter|issue|request|question)\b",
    re.I,
)


def _rules(subject: str, new_text: str, quoted_text: str, serials: list[str]) -> tuple[
    Intent, list[str], float, dict[str, list[str]], bool
]:
    """The rules' decision: intent, reasons, confidence, the hits read, and whether it came from quotes.

    A reply judged by what our quoted mail says (a thank-you for finished work, an
    acknowledgement of our instructions) counts as decided from quotes: the models, which
    read only the reply's own few words, do not vote on it.
    """
    is_reply = bool(REPLY_PREFIX.match(subject))
    own_subject = "" if is_reply else subject
    main = _norm(own_subject + "\n" + new_text)
    if _EARLIER_WORDS.search(main):
        # The writer's own earlier words, quoted as what they wrote ("先ほど「PCを紛失したので緊急失効を」とメールした
        # 中島です", "PCを「なくした」と書いてしまいましたが"), tell what was said before, not what is told or asked
        # now: the rules read the rest.  A thing found again is still read against the loss told before it.
        recovered = [hit.reason for hit in RECOVERED.hits(main)]
        hits = {**_check_all(_EARLIER_WORDS.sub("「」", main)), "recovered": recovered}
    else:
        hits = _check_all(main)
    # "至急…紛失・盗難ではありません": a hurry from a writer who denies any incident is an ordinary revocation.
    said = spelled(own_subject + "\n" + new_text)
    hits = compromise_scope.hurry_without_incident(said, hits, denied_incidents(said))
    if LOSS_NOT_YET.search(said):
        hits = {**hits, "hypothetical": [*hits["hypothetical"], "hypothetical: a loss asked about, not happened yet"]}
    tag = _CASE_TAG.search(subject)
    if tag and not hits["ca_context"]:
        # A reply that keeps our case tag in its subject is about that case, whatever it names.
        hits["ca_context"] = [f"ca_context: case tag {tag.group(0)!r} in the subject"]
    quoted_tag = _CASE_TAG.search(quoted_text)
    if quoted_tag and not hits["ca_context"]:
        # So is a reply over our own mail quoted with its tag ("これ取り消しでお願いします" over "[MDG-…] 照会書送付の
        # ご案内"), when the reply's subject was changed or lost.
        hits["ca_context"] = [f"ca_context: case tag {quoted_tag.group(0)!r} in the quoted mail"]
    if is_reply and not hits["ca_context"]:
        # "Re: 発行申込取り消しの意思確認について … はい、取り消しで間違いありません": a reply keeps the subject it
        # answers, and the CA's business that subject names is what the few new words are about.
        hits["ca_context"] = [f"ca_context: the subject replied to names {reason_words(hit)!r}"
                              for hit in CA_CONTEXT.check(REPLY_PREFIX.sub("", subject))]
    if is_reply and not hits["ca_context"] and quoted_text.strip():
        # So does the mail it quotes ("はい、取消で進めてください" over "> 申込取消をご希望とのことですが…").
        hits["ca_context"] = [f"ca_context: the quoted mail names {reason_words(hit)!r}"
                              for hit in CA_CONTEXT.check(_norm(quoted_text))]
    thanked_only = _thanks_only(main, hits)
    # Whether the writer thanks for a revocation done is read once, here; the evidence of an emergency reads it too.
    work_thanked = _thanks_for_work_done(main)
    hits = {**hits, "work_thanked": ["thanks: for a revocation done"] if work_thanked else []}
    if not thanked_only and work_thanked:
        # The loss and the emergency revocation told are the past thanked for: nothing is at risk now.
        hits = {**hits, **{name: [] for name in ("compromise", "compromise_words", "incident", "urgency")}}
        thanked_only = True
    if thanked_only:
        # "先日は緊急失効の手続きで大変お世話になりました" thanks for work done; it names the
        # request only as the past, and asks nothing new.
        return "other", [
            *hits["emergency_revocation"],
            *hits["revocation"],
            "thanks: the writer thanks for past help and asks for nothing",
            "decision: a thank-you note is no new request",
        ], 0.6, hits, False
    # An application dropped in plain words ("証明書 作らないで") is a topic of its own, with no word of cancelling.
    if _has_topic(hits) or hits["application_dropped"] or (hits["question"] and not hits["request"]):
        intent, reasons = _decide(hits, serials)
        # A forwarder who asks whether the mail below is really the CA's ("御局からのものでしょうか") checks a
        # message that may be a phishing one; its words of a compromised certificate are no report of theirs.
        if (intent in ("revocation", "faq", "other") and quoted_text.strip() and _forwards(subject, main)
                and not hits["sender_checked"]):
            # "下記の連絡がありましたので転送いたします。失効のお手続きをお願いできますでしょうか": the
            # forwarder asks for the revocation, and the forwarded mail below tells why (a lost key).  So
            # does a forwarder who asks what to do about it ("対応の方法をご教示いただけますでしょうか").
            intent, reasons = _forwarded_emergency(quoted_text, serials) or (intent, reasons)
        strength = sum(len(hits[r.name]) for r in TOPIC_RULES)
        confidence = 0.9 if strength >= 2 else 0.75
        if intent in ("faq", "other"):
            confidence = 0.6
        return intent, reasons, confidence, hits, False
    # Nothing in the new text: fall back to the reply's subject and the quoted mail.
    context = _norm(REPLY_PREFIX.sub("", subject) + "\n" + quoted_text)
    context_hits = _check_all(context)
    # Only a reply or a forward has another mail's topic to adopt: a new mail whose words happen
    # to say "了解" ("ご家族の了解を得て") acknowledges nothing.
    forwarded = _forwards(subject, main)
    has_context = is_reply or bool(quoted_text.strip()) or forwarded
    # A writer who says the new words are another matter ("今回は別件でのご相談です") is not confirming the quoted one.
    # A forward that warns of a fake in the CA's name ("御局を名乗る下記のようなメールが届きました") takes up nothing
    # the fake asks.
    adopt = has_context and not _NEW_MATTER.search(main) and not (forwarded and hits["sender_doubted"]) and (
        not main.strip() or bool(serials) or _looks_like_confirmation(main) or forwarded)
    if adopt and _thanks_for_completed(main, quoted_text):
        # "承知しました、ありがとうございました" under our notice that the work is done
        # confirms nothing new: it closes the conversation, it does not ask again.
        return "other", [
            "thanks: the reply only thanks for a quoted notice that the work is done",
            "decision: a thank-you for completed work is no new request",
        ], 0.6, hits, True
    if adopt and _acknowledges_only(main, subject + "\n" + quoted_text):
        # "承知しました。書類は明日送ります" under our instructions acknowledges them; it
        # confirms no question of ours, so it asks for nothing new.
        return "other", [
            "acknowledgement: the reply acknowledges our quoted instructions and answers no question",
            "decision: an acknowledgement of instructions is no new request",
        ], 0.6, hits, True
    if _has_topic(context_hits) and adopt:
        # The new text decides whether it is a request ("はい、お願いします") or a question.
        merged = dict(context_hits)
        merged["request"] = [
            *hits["request"],
            *context_hits["request"],
            "request: the reply confirms the quoted topic",
        ]
        merged["question"] = hits["question"]
        merged["hypothetical"] = hits["hypothetical"]
        intent, reasons = _decide(merged, serials)
        return intent, ["from quoted text or subject", *reasons], 0.5, merged, True
    intent, reasons = _decide(hits, serials)
    if intent == "other" and not (hits["request"] or hits["question"]) and _REPORT_ONLY.search(main):
        # "照会書を受け取りました。週明けに返送します。とりあえずご報告まで": the writer tells how their own
        # steps go and says the mail is only that; the words of those steps ask nothing.
        return "other", [*reasons, "decision: the writer only reports how their own steps go"], 0.6, hits, False
    return intent, reasons, (0.6 if intent == "faq" else 0.3), hits, False


# The closing of a mail that says it only reports ("とりあえずご報告まで", "取り急ぎご連絡まで",
# "just letting you know").
_REPORT_ONLY = re.compile(
    r"(?:ご)?(?:報告|連絡|お知らせ)(?:のみ)?まで(?:[。．.！!]|\s*$)"
    r"|\bjust (?:letting|to let) you know\b|\bfor your information\b|\bFYI\b",
    re.I | re.M,
)


# How much the models' probabilities count against the rules' confidence.  The n-gram model
# (:mod:`intake.model`) and the semantic voter (:mod:`intake.semantic_model`) are averaged with
# weights MODEL_WEIGHT and SEMANTIC_WEIGHT, and the average counts their sum.  Up to stop 14 the
# n-gram model alone voted with weight 3, chosen by cross-validation over the dev sets' fit
# halves; but the rules were written from those very mails (they are right on all of them), so
# that choice favoured the rules.  These weights were chosen on texts the rules had never seen:
# the fit halves of mail6 and mail7 (new writers) and the 637 texts of the intent_texts writer,
# each model trained without the texts it was scored on (each dev set's fit half left out in
# turn, the written texts in five folds).  Right of those 741 texts, n-gram weight / semantic
# weight: rules alone 615; 3/0 (stop 14) 673; 6/0 687; 10/0 693; 3/1 695; 6/0.5 700; 6/1 702;
# 6/2 694; 10/1 701; 15/1 697; 30/1 697.  The old fit halves (197 mails) go from 197 to 194
# at 6/1.  Emergencies among the 741: 107, of which rules alone find 99, 3/0 103, 6/1 103.
# Stop 17 added the fit halves of mail8 and mail9 to both models' texts and checked the weights
# again on those two halves (96 mails, each half left out of both models' training in turn, the
# rules of stop 17 deciding): rules alone 87; 3/0 90; 6/0 91; 3/1 92; 6/0.5 92; 4/1 92; 6/1 93;
# 6/2, 8/1, 10/1, 15/1 and 20/2 also 93; every weight found all 17 emergencies with no false alarm.
# 6/1 is still at the top of a flat plateau, so it stays.
# Stop 19 added six outside writers (t2 to t7, 1,890 texts: casual and elderly, English and
# mixed, formal business, the emergency boundary, chat, replies) and chose again, leaving each
# writer t1 to t7 out of both models' training in turn and scoring its texts through the whole
# classifier (2,527 texts, 436 emergencies), then the dev check halves of mail to mail11 with
# models trained on everything (575 mails, 120 emergencies; mail10's and mail11's fit halves
# are still not trained on).  Writers right / emergencies found / false emergencies; dev right /
# emergencies / false, n-gram weight / semantic weight / MODEL_EMERGENCY_ALONE:
#   old texts 6/1/0.5: 2199 / 337 / 67; 548 / 108 / 4.   old texts 6/1/0.35: 2215 / 355 / 69.
#   new texts 6/1/0.5 2210 / 337 / 69, 545 / 108 / 4;  3/1/0.5 2200 / 339 / 68, 540 / 108 / 4;
#   6/2/0.5 2205 / 343 / 69, 544 / 109 / 4;  6/3/0.5 2218 / 360 / 70, 545 / 109 / 4;
#   10/3/0.5 2210 / 342 / 70, 546 / 109 / 4;  6/1/0.4 2221 / 348 / 69, 545 / 108 / 4;
#   6/1/0.35 2239 / 366 / 69, 550 / 113 / 4;  6/1/0.3 2259 / 388 / 72, 552 / 115 / 4;
#   6/1/0.25 2270 / 403 / 77, 555 / 118 / 4;  6/1/0.2 2274 / 407 / 79, 555 / 118 / 4;
#   3/1/0.35 2249 / 389 / 70, 548 / 116 / 4;  6/2/0.35 2254 / 394 / 72, 552 / 117 / 4;
#   6/3/0.35 2252 / 401 / 77, 555 / 119 / 4;  10/3/0.35 2257 / 392 / 73, 553 / 116 / 4;
#   6/2/0.3 2260 / 405 / 78, 554 / 119 / 4;  6/3/0.3 2256 / 410 / 84, 553 / 119 / 6;
#   10/3/0.3 2265 / 404 / 77, 555 / 119 / 5;  3/1/0.25 2256 / 399 / 75, 550 / 118 / 4;
#   6/2/0.25 2266 / 412 / 81, 553 / 119 / 5;  6/3/0.25 2254 / 411 / 89, 552 / 119 / 7;
#   10/3/0.25 2268 / 414 / 86, 553 / 119 / 7.
# The new texts alone change little at 6/1/0.5: the n-gram model seldom reaches 0.5 on an
# emergency told as a story.  What the new writers buy is a model that may be trusted lower:
# 6/1/0.35 finds 29 more of the left-out writers' emergencies (366 of 436) and 5 more of the dev
# check halves' (113 of 120) with no more false emergencies (69 and 4; most are the rules').
# Lower gates and heavier semantic votes find more still (6/2/0.3: 405 and 119, for 9 more false
# emergencies), but they also raise emergencies on near misses that the unit tests pin as none (a
# certificate deleted by mistake, a what-if about a stolen laptop: 8 tests fail at 6/2/0.35 and 6/2/0.3),
# so 6/1 stays and the gate goes from 0.5 to 0.35.
# Stop 20 added two more outside writers (t8 hard boundaries, t9 everyday variety) and the fit halves
# of mail10 and mail11, and the rules stopped reading footers, denied losses and other issuers' cards
# as compromises.  Scored through the whole classifier before any of it, with the stop 19 voters (t8
# and t9 never trained on): t8 264 of 315 right / 44 of 45 emergencies / 34 false emergencies; t9 287 /
# 45 of 45 / 13.  After, each left out of both voters' training in turn, at 6/1 with the gate at 0.3,
# 0.35 or 0.4 alike: t8 277 / 44 / 23, t9 290 / 45 / 11 (PROMOTE_THRESHOLD 0.3: t8 277 / 43 / 22, t9
# 291 / 45 / 10).  The dev check halves (575 mails, 120 emergencies) went from 554 / 120 / 5 to 553 /
# 120 / 5 (measured 552 / 119 / 5 at gate 0.3 before a last rule fix that gives the one emergency back;
# PROMOTE_THRESHOLD 0.3: 551 / 117 / 4).  Neither figure says the gate or the promotion threshold
# should move, so both stay.
# Stop 27 retrained both voters with t13, t14 and dev sets 18 to 21 and chose the semantic weight
# again on writers left out of training: voters trained without t14 and dev 20/21, the whole
# classifier scoring t14 and both halves of dev 20/21 (542 texts, 91 emergencies).  Intent right /
# emergencies found / false emergencies, semantic weight (n-gram 6, gate 0.35): 1 510 / 88 / 12;
# 1.5 512 / 90 / 12; 2 511 / 90 / 12; 3 509 / 90 / 14 (stop 24's voters: 1 509 / 88 / 12, 1.5 509 /
# 90 / 13, 2 509 / 90 / 15).  On t13 and dev 18/19 (540 texts, 90 emergencies), which stop 24's voters
# had not learnt from: 1 517 / 89 / 9, 1.5 520 / 89 / 8, 2 521 / 89 / 9.  Gate 0.3 or 0.4 at 1:
# 511 / 89 / 12 and 508 / 86 / 12.  1.5 finds two more emergencies with no more false alarms there,
# but with the retrained voters it raises emergencies on three near misses the unit tests pin as none
# (another company's leak in the news, a PC infected whose certificate is elsewhere, another CA's
# certificate on a stolen laptop) and changes a writer_s2 serials case (check 059), so 1 stays.
MODEL_WEIGHT = 6.0
SEMANTIC_WEIGHT = 1.0


def fuse_votes(ngram: dict[str, float], semantic: dict[str, float]) -> tuple[dict[str, float], float]:
    """The two models' probabilities averaged by their weights, and the weight the average counts.

    Without a semantic vote (no embedder, or not asked) the n-gram model votes alone with its
    own weight.
    """
    if not semantic:
        return ngram, MODEL_WEIGHT
    total = MODEL_WEIGHT + SEMANTIC_WEIGHT
    fused = {
        intent: (MODEL_WEIGHT * ngram.get(intent, 0.0) + SEMANTIC_WEIGHT * semantic.get(intent, 0.0)) / total
        for intent in INTENTS
    }
    return fused, total


# Requests that concern a certificate or an application; a text that names nothing of the
# CA's business (a lunch booking cancelled) cannot be one, whatever the model says.
_CA_REQUESTS = ("cancellation", "revocation", "correction")


# A what-if about the request itself ("取り消した場合", "if I cancel") or about a death, not any polite 場合.
_REQUEST_WHAT_IF = re.compile(
    # A death as the condition of a question ("亡くなったときの手続き", "if the holder dies").
    r"(?:亡くな|死亡|逝去|他界)(?:っ|し)?(?:た|する)?(?:とき|時|場合|際|ら)"
    r"|\b(?:if|when|in case)\b[^.?\n]{0,40}?\b(?:dies|die|passes away|pass away)\b|"
    r"(?:取り?消|キャンセル|失効|訂正|解約|撤回)[^。\n]{0,10}?(?:場合|としたら|とすると|たら(?:どう|、))"
    r"|\bif (?:I|we) (?:cancel|revoke|withdraw|need to (?:cancel|revoke))\b"
    # "Can I cancel my application after I have paid?" asks whether it may be done.
    r"|\b(?:can|could|may) (?:I|we) (?:still )?(?:cancel|revoke|withdraw)\b[^.?\n]{0,80}\?"
    # The same of anyone's application, and a question asked before applying ("Can an application be cancelled
    # after the invoice has been paid? Asking before I apply.").
    r"|\b(?:can|could|may) (?:an?|the) (?:application|order|request|certificate) (?:still )?be (?:cancel+ed|revoked"
    r"|withdrawn|corrected)\b[^.?\n]{0,80}\?"
    r"|\b(?:asking|ask|question) (?:this )?before (?:I|we) (?:apply|order)\b|\bbefore applying\b"
    # The condition first and the action after it ("もしそちらに決まった場合、今から申込を取り消すことは
    # できるのでしょうか").
    r"|もし[^。\n]{0,40}?場合[^。\n]{0,20}?(?:取り?消|キャンセル|失効|訂正|解約|撤回)",
    re.I,
)
# A question of how a request is made ("申込をキャンセルする方法を教えてください", "how do I revoke"),
# asked with no wish of the writer's own: like a what-if, it asks about the request.
_HOW_TO = re.compile(
    # The verb in its plain form ("取り消す手順") as well as a noun with する ("失効する方法").
    r"(?:取り?消|キャンセル|失効|訂正|解約|撤回)(?:す|する|させる|の)?(?:方法|手順|やり方|手続き方法)"
    r"|\bhow (?:do|can|could|would|should) (?:I|we|one|you) (?:cancel|revoke|withdraw|correct)\b",
    re.I,
)


def _our_receipt(hits: dict[str, list[str]]) -> bool:
    """Whether the only paper of another's named is a receipt or an invoice, asked about beside the CA's fee payment."""
    return bool(hits["fee_payment"]) and _only_papers(hits, ("領収", "receipt", "invoice", "請求書"))



def _only_papers(hits: dict[str, list[str]], papers: tuple[str, ...]) -> bool:
    """Whether every other product the rules read is one of *papers* (true when they read none)."""
    return all(any(p in reason_words(hit).lower() for p in papers) for hit in hits["other_product"])


def _thanked(reasons: list[str]) -> bool:
    """Whether the rules read the text as thanks for help given that asks for nothing."""
    return any(r.startswith("thanks: ") for r in reasons)


# Below this probability the model alone cannot raise an emergency the rules did not see: a
# PC that was reset or a certificate deleted by mistake reads much like a lost PC to it.  It was
# 0.5 until stop 19; trained on seven outside writers, the models may be trusted at 0.35 (see
# the table above MODEL_WEIGHT, chosen together with the weights on left-out writers).
MODEL_EMERGENCY_ALONE = 0.35


def _stop_wished(hits: dict[str, list[str]]) -> list[str]:
    """The revocation words that tell the writer's own wish to stop a certificate ("…ので止めたい"), not a what-if."""
    if hits["hypothetical"]:
        return []
    return [hit for hit in hits["revocation"] if re.search(r"(?:止め|とめ)たい$", reason_words(hit))]


def _status_asked(hits: dict[str, list[str]]) -> bool:
    """Whether the writer only asks how their own request is getting on ("審査どうなってますか"), asking nothing new."""
    # A paper not come yet beside a cancellation, a revocation or a correction tells how far the application got.
    awaited = hits["paper_awaited"] and not (
        hits["cancel_word"] or hits["revocation"] or hits["correction"] or hits["application_dropped"]
    )
    return bool(hits["status_asked"] or awaited) and not (
        hits["request"] or hits["compromise"] or hits["death_event"] or hits["hypothetical"]
    )


def _names_a_request(hits: dict[str, list[str]]) -> bool:
    """Whether the rules read any request, question or request topic (a loss, a death) in the text."""
    return _has_topic(hits) or any(hits[name] for name in ("request", "question", "hypothetical", "death_event"))


@dataclass(frozen=True)
class VoteLimits:
    """What the rules read that bounds the models' vote (see :func:`_vote`), whatever their probabilities."""

    # Some word of the CA's business is in the text: without one the models cannot make it a request.
    ca_business: bool = True
    # A compromise or an emergency was told: without one the models alone need MODEL_EMERGENCY_ALONE.
    compromise_seen: bool = True
    # The text asks how a request would go, reporting nothing ("取り消した場合、返金されますか").
    what_if: bool = False
    # The rules found the text to be about something the CA does not do: only an emergency may win.
    elsewhere: bool = False
    # The writer ends their own certificate: no death notice, whoever's death is the reason.
    ends_own: bool = False
    # The writer says in so many words that the certificate was issued: no cancellation of it.
    issued: bool = False
    # A lost device was found again: no emergency.
    recovered: bool = False
    # The holder is told to be alive (in a care home, in hospital) and no death is told: no death notice.
    alive: bool = False
    # The writer says the device told of held no key of ours, and no compromise is kept: no emergency.
    none_held: bool = False
    # The rules read a cancellation of the writer's own application, said to be not issued yet or named as
    # theirs ("申込中の証明書をrevokeしたい。まだ発行前です", "Can you cancel my pending request?"): neither a
    # revocation nor nothing at all.
    own_application: bool = False
    # The rules read a change in the holder's life as the reason the contents no longer fit, and a revocation asked
    # ("2月に結婚して苗字が…変わりました…訂正してもらうことはできますか"): the FAQ's way is no correction.
    life_changed: bool = False
    # Of such a change, the writer asks the certificate to be changed, now ("証明書の名前変えてもらえますか"), not
    # what would happen ("結婚する予定です…今すぐ何かしてほしいわけではありません").
    change_asked: bool = False
    #: The writer asks a question and says they ask for no revocation or cancellation now ("現時点で失効などの手続きを
    #: お願いするものではありません", "改めて失効をお願いするつもりです"): the models, which read the action's words,
    #: cannot make it the request.
    not_asked_now: bool = False
    #: The writer tells their own wish to stop a certificate ("…もう使わないので止めたいと思っています。家族が代わりに
    #: 手続きできますか"): the models cannot make the question of how a question for the FAQ.
    stop_wished: bool = False


def _excluded(rule_intent: Intent, limits: VoteLimits) -> set[str]:
    """The intents the models may not vote for, whatever their probabilities (see :func:`_vote`)."""
    out: set[str] = set()
    # A what-if question the rules read as such ("取り消した場合、返金されますか") asks
    # about a request; the model, which sees the request's words, cannot make it one.
    what_if_faq = limits.what_if and rule_intent == "faq"
    if not limits.ca_business or what_if_faq:
        out |= {intent for intent in _CA_REQUESTS if intent != rule_intent}
    # Nor can it make a death told only as a condition ("名義人が亡くなったときの手続き") a report.
    if what_if_faq:
        out.add("death_notice")
    # A writer who ends their own certificate is alive, whoever's death they tell of as the reason; so is a
    # holder in a care home for whom a relative writes.
    if (limits.ends_own or limits.alive) and rule_intent != "death_notice":
        out.add("death_notice")
    # A certificate the writer says was issued cannot have its application cancelled any more:
    # "cancel" of it is its revocation (the register still corrects a writer who is wrong).
    if limits.issued and rule_intent == "revocation":
        out.add("cancellation")
    if limits.own_application:
        out |= {"revocation", "other"} - {rule_intent}
    if limits.life_changed and rule_intent == "revocation":
        out.add("correction")
    if limits.stop_wished and rule_intent == "revocation":
        out.add("faq")
    if limits.not_asked_now and rule_intent == "faq":
        out |= {"revocation", "cancellation"}
    if limits.change_asked and rule_intent == "revocation":
        # Nor a question for the FAQ: the rules read the change asked of the writer's own certificate
        # ("結婚して名字変わったんですけど、証明書の名前変えてもらえますか?").
        out.add("faq")
    if limits.elsewhere:
        out |= {intent for intent in INTENTS if intent not in (rule_intent, "emergency_revocation")}
    return out


def _semantic_can_change(
    rule_intent: Intent, rule_confidence: float, ngram: dict[str, float], limits: VoteLimits
) -> bool:
    """Whether the semantic vote could change the decision that the rules and the n-gram model reach.

    The semantic vote is a probability per intent, a point of the simplex whose corners are the
    votes sure of one intent.  :func:`_winner` (the vote's own scoring) is asked at those
    corners and without the vote: an intent's score grows with its own semantic probability
    alone and the emergency gate opens as that of an emergency grows, so any intent that wins
    somewhere in the simplex (or without the vote) also wins at its own corner.  When every
    corner gives the same winner, no semantic vote can change the decision, and the embedding
    (most of the classifier's CPU) is not computed.  *limits* are :func:`_winner`'s own, passed on unchanged.
    """
    alone = _winner(rule_intent, rule_confidence, ngram, limits, weight=MODEL_WEIGHT)
    for sure in INTENTS:
        fused, weight = fuse_votes(ngram, {intent: float(intent == sure) for intent in INTENTS})
        if _winner(rule_intent, rule_confidence, fused, limits, weight=weight) != alone:
            return True
    return False


def _winner(
    rule_intent: Intent, rule_confidence: float, probs: dict[str, float], limits: VoteLimits, *, weight: float
) -> Intent:
    """The intent that wins the vote (see :func:`_vote`): the one scoring of the rules and the models."""
    scores = {intent: weight * probs.get(intent, 0.0) for intent in INTENTS}
    for intent in _excluded(rule_intent, limits):
        scores[intent] = float("-inf")
    if not limits.compromise_seen and probs.get("emergency_revocation", 0.0) < MODEL_EMERGENCY_ALONE:
        scores["emergency_revocation"] = float("-inf")
    if limits.recovered or limits.none_held:
        # A device found again ("運転手さんが届けてくれて無事戻りました") ends the incident the
        # model reads in the story of its loss; so does a device said to hold no key ("証明書は入っていません").
        scores["emergency_revocation"] = float("-inf")
    scores[rule_intent] += rule_confidence
    if rule_intent == "emergency_revocation":
        scores[rule_intent] = float("inf")
    return cast(Intent, max(INTENTS, key=lambda i: (scores[i], i == rule_intent)))


def _vote(
    rule_intent: Intent,
    rule_confidence: float,
    probs: dict[str, float],
    limits: VoteLimits = VoteLimits(),
    *,
    weight: float = MODEL_WEIGHT,
) -> tuple[Intent, float, list[str]]:
    """Combine the rules' decision with the model's probabilities (see the module docstring).

    An emergency found by the rules is never voted down: a missed emergency costs a
    stolen key its window, a false alarm costs a person a minute.  *limits* (:class:`VoteLimits`)
    say what the rules read that the models cannot outvote.  *probs* are the models' (averaged)
    probabilities and *weight* what they count together.
    """
    winner = _winner(rule_intent, rule_confidence, probs, limits, weight=weight)
    top = ", ".join(f"{i} {p:.2f}" for i, p in sorted(probs.items(), key=lambda kv: -kv[1])[:3])
    reasons = [f"model: {top}"]
    if winner != rule_intent:
        reasons.append(
            f"decision: the model's {winner} ({probs[winner]:.2f}) outweighs the rules' {rule_intent}"
            f" (rules {rule_confidence:.2f} + model {probs.get(rule_intent, 0.0):.2f})"
        )
        return winner, round(min(0.9, probs[winner]), 2), reasons
    return winner, round(min(0.95, rule_confidence + 0.05 * (probs.get(winner, 0.0) > 0.5)), 2), reasons


# The desk asked to look something up ("そちらで確認していただくことはできますか", "could you check whether").
_LOOKUP_ASKED = re.compile(
    r"(?:そちら|御社|貴社|御局|貴局|iPROVE)(?:側)?で[^。\n?？]{0,20}?(?:確認|調べ|照会)(?:して|いただ|頂|願)"
    r"|(?:確認|調べ|照会)して(?:いただけ|頂け|もらえ|いただく|頂く|ください|下さい)"
    r"|\b(?:could|can|would) you (?:please )?(?:check|confirm|verify|look up|tell (?:me|us) whether)\b",
    re.I,
)

# A letter or a digit: a message without one holds no words ("？", "…").
_WORDED = re.compile(r"\w")


def classify_parts(
    subject: str, new_text: str, quoted_text: str, *, use_model: bool = True, signature: str = ""
) -> Classification:
    """Classify from the separated parts of a message (the core of both entry points)."""
    subject, new_text, quoted_text = subject[:1000], new_text[:MAX_CHARS], quoted_text[:MAX_CHARS]
    candidates = _serial_candidates(subject, new_text, quoted_text, signature[:MAX_CHARS])
    serials = [c.value for c in candidates if c.exact]
    # Of two certificates named, the one the writer says to keep is not acted on.
    said = subject + "\n" + new_text
    forwarded = _forwards(subject, new_text)
    # The words that say which serials are asked about, read for the exact serials and again for bare ones.
    scope_text = _scope_text(said, quoted_text, candidates, forwarded)
    scope = requested_serials(scope_text, serials)
    own = _norm(said)
    checked = SENDER_CHECKED.check(own)
    if checked:
        scope = _doubted_mail_left_out(scope, candidates, reason_words(checked[0]))
    serials = scope.serials
    # Another party's certificate asked about is named, but the writer requests nothing of it.
    own_serials = [value for value in serials if value not in scope.others]
    voice = _ca_voice(own)
    if voice:
        # A text that speaks as the CA to its customers ("お客様の証明書は失効されます") is a
        # notice or an imitation of one (phishing); it asks the help desk for nothing.
        reasons = [*voice, "decision: written in the CA's voice to a customer, not a request to the CA"]
        return Classification("other", reasons, serials, 0.7, candidates, _signals(_check_all(own), serials))
    intent, reasons, confidence, hits, from_quotes = _rules(subject, new_text, quoted_text, own_serials)
    # The words read in another spelling are named first, so the reasons show what the rules saw.
    others_key = (
        [*hits["not_ours"], *hits["no_key_held"], *hits["news_report"], *hits["others_key"]]
        if hits["others_key"]
        else []
    )
    reasons = [*_spelling_reasons(said), *_footer_reasons(said), *_not_wanted(said), *others_key, *reasons]
    probs: dict[str, float] = {}
    meaning: dict[str, float] = {}
    possible, promote = "", False
    if use_model:
        from intake.model import default_model
        from intake.semantic_model import semantic_probabilities as semantic_vote

        text = model_text(subject, new_text)
        probs = default_model().probabilities(text)
        # A short reply that confirms a quoted request is judged by the rules alone: the
        # model sees only "はい、お願いします" and cannot know what is confirmed.
        if not from_quotes:
            # A text the rules found to be about something else than the CA's products (a
            # receipt, another CA's card, a complaint) is no request, whatever the model says.
            limits = VoteLimits(
                ca_business=bool(hits["ca_context"]),
                life_changed=bool(hits["life_change"]) and intent == "revocation",
                change_asked=bool(hits["life_change"])
                and intent == "revocation"
                and bool(FIX_OF_IT.select(hits))
                and not hits["hypothetical"]
                and not _CHANGE_AHEAD.search(own)
                and not not_wanted(spelled(own)),
                # A thank-you note for work done asks nothing new, whatever request it names as the past;
                # a newsletter stopped asks nothing of a certificate, whatever the models read in its キャンセル;
                # nor does a seminar or a meeting called off.
                elsewhere=intent == "other"
                and bool(
                    hits["other_product"]
                    or hits["complaint"]
                    or hits["mailing_stopped"]
                    or hits["off_topic_cancelled"]
                    or hits["missent"]
                    or hits["addressed_elsewhere"]
                    or hits["not_addressee"]
                    or hits["unrelated"]
                    # A pet that died is nobody's death the models could read a notice in.
                    or (hits["pet_died"] and not (hits["death"] or hits["death_event"]))
                    or hits["revocation_denied"]
                    or (bool(_another_issuers(hits)) and bool(hits["revocation"]))
                    or _phone_changed_only(hits, own_serials)
                    or _thanked(reasons)
                    # "申込書類一式、本日発送しました。…返信は不要です": a report of the writer's own steps
                    # that wants no answer and names no request asks nothing of a certificate.
                    or (hits["no_reply_wanted"] and not _names_a_request(hits))
                    or _status_asked(hits)
                    # The writer takes back their own earlier mail, whatever request it named, or the revocation
                    # they asked for.
                    or bool(hits["mail_withdrawn"])
                    or bool(_taken_back(hits))
                    # A request told as done by the desk, nothing new asked ("…の失効完了の連絡が来ました"), and an
                    # absence told in an out-of-office reply.
                    or (_told_done(hits) and not (hits["compromise"] or hits["death"] or hits["incident"]))
                    or bool(hits["out_of_office"])
                    or (bool(hits["site_feedback"]) and intent == "other")
                    # A message of marks alone ("？") says nothing the models could read a request in.
                    or not _WORDED.search(said)
                    # Nor one whose only action is one the writer asks us not to take ("ok scratch that, don't
                    # cancel. keep my application going").
                    or (intent == "other" and not _has_topic(hits) and bool(not_wanted(spelled(said)))
                        and not (hits["request"] or hits["incident"] or hits["compromise"] or hits["death"]))
                ),
                # A lost device found again ("無事戻ってきました") puts nothing at risk now.
                compromise_seen=bool(
                    (hits["compromise"] and not hits["recovered"]) or hits["emergency_revocation"]
                ),
                # A wrong detail as the condition is one too (rules.CORRECTION_WHAT_IF: "もし…間違っていたら").
                what_if=bool(_REQUEST_WHAT_IF.search(own) or _HOW_TO.search(own) or hits["correction_what_if"])
                and not (hits["request"] or hits["incident"] or own_serials)
                # Or asks whether a certificate is revoked, and how to see it ("ちゃんと失効しているのか自分で確かめる
                # 方法はありますか？"), with the serial named: the rules read a question, not a new request.
                or (intent == "faq" and bool(hits["revocation_status"]) and not (hits["request"] or hits["incident"])),
                stop_wished=intent == "revocation" and bool(_stop_wished(hits)),
                not_asked_now=intent == "faq"
                and bool(hits["request_later"] or (requests_denied(spelled(said)) and not hits["request"]))
                and not (hits["incident"] or hits["compromise"]),
                ends_own=_ends_own(hits),
                issued=bool(hits["issued_stated"]) and not hits["not_issued"],
                recovered=bool(hits["recovered"]) and intent != EMERGENCY,
                # The writer's own death can only be foreseen ("自分が亡くなった後、家族は…").
                alive=bool(hits["holder_alive"] or (hits["own_death"] and not hits["death_event"]))
                or _dead_not_holder(hits),
                none_held=bool(hits["no_key_held"])
                and not (hits["compromise"] or hits["emergency_revocation"]),
                own_application=intent == "cancellation"
                and not own_serials
                and (_own_application_named(hits) or bool(hits["application_dropped"])),
            )
            # The semantic voter is asked only when its vote can change the decision.
            if _semantic_can_change(intent, confidence, probs, limits):
                meaning = semantic_vote(text)
            fused, weight = fuse_votes(probs, meaning)
            rules_intent = intent
            intent, confidence, votes = _vote(intent, confidence, fused, limits, weight=weight)
            evidence = _emergency_evidence(intent, fused, hits, said, what_if=limits.what_if, serials=own_serials)
            # The flag reads both models; the semantic one is asked only when it could raise it, or when
            # the vote alone decides whether a compromise word in a mail read as about nothing of ours is
            # worked as an emergency.
            if not meaning and (
                possemerg.vote_can_flag(evidence, fuse_votes(probs, {EMERGENCY: 1.0})[0][EMERGENCY])
                or possemerg.vote_decides_promotion(evidence)
            ):
                meaning = semantic_vote(text)
                evidence = replace(evidence, vote=fuse_votes(probs, meaning)[0])
            possible = possemerg.judge(evidence)
            promote = possemerg.works_as_emergency(evidence)
            if intent == "faq" and not possible and not promote:
                # A question on words of the CA's business used of another's (a city office's 印鑑登録証明書,
                # a bank's certificate) is refused by the FAQ engine as out of scope (intake.offtopic).
                outside = offtopic.judge(text)
                if outside.off_topic:
                    intent, confidence = "other", 0.6
                    votes = [*votes, outside.reason, "decision: a question about something the CA does not deal in"]
            elif intent == "other" == rules_intent and reasons[-1] == NOTHING_OF_OURS and not possible:
                # A question whose words name nothing of the CA's ("pen name ok?", "電話番号は会社のでいい?") that an
                # FAQ entry answers surely is the CA's business all the same.
                inside = offtopic.answered(text)
                if not inside.off_topic:
                    intent, confidence = "faq", 0.6
                    votes = [*votes, inside.reason, "decision: a question an FAQ entry answers surely"]
        else:
            votes = ["model: not asked to vote on a reply decided from its quotes"]
        # The last reason stays the decision: the model's line goes before the rules' one,
        # and a decision of the model's own comes last.
        reasons = [*reasons[:-1], votes[0], reasons[-1], *votes[1:]]
    read_as = ""
    if promote:
        # A possible emergency is worked as one; the intent it was read as is kept for the operator.
        read_as, intent, confidence = intent, EMERGENCY, POSSIBLE_CONFIDENCE
        reasons = [*reasons, write_reason(ReasonKind.PROMOTED, why="since it may well be one", read_as=read_as)]
    if intent == "faq" and scope.others and _LOOKUP_ASKED.search(own):
        # "署名者の証明書（シリアル …）が有効かどうか、そちらで確認していただけますか": a relying party asks the
        # desk to look one certificate up in the register, which a person does; how to check is the FAQ's.
        intent, confidence = "other", 0.6
        reasons = [*reasons, "decision: a relying party asks the desk to look up another's certificate"]
    if not serials:
        plain = plain_values(new_text) + (plain_values(quoted_text) if forwarded else [])
        listed = tuple(listed_values(new_text))
        serials, note = _bare_serials(intent, candidates, plain, forwarded=forwarded, listed=listed)
        if serials:
            # The writer may name a bare value to keep beside one to act on, as with labelled ones.
            bare_scope = requested_serials(scope_text, serials)
            scope = replace(bare_scope, reasons=[*scope.reasons, *bare_scope.reasons])
            serials = scope.serials
            if len(serials) > _MAX_BARE_SERIALS:
                # The rows of a list the writer picks none of ("台帳です。ご確認ください") are no request's serials;
                # the operator is told why the list's values were not taken.
                note = (f"serial: {len(serials)} unlabelled values of a pasted list left for an operator: the mail"
                        f" does not narrow them to {_MAX_BARE_SERIALS} or fewer ({', '.join(serials)})")
                serials, scope = [], replace(scope, serials=[])
        if note:
            reasons = [*reasons[:-1], note, reasons[-1]]
    if intent == "other" and hits["missent"] and hits["discard_asked"] and serials:
        # The mail, sent here by mistake, is to be thrown away: no certificate it names is asked about.
        dropped = [f"serial {v} left out: the mail was sent here by mistake, to be discarded" for v in serials]
        serials, scope = [], replace(scope, serials=[], reasons=[*scope.reasons, *dropped])
    # "5文字目の「B」は数字の「8」です": a character the writer corrects by its place.
    serials, fixed = corrected_serials(said, serials)
    reasons = [*reasons[:-1], *scope.reasons, *fixed, *([possible] if possible else []), reasons[-1]]
    return Classification(
        intent, reasons, serials, confidence, candidates,
        _signals(hits, [value for value in serials if value not in scope.others]), False, probs, meaning,
        bool(possible), read_as,
    )


def _told_done(hits: dict[str, list[str]]) -> bool:
    """Whether the writer tells a request as done by the desk ("失効手続きは完了しております") and asks for nothing."""
    return bool(hits["request_done"]) and not hits["request"]


def _emergency_evidence(
    intent: Intent, fused: dict[str, float], hits: dict[str, list[str]], said: str, *, what_if: bool, serials: list[str]
) -> possemerg.EmergencyEvidence:
    """What speaks for an emergency in a decided message (see :mod:`intake.possemerg`)."""
    asks_only = bool(hits["hypothetical"] or hits["preparation"] or what_if)
    folded = spelled(said)
    # A lost device found again ("無事戻ってきました") puts nothing at risk now; nor does a loss whose revocation the
    # writer says is done, asking nothing of it ("先月PCを紛失し、緊急失効の手続きは完了しております。…どれくらい
    # かかりますか").
    over = bool(hits["recovered"] or (_told_done(hits) and intent != "other"))
    # A thank-you for a revocation done ("すぐに証明書（…）を止めていただき、誠に有難うございました。パソコンは
    # 結局見つかりませんでしたが") tells the loss as the past the desk dealt with; nothing at risk is left unstopped.
    # (A reply's subject names the notice answered, not a new matter: "Re: 【iPROVE】緊急失効処理完了のお知らせ".)
    thanked = intent == "other" and bool(hits["work_thanked"])
    over = over or thanked
    return possemerg.EmergencyEvidence(
        intent=intent,
        vote=fused,
        compromise=() if over else tuple(hits["compromise"]),
        compromise_words=() if over else tuple(hits["compromise_words"]),
        trouble=tuple(hits["trouble"]),
        # A device found again is an incident that is over, like one denied; a key said to be safe where it belongs
        # ("PCも手元にあります") is one denied.
        denied=(
            *denied_incidents(folded),
            *hits["recovered"],
            *compromise_scope.key_safe(folded),
            *(["thanks for the revocation done"] if thanked else []),
        ),
        # "手順書を作るので、漏えいした場合の依頼方法を教えていただけますか" asks politely, reporting nothing; so does
        # a what-if that names the writer's serial and prepares for an incident ("Nothing has happened, I just want
        # to be prepared").
        question_only=asks_only and not (hits["incident"] or (serials and not _NOTHING_HAPPENED.search(folded))),
        # "ネットバンキングのパスワードが漏れた": a key of another business's product, or none of ours.
        # Only when the rules read the compromise told as another's (never on those words alone).
        # A mail read as about a product the CA does not deal in, naming nothing of ours, is as far from us.
        not_ours=tuple(
            hits["others_key"] or (hits["not_ours"] if intent == "other" and not hits["ours_named"] else [])
        ),
        # A death the rules decided on is one that has happened, whichever of the two death rules read it
        # ("夫は亡くなってます" as much as "先週亡くなりました").
        # (Unless the writer asks for haste: "先に緊急で止めていただくことはできますでしょうか".)
        death=tuple(hits["death_event"] or (hits["death"] if intent == "death_notice" and not hits["urgency"] else [])),
    )


# The writer says in so many words that nothing has happened ("Nothing has happened, I just want to be prepared",
# "まだ何も起きていません").
_NOTHING_HAPPENED = re.compile(
    r"\bnothing\s+(?:bad\s+)?(?:has\s+)?happened\b|\bno\s+(?:real|actual)\s+(?:case|loss|incident)\b"
    r"|何も(?:起き|起こっ)て(?:い|お)(?:ません|ない)",
    re.I,
)


# Requests that are about an issued certificate, whose sender names it by its serial.
_CERTIFICATE_REQUESTS = frozenset({"revocation", "emergency_revocation", "correction", "death_notice"})
# More bare hex strings than this in one request is a log or a list of hashes, not serials.
_MAX_BARE_SERIALS = 3


def _doubted_mail_left_out(scope: Scope, candidates: list[SerialCandidate], words: str) -> Scope:
    """*scope* without the serials named only in the quoted mail, whose sender the writer doubts.

    "下記のメールが届きました。iPROVEさんからのものでしょうか？ > お客様の電子証明書（シリアル番号 …）は…": the
    serial is the quoted mail's, which the writer doubts (*words* are what said so); none of theirs is asked about.
    """
    quoted_only = {c.value for c in candidates if c.source.startswith("quoted")} - {
        c.value for c in candidates if not c.source.startswith("quoted")
    }
    dropped = [v for v in scope.serials if v in quoted_only]
    if not dropped:
        return scope
    reasons = [f"serial {v} left out: named only in the mail the writer asks about ({words})" for v in dropped]
    return replace(scope, serials=[v for v in scope.serials if v not in dropped], reasons=[*scope.reasons, *reasons])


def _scope_text(said: str, quoted_text: str, candidates: list[SerialCandidate], forwarded: bool) -> str:
    """The text whose words say which serials the mail asks about: the writer's own, and a forwarded mail's.

    A forward carries its sender's request below (see :func:`_forwards`); when the serials come
    from it, so do the words that keep one ("こちらは失効しないでください").
    """
    from_quotes = any(c.source.startswith("quoted") for c in candidates)
    # A reply that picks rows of the quoted list by their place ("上から2つ目と4つ目") is read with that list; so is
    # a reply that names none of the serials itself and answers which of the quoted ones is meant ("田村の、末尾が
    # E1の方です", "It's the one for Ms. Hayashi"), by how it ends, by whose it is, or by keeping the other.
    quoted_only = from_quotes and not any(c.exact and not c.source.startswith("quoted") for c in candidates)
    answers = quoted_only and len({c.value for c in candidates if c.exact}) >= 2
    return said + "\n" + quoted_text if from_quotes and (forwarded or picks_by_place(said) or answers) else said


def _bare_serials(
    intent: str,
    candidates: list[SerialCandidate],
    plain: list[str],
    *,
    forwarded: bool = False,
    listed: tuple[str, ...] = (),
) -> tuple[list[str], str]:
    """The bare hex strings a certificate request names without a label, and why they are taken.

    A person asking to revoke or correct a certificate who writes a hex string alone on its
    line (``1) Ｄ６５６７９６４ＣＦＢＡＡ４ＤＤ``, ``ばんごう C4EE8ABC…``) or in the subject
    (``PC盗難 39D31551B57C``) means its serial, and so does one of a serial's size in a sentence
    that names no other kind of number (:func:`intake.serials.plain_values`); the same
    string in a question or a sales mail, or after another label (``参照コード``), means
    nothing.  Only the mail's own text and subject count (not quotes or the signature, but a
    forwarded mail's text, whose request the forward carries), and
    only a few such strings; the core still checks each
    against the applicant's certificates and says "serial unclear" when none is theirs.  The rows of a
    register pasted as a plain list (*listed*, see :func:`intake.serials.listed_values`) are taken however many
    there are: the caller narrows them to the rows the writer picks, and keeps only a few.
    """
    if intent not in _CERTIFICATE_REQUESTS:
        return [], ""
    bare = [
        c.value
        for c in candidates
        if not c.exact
        and (
            c.source.startswith("subject:")
            or (
                (c.source.startswith("body:") or (forwarded and c.source.startswith("quoted:")))
                and ("on its own line" in c.source or c.value in plain or c.value in listed)
            )
        )
    ]
    bare = list(dict.fromkeys(bare))
    # A short value that starts or ends a longer one named beside it is that one's part ("revoke the one ending with
    # 5D6E" above the list of whole values), no certificate of its own.
    bare = [v for v in bare if not _part_of_longer(v, bare, margin=1)]
    if not bare or (len(bare) > _MAX_BARE_SERIALS and not set(bare) <= set(listed)):
        return [], ""
    return bare, f"serial: unlabelled hex taken as the serial of a certificate request: {', '.join(bare)}"


# Our own notices say that something is done; a reply that only thanks for one asks nothing.
_COMPLETED = re.compile(
    r"完了(?:いた)?しました|完了となりました|返送いたしました|受理いたしました"
    r"|has been (?:completed|cancelled|revoked)",
    re.I,
)
_THANKS = re.compile(r"ありがと|お礼|感謝|お世話になりました|thank", re.I)
_STILL_ASKS = re.compile(
    # (Not help told as given: "確認のお電話もすぐにいただけて、本当に助かりました".)
    r"ください|下さい|頂け(?!て|た)|いただけ(?!て|た)|ませんか|でしょうか|ますか|\?|？|please|could you|can you"
    # A wish put in the letter's formal way ("退会させていただきたく、お願い申し上げます").
    r"|(?:いただき|頂き|し)たく[、,]?\s*(?:お願い|存じ)"
    # Or in English ("I was hoping it might be possible to have my certificate retired").
    r"|\bI (?:was|am|'m) hoping\b|\b(?:would|might) (?:it )?be possible\b|\bI(?:'d| would) like\b", re.I
)


# "Thank you for", "thanks again for", "thanks so much for": the English opening of thanks for work done, read
# by _THANKED and _WORK_DONE.
_THANK_YOU_FOR = r"\bthank(?:s| you) (?:again |so much |very much )?for "
# Thanks for help already given ("お世話になりました", "助かりました"), not thanks in advance.
_THANKED = re.compile(
    r"お世話になりました|助かりました|(?:ありがとう|有難う|有り難う)ございました|お礼(?:申し上げ|を申し|まで)|御礼まで"
    rf"|{_THANK_YOU_FOR}(?:your|the) (?:help|quick|fast|prompt)"
    rf"|{_THANK_YOU_FOR}"
    r"(?:revoking|cancell?ing|correcting|fixing|handling|processing|stopping|blocking|deactivating|disabling"
    r"|suspending)\b"
    rf"|{_THANK_YOU_FOR}the (?:quick|fast|prompt) (?:call ?back|response|reply"
    r"|help|handling)\b",
    re.I,
)


# A form of the request sent in just now ("本日、失効請求書をレターパックで送りました"): the writer, thanking for the
# instructions, takes the request's next step; the request goes on.
_FORM_SENT = re.compile(
    r"(?:請求書|申込書|申請書|届|書類|用紙|書面)[^。\n]{0,25}?"
    # Sent again too ("不備を直して再送いたしました").
    r"(?:送り|送付|郵送|返送|発送|投函|提出|再送|再提出|送り直)(?:いたし|致し|し)?(?:ました|ましたので)"
    # Or to be posted soon, the form named before ("記入例を見て書きました。明日投函します").
    r"|(?:明日|本日|今日|今週中に|週明けに|後日)[^。\n]{0,6}?(?:投函|郵送|発送|返送)(?:します|いたします|致します|する予定)"
    r"|\b(?:I|we) (?:have )?(?:just |today )?(?:sent|mailed|posted|submitted)\b[^.\n]{0,30}?\b(?:form|request)\b",
    re.I,
)


# What a thank-you note does not report: an incident, a death, a request, a question or a correction.
_REPORTED = ("compromise", "death", "death_event", "incident", "request", "question", "correction")


def _thanks_only(text: str, hits: dict[str, list[str]]) -> bool:
    """True when *text* thanks for help given, asks nothing, and reports no incident, death, request or form sent."""
    # A wrong detail named as what the desk has put right ("氏名の誤記の件で再発行していただいた証明書、無事
    # インストールできました") is the past thanked for, not a correction asked.
    reported = [name for name in _REPORTED if hits[name] and not (name == "correction" and _PUT_RIGHT.search(text))]
    return (
        bool(_THANKED.search(text))
        and not _STILL_ASKS.search(text)
        and not reported
        and not _FORM_SENT.search(text)
        and not _CALL_OFF_DECIDED.search(text)
    )


# A revocation request taken back by its own words ("失効請求を取り下げ", "撤回", "cancel my revocation request"), not
# a certificate the writer only asks us not to revoke ("do not revoke"), nor a request of another kind withdrawn
# ("I want to cancel the request I mailed last week", an application's).
_TAKEN_BACK = re.compile(
    r"取り下げ|取下げ|撤回|\b(?:cancel|withdraw|call off)\s+(?:my|the|our|this)\s+(?:(?:earlier|previous|last)\s+)?"
    r"(?:revocation|request to revoke)",
    re.I,
)


def _taken_back(hits: dict[str, list[str]]) -> list[str]:
    """The hits that take back a revocation the writer asked for (see :data:`_TAKEN_BACK`)."""
    return [hit for hit in hits["revocation_called_off"] if _TAKEN_BACK.search(reason_words(hit))]


# A detail put right by the desk, told as done ("再発行していただいた証明書", "直してもらった").
_PUT_RIGHT = re.compile(r"(?:直し|訂正し|修正し|再発行し)て(?:いただい|頂い|もらっ|くださっ|下さっ|くれ)た")


# An application called off, told as the writer's decision beside thanks for the desk's mail ("ご連絡をいただき
# ありがとうございました…今回は申込自体を取り下げることにいたしました").
_CALL_OFF_DECIDED = re.compile(
    r"(?:取り下げ|取下げ|取り消|取消|キャンセル|撤回)(?:する|る|す|させていただく)?ことに(?:いたし|致し|し)ました"
)


# Help given, as what the writer thanks for ("緊急失効を迅速にご対応いただき、ありがとうございました", "thank you for
# handling the revocation so quickly").
_WORK_DONE = re.compile(
    r"(?:ご?対応|ご?処理|お手続き|手続き)(?:を|も)?(?:迅速に|早急に|すぐに|素早く|丁寧に)?(?:して)?(?:いただき|頂き|くださり|下さり)"
    # The certificate stopped for the writer ("すぐに証明書（…）を止めていただき、誠に有難うございました").
    r"|(?:止め|とめ|停止し|失効し|無効にし)て(?:いただき|頂き|くださり|下さり|くれて)"
    # A detail put right for the writer ("名前の字の間違いを直していただき、ありがとうございました").
    r"|(?:直し|訂正し|修正し|再発行し)て(?:いただき|頂き|くださり|下さり|くれて)"
    # The desk's notice of the work done, thanked for ("失効完了のご連絡、ありがとうございました").
    r"|(?:失効|取消|取り消し|訂正|処理|手続き?)(?:処理)?完了の(?:ご)?(?:連絡|お知らせ|通知)"
    rf"|{_THANK_YOU_FOR}(?:revoking|stopping|blocking|deactivating|disabling"
    r"|suspending|cancell?ing)\b"
    rf"|{_THANK_YOU_FOR}(?:your |the )?(?:quick |fast |prompt )?(?:help|handling|processing)\b",
    re.I,
)
# A change in the writer's life still ahead ("今年の秋に結婚する予定があり、姓が変わります", "まだ結婚前なので、今すぐ
# 何かしてほしいわけではありません").
_CHANGE_AHEAD = re.compile(
    r"予定|する前|(?:まだ|未だ)[^。\n]{0,6}?前|(?:変わり|なり)ます(?!た)|今すぐ[^。\n]{0,12}?わけでは"
)
# The work told as done, in a sentence of its own ("The certificate on my stolen laptop was revoked within the hour").
_WORK_TOLD_DONE = re.compile(
    r"\b(?:certificate|cert)\b[^.\n]{0,40}?\b(?:was|has been|got) (?:revoked|cancell?ed|stopped|blocked)\b", re.I
)


# Our notice that the work is done, acknowledged as received ("失効完了のご連絡、確かに受け取りました").
_DONE_NOTICE_GOT = re.compile(
    r"(?:失効|取消|取り消し|キャンセル|手続き|処理|訂正)[^。\n]{0,10}?完了(?:の|した旨の)?(?:ご連絡|連絡|お知らせ|通知|メール|ご報告)"
    r"[^。\n]{0,20}?(?:受け取り|受けとり|拝受|確認(?:し|いたし)|受領|拝見)",
)
# The certificate made by the work, told as received ("訂正後の証明書を受け取りました", "再発行された証明書、無事に
# ダウンロードできました").
_RESULT_GOT = re.compile(
    r"(?:訂正後|訂正済み?|修正後|修正済み?|再発行(?:後|された|済み?)?)の?(?:電子)?証明書(?:を|は|も|、)?\s*(?:無事に?)?"
    r"(?:受け取り|受けとり|受領し|拝受し|ダウンロード(?:し|でき)|届き)ました"
)
# The lost thing still missing, told after the revocation was done ("ノートPCは結局見つかっていませんが、
# 安心いたしました").
_STILL_MISSING = re.compile(
    r"(?:結局|いまだに|未だに|今も|まだ)[^。\n]{0,6}?(?:(?:見つかって|出てきて|戻って)(?:い|おり?)?(?:ません|ない)"
    r"|見つかり(?:ません|ませんでした)|見つからな|出てき(?:ません|ませんでした)|出てこな)"
)


# The writer named as the one who wrote before about the matter thanked for ("ハワイでPCを盗まれた件で、年末に深夜に
# 連絡させていただいた者です").
_EARLIER_CONTACT = re.compile(
    r"(?:連絡|ご連絡|お願い|依頼|相談|お電話)(?:を)?(?:させていただいた|させて頂いた|した|いたした|致した)(?:者|もの)です"
)


# A subject that thanks for work done ("お礼（失効手続き完了）", "御礼"): it names the request thanked for.
_THANKS_TITLE = re.compile(r"^\s*(?:(?:re|fw|fwd)\s*[:：]\s*)*[【\[(（]?(?:お礼|御礼)", re.I)


def _thanks_for_work_done(text: str) -> bool:
    """True when the request or loss named lies only in sentences that thank for work done, and nothing else is told.

    "先日は紛失した証明書（…）の緊急失効を迅速にご対応いただき、ありがとうございました。おかげさまでPCも見つかり…
    取り急ぎお礼まで": the loss and the revocation are the past that the writer thanks for.  Read without those
    sentences, the text must pass as a thank-you note (see :func:`_thanks_only`); a new application form
    mailed for the next certificate is no step of the request thanked for.
    """
    pieces = sentences.pieces(text)
    # The corrected or new certificate told as received ("訂正後の証明書を受け取りました") is the work done, so a plain
    # "ありがとうございました" beside it thanks for that work.
    got = [p for p in pieces if _RESULT_GOT.search(p)]
    # Once one sentence thanks for the work done, the others that thank ("確認のお電話もすぐにいただけて、本当に
    # 助かりました") thank for it too.
    done = bool(got) or any((_THANKED.search(p) and _WORK_DONE.search(p)) or _WORK_TOLD_DONE.search(p) for p in pieces)
    thanked = [p for p in pieces if (_THANKED.search(p) and done) or _THANKS_TITLE.match(p)]
    if not thanked or _STILL_ASKS.search(text):
        return False
    # Our notice that the work is done, acknowledged, and the lost thing still missing, are the past thanked for too.
    # So is the work told as done in a sentence of its own ("The certificate on my stolen laptop was revoked within the
    # hour").
    past = [p for p in pieces if p in got or _DONE_NOTICE_GOT.search(p) or _STILL_MISSING.search(p)
            or _EARLIER_CONTACT.search(p) or _WORK_TOLD_DONE.search(p)]
    rest = "\n".join(p for p in pieces if p not in thanked and p not in past)
    hits = _check_all(rest)
    # A word of revocation alone ("失効リストに載っていることも確認できました") tells of the work done; an ask
    # is a request, and an emergency revocation named outside the thanks is a new one.
    form = _FORM_SENT.search(rest)
    # The lost thing told as found again ("結局PCは翌日、駅の落とし物として見つかりましたが") is the past too.
    told = tuple(name for name in _REPORTED if not (name == "compromise" and hits["recovered"]))
    reported = any(hits[name] for name in (*told, "emergency_revocation"))
    return not reported and not (form and not form.group(0).startswith("申込書"))


_ACKNOWLEDGES = re.compile(r"承知|了解|かしこまりました|承りました|\bunderstood\b|\bnoted\b|\bwill do\b", re.I)
_CONFIRMS = re.compile(r"はい|お願い|ください|下さい|\byes\b|\bplease\b|\bconfirm|\bgo ahead\b|進めて", re.I)
_WE_ASKED = re.compile(r"よろしいですか|よろしいでしょうか|ご意思|ご確認ください|ますか|でしょうか|[?？]", re.I)


def _acknowledges_only(new_text: str, context: str) -> bool:
    """True when the new text only acknowledges, and our quoted mail (or its subject) asked nothing."""
    return (
        bool(_ACKNOWLEDGES.search(new_text))
        and not _CONFIRMS.search(new_text)
        and not _WE_ASKED.search(_norm(context))
    )


def _thanks_for_completed(new_text: str, quoted_text: str) -> bool:
    """True when the new text thanks, asks nothing, and the quoted text reports finished work."""
    return (
        bool(_THANKS.search(new_text))
        and not _STILL_ASKS.search(new_text)
        and bool(_COMPLETED.search(_norm(quoted_text)))
    )


# Phrases only the CA (or someone imitating it) writes to a customer.
_CA_VOICE = re.compile(
    # Customers addressed as a group, and their certificate spoken of as the CA's to act on.
    r"(?:ご利用の|各位|親愛なる)\s*お客様|お客様各位|お客様の(?:電子)?証明書.{0,40}?(?:失効(?:され|します|いたします|となり)"
    r"|停止(?:され|します|いたします)|無効(?:にな|となり))"
    r"|失効を回避|停止を回避|本人確認はこちら|こちらから本人確認"
    # A threat of what will lapse, and card details demanded ("証明書は失効し、…", "カード情報の確認が必要です").
    r"|(?:行わない|されない|いただけない)場合[^。\n]{0,20}?証明書は失効し|(?:クレジット)?カード情報の(?:確認|入力|更新)"
    # A link or an address to log in or prove who one is, and a demand for secrets (phishing's shape).
    r"|(?:以下|下記|こちら)の?\s*(?:URL|リンク|サイト)(?:から|より|にて)[^。\n]{0,15}?(?:本人確認|ログイン|認証|更新手続)"
    # (A demand, not a customer's story of having typed it: "入力してしまいました", "入力していた".)
    r"|(?:PIN|PINコード|パスワード|暗証番号)[^。\n]{0,20}?(?:を|も)?(?:ご)?入力"
    r"(?:して(?!しま|しちゃ|い[たまる]|お[りる]|み|き|も)|の上|ください)"
    r"|your (?:digital |electronic |e-)?certificate will be (?:revoked|suspended)|to avoid (?:revocation|suspension)"
    # Secrets demanded by mail ("reply with your certificate password and PIN within 12 hours").
    r"|reply with your (?:certificate |account )?(?:password|PIN|passphrase)"
    r"|\b(?:or|otherwise) your (?:account|certificate|signature) will be"
    r" (?:suspended|revoked|locked|deleted|disabled)\b"
    r"|\bdear (?:valued )?(?:customer|user|client|certificate holder|member)s?\b|\bpay now\b"
    # A threat and a demand for the key itself ("To prevent permanent revocation, you must … re-upload your
    # certificate file (.pfx) with its password within 24 hours").
    r"|\bto prevent (?:permanent |immediate )?(?:revocation|suspension)\b"
    r"|\b(?:re-?upload|upload|send|submit) your (?:certificate |signing )?(?:file|key|private key)\b[^.\n]{0,20}?"
    r"\bpassword\b"
    r"|\b(?:click|follow) (?:the|this) link (?:below )?to (?:verify|confirm|log ?in|keep)"
    r"|\benter your (?:PIN|password|passphrase)\b",
    re.I,
)


def _ca_voice(text: str) -> list[str]:
    """Reasons when *text* is written as the CA to a customer (two distinct signs needed)."""
    found = sorted({m.group(0) for m in _CA_VOICE.finditer(text)})
    return [f"ca voice: {f}" for f in found] if len(found) >= 2 else []


# A forward: the subject's prefix (:mod:`intake.subjects`), or the forwarder saying so in their own words.
_FORWARD_WORDS = re.compile(r"転送(?:します|いたします|致します|しました|させていただ)|\bforward(?:ing|ed)\b", re.I)


def _forwards(subject: str, own_text: str) -> bool:
    """Tell whether a mail forwards another; a forward with no topic of its own asks what it forwards.

    "所長からの依頼を転送します。ご確認ください" carries its sender's request below: the request
    is the forwarded one, as a confirmation's is the quoted one.
    """
    return bool(FORWARD_SUBJECT.match(subject) or _FORWARD_WORDS.search(own_text))


def _forwarded_emergency(forwarded: str, serials: list[str]) -> tuple[Intent, list[str]] | None:
    """The emergency a forwarded mail tells, when it tells one; its sender's words decide as the writer's would."""
    intent, reasons = _decide(_check_all(_norm(forwarded)), serials)
    if intent != EMERGENCY:
        return None
    return EMERGENCY, [
        *(f"forwarded: {reason}" for reason in reasons if not reason.startswith("decision:")),
        "decision: a revocation asked for a forwarded mail that tells of a compromised key",
    ]


def _looks_like_confirmation(text: str) -> bool:
    """Tell whether a reply's own text is a short yes/please (which confirms the quoted topic)."""
    pattern = r"はい|お願い|承知|了解|問題ありません|相違ありません|\byes\b|\bplease\b|\bok\b|confirm"
    return bool(re.search(pattern, text, re.I)) and len(text) < 400


def _classify_fax(parsed: ParsedMail, reading: FaxReading) -> Classification:
    """Classify a fax-to-email notice from what its faxed pages say."""
    if not reading.readable:
        # Emergency forms arrive by fax, and nothing on these pages says this is not one: the
        # fax is worked as the most urgent thing it could be until a person has read it (the
        # core queues it on top as FAX受信・内容未確認; reclassifying clears the mark).  A gateway
        # that prints its own reading of the pages in the notice ("---- OCR結果 ----") still
        # gives the serials it read, so that the case finds its certificate in the register.
        candidates = _serial_candidates(parsed.subject, parsed.new_text, "")
        return Classification(
            EMERGENCY,
            [
                *reading.reasons,
                "decision: a fax that could not be read; a person must look at it first",
                write_reason(ReasonKind.PROMOTED, why="since a fax nobody could read may be an emergency form",
                             read_as="other"),
            ],
            [c.value for c in candidates if c.exact],
            confidence=POSSIBLE_CONFIDENCE,
            serial_candidates=candidates,
            fax_unread=True,
            possible_emergency=True,
            read_as="other",
        )
    # A form names the serials it asks about, and may name another only for reference ("(参考)現在利用中の証明書
    # シリアル番号 … ※引き続き使用します。失効不要。"): the form's words narrow them as a mail's do.
    serials = requested_serials(reading.text, [c.value for c in reading.serials if c.exact]).serials
    hits = _check_all(_norm(reading.text[:MAX_CHARS]))
    if reading.form == "revocation" and hits["compromise"]:
        # OCR may misread 緊急 in the title, and a plain revocation form that gives a lost or
        # stolen PC as its reason asks for what an emergency revocation is for.
        reasons = [
            *reading.reasons,
            *hits["compromise"],
            "decision: a revocation form that reports a lost or stolen device or key is an emergency",
        ]
        return Classification("emergency_revocation", reasons, serials, 0.8, reading.serials, _signals(hits, serials))
    if reading.form != "unknown":
        intent: Intent = reading.form
        reasons = [*reading.reasons, f"decision: the faxed form is a {reading.form} form"]
        return Classification(intent, reasons, serials, 0.85, reading.serials, _signals(hits, serials))
    # No known form title: read the faxed text as if it had been mailed.
    # The model was trained on mail as people type it, not on OCR output: rules only.
    result = classify_parts(parsed.subject, reading.text, "", use_model=False)
    if reading.method == "ocr":
        # Serials read by OCR are exact only when the reader's independent reads agreed on
        # one; the text's own candidates may be misreads and stay candidates.
        result = replace(result, serials=serials, serial_candidates=list(reading.serials))
    # A fax in which nothing was understood is as good as unread: a person must see it.  So
    # is a fax read by OCR whose form was not recognised: the fax line is where emergencies
    # arrive, and rules made for typed mail are no judge of an OCR reading (an emergency
    # form whose title was lost once came out as an FAQ question).
    understood = result.intent != "other"
    unsure = reading.method == "ocr" and reading.form == "unknown"
    reasons = [*reading.reasons, *result.reasons]
    if not understood:
        reasons.append(write_reason(ReasonKind.FAX_NOT_UNDERSTOOD))
    elif unsure:
        reasons.append("decision: no known form was recognised on the faxed pages; a person must look at it first")
    return Classification(
        result.intent,
        reasons,
        result.serials,
        min(result.confidence, 0.6),
        result.serial_candidates,
        result.signals,
        not understood or unsure,
        result.model,
    )


def _not_possible(result: Classification) -> Classification:
    """*result* as it was read before it was worked as a possible emergency."""
    reasons = [r for r in result.reasons if not r.startswith((possemerg.REASON_PREFIX, PROMOTED_PREFIX))]
    intent = cast(Intent, result.read_as or result.intent)
    return replace(result, intent=intent, possible_emergency=False, read_as="", reasons=reasons)


def _html_only_serials(parsed: ParsedMail) -> list[str]:
    """The serials the writer asks about that only the mail's HTML version shows (a table, a pasted screen).

    A mail sent as plain text and HTML alternatives is read from the plain one; some mail programs leave a
    table or a pasted screen out of it.  The HTML version's own new text is read like a mail's; quoted text
    and the signature are not.
    """
    if not parsed.html_alternative:
        return []
    split = split_body(parsed.html_alternative[:MAX_CHARS])
    said = parsed.subject + "\n" + split.new_text
    exact = [c.value for c in find_serials(said) if c.exact]
    return requested_serials(said, exact).serials if exact else []


def classify(parsed: ParsedMail, *, read_faxes: bool = True, automated: str | None = None) -> Classification:
    """Classify a parsed mail; the new text outweighs quoted text and a reply's subject.

    A fax-to-email notice is classified from its faxed pages (rendered and read with OCR
    when they carry no text layer, which takes seconds); pass ``read_faxes=False`` to
    classify it from its mail text only.  A caller that has already asked
    :func:`intake.automated.detect_automated` passes its verdict ("none", "auto_reply" or
    "bounce"), so that it is not asked twice; left out, it is asked here when it matters.
    """
    reading, is_fax = _first_reading(parsed, read_faxes)
    return reading if is_fax else _finished(parsed, reading, automated)


def classify_both_ways(parsed: ParsedMail, automated: str) -> tuple[Classification, Classification]:
    """Classify a mail as the *automated* verdict says and as a person's mail, reading its words once.

    A mail that only its wording calls automatic may be a person's report of a key at risk; the caller
    weighs both readings without the words (or a fax's pages) being read twice.
    """
    reading, is_fax = _first_reading(parsed, True)
    if is_fax:
        return reading, reading
    return _finished(parsed, reading, automated), _finished(parsed, reading, "none")


def _first_reading(parsed: ParsedMail, read_faxes: bool) -> tuple[Classification, bool]:
    """The reading of the mail's words, or of its faxed pages (then true), before any automated verdict."""
    if read_faxes:
        fax = read_fax_mail(parsed)
        if fax is not None:
            return _classify_fax(parsed, fax), True
    return classify_parts(parsed.subject, parsed.new_text, parsed.quoted_text, signature=parsed.signature), False


def _finished(parsed: ParsedMail, result: Classification, automated: str | None) -> Classification:
    """The words' *result* finished with what the *automated* verdict and the mail's other parts tell."""
    # The automated verdict, once asked here, is kept, so that the detector runs at most once.
    verdict = automated
    if result.possible_emergency:
        verdict = _automated_verdict(parsed, verdict)
        if verdict != "none":
            # An auto-reply or a bounce reports nobody's incident, whatever words it returns.
            result = _not_possible(result)
    own = any(c.exact and c.source.startswith(("body:", "subject:")) for c in result.serial_candidates)
    bounce = not own and _automated_verdict(parsed, verdict) == "bounce"
    # The message a bounce returns is parsed once, when it is first needed, and kept for the steps below.
    returned: str | None = None
    if bounce and result.serials:
        # A bounce names the serials that the mail it returns says itself, not those that mail
        # quotes in turn (our reply quoting the customer's request).
        said = {c.value for c in find_serials(outer_level(parsed.quoted_text), "quoted") if c.exact}
        # A copy the mail system pasted into the bounce's own text ("------ This is a copy of the message"):
        # the values the classifier took as serials there are the returned notice's own when that notice
        # says them at its outer level ("1. 67d0fbe03fbd40e4" in a list of revoked certificates).
        returned = returned_message_text(parsed)
        copied = outer_level(returned)[:MAX_CHARS]
        said |= {c.value for c in find_serials(copied, "returned message")}
        result = replace(result, serials=[v for v in result.serials if v in said])
    if result.serials:
        return result
    if not bounce and automated != "auto_reply" and not any(c.exact for c in result.serial_candidates):
        shown = _html_only_serials(parsed)
        if shown:
            # "証明書のプロパティ画面を貼り付けます(下の表)": the table is in the HTML version only.
            note = f"serials from the HTML version of the mail, which its plain text lacks: {', '.join(shown)}"
            reasons = [*result.reasons[:-1], note, *result.reasons[-1:]]
            return replace(result, serials=shown, reasons=reasons)
        # A serial given only in an attached text or CSV file is read as the mail's own.
        found, asked = attached_serials(parsed.subject + "\n" + parsed.new_text, parsed.attachments)
        if asked:
            note = f"serials from an attached file: {', '.join(asked)}"
            reasons = [*result.reasons[:-1], note, *result.reasons[-1:]]
            candidates = [*result.serial_candidates, *found]
            return replace(result, serials=asked, serial_candidates=candidates, reasons=reasons)
    if returned is None:
        returned = returned_message_text(parsed)
    if not returned and (bounce or automated == "auto_reply"):
        # An automatic reply or a carrier's bounce often pastes our notice below a rule
        # ("-----", "■送信されたメール"), where a person's mail has its signature: that block
        # is the returned notice, and its serial is the case's.
        returned = parsed.signature
    if not returned:
        return result
    # A returned or forwarded message counts like quoted text: its serials are read only when
    # the mail's own text and quotes have none (a bounce of our notice names the case's serial).
    readable = outer_level(returned) if bounce else returned
    # A sure serial the classifier read in the mail's text or quotes and did not take (the scope left it out, with its
    # reason) is not taken back from the same message read again; one read only in the signature was never weighed.
    declined = {c.value for c in result.serial_candidates if c.exact and not c.source.startswith("signature")}
    extra = [c for c in find_serials(readable[:MAX_CHARS], "returned message") if c.exact and c.value not in declined]
    if not extra:
        return result
    values = {c.value for c in extra}
    candidates = [*(c for c in result.serial_candidates if c.value not in values), *extra]
    # The last reason stays the decision.
    note = f"serials from the returned message: {', '.join(c.value for c in extra)}"
    reasons = [*result.reasons[:-1], note, *result.reasons[-1:]]
    return replace(result, serials=[c.value for c in extra], serial_candidates=candidates, reasons=reasons)


def _automated_verdict(parsed: ParsedMail, automated: str | None) -> str:
    """The caller's automated verdict, or :func:`intake.automated.detect_automated`'s when none was given."""
    from intake.automated import detect_automated

    return automated if automated is not None else str(detect_automated(parsed).verdict)


# Where a mail system pastes the message it could not deliver below its report.
_INLINE_COPY = re.compile(
    r"^[ \t]*-{2,}[ \t]*(?:Below this line is a copy of the message\.?|This is a copy of the message.{0,40}"
    r"|Original message follows\.?|Original message|Returned message|Undelivered message"
    r"|元のメッセージ|元のメール|返送されたメッセージ|送信したメール)[ \t]*-*[ \t]*$",
    re.I | re.M,
)


def returned_message_text(parsed: ParsedMail) -> str:
    """The subject and text of a message returned inside *parsed* (a bounce's original), or "".

    The message is the ``message/rfc822`` attachment, or the headers and body a mail system
    pasted below a line such as "--- Below this line is a copy of the message." (decoded
    like any mail: a base64 body is readable then).
    """
    from intake.parse import parse_message

    for att in parsed.attachments:
        if att.content_type in ("message/rfc822", "message/global"):
            inner = parse_message(att.payload)
            return inner.subject + "\n" + inner.text
        if att.content_type in ("text/rfc822-headers", "message/rfc822-headers"):
            # A report that returns only the message's headers (RFC 6522) still gives its subject.
            return parse_message(att.payload).subject
    match = _INLINE_COPY.search(parsed.text)
    if not match:
        return ""
    rest = parsed.text[match.end() :].lstrip("\r\n")
    if not re.match(r"[A-Za-z][A-Za-z0-9\-]*:", rest):
        return rest
    inner = parse_message(rest.encode("utf-8", "replace"))
    return inner.subject + "\n" + inner.text


# A text that is an HTML document (a mail's HTML part pasted or saved as it was sent).
_HTML_DOCUMENT = re.compile(r"^\s*(?:<!doctype\s+html|<html\b)", re.I)


def classify_text(text: str, subject: str = "") -> Classification:
    """Classify a chat message or any free text, separating quotes and signature first.

    An HTML document is read as its text (:func:`intake.htmltext.html_to_text`), as a mail's HTML part is.
    """
    if _HTML_DOCUMENT.match(text):
        text = html_to_text(text)
    split = split_body(text)
    return classify_parts(subject, split.new_text, split.quoted_text, signature=split.signature)

"""The case page in the operator's words: next step, warnings, facts, reasons and audit sentences."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

import pytest

from core import workflow as wf
from core.reasons import Kind as ReasonKind
from core.reasons import write as write_reason
from core.replypolicy import ReplyRule
from core.services.duplicates import Duplicate
from core.urgency import Urgency
from dashboard import casepanel, texts

RAW = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|_|[a-z]+-[a-z]+")


@dataclass
class FakeCase:
    """The fields of a case the panel reads (a plain value, not our code)."""

    kind: str = "emergency_revocation"
    state: str = "needs_triage"
    applicant_id: int | None = 1
    certificate_id: int | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)


@dataclass
class FakeEvent:
    actor: str
    action: str
    detail: dict[str, Any]


def words(lines: list[casepanel.Line], language: str) -> list[str]:
    t = texts.translator(language)
    return [t(line.key, **line.values) for line in lines]


@pytest.mark.parametrize(("case", "step"), [
    (FakeCase(applicant_id=None), "link_applicant"),
    (FakeCase(), "enter_serial"),
    (FakeCase(certificate_id=3), "triage"),
    (FakeCase(kind="cancellation"), "triage"),
    (FakeCase(state="awaiting_documents", certificate_id=3), "documents"),
    (FakeCase(state="awaiting_callback", certificate_id=3), "callback"),
    (FakeCase(state="awaiting_approval", certificate_id=3), "approve"),
    (FakeCase(state="executing", certificate_id=3), "executing"),
    (FakeCase(state="revoked", certificate_id=3), "done"),
    (FakeCase(kind="faq"), "triage"),
])
def test_one_next_step_for_every_situation(case: FakeCase, step: str) -> None:
    assert casepanel.next_step(case, failed=False, has_pending_callback=True, certificates=2) == step
    assert casepanel.next_step(case, failed=True, has_pending_callback=True, certificates=2) == "failed"
    assert f"next_{step}" in texts.TEXTS


def test_warnings_name_the_revoking_case_and_open_duplicates() -> None:
    dup = Duplicate("MDG-000002", "emergency_revocation", "awaiting_callback", same_applicant=True,
                    same_certificate=False)
    found = casepanel.warnings(FakeCase(state="refused"), revoked_in="MDG-000006", certificate_revoked=True,
                               duplicates=[dup], rule="already-revoked")
    assert words(found, "ja") == ["この証明書は MDG-000006 で失効済みです。", "同じ申込者の未完了案件があります。"]
    # The case's own revocation is its result, not a warning.
    assert casepanel.warnings(FakeCase(state="revoked"), revoked_in=None, certificate_revoked=True, duplicates=[],
                              rule=None) == []


@pytest.mark.parametrize("kind", [k.value for k in wf.Kind])
@pytest.mark.parametrize("facts", [wf.Facts(), wf.Facts(applicant_known=True, has_registered_phone=True,
                                                        certificate_known=True, days_since_issuance=4),
                                   wf.Facts(applicant_known=True, certificate_known=True, certificate_revoked=True)])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_facts_are_sentences_never_raw_keys(kind: str, facts: wf.Facts, language: str) -> None:
    lines = casepanel.fact_lines(FakeCase(kind=kind, facts=asdict(facts)))
    said = words(lines, language)
    assert said and not any(RAW.search(s) for s in said), said
    assert all(line.ok in (True, False, None) for line in lines)


def test_facts_follow_the_register_today() -> None:
    facts = asdict(wf.Facts(applicant_known=True, certificate_known=True))
    assert "fact_certificate_revoked" in [x.key for x in casepanel.fact_lines(FakeCase(facts=facts), True)]


def test_reasons_in_words_and_unknown_ones_left_to_the_toggle() -> None:
    lines = casepanel.reason_lines(["compromise: 'ノートPCを紛失'", "model: faq 0.10", "decision: x",
                                    "serial unclear: none of deadbeef is a certificate of this applicant",
                                    "manual intake by alice"])
    assert words(lines, "ja") == ["紛失・盗難・漏えいを示す語句：「ノートPCを紛失」",
                                  "記載のシリアル番号はこの申込者の証明書と一致しない", "alice が手動で受け付けた"]


def test_a_fax_serial_read_unsure_is_said_apart_from_an_unread_fax() -> None:
    lines = casepanel.reason_lines(["fax: serial unclear, the reads disagree (4ecc / dece); check it",
                                    "fax: 1 page(s), text from ocr"])
    assert words(lines, "ja") == ["FAX のシリアル番号を確実には読み取れなかった（登録簿と照合する）"]


def test_a_read_fax_says_what_was_read_and_an_unread_one_says_so_once() -> None:
    read = casepanel.reason_lines([
        "fax: gateway sender fax@gw.example.jp", "fax: 1 page(s), text from ocr",
        "fax: form title '緊急失効申請書' (similarity 0.93) is a emergency_revocation form",
        "fax: serial 3a7f01c2 read alike by independent reads",
    ])
    assert words(read, "ja") == ["FAX の様式を読み取った：緊急失効", "FAX のシリアル番号は独立した読み取りで一致した"]
    assert words(read, "en") == ["Form read from the fax: Emergency revocation",
                                 "The fax's serial was read alike by independent reads"]
    worded = casepanel.reason_lines(["fax: the form's words ('紛失') make it a emergency_revocation form"])
    assert words(worded, "en") == ["Form read from the fax: Emergency revocation"]
    unread = casepanel.reason_lines([
        "fax: 1 page(s), text from ocr", "fax: no legible text",
        "decision: the fax was read, but nothing in it was understood; a person must look at it",
    ])
    assert words(unread, "ja") == ["FAX を読み取れなかった（人が確認する）"]
    failed = casepanel.reason_lines([
        "fax: 1 page(s), text from none",
        "fax: OCR failed (tesseract ran out of time twice (60 s, then 120 s)); the faxed pages were not read",
    ])
    assert words(failed, "ja") == ["FAX を読み取れなかった（人が確認する）"]


def test_a_case_opened_on_an_unread_fax_says_so_once_beside_the_readers_reason() -> None:
    # The case's own mark (core.cases writes it when the intake could not read the pages).
    own = write_reason(ReasonKind.FAX_PAGES_UNREAD)
    assert words(casepanel.reason_lines([own]), "ja") == ["FAX を読み取れなかった（人が確認する）"]
    both = casepanel.reason_lines([write_reason(ReasonKind.FAX_BLANK), own])
    assert words(both, "en") == ["The fax could not be read (a person must read it)"]


# Invented parameters for the kinds whose line depends on what the reason says.
_PARAMS: dict[ReasonKind, dict[str, Any]] = {
    ReasonKind.RULE: {"rule": "death", "words": "他界"},
    ReasonKind.KEYWORD: {"words": "盗難"},
    ReasonKind.MANUAL_INTAKE: {"who": "hanako"},
    ReasonKind.SERIAL_UNCLEAR: {"serials": "0a1b", "on_record": "99ff"},
    ReasonKind.SERIAL_LOOSE: {"serial": "5e6f7a8b"},
    ReasonKind.REGISTER: {"before": "revocation", "after": "cancellation"},
    ReasonKind.REPLY_RULE: {"rule": "reply-unestablished-sender", "why": "no DKIM", "outcome": "ack"},
    ReasonKind.FORM_RELAY: {"found": "form fields (mail, message)"},
    ReasonKind.FAX_SERIAL_UNCLEAR: {"detail": "the reads disagree (1234 / 1284)"},
    ReasonKind.FAX_FORM_TITLE: {"title": "死亡届", "similarity": 0.9, "form": "death_notice"},
    ReasonKind.FAX_FORM_WORDS: {"words": "盗まれ", "form": "emergency_revocation"},
    ReasonKind.FAX_SERIAL_READ: {"serials": "c0ffee01"},
    ReasonKind.FAX_UNOPENED: {"error": "ValueError"},
    ReasonKind.FAX_OCR_FAILED: {"failure": "tesseract is not installed"},
    ReasonKind.POSSIBLE_EMERGENCY: {"why": "the models lean to it"},
    ReasonKind.PROMOTED: {"why": "since it may well be one", "read_as": "correction"},
    ReasonKind.AUTOMATED_OVERRULED: {"verdict": "auto_reply"},
}


@pytest.mark.parametrize("kind", [k for k in ReasonKind if k not in casepanel.RAW_ONLY])
def test_every_kind_of_reason_is_said_unless_it_is_left_to_the_raw_list_on_purpose(kind: ReasonKind) -> None:
    lines = casepanel.reason_lines([write_reason(kind, **_PARAMS.get(kind, {}))])
    assert len(lines) == 1, kind
    for language in ("ja", "en"):
        assert words(lines, language)[0] and not RAW.search(words(lines, language)[0])


def test_a_possible_emergency_is_said_in_both_languages() -> None:
    lines = casepanel.reason_lines([
        "question: 'どうなりますか'",
        "possible emergency: the rules saw a compromise (compromise: 'x') but decided faq",
        "decision: a question without a first-person request or incident",
    ])
    assert words(lines, "ja") == ["質問の語句：「どうなりますか」",
                                  "緊急失効の可能性がある（急ぎ扱う。折り返し電話で事故を確かめ、種別を確定する）"]
    assert words(lines, "en")[-1] == (
        "This may be an emergency revocation (worked urgently: confirm the incident on the call back"
        " and settle the kind)")


@pytest.mark.parametrize("rule", [*wf.Rule, *ReplyRule])
def test_every_rule_id_is_a_sentence_in_both_languages(rule: wf.Rule | ReplyRule) -> None:
    for language in ("ja", "en"):
        said = texts.text(f"rule_{rule.value}", language)
        assert rule.value not in said and said.endswith((".", "。", "）", ")"))


def test_audit_events_read_as_sentences() -> None:
    ev = FakeEvent("bob", "Approved", {"from": "awaiting_approval", "to": "executing", "note": "確認済み",
                                       "event": {"operator_id": 2, "facts": None}})
    assert casepanel.audit_sentence(ev, "ja") == "bob：承認した （承認待ち → 実行中） メモ「確認済み」"
    assert casepanel.audit_sentence(ev, "en") == "bob: approved (Awaiting approval → Executing) note “確認済み”"
    refused = FakeEvent("system", "Opened", {"from": "new", "to": "refused", "rule": "already-revoked"})
    assert "この証明書はすでに失効しています。" in casepanel.audit_sentence(refused, "ja")
    # Every event type of the workflow has its words.
    for event in wf.Event.__args__:  # type: ignore[attr-defined]
        assert f"audit_{event.__name__}" in texts.TEXTS


def test_one_word_for_a_revocation_request() -> None:
    shown = " ".join(ja for ja, _ in texts.TEXTS.values())
    assert "失効申請" not in shown and "失効請求" in texts.text("kind_revocation", "ja")


def test_a_case_worked_as_urgently_as_an_emergency_without_being_one_is_marked_beside_its_kind() -> None:
    # The mark comes from the case's urgency column, never from what the customer wrote in the subject.
    assert casepanel.urgency_mark("possible_emergency") == "mark_possible_emergency"
    assert casepanel.urgency_mark("fax_unread") == "mark_fax_unread"
    assert casepanel.urgency_mark(None) is None
    assert casepanel.urgency_mark("【緊急の可能性】 至急ご確認ください") is None
    # Each mark has its words in both languages.
    assert all(len(texts.TEXTS[f"mark_{u.value}"]) == 2 for u in Urgency)


def test_taking_the_urgency_mark_off_reads_as_a_sentence_naming_the_mark() -> None:
    ev = FakeEvent("alice", "urgency_cleared", {"urgency": "possible_emergency", "because": "Reclassified"})
    assert casepanel.audit_sentence(ev, "ja") == "alice：緊急扱いの印を外した （緊急の可能性）"
    assert casepanel.audit_sentence(ev, "en") == "alice: took off the urgency mark (Possibly an emergency)"


def test_a_possible_emergency_made_one_says_what_its_words_alone_read_as() -> None:
    lines = casepanel.reason_lines([
        "possible emergency: the models give emergency_revocation 0.31, close to faq",
        "decision: a question without a first-person request or incident",
        "decision: worked as an emergency revocation, since it may well be one (read otherwise as faq)",
    ])
    assert words(lines, "ja")[-1] == "文面だけなら「お問い合わせ」と読める（緊急失効として扱っている）"
    assert words(lines, "en")[-1] == "From its words alone it reads as: Question (worked as an emergency revocation)"
    # An intent the page has no words for is left to the raw reasons.
    odd = casepanel.reason_lines(["decision: worked as an emergency revocation, since … (read otherwise as nonsense)"])
    assert odd == []

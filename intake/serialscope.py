"""Which of the serials a mail names it asks about: a serial the writer says to keep is left out.

A writer with two certificates often names both and asks for one ("個人用はそのまま使います。
会社用の方だけ失効してください", "Keep 4A7C… (personal). Please revoke the work one, 9F01…").
Acting on both would revoke a certificate its holder still uses.  This module reads, for each
exact serial in the writer's own text, the clause around it and the name it is listed under
("個人用：", "旧証明書"), and leaves out a serial that the writer says to keep.

A serial the writer plainly says not to revoke ("…はそのまま使いますので失効しないでください",
"do not revoke 5B0C…") is left out even when it is the only one: the mail asks about another
certificate (an application to cancel) and acting on that serial would revoke one in use.
Softer words that only say a certificate stays in use narrow a choice of two or more and never
leave a mail with no serial (the register check and the operator decide).  Every serial left
out is named in a reason, and stays among the mail's candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.serials import locate_serials
from intake.wishes import NEGATED_TOPIC, NOT_THIS_ONE, NOT_WANTED, wanted_only

# Words that say a certificate stays in use ("そのまま使います", "keep", "is fine").
_KEEP = re.compile(
    r"そのまま|引き続き|継続|使い続け|(?:は|も)(?:今後も|まだ)?使(?:います|っています|う予定)"
    r"|(?:問題|異常|影響)(?:は|も)?(?:ありません|ない|なし)|失効しないで|失効(?:は)?不要|残して|生きて"
    r"|有効のまま|無事です?|手元にあります|無くしていません|なくしていません"
    r"|\bkeep\b|\bkeeping\b|\bstill\s+(?:in\s+use|use|using|need|valid|fine|ok|have)|\bis\s+(?:fine|ok|safe|unaffected)\b"
    r"|\bnot\s+affected\b|\bunaffected\b|\b(?:do\s+not|don'?t|please\s+don'?t)\s+revoke\b|\bleave\b"
    r"|\bremains?\s+valid\b|\bnot\s+(?:this|that)\s+one\b",
    re.I,
)
# Words that ask for a revocation or a cancellation in the same clause.
_ASK = re.compile(
    r"失効|取り?消|廃止|無効|止めて|とめて|停止|キャンセル|revok|cancel|invalidat|disable|deactivat|\bstop\b|\bkill\b",
    re.I,
)
# Words that ask for something to be done to a certificate, or tell what makes it needed: a
# revocation or a cancellation (:data:`_ASK`), a correction or a reissue, a loss, a theft, a
# leak, a death.  A mail with none of them, once what the writer does not want is taken out,
# asks nothing of the certificates it names.
_ACTION = re.compile(
    _ASK.pattern + r"|訂正|修正|変更|変わ|誤記|誤り|違って|再発行|紛失|盗|漏|流出|亡くな|死亡|逝去|他界"
    r"|correct|reissue|re-issue|\bchang|\bmoved\b|\bwrong\b|\blost\b|stolen|leak|compromis|\bdied\b|passed\s+away|deceased",
    re.I,
)
# Words that say nothing needs doing ("特に対応不要です", "no action is needed").
_NO_ACTION_NEEDED = re.compile(
    r"(?:対応|手続き?|作業|処理|ご対応)(?:は|も)?(?:特に|一切)?(?:不要|必要ありません|必要ございません|いりません)"
    r"|\bno\s+(?:action|further\s+action)\s+(?:is\s+)?(?:needed|required|necessary)\b|\bnothing\s+(?:needs\s+to\s+be\s+done|to\s+do)\b",
    re.I,
)
# Words that point at the certificates listed in the mail as a whole ("下記3件", "上記の証明書", "the following").
_LISTED_AS_A_WHOLE = re.compile(
    r"(?:下記|上記|以下|以上)の?(?:\d+|[二三四五])?(?:件|枚|つ|通|証明書)"
    r"|\b(?:the\s+)?(?:following|above|listed)\s+(?:\w+\s+)?(?:certificates|certs|ones|serials)\b|\ball\s+(?:of\s+)?(?:these|them|the\s+above)\b",
    re.I,
)
# "Both", "all of them": the writer asks about every certificate named, whatever else is said.
_ALL = re.compile(
    r"両方|どちらも|いずれも|全て|すべて|全部|2枚とも|二枚とも|\bboth\b|\ball\s+(?:of\s+)?(?:them|the|my|these|three|two)\b",
    re.I,
)
# "not A but B": the value before it is the one not meant ("A ではなく B を…" is read with
# :data:`intake.wishes.NOT_THIS_ONE`).
_NOT_BEFORE = re.compile(r"\bnot\s+(?:the\s+one\s+)?(?:with\s+)?(?:serial\s*(?:no\.?|number)?\s*)?$", re.I)
# Where a sentence or a clause ends; a verb's te-form or stem and a comma join two clauses ("…は残して、
# …を失効", "…を失効し、…は残して"), as "and" joins a clause that keeps ("revoke A and keep B").
_CLAUSE_END = re.compile(
    r"[。！？!?\n]|(?<=[a-z0-9)]{2})[.;](?:\s|$)|、?(?:が|けど|けれど|ですが|ものの)、|(?<=[てし])、"
    r"|\bbut\b|\bhowever\b|\bwhile\b|,?\s\band\b(?=\s+(?:please\s+)?(?:keep|leave|do\s+not|don'?t)\b)",
    re.I,
)
# The name a serial is listed under on its line ("個人用：シリアル 4A7C…", "(2) 旧証明書 …").
_LIST_NAME = re.compile(
    r"^[\s\-・*•>]*(?:\(?\d{1,2}[).]\s*)?(?P<name>[^\s:：=]{2,12}?)\s*(?:の証明書|証明書|用)?\s*[:：]?\s*"
    r"(?:シリアル(?:番号|ナンバー)?|serial(?:\s*(?:no\.?|number))?|s/n)?\s*[:：=]?\s*$",
    re.I,
)


@dataclass(frozen=True)
class Scope:
    """The serials the mail asks about, and why any named serial was left out."""

    serials: list[str]
    reasons: list[str]


def _clauses(norm: str) -> list[tuple[int, int]]:
    """Split *norm* into clause spans."""
    spans, start = [], 0
    for mark in _CLAUSE_END.finditer(norm):
        spans.append((start, mark.end()))
        start = mark.end()
    spans.append((start, len(norm)))
    return [(a, b) for a, b in spans if norm[a:b].strip()]


def _clause_at(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in clauses if a <= pos < b), (pos, pos))


def _list_name(norm: str, start: int) -> str:
    """The name the value at *start* is listed under on its own line, or ""."""
    line_start = norm.rfind("\n", 0, start) + 1
    match = _LIST_NAME.match(norm[line_start:start])
    return match.group("name") if match else ""


def _kept(norm: str, span: tuple[int, int], clauses: list[tuple[int, int]]) -> str:
    """Why the writer means to keep the serial at *span*, or "" when nothing says so."""
    start, end = span
    if NOT_THIS_ONE.match(norm, end) or _NOT_BEFORE.search(norm[max(0, start - 40) : start]):
        return "named as the one not meant"
    a, b = _clause_at(clauses, start)
    own = norm[a:start] + " " + norm[end:b]
    keep = _KEEP.search(own)
    if keep and not _ASK.search(NOT_WANTED.sub(" ", own)):
        return f"its clause says to keep it ({keep.group(0)})"
    name = _list_name(norm, start)
    if not name:
        return ""
    told = [norm[x:y] for x, y in clauses if name in norm[x:y] and not x <= start < y]
    if any(_KEEP.search(c) and not _ASK.search(c) for c in told) and not any(_ASK.search(c) for c in told):
        return f"the writer says to keep the one listed as {name}"
    return ""


def _told_not_to(norm: str, span: tuple[int, int], clauses: list[tuple[int, int]]) -> str:
    """Why the serial at *span* is plainly not to be revoked ("…はそのまま使いますので失効しないでください"), or ""."""
    a, b = _clause_at(clauses, span[0])
    own = norm[a : span[0]] + " " + norm[span[1] : b]
    told = NOT_WANTED.search(own)
    if told and not _ASK.search(NOT_WANTED.sub(" ", own)):
        return f"its clause says not to revoke it ({told.group(0)})"
    return ""


def _asks_nothing(norm: str) -> str:
    """Why the mail asks nothing of the certificates it names, or "" when it may ask something.

    A writer who gives a serial as background to a question ("証明書を誤って削除しました。
    シリアルは … でした。失効は希望しません。戻せますか") or lists serials that stay in use ("下記3件は
    継続で問題ありません") says so, and names no action and no loss anywhere else in the mail.
    """
    set_aside = [m.group(0) for m in NOT_WANTED.finditer(norm)]
    set_aside += [m.group(0) for m in NEGATED_TOPIC.finditer(norm) if _ASK.search(m.group(0))]
    set_aside += [m.group(0) for m in _NO_ACTION_NEEDED.finditer(norm)]
    # Words that only say a certificate stays in use are soft: they count here only in a clause
    # that points at the listed certificates as a whole ("下記3件は継続で問題ありません").
    for a, b in _clauses(norm):
        keep = _KEEP.search(norm, a, b)
        if keep and _LISTED_AS_A_WHOLE.search(norm, a, b):
            set_aside.append(keep.group(0))
    if not set_aside or _ACTION.search(wanted_only(norm)):
        return ""
    return f"the mail asks nothing of the certificates it names ({set_aside[0]})"


def requested_serials(text: str, serials: list[str]) -> Scope:
    """Narrow *serials* (exact, found in *text*) to those the writer asks about.

    A serial whose own clause says not to revoke it ("失効しないでください", "do not revoke")
    is always left out, even the only one.  Words that only say a certificate stays in use
    ("そのまま使います", "keep") narrow a choice of two or more, and never leave none.
    """
    if not serials:
        return Scope([], [])
    norm, located = locate_serials(text)
    spans = {c.value: span for c, span in located if c.exact and c.value in serials}
    clauses = _clauses(norm)
    if any(_ALL.search(norm[a:b]) and _ASK.search(NOT_WANTED.sub(" ", norm[a:b])) for a, b in clauses):
        return Scope(list(serials), [])
    told = {value: _told_not_to(norm, span, clauses) for value, span in spans.items()}
    if len(serials) < 2 or len(spans) < 2:
        why = told
    else:
        why = {value: told[value] or _kept(norm, span, clauses) for value, span in spans.items()}
    left_out = [v for v in serials if why.get(v)]
    if not left_out or (len(left_out) == len(serials) and not all(told.get(v) for v in left_out)):
        left_out = []
    reasons = [f"serial {v} left out: {why[v]}" for v in left_out]
    kept = [v for v in serials if v not in left_out]
    nothing = _asks_nothing(norm) if kept else ""
    if nothing:
        return Scope([], [*reasons, *(f"serial {v} left out: {nothing}" for v in kept)])
    return Scope(kept, reasons)

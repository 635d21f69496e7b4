"""Detection of mail written by machines: auto-replies and delivery failure reports (bounces).

Neither must ever be answered (that is how mail loops start) nor treated as a customer's
request.  For a bounce the original Message-ID is recovered from the returned message
(``message/rfc822``) or its headers (``text/rfc822-headers``) so that the failure can be
attached to the case whose mail bounced.

A mailing list or newsletter (``List-Id``, ``List-Unsubscribe``, ``Precedence: bulk``) is
not an automatic *reply*: it is mail of intent ``other``, and those headers count only as
weak signs.  Ticket systems' acknowledgements (「お問い合わせを受け付けました」, "[#12345]
We have received your request") are auto-replies even when their text names our topics
(an acknowledgement of a 失効 request quotes the word 失効).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import compat32
from typing import Any, Literal

from intake.parse import ParsedMail, parse_message

Verdict = Literal["none", "auto_reply", "bounce"]

_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce[s]?)@", re.I)
_BOUNCE_SUBJECTS = re.compile(
    r"undelivered mail returned to sender|delivery status notification \((?:failure|delay)\)"
    r"|undeliverable|mail delivery (?:failed|failure|subsystem)|returned mail|failure notice"
    r"|delivery failure|配信不能|配送不能|配信エラー|送信エラー|宛先不明|メール配送失敗|配信に失敗"
    r"|配信できませんでした|送信できませんでした|届きませんでした|配送できませんでした|未配達|配信遅延|配送遅延"
    r"|returned mail|delayed mail|delivery (?:status notification|delayed|incomplete)|non-?delivery|nondeliverable",
    re.I,
)
_AUTO_SUBJECTS = re.compile(
    r"out of (?:the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|away from"
    r"|vacation|不在|自動応答|自動返信|自動送信|休暇|外出中|長期休暇|受付完了のお知らせ",
    re.I,
)
_AUTO_TEXTS = re.compile(
    r"I (?:am|will be) (?:currently )?out of (?:the )?office|I am away|limited access to (?:my )?e-?mail"
    r"|この(?:メール|メッセージ)は(?:システム(?:より|から|にて)|送信専用アドレスから)?自動(?:的に)?(?:送信|返信|応答|配信)"
    r"|自動応答メッセージ|自動返信メール|自動送信メール|送信専用(?:アドレス|メール)"
    r"|(?:this is an|this is an automated|this is an automatic) (?:automated |automatic )?(?:reply|response|message)"
    r"|do not reply to this (?:e-?mail|message)|we have received your (?:request|message|inquiry|e-?mail)"
    r"|お問い?合わ?せを受け付けました|以下の内容で受け付けました|受付番号.{0,20}(?:にて|で)受け付け"
    r"|(?:不在|休暇)(?:のため|中|に(?:つき|より))|出張のため.{0,20}(?:返信|ご連絡)",
    re.I,
)
_AUTO_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)?(?:automatic reply|auto[- ]?reply|out of (?:the )?office|autoreply"
    r"|自動返信|自動応答|不在通知|不在のお知らせ|【自動返信】|【自動応答】|【不在】)",
    re.I,
)
_PRECEDENCE = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
# Precedence values that say the mail is an automatic reply by themselves.
_DECISIVE_PRECEDENCE = {"junk", "auto_reply", "auto-reply"}
_TICKET_SUBJECT = re.compile(
    r"^\s*(?:\[[A-Z]{2,6}[-#]?\d{3,}\]|\[#\d{3,}\]|#\d{4,})\s*(?!re\b)", re.I
)
_ACK_SUBJECT = re.compile(
    r"受け?付け?(?:ました|いたしました|完了)|受付のお知らせ|受付確認|we(?:'ve| have) received|request received"
    r"|received your (?:request|message|inquiry)|ticket (?:created|received|opened)|acknowledg",
    re.I,
)
_BOUNCE_TEXTS = re.compile(
    r"This is the qmail-send program|I'm afraid I wasn't able to deliver your message"
    r"|This is the mail system at host|Delivery has failed to these recipients"
    r"|could not be delivered to one or more recipients"
    r"|Your message (?:did not reach|wasn't delivered|could not be delivered)"
    r"|The following (?:message|address(?:es)?) (?:to .{0,80})?(?:was|were|had)"
    r" (?:undeliverable|permanent fatal errors)"
    r"|(?:メール|メッセージ)(?:は|を)?.{0,20}(?:配信|配送|送信)(?:でき|され)ませんでした"
    r"|宛先(?:の)?(?:メール)?アドレスが(?:見つかりません|存在しません)",
    re.I,
)
_MSGID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class AutomatedResult:
    """The verdict, why it was reached, and a bounce's original Message-ID if found."""

    verdict: Verdict
    reasons: list[str] = field(default_factory=list)
    original_message_id: str | None = None

    def __iter__(self) -> Iterator[Any]:
        # Allows ``verdict, reasons = detect_automated(p)`` as documented for the lead.
        return iter((self.verdict, self.reasons))


def _bounce_reasons(p: ParsedMail) -> list[str]:
    """Collect every sign that *p* is a delivery status notification."""
    reasons: list[str] = []
    ctype = p.headers.get("content-type", "").lower()
    if "multipart/report" in ctype and "delivery-status" in ctype:
        reasons.append("content-type multipart/report; report-type=delivery-status")
    if any(a.content_type == "message/delivery-status" for a in p.attachments):
        reasons.append("has a message/delivery-status part")
    if _BOUNCE_SENDERS.match(p.from_addr):
        reasons.append(f"sender is {p.from_addr.split('@')[0].lower()}")
    if p.headers.get("return-path", "").strip() in ("<>", "") and "return-path" in p.headers:
        reasons.append("empty return path")
    if _BOUNCE_SUBJECTS.search(p.subject):
        reasons.append(f"bounce subject: {_BOUNCE_SUBJECTS.search(p.subject).group(0)!r}")  # type: ignore[union-attr]
    if p.headers.get("x-failed-recipients"):
        reasons.append("X-Failed-Recipients present")
    text_hit = _BOUNCE_TEXTS.search(p.text[:4000])
    if text_hit:
        reasons.append(f"bounce text: {text_hit.group(0)!r}")
    return reasons


def _auto_reply_reasons(p: ParsedMail) -> list[str]:
    """Collect every sign that *p* is an automatic reply (vacation, autoresponder, list)."""
    reasons: list[str] = []
    auto_submitted = p.headers.get("auto-submitted", "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        reasons.append(f"Auto-Submitted: {auto_submitted}")
    for name in ("x-autoreply", "x-autorespond", "x-auto-response-suppress-reply", "x-autogenerated"):
        if name in p.headers:
            reasons.append(f"{name} header present")
    precedence = p.headers.get("precedence", "").strip().lower()
    if precedence in _PRECEDENCE:
        reasons.append(f"Precedence: {precedence}" + ("" if precedence in _DECISIVE_PRECEDENCE else " (weak)"))
    if "list-id" in p.headers or "list-unsubscribe" in p.headers:
        reasons.append("mailing list headers present (weak)")
    if p.headers.get("x-ms-exchange-generated-message-source") or p.headers.get("x-ms-exchange-inbox-rules-loop"):
        reasons.append("Exchange generated message")
    subject_hit = _AUTO_SUBJECTS.search(p.subject)
    if subject_hit:
        reasons.append(f"auto-reply subject: {subject_hit.group(0)!r}")
    text_hit = _AUTO_TEXTS.search(p.new_text[:2000])
    if text_hit:
        reasons.append(f"auto-reply text: {text_hit.group(0)!r}")
    if _TICKET_SUBJECT.match(p.subject) and _ACK_SUBJECT.search(p.subject + "\n" + p.new_text[:600]):
        reasons.append("ticket system acknowledgement")
    return reasons


def _original_message_id(p: ParsedMail) -> str | None:
    """Find the Message-ID of the mail that bounced, from the returned message or headers."""
    for att in p.attachments:
        if att.content_type in ("message/rfc822", "text/rfc822-headers", "message/global"):
            try:
                inner = message_from_bytes(att.payload, policy=compat32)
                found = _MSGID.findall(str(inner.get("message-id", "")))
            except Exception:  # noqa: BLE001 - a broken returned message just yields no id.
                found = []
            if found:
                return found[0]
    # Some gateways paste the original headers into the body instead.
    match = re.search(r"^\s*Message-ID:\s*(<[^<>\s]+>)", p.text, re.I | re.M)
    return match.group(1) if match else None


def detect_automated(mail: ParsedMail | bytes) -> AutomatedResult:
    """Classify a mail as ``none``, ``auto_reply`` or ``bounce`` with the reasons recorded.

    Accepts a :class:`ParsedMail` or raw bytes.  The result unpacks as
    ``verdict, reasons``; a bounce's ``original_message_id`` is an attribute.  A bounce
    needs strong evidence (a DSN part or a daemon sender) or two weaker signs, because
    customers do forward bounces with a question of their own.
    """
    p = mail if isinstance(mail, ParsedMail) else parse_message(bytes(mail))
    bounce = _bounce_reasons(p)
    strong_signs = ("content-type", "has a message/delivery-status", "sender is", "bounce text: 'This is the qmail")
    strong = any(r.startswith(strong_signs) for r in bounce)
    if strong or len(bounce) >= 2:
        return AutomatedResult("bounce", bounce, _original_message_id(p))
    auto = _auto_reply_reasons(p)
    # Header signs decide alone; so does a subject that starts with an auto-reply label
    # ("自動返信:", "Automatic reply:").  A phrase in the text alone does not, because a
    # customer may well write "不在のため" in a real request.
    weak = ("auto-reply subject", "auto-reply text")
    decisive = [r for r in auto if not r.startswith(weak) and not r.endswith("(weak)")]
    if _AUTO_SUBJECT_PREFIX.match(p.subject):
        decisive.append("subject starts with an auto-reply label")
    if decisive or len([r for r in auto if r.startswith(weak) or r == "ticket system acknowledgement"]) >= 2:
        return AutomatedResult("auto_reply", auto + [r for r in decisive if r not in auto])
    return AutomatedResult("none", auto)

"""The outgoing mail templates: Jinja2 text in one place, rendered in a sandbox.

Each kind of mail is one file in ``intake/mail_templates/<kind>.txt``: the first line is the
subject, then a blank line, then the body (Japanese first, English second).  An admin may
replace a template's subject and body on the dashboard; such an edit is stored in the database
(:mod:`core.mailtemplates`) and handed in as ``source``; without one, the file is the template.

Templates run in Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment`, so an edited template
cannot reach Python internals.  When a mail is sent, a field the context lacks shows as ``-``
(never an error); :func:`validate` is strict instead, so a misspelt field is refused before an
edit is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError, Undefined
from jinja2.sandbox import SandboxedEnvironment

DIRECTORY = Path(__file__).with_name("mail_templates")
#: Largest subject and body an admin may save.
MAX_SUBJECT = 200
MAX_BODY = 20_000

KIND_NAMES: dict[str, tuple[str, str]] = {
    "cancellation": ("発行申込の取り消し", "cancellation of an application"),
    "revocation": ("失効請求", "revocation"),
    "emergency_revocation": ("緊急失効", "emergency revocation"),
    "death_notice": ("名義人死亡届による失効", "revocation after the holder's death"),
    "correction": ("記載内容の訂正", "correction of certificate contents"),
    "faq": ("お問い合わせ", "question"),
    "other": ("お問い合わせ", "enquiry"),
}

#: Mails that may go to a sender nobody has established (core.replypolicy, the chat link):
#: they name nobody and say nothing about a case or anyone's records.
NAMELESS: frozenset[str] = frozenset({"ack_unverified", "faq_answer_public", "chat_link"})

#: Every field a template may use, with an example value (used to validate an edit).
SAMPLE_CONTEXT: dict[str, object] = {
    "tag": "MDG-000123", "kind": "emergency_revocation", "kind_ja": "緊急失効", "kind_en": "emergency revocation",
    "name": "山田 太郎", "serial": "3A7F01C2", "crl_number": 42, "not_after": "2027-01-31",
    "question_ja": "有効期間を教えて下さい。", "question_en": "How long is a certificate valid?",
    "answer_ja": "有効期間は1年1ヶ月です。", "answer_en": "Certificates are valid for one year and one month.",
    "minutes": 30, "link": "https://ca.example.jp/chat/confirm/EXAMPLE",
    "renewal_reference": "R2027-0001", "renewal_url": "https://ca.example.jp/apply/",
    "reference": "A2026-0042", "note": "氏名（フリガナ）", "remaining": 2,
    # "possible_emergency" or "fax_unread" when the case is worked as urgently as an emergency on weak
    # evidence (core.urgency), else empty.
    "urgency": "possible_emergency",
}


class TemplateInvalid(ValueError):
    """A template that does not parse or render (the message says where)."""


@dataclass(frozen=True)
class MailTemplate:
    """The Jinja2 source of one mail: a one-line subject and a body."""

    subject: str
    body: str


class _Dash(Undefined):
    """A missing field shows as a dash in a sent mail, as the old ``str.format`` texts did."""

    def __str__(self) -> str:
        return "-"


_LENIENT = SandboxedEnvironment(undefined=_Dash, autoescape=False, keep_trailing_newline=False)
_STRICT = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def _read(path: Path) -> MailTemplate:
    subject, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return MailTemplate(subject.strip(), body.strip("\n"))


@lru_cache(maxsize=1)
def defaults() -> dict[str, MailTemplate]:
    """The templates shipped in ``mail_templates/``, by kind."""
    return {path.stem: _read(path) for path in sorted(DIRECTORY.glob("*.txt"))}


def kinds() -> tuple[str, ...]:
    """Every kind of mail there is a template for."""
    return tuple(defaults())


def full_context(context: Mapping[str, object]) -> dict[str, object]:
    """The context with the case kind's names in both languages added."""
    names = KIND_NAMES.get(str(context.get("kind", "other")), KIND_NAMES["other"])
    return {"kind_ja": names[0], "kind_en": names[1], **context}


def _one_line(text: str) -> str:
    # A subject is one header line: line breaks would be a header injection.
    return " ".join(text.split())


def render(kind: str, context: Mapping[str, object], source: MailTemplate | None = None) -> tuple[str, str]:
    """``(subject, body)`` of *kind* with *context*, from *source* or the shipped file.

    Raises :class:`KeyError` for an unknown kind and :class:`TemplateInvalid` when the
    template breaks (an admin's edit is validated before it is saved, so this is rare).
    """
    template = source or defaults()[kind]
    ctx = full_context(context)
    try:
        subject = _LENIENT.from_string(template.subject).render(ctx)
        body = _LENIENT.from_string(template.body).render(ctx)
    except TemplateError as exc:
        raise TemplateInvalid(f"{type(exc).__name__}: {exc}") from exc
    return _one_line(subject), body.strip("\n")


def validate(source: MailTemplate) -> tuple[str, str]:
    """Render *source* strictly against :data:`SAMPLE_CONTEXT`; raise :class:`TemplateInvalid` if it fails.

    Returns the sample rendering, which the admin page shows as the preview.
    """
    if not source.subject.strip() or not source.body.strip():
        raise TemplateInvalid("subject and body must not be empty")
    if len(source.subject) > MAX_SUBJECT or len(source.body) > MAX_BODY:
        raise TemplateInvalid(f"subject at most {MAX_SUBJECT} and body at most {MAX_BODY} characters")
    try:
        subject = _STRICT.from_string(source.subject).render(SAMPLE_CONTEXT)
        body = _STRICT.from_string(source.body).render(SAMPLE_CONTEXT)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise TemplateInvalid(f"{type(exc).__name__}{where}: {exc}") from exc
    return _one_line(subject), body.strip("\n")


class JinjaMailTexts:
    """These templates as the core's ``MailTexts`` port (plain ``(subject, body)`` tuples)."""

    def kinds(self) -> tuple[str, ...]:
        return kinds()

    def default(self, kind: str) -> tuple[str, str]:
        template = defaults()[kind]
        return template.subject, template.body

    def render(self, kind: str, context: Mapping[str, object],
               source: tuple[str, str] | None = None) -> tuple[str, str]:
        return render(kind, context, MailTemplate(*source) if source is not None else None)

    def validate(self, source: tuple[str, str]) -> tuple[str, str]:
        return validate(MailTemplate(*source))

    def fields(self) -> tuple[str, ...]:
        return tuple(SAMPLE_CONTEXT)

"""A web form's relay of a person's message: machine-sent, but a person's request.

A contact form on a company's or a reseller's site sends what a person typed as a mail.  Many
form scripts mark that mail ``Auto-Submitted: auto-generated`` (RFC 3834), because a program
sent it, and a detector that trusts the header alone would set the request aside as an
auto-reply.  The words in it are still a person's own: a correction request typed into a form is
a correction request.  What the header rightly says is only that nobody should answer it
*automatically*; that is decided apart from this, by :func:`intake.automated.reply_suppression`.

A relay is told by its shape: a block of form fields near the top (the sender's name, their mail
address, and the message itself), or the form's own banner line ("お問い合わせフォームからの送信",
"sent from the contact form").  A ticket system's acknowledgement quotes the same fields back to
the person who wrote them ("以下の内容で受け付けました"); that is an auto-reply, and is not a relay.
"""

from __future__ import annotations

import re
import unicodedata

from core.reasons import Kind, write
from intake.ackwords import RECEIVED_EN, RECEIVED_JA

# A form field's label at the start of a line, followed by a colon: "お名前: 岡本", "E-mail: a@b".
_NAME_FIELD = r"(?:お?名前|氏名|ご?担当者(?:名|様)?|name|your name|full name)"
_MAIL_FIELD = r"(?:メール(?:アドレス)?|e-?mail(?: address)?|mail)"
_MESSAGE_FIELD = (
    r"(?:(?:お問い?合わ?せ|ご相談|ご依頼)?内容|本文|ご用件|お問い?合わ?せ|ご質問|message|inquiry|enquiry"
    r"|comments?|details|your message|question)"
)
_FIELD_LINE = r"^[ \t]*[\[【]?{label}[\]】]?[ \t]*[:：]"
_FIELDS = {
    "name": re.compile(_FIELD_LINE.format(label=_NAME_FIELD), re.I | re.M),
    "mail": re.compile(_FIELD_LINE.format(label=_MAIL_FIELD), re.I | re.M),
    "message": re.compile(_FIELD_LINE.format(label=_MESSAGE_FIELD), re.I | re.M),
}
# The banner a form script writes above the fields.
_BANNER = re.compile(
    r"(?:お?問い?合わ?せ|ご?相談|申込み?|ご依頼|webサイト|ウェブサイト|ホームページ)?フォーム(?:から|より)(?:の)?(?:送信|投稿|お問い?合わ?せ)"
    r"|\b(?:sent|submitted) (?:from|via|through) (?:the|our|a) (?:web |website |online )?"
    r"(?:contact |inquiry |enquiry )?form\b"
    r"|\bnew (?:contact )?form submission\b",
    re.I,
)
# An acknowledgement that quotes the person's own fields back to them is a ticket system's reply.
# (The words it shares with intake.automated are kept in intake.ackwords.)
_ACKNOWLEDGES = re.compile(
    RECEIVED_JA + r"|承りました|以下の内容で"
    r"|" + RECEIVED_EN + r"|thank you for (?:contacting|your (?:inquiry|enquiry|message))"
    r"|(?:below|following) is a copy of|this is a copy of your",
    re.I,
)
#: How far from the top the fields or the banner must start.
HEAD_CHARS = 1200


def form_relay_reasons(text: str) -> list[str]:
    """Return why *text* is a web form's relay of a person's message (empty: it is not one)."""
    head = unicodedata.normalize("NFKC", text)[:HEAD_CHARS]
    if _ACKNOWLEDGES.search(head):
        return []
    fields = sorted(kind for kind, pattern in _FIELDS.items() if pattern.search(head))
    banner = _BANNER.search(head)
    if "message" in fields and (len(fields) == len(_FIELDS) or (banner and len(fields) >= 2)):
        found = f"form fields ({', '.join(fields)})" + (f" under {banner.group(0)!r}" if banner else "")
        return [write(Kind.FORM_RELAY, found=found)]
    return []

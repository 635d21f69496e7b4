"""Every text Madoguchi sends by email, Japanese first and English second.

The texts themselves are Jinja2 templates in ``intake/mail_templates/`` (one file per kind,
see :mod:`intake.mailtemplates`); admins may edit them on the dashboard.  This module adds
what every mail has around the template: the case tag in the subject and the signature.
Texts never ask for a phone number: callbacks always go to the number registered on the
application form.
"""

from __future__ import annotations

from collections.abc import Mapping

from intake import mailtemplates
from intake.mailtemplates import KIND_NAMES, NAMELESS, MailTemplate

__all__ = ["KINDS", "KIND_NAMES", "NAMELESS", "SEPARATOR", "SIGNATURE", "finish", "render"]

KINDS: tuple[str, ...] = mailtemplates.kinds()
SEPARATOR = "\n\n――――― English ―――――\n\n"
SIGNATURE = "-- \niPROVE CA局 窓口 / CA help desk\nこのメールにはご返信いただけます。 / You may reply to this message."


def finish(subject: str, body: str, tag: object) -> tuple[str, str]:
    """The subject with the case tag in front (once) and the body with the signature below."""
    prefix = f"[{tag}] " if tag else ""
    subject = " ".join(subject.split())
    if prefix and f"[{tag}]" in subject:
        prefix = ""
    return prefix + subject, body.rstrip() + "\n\n" + SIGNATURE + "\n"


def render(template: str, context: Mapping[str, object], source: MailTemplate | None = None) -> tuple[str, str]:
    """Return ``(subject, body)`` of *template* as sent: tag in the subject, signature below the body."""
    subject, body = mailtemplates.render(template, context, source)
    return finish(subject, body, context.get("tag"))

"""Use cases of the mail templates: list them, preview an edit, save it, go back to the default.

The shipped templates are files of the mail channel (read through the ``MailTexts`` port);
an admin's edit is a row of ``mail_template_edits`` that replaces the file's subject and
body until it is reset.  An edit is saved only when it renders (sandboxed, strict about
unknown fields), and every save and reset is audited with the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core.audit import AuditLog
from core.models import MailTemplateEdit
from core.ports import Clock, MailTexts
from core.services.actors import Actor, NotFound, NotPermitted


class TemplateRejected(ValueError):
    """The edited template does not render; the message says why."""


@dataclass(frozen=True)
class TemplateView:
    """One template as the admin page lists it."""

    kind: str
    subject: str
    body: str
    edited: bool
    updated_by: str | None
    updated_at: dt.datetime | None


def require_admin(actor: Actor) -> None:
    """Templates are what every customer reads: only admins change them."""
    if actor.role != "admin":
        raise NotPermitted("mail templates are edited by admins")


class TemplateActions:
    """The admin's use cases on mail templates, each in its own transaction."""

    def __init__(self, factory: sessionmaker[Session], texts: MailTexts, audit: AuditLog, clock: Clock) -> None:
        self.factory, self.texts, self.audit, self.clock = factory, texts, audit, clock

    def _view(self, kind: str, edit: MailTemplateEdit | None) -> TemplateView:
        if edit is not None:
            return TemplateView(kind, edit.subject, edit.body, True, edit.updated_by, edit.updated_at)
        subject, body = self.texts.default(kind)
        return TemplateView(kind, subject, body, False, None, None)

    def list(self) -> list[TemplateView]:
        """Every template, with the admin's edit where there is one."""
        with self.factory() as session:
            edits = {e.kind: e for e in session.execute(select(MailTemplateEdit)).scalars()}
            return [self._view(kind, edits.get(kind)) for kind in self.texts.kinds()]

    def fields(self) -> tuple[str, ...]:
        """The fields a template may use."""
        return self.texts.fields()

    def get(self, kind: str) -> TemplateView:
        if kind not in self.texts.kinds():
            raise NotFound(f"no mail template {kind}")
        with self.factory() as session:
            return self._view(kind, session.get(MailTemplateEdit, kind))

    def preview(self, subject: str, body: str) -> tuple[str, str]:
        """Render an edit with example data; raise :class:`TemplateRejected` if it does not render."""
        try:
            return self.texts.validate((subject, body.replace("\r\n", "\n")))
        except ValueError as exc:
            raise TemplateRejected(str(exc)) from exc

    def save(self, actor: Actor, kind: str, subject: str, body: str) -> None:
        """Store an admin's edit once it renders; the previous and new text go to the audit log."""
        require_admin(actor)
        if kind not in self.texts.kinds():
            raise NotFound(f"no mail template {kind}")
        body = body.replace("\r\n", "\n")
        self.preview(subject, body)
        now = self.clock.now()
        with self.factory() as session, session.begin():
            edit = session.get(MailTemplateEdit, kind, with_for_update=True)
            before = self._view(kind, edit)
            if edit is None:
                edit = MailTemplateEdit(kind=kind, subject=subject, body=body, updated_by=actor.username,
                                        updated_at=now)
                session.add(edit)
            else:
                edit.subject, edit.body, edit.updated_by, edit.updated_at = subject, body, actor.username, now
            self.audit.append(session, at=now, actor=actor.username, action="mail_template_edited",
                              detail={"kind": kind, "subject": subject, "body": body,
                                      "previous_subject": before.subject, "previous_body": before.body})

    def reset(self, actor: Actor, kind: str) -> None:
        """Drop the admin's edit: the shipped file is the template again (audited)."""
        require_admin(actor)
        if kind not in self.texts.kinds():
            raise NotFound(f"no mail template {kind}")
        now = self.clock.now()
        with self.factory() as session, session.begin():
            edit = session.get(MailTemplateEdit, kind, with_for_update=True)
            if edit is None:
                return
            session.delete(edit)
            self.audit.append(session, at=now, actor=actor.username, action="mail_template_reset",
                              detail={"kind": kind, "previous_subject": edit.subject, "previous_body": edit.body})

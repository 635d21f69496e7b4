"""The bundle of services one Madoguchi process runs on, handed to every channel.

The composition root (:mod:`madoguchi.app`) builds it; channels (dashboard, bots, intake)
receive it and never build services themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from core.audit import AuditLog
from core.cases import CaseService
from core.chat import ChatRouter
from core.handlers import Handlers
from core.inbound import DatabaseMessageStore
from core.jobs import JobQueue, Worker
from core.notify import QueueNotifier
from core.ports import Clock
from core.services.assignment import CaseAssignment
from core.services.cases import CaseActions
from core.services.jobs import FailureRecorder
from core.services.mailtemplates import TemplateActions
from core.services.replies import ReplyActions
from core.settings import Settings
from core.signer import SigningAdapter
from faq.live import LiveFaqEngine
from signing.authority import CertificateAuthority


@dataclass
class Container:
    """Everything one Madoguchi process needs, built once."""

    settings: Settings
    clock: Clock
    engine: Engine
    factory: sessionmaker[Session]
    read_factory: sessionmaker[Session]
    audit: AuditLog
    notifier: QueueNotifier
    cases: CaseService
    actions: CaseActions
    store: DatabaseMessageStore
    ca: CertificateAuthority
    signer: SigningAdapter
    faq: LiveFaqEngine
    chat: ChatRouter
    handlers: Handlers
    #: Replies to the customer, and the admins' mail template edits.
    replies: ReplyActions
    templates: TemplateActions
    #: Who works which case (the shift queue's owner).
    assignment: CaseAssignment

    def queue(self, worker_id: str | None = None) -> JobQueue:
        return JobQueue(self.factory, self.clock, self.handlers.table(), worker_id or self.settings.worker_id,
                        stale_after=dt.timedelta(seconds=self.settings.job_stale_seconds),
                        on_failed=FailureRecorder(self.audit, self.notifier))

    def worker(self, worker_id: str | None = None) -> Worker:
        return Worker(self.queue(worker_id), self.settings.worker_poll_seconds, tick=self.handlers.tick)

    def dispose(self) -> None:
        self.store.close()
        self.engine.dispose()
        # On SQLite the readers have an engine (and pool) of their own.
        reader = self.read_factory.kw.get("bind")
        if reader is not None and reader is not self.engine:
            reader.dispose()



"""The composition root: the one place that builds every service and plugs adapters into ports."""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from core.audit import AuditLog
from core.cases import CaseService
from core.chat import ChatRouter
from core.db import make_engine, make_read_sessionmaker, make_sessionmaker
from core.handlers import Handlers
from core.inbound import DatabaseMessageStore
from core.intake_adapter import interpret
from core.jobs import JobQueue, Worker
from core.notify import QueueNotifier
from core.ports import Clock, SystemClock
from core.settings import Settings
from intake.outgoing import send_message


class SmtpMailer:
    """Delivers mail to the configured relay (``intake.outgoing.send_message``, aiosmtplib)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    def send(self, message: EmailMessage) -> None:
        asyncio.run(send_message(message, self.host, self.port))


class FileMailer:
    """Writes each outgoing mail to a directory instead of sending it (no relay configured)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def send(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = str(message["Message-ID"]).strip("<>").replace("/", "_") + ".eml"
        tmp = self.directory / f".{name}.tmp"
        tmp.write_bytes(bytes(message))
        tmp.replace(self.directory / name)


class SigningAdapter:
    """Presents :class:`signing.authority.CertificateAuthority` as the workflow's ``Signer`` port."""

    def __init__(self, ca: Any) -> None:
        self.ca = ca

    def revoke(self, serial: int, reason: str | None, invalidity_date: Any, now: Any) -> int:
        from signing.errors import AlreadyRevoked

        try:
            return int(self.ca.revoke(serial, reason, invalidity_date, now))
        except AlreadyRevoked:
            # A retried job: the first run revoked and published, then died before recording it.
            info = self.ca.revocation(serial)
            if info is None:
                raise
            return int(info.crl_number)

    def refresh_if_due(self, now: Any) -> list[int]:
        return [published.number for published in self.ca.refresh_if_due(now)]


def audit_key(data_dir: Path) -> bytes:
    """The audit HMAC key, kept in the data directory (outside the database)."""
    path = data_dir / "audit.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(secrets.token_bytes(32))
        path.chmod(0o600)
    return path.read_bytes()


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
    store: DatabaseMessageStore
    ca: Any
    signer: SigningAdapter
    faq: Any
    chat: ChatRouter
    handlers: Handlers

    def queue(self, worker_id: str | None = None) -> JobQueue:
        return JobQueue(self.factory, self.clock, self.handlers.table(), worker_id or self.settings.worker_id,
                        stale_after=dt.timedelta(seconds=self.settings.job_stale_seconds))

    def worker(self, worker_id: str | None = None) -> Worker:
        return Worker(self.queue(worker_id), self.settings.worker_poll_seconds, tick=self.handlers.tick)

    def dispose(self) -> None:
        self.store.close()
        self.engine.dispose()
        # On SQLite the readers have an engine (and pool) of their own.
        reader = self.read_factory.kw.get("bind")
        if reader is not None and reader is not self.engine:
            reader.dispose()


def build_container(settings: Settings, clock: Clock | None = None) -> Container:
    """Build the whole object graph for *settings*."""
    from faq.engine import FaqEngine
    from faq.live import LiveFaqEngine
    from faq.store import load_examples
    from signing.factory import build_ca

    clock = clock or SystemClock()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.effective_database_url)
    factory = make_sessionmaker(engine)
    audit = AuditLog(audit_key(settings.data_dir))
    notifier = QueueNotifier()
    # Example phrasings added by operators on the dashboard are part of the knowledge base; the
    # engine is rebuilt when they change (right after an addition, and on the periodic tick for
    # the other processes sharing the database).
    faq = LiveFaqEngine(lambda examples: FaqEngine.load(threshold=settings.faq_threshold, extra_examples=examples),
                        lambda: load_examples(factory))

    def faq_lookup(faq_id: str) -> dict[str, str]:
        entry = faq.entry(faq_id)
        if entry is None:
            return {}
        return {"question_ja": entry.question, "answer_ja": entry.answer,
                "question_en": entry.question_en, "answer_en": entry.answer_en}

    def answer_faq(text: str, language: str) -> str | None:
        return faq.ask(text, language).faq_id

    cases = CaseService(clock, audit, notifier, settings.mail_from, settings.mail_domain, faq_lookup=faq_lookup)
    ca = build_ca(settings.data_dir, factory, settings.ca_key_passphrase, settings.public_base_url,
                  settings.crl_next_update_days)
    signer = SigningAdapter(ca)
    handlers = Handlers(factory=factory, clock=clock, cases=cases, signer=signer,
                        mailer=SmtpMailer(settings.relay_host, settings.relay_port) if settings.relay_host
                        else FileMailer(settings.data_dir / "outgoing"), notifier=notifier,
                        interpret=lambda raw: interpret(raw, settings.mail_domain), answer_faq=answer_faq,
                        mail_domain=settings.mail_domain, periodic=[faq.refresh])
    return Container(settings=settings, clock=clock, engine=engine, factory=factory,
                     read_factory=make_read_sessionmaker(engine), audit=audit, notifier=notifier,
                     cases=cases, store=DatabaseMessageStore(engine, clock), ca=ca, signer=signer, faq=faq,
                     chat=ChatRouter(factory, cases, clock), handlers=handlers)

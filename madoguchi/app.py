"""The composition root: the one place that builds every service and plugs adapters into ports."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

from core.audit import AuditLog
from core.cases import CaseService
from core.chat import ChatRouter
from core.chatlinks import LINK_JOB
from core.checkpoints import FILE_NAME as CHECKPOINT_FILE
from core.checkpoints import CheckpointFile
from core.container import Container
from core.handlers import Handlers
from core.inbound import DatabaseMessageStore
from core.notify import QueueNotifier
from core.outbox import Outbox
from core.ports import Clock, PermanentSendError, SystemClock
from core.services.assignment import CaseAssignment
from core.services.cases import CaseActions
from core.services.mailtemplates import TemplateActions
from core.services.replies import ReplyActions
from core.settings import Settings
from core.signer import SigningAdapter
from dbkit.db import make_engine, make_read_sessionmaker, make_sessionmaker
from intake.classify import classify_text
from intake.mailtemplates import JinjaMailTexts
from intake.outgoing import PermanentSendError as IntakePermanentSendError
from intake.outgoing import compose_reply, send_message
from madoguchi.intake_adapter import SenderChecks, interpret
from madoguchi.metrics import metrics_for
from signing.authority import CertificateAuthority


class SmtpMailer:
    """Delivers mail to the configured relay (``intake.outgoing.send_message``, aiosmtplib)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    def send(self, message: EmailMessage) -> None:
        try:
            asyncio.run(send_message(message, self.host, self.port))
        except IntakePermanentSendError as exc:
            raise PermanentSendError(str(exc)) from exc


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


def audit_key(data_dir: Path) -> bytes:
    """The audit HMAC key, kept in the data directory (outside the database)."""
    path = data_dir / "audit.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(secrets.token_bytes(32))
        path.chmod(0o600)
    return path.read_bytes()


def ca_certificates_pem(ca: CertificateAuthority) -> bytes:
    """Every generation's published CA certificate as one PEM bundle (for S/MIME verification).

    Read from the repository files, not the database: it is called inside a mail handler's transaction.
    """
    import re

    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    files = sorted(p for p in ca.publish_dir.glob("gen*.cer") if re.fullmatch(r"gen\d+\.cer", p.name))
    return b"".join(x509.load_der_x509_certificate(p.read_bytes()).public_bytes(Encoding.PEM) for p in files)


def build_container(settings: Settings, clock: Clock | None = None,
                    dns: Callable[[str], bytes | None] | None = None) -> Container:
    """Build the whole object graph for *settings*; *dns* answers DKIM key lookups (default: system DNS)."""
    from faq.engine import FaqEngine
    from faq.live import LiveFaqEngine
    from faq.store import load_examples
    from signing.factory import build_ca

    clock = clock or SystemClock()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.effective_database_url)
    factory = make_sessionmaker(engine)
    key = audit_key(settings.data_dir)
    # Checkpoints live beside the key and are published with the CA repository (a copy leaves the machine).
    checkpoints = CheckpointFile(settings.data_dir / CHECKPOINT_FILE, key,
                                 mirrors=[settings.data_dir / "ca" / "repository" / CHECKPOINT_FILE])
    audit = AuditLog(key, checkpoints, every=settings.audit_checkpoint_every)
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

    outbox = Outbox(compose_reply, settings.mail_from, settings.mail_domain, settings.ack_rate_per_hour,
                    settings.auto_reply_global_per_hour)
    cases = CaseService(clock, audit, notifier, outbox, faq_lookup=faq_lookup)
    mail_texts = JinjaMailTexts()
    ca = build_ca(settings.data_dir, factory, settings.ca_key_passphrase, settings.public_base_url,
                  settings.crl_next_update_days)
    signer = SigningAdapter(ca)
    checks = SenderChecks(dns=dns, authserv_id=settings.trusted_authserv_id,
                          ca_certificates_pem=lambda: ca_certificates_pem(ca))
    handlers = Handlers(factory=factory, clock=clock, cases=cases, signer=signer,
                        mailer=SmtpMailer(settings.relay_host, settings.relay_port) if settings.relay_host
                        else FileMailer(settings.data_dir / "outgoing"), notifier=notifier,
                        interpret=lambda raw: interpret(raw, settings.mail_domain, checks),
                        answer_faq=answer_faq,
                        mail_domain=settings.mail_domain,
                        periodic=[faq.refresh, lambda: audit.checkpoint(factory, clock.now())],
                        issuer=ca, public_base_url=settings.public_base_url)
    chat = ChatRouter(factory, cases, clock, classify_text, settings.public_base_url)
    # The shared limiter's finished windows and stale chat requests are purged on the periodic tick.
    handlers.periodic.extend([chat.limiter.purge, chat.links.purge])
    handlers.more_jobs[LINK_JOB] = chat.links.mail_link
    # Latency histograms are recorded from audit events as they commit (see madoguchi.metrics).
    metrics_for(factory, clock)
    return Container(settings=settings, clock=clock, engine=engine, factory=factory,
                     read_factory=make_read_sessionmaker(engine), audit=audit, notifier=notifier,
                     cases=cases, actions=CaseActions(factory, cases),
                     store=DatabaseMessageStore(engine, clock), ca=ca, signer=signer, faq=faq,
                     chat=chat, handlers=handlers,
                     replies=ReplyActions(factory, cases, mail_texts),
                     templates=TemplateActions(factory, mail_texts, audit, clock),
                     assignment=CaseAssignment(factory, audit, clock))

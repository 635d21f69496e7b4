"""Job handlers: the imperative shell that turns stored messages and approved cases into actions.

Each handler is idempotent: it checks the state it is about to change and does nothing
when the work was already done, because the queue runs every job at least once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core import workflow as wf
from core.cases import CaseService, NewCase
from core.jobs import RetryLater, backoff
from core.models import Case, Certificate, InboundMessage, OutboundMail
from core.ports import Clock, Mailer, Notifier, PermanentSendError, Signer

log = logging.getLogger(__name__)

#: After this many failed delivery attempts a mail is shown as failed on the dashboard.
MAX_SEND_ATTEMPTS = 6
#: Renewal notices go out this long before a certificate expires.
RENEWAL_NOTICE_BEFORE = dt.timedelta(days=30)
#: Scheduled work (CRL refresh, renewal notices) runs at most this often per process.
TICK_INTERVAL = dt.timedelta(minutes=1)


@dataclass
class Handlers:
    """All job handlers, sharing the services they need."""

    factory: sessionmaker[Session]
    clock: Clock
    cases: CaseService
    signer: Signer
    mailer: Mailer
    notifier: Notifier
    interpret: Callable[[bytes], Interpretation]
    answer_faq: Callable[[str, str], str | None]  # (text, language) -> FAQ id, or None when unsure
    mail_domain: str
    #: Further periodic work of other packages (e.g. rebuilding the FAQ engine).
    periodic: list[Callable[[], object]] = field(default_factory=list)
    _last_tick: dt.datetime | None = None

    def table(self) -> dict[str, Callable[[dict[str, Any]], None]]:
        return {
            "process_inbound": self.process_inbound,
            "execute_case": self.execute_case,
            "send_mail": self.send_mail,
        }

    # ------------------------------------------------------------------ inbound mail

    def process_inbound(self, payload: dict[str, Any]) -> None:
        """Parse, deduplicate, thread and classify one stored message; open or update a case."""
        message_id = int(payload["message_id"])
        with self.factory() as session, session.begin():
            msg = session.get(InboundMessage, message_id, with_for_update=True)
            if msg is None or msg.status != "stored":
                return
            try:
                it = self.interpret(msg.raw)
            except Exception as exc:  # noqa: BLE001 - a message that breaks the parser is quarantined.
                msg.status, msg.error = "quarantined", f"{type(exc).__name__}: {exc}"
                self.cases.audit.append(session, at=self.clock.now(), actor="system", action="mail_quarantined",
                                        detail={"inbound_message_id": msg.id, "error": msg.error})
                self.notifier.publish("quarantine")
                return
            msg.parsed = it.as_json()
            msg.message_id = it.message_id
            self._route(session, msg, it)

    def _route(self, session: Session, msg: InboundMessage, it: Interpretation) -> None:
        now = self.clock.now()
        dup = self._find_duplicate(session, msg, it.message_id)
        if dup is not None:
            msg.status, msg.case_id = "duplicate", dup.case_id
            return
        if it.automated != "none":
            msg.status = "automated"
            case = self._case_of_bounce(session, it) if it.automated == "bounce" else None
            if case is not None:
                msg.case_id = case.id
                self.cases.audit.append(session, at=now, actor="system", action="bounce_received", case_id=case.id,
                                        detail={"inbound_message_id": msg.id, "original": it.bounce_of})
                self.notifier.publish("bounce", case.tag)
            return
        existing = self._threaded_case(session, it)
        if existing is not None:
            msg.status, msg.case_id = "processed", existing.id
            self.cases.audit.append(session, at=now, actor="system", action="reply_received", case_id=existing.id,
                                    detail={"inbound_message_id": msg.id, "subject": it.subject})
            self.notifier.publish("reply", existing.tag)
            return
        kind = wf.Kind(it.intent)
        faq_id = self.answer_faq(it.new_text or it.text, it.language) if kind is wf.Kind.FAQ else None
        case = self.cases.open_case(session, NewCase(
            kind=kind, channel="email", reply_to=it.from_addr, subject=it.subject, summary=(it.new_text or "")[:2000],
            language=it.language, reasons=tuple(it.reasons), serials=tuple(it.serials), inbound_message_id=msg.id,
            faq_id=faq_id, faq_confident=faq_id is not None, sender_auth=it.extra.get("sender"),
        ))
        msg.status, msg.case_id = "processed", case.id
        self.notifier.publish("new_case", case.tag)

    def _find_duplicate(self, session: Session, msg: InboundMessage, message_id: str | None) -> InboundMessage | None:
        cond = InboundMessage.message_id == message_id if message_id else InboundMessage.sha256 == msg.sha256
        return session.execute(
            select(InboundMessage)
            .where(cond, InboundMessage.id != msg.id, InboundMessage.status.in_(("processed", "automated")))
            .limit(1)
        ).scalar_one_or_none()

    def _case_of_bounce(self, session: Session, it: Interpretation) -> Case | None:
        if not it.bounce_of:
            return None
        out = session.execute(
            select(OutboundMail).where(OutboundMail.message_id == it.bounce_of)
        ).scalar_one_or_none()
        if out is None or out.case_id is None:
            return None
        out.status, out.last_error = "bounced", "bounce received"
        return session.get(Case, out.case_id)

    def _threaded_case(self, session: Session, it: Interpretation) -> Case | None:
        if it.case_tag:
            case = session.execute(select(Case).where(Case.tag == it.case_tag)).scalar_one_or_none()
            if case is not None:
                return case
        refs = [r for r in it.references if r]
        if refs:
            out = session.execute(
                select(OutboundMail).where(OutboundMail.message_id.in_(refs), OutboundMail.case_id.is_not(None))
            ).scalars().first()
            if out is not None:
                return session.get(Case, out.case_id)
        return None

    # ------------------------------------------------------------------ approved requests

    def execute_case(self, payload: dict[str, Any]) -> None:
        """Carry out an approved request: revoke (and publish a CRL), cancel or start a re-issue."""
        case_id, effect = int(payload["case_id"]), payload["effect"]
        with self.factory() as session:
            case = session.get(Case, case_id)
            if case is None or case.state != wf.State.EXECUTING.value:
                return
            cert = session.get(Certificate, case.certificate_id) if case.certificate_id else None
            serial = cert.serial_hex if cert else None
        crl_number: int | None = None
        reason = payload.get("reason") if effect == "RevokeCertificate" else "superseded"
        if effect in ("RevokeCertificate", "ReissueCertificate"):
            if serial is None:
                raise RuntimeError(f"case {case_id} has no certificate to revoke")
            # A retried job gets the CRL number of the first revocation (see SigningAdapter.revoke).
            crl_number = self.signer.revoke(int(serial, 16), reason, None, self.clock.now())
        with self.factory() as session, session.begin():
            case = session.get(Case, case_id, with_for_update=True)
            if case is None or case.state != wf.State.EXECUTING.value:
                return
            now = self.clock.now()
            if crl_number is not None and case.certificate_id:
                cert = session.get(Certificate, case.certificate_id)
                assert cert is not None
                cert.status, cert.crl_number = "revoked", crl_number
                cert.revoked_at = cert.revoked_at or now
                cert.revocation_reason = reason
                case.crl_number = crl_number
            if effect == "CancelApplication" and case.application is not None:
                case.application.status = "cancelled"
            self.cases.apply(session, case, wf.Executed(crl_number=crl_number), actor="system",
                             detail={"crl_number": crl_number, "serial": serial})
            self.notifier.publish("executed", case.tag)

    # ------------------------------------------------------------------ outgoing mail

    def send_mail(self, payload: dict[str, Any]) -> None:
        """Deliver one outbox mail; temporary failures retry with backoff, permanent ones are shown."""
        outbound_id = int(payload["outbound_id"])
        with self.factory() as session:
            row = session.get(OutboundMail, outbound_id)
            if row is None or row.status != "pending":
                return
            raw = row.raw
        message = email.message_from_bytes(raw, policy=email.policy.SMTP)
        try:
            self.mailer.send(message)  # type: ignore[arg-type]
            status, error = "sent", None
        except PermanentSendError as exc:  # The relay refused it for good (5xx).
            status, error = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - any other failure is temporary.
            status, error = "retry", f"{type(exc).__name__}: {exc}"
        with self.factory() as session, session.begin():
            row = session.get(OutboundMail, outbound_id, with_for_update=True)
            if row is None or row.status != "pending":
                return
            row.attempts += 1
            row.last_error = error
            if status == "retry" and row.attempts < MAX_SEND_ATTEMPTS:
                attempts = row.attempts
            else:
                row.status = "failed" if status == "retry" else status
                row.sent_at = self.clock.now() if status == "sent" else None
                if row.status == "failed":
                    self.notifier.publish("outbox_failed")
                return
        raise RetryLater(backoff(attempts), error or "")

    # ------------------------------------------------------------------ scheduled work

    def tick(self) -> None:
        """Periodic work, at most once a minute: keep CRLs fresh and send renewal notices."""
        now = self.clock.now()
        if self._last_tick is not None and now - self._last_tick < TICK_INTERVAL:
            return
        self._last_tick = now
        self.signer.refresh_if_due(now)
        self.renewal_notices(now)
        for work in self.periodic:
            work()

    def renewal_notices(self, now: dt.datetime) -> int:
        """Queue one renewal notice per certificate that expires within 30 days."""
        sent = 0
        with self.factory() as session, session.begin():
            certs = session.execute(
                select(Certificate)
                .where(
                    Certificate.status == "valid",
                    Certificate.renewal_notice_sent_at.is_(None),
                    Certificate.not_after <= now + RENEWAL_NOTICE_BEFORE,
                    Certificate.not_after > now,
                )
                .with_for_update(skip_locked=True)
                .limit(100)
            ).scalars().all()
            for cert in certs:
                applicant = cert.application.applicant
                context = {"name": applicant.name, "serial": cert.serial_hex.upper(),
                           "not_after": cert.not_after.strftime("%Y-%m-%d")}
                self.cases.outbox.queue(session, case_id=None, template="renewal_notice", to_addr=cert.email,
                                        context=context, language="ja", now=now)
                cert.renewal_notice_sent_at = now
                sent += 1
        return sent


@dataclass
class Interpretation:
    """What intake makes of one raw mail: the handlers only need these fields."""

    message_id: str | None
    from_addr: str
    subject: str
    text: str
    new_text: str
    language: str
    automated: str
    bounce_of: str | None
    case_tag: str | None
    references: list[str]
    intent: str
    reasons: list[str]
    serials: list[str]
    extra: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

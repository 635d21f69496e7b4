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
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core import effects, logcontext, register
from core import workflow as wf
from core.cases import CaseService, NewCase
from core.jobs import RetryLater, backoff, enqueue
from core.models import Case, InboundMessage, OutboundMail
from core.ports import Clock, Mailer, Notifier, PermanentSendError, Signer
from core.services.applications import open_renewal, renewal_url
from core.services.certificates import Issuer, reissue_certificate, revoke_certificate
from signing.models import CaCertificate
from signing.serials import Serial

log = logging.getLogger(__name__)

#: Finished states whose case changed the register: a later request opens a new, linked case.
FINISHED_CHANGED = frozenset({wf.State.REVOKED.value, wf.State.CANCELLED.value, wf.State.REISSUED.value})
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|fw|fwd|返信|転送)\s*[:：]", re.IGNORECASE)
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
    #: The CA's issuing side: a correction re-issues through it (the same path as every issuance).
    issuer: Issuer | None = None
    #: Where applicants reach the public pages (the renewal link in renewal notices).
    public_base_url: str = ""
    #: Job handlers of other core services, by job kind (e.g. mailing a chat's one-time link).
    more_jobs: dict[str, Callable[[dict[str, Any]], None]] = field(default_factory=dict)
    _last_tick: dt.datetime | None = None

    def table(self) -> dict[str, Callable[[dict[str, Any]], None]]:
        return {
            "process_inbound": self.process_inbound,
            "execute_case": self.execute_case,
            "carry_out": self.carry_out,
            "send_mail": self.send_mail,
            **self.more_jobs,
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
            logcontext.note(message_id=it.message_id)
            self._route(session, msg, it)

    def _route(self, session: Session, msg: InboundMessage, it: Interpretation) -> None:
        now = self.clock.now()
        dup = self._find_duplicate(session, msg, it.message_id)
        if dup is not None:
            msg.status, msg.case_id = "duplicate", dup.case_id
            return
        if it.automated != "none" and not it.automated_overruled:
            msg.status = "automated"
            found = self._case_of_bounce(session, it) if it.automated == "bounce" else None
            if found is not None:
                case, matched_by = found
                msg.case_id = case.id
                self.cases.audit.append(session, at=now, actor="system", action="bounce_received", case_id=case.id,
                                        detail={"inbound_message_id": msg.id, "original": it.bounce_of,
                                                "matched_by": matched_by})
                self.notifier.publish("bounce", case.tag)
            return
        existing = self._threaded_case(session, it) or self._open_case_of_sender(session, it)
        if existing is not None and existing.state in FINISHED_CHANGED:
            # The register was changed by that case: a new request opens a case linked to it.
            linked_to: str | None = existing.tag
        elif existing is not None:
            msg.status, msg.case_id = "processed", existing.id
            self.cases.audit.append(session, at=now, actor="system", action="reply_received", case_id=existing.id,
                                    detail={"inbound_message_id": msg.id, "subject": it.subject})
            if existing.state in {s.value for s in wf.REOPENABLE}:
                # A customer's reply to a finished case brings it back to the queue.
                self.cases.apply(session, existing, wf.Reopened(0), actor="system",
                                 detail={"note": "reply from the customer", "inbound_message_id": msg.id})
            self.notifier.publish("reply", existing.tag)
            return
        else:
            linked_to = None
        kind = wf.Kind(it.intent)
        # A possible emergency goes to a person first: no FAQ answer is looked up for it.
        answerable = kind is wf.Kind.FAQ and not it.possible_emergency
        faq_id = self.answer_faq(it.new_text or it.text, it.language) if answerable else None
        reasons = (*it.reasons, f"follow-up to {linked_to}") if linked_to else tuple(it.reasons)
        case = self.cases.open_case(session, NewCase(
            kind=kind, channel="email", reply_to=it.from_addr, subject=it.subject, summary=(it.new_text or "")[:2000],
            language=it.language, reasons=reasons, serials=tuple(it.serials), inbound_message_id=msg.id,
            faq_id=faq_id, faq_confident=faq_id is not None, serial_candidates=tuple(it.serial_candidates),
            names_issued_certificate=it.names_issued_certificate, fax_unread=it.fax_unread,
            possible_emergency=it.possible_emergency,
            sender_auth=it.extra.get("sender"),
        ))
        msg.status, msg.case_id = "processed", case.id
        if it.automated_overruled:
            # Recorded apart from the case's reasons, so that the audit log shows every mail that was
            # read as automatic and still opened a case.
            self.cases.audit.append(session, at=now, actor="system", action="automated_verdict_overruled",
                                    case_id=case.id, detail={"inbound_message_id": msg.id, "verdict": it.automated})
        if linked_to:
            self.cases.audit.append(session, at=now, actor="system", action="case_linked", case_id=case.id,
                                    detail={"follow_up_to": linked_to})
        self.notifier.publish("new_case", case.tag)

    def _find_duplicate(self, session: Session, msg: InboundMessage, message_id: str | None) -> InboundMessage | None:
        cond = InboundMessage.message_id == message_id if message_id else InboundMessage.sha256 == msg.sha256
        return session.execute(
            select(InboundMessage)
            .where(cond, InboundMessage.id != msg.id, InboundMessage.status.in_(("processed", "automated")))
            .limit(1)
        ).scalar_one_or_none()

    def _case_of_bounce(self, session: Session, it: Interpretation) -> tuple[Case, str] | None:
        """The case a bounce belongs to, and how it was found.

        By the returned message's Message-ID first (that outbound mail is marked bounced).  Some
        systems return only a summary without it; then the case tag in what came back, and last
        the certificate named in it, when exactly one case is about that certificate.
        """
        if it.bounce_of:
            out = session.execute(
                select(OutboundMail).where(OutboundMail.message_id == it.bounce_of)
            ).scalar_one_or_none()
            if out is not None and out.case_id is not None:
                out.status, out.last_error = "bounced", "bounce received"
                case = session.get(Case, out.case_id)
                if case is not None:
                    return case, "message_id"
        if it.case_tag:
            tagged = session.execute(select(Case).where(Case.tag == it.case_tag)).scalar_one_or_none()
            if tagged is not None:
                return tagged, "case_tag"
        for text in it.serials:
            cert = register.find(session, Serial.parse(text))
            if cert is None:
                continue
            about = session.execute(
                select(Case).where(Case.certificate_id == cert.id).order_by(Case.id.desc()).limit(2)
            ).scalars().all()
            if len(about) == 1:
                return about[0], "serial"
        return None

    def _open_case_of_sender(self, session: Session, it: Interpretation) -> Case | None:
        """The sender's open request case this mail belongs to, when it carries no tag or reference.

        A reply (``Re:`` or ``In-Reply-To``) from an applicant with exactly one open case joins it; a
        new request about a certificate that already has an open case joins that case instead of
        opening a second one.
        """
        applicant = self.cases.match_applicant(session, it.from_addr)
        if applicant is None:
            return None
        open_states = [s.value for s in (wf.State.NEW, *wf.OPEN_STATES, wf.State.EXECUTING)]
        cases = session.execute(
            select(Case).where(Case.applicant_id == applicant.id, Case.state.in_(open_states)).order_by(Case.id)
        ).scalars().all()
        if not cases:
            return None
        if it.serials:
            # A serial read exactly names the certificate: the case about it, or a case of its own.
            wanted = set(it.serials)
            return next((case for case in cases if wanted & set(case.serials or []) or (
                case.certificate is not None and case.certificate.serial_hex in wanted)), None)
        if _REPLY_SUBJECT.match(it.subject or "") or it.references:
            return cases[0] if len(cases) == 1 else None
        if it.intent in {k.value for k in wf.REQUEST_KINDS}:
            # Another request without a serial while one request is open: the same matter, written again.
            requests = [c for c in cases if c.kind in {k.value for k in wf.REQUEST_KINDS}]
            return requests[0] if len(requests) == 1 else None
        return None

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
        """Read the register again for an approved request, then hand it to :meth:`carry_out`.

        The rules are checked once more against the register as it is now (another case or
        ``madoguchi ca revoke`` may have revoked the certificate since the approval); a request
        they forbid is refused here, with its rule id.  Otherwise the effect is queued as its
        own job, so that the check is made exactly once and retries only repeat the act.
        """
        case_id = int(payload["case_id"])
        # Jobs queued by older versions carry the effect's name and fields beside the case id.
        encoded = payload.get("effect")
        effect = effects.decode(encoded if isinstance(encoded, dict) else payload)
        with self.factory() as session, session.begin():
            case = session.get(Case, case_id, with_for_update=True)
            if case is None or case.state != wf.State.EXECUTING.value:
                return
            facts = self.cases.compute_facts(session, case)
            decision = self.cases.apply(session, case, wf.ExecutionChecked(facts), actor="system")
            if decision.rule is not None:
                self.notifier.publish("refused", case.tag)
                return
            enqueue(session, "carry_out", {"case_id": case_id, "effect": effects.encode(effect)},
                    now=self.clock.now(), dedupe_key=f"carry:{case_id}")

    def carry_out(self, payload: dict[str, Any]) -> None:
        """Carry out a checked, approved request: revoke (and publish a CRL), cancel or start a re-issue."""
        case_id = int(payload["case_id"])
        effect = effects.decode(payload["effect"])
        with self.factory() as session:
            case = session.get(Case, case_id)
            if case is None or case.state != wf.State.EXECUTING.value:
                return
            cert = session.get(CaCertificate, case.certificate_id) if case.certificate_id else None
            serial = cert.serial if cert else None
        crl_number: int | None = None
        reason = effect.reason if isinstance(effect, wf.RevokeCertificate) else "superseded"
        if isinstance(effect, wf.RevokeCertificate | wf.ReissueCertificate):
            if serial is None:
                raise RuntimeError(f"case {case_id} has no certificate to revoke")
            # The CA records the revocation in the one register; a retried job gets the CRL
            # number of its first revocation instead of a refusal.
            crl_number = revoke_certificate(self.factory, self.signer, self.cases.audit, serial, reason,
                                            actor="system", now=self.clock.now(), case_id=case_id,
                                            retry=True).crl_number
        replacement: str | None = None
        if isinstance(effect, wf.ReissueCertificate) and serial is not None:
            if self.issuer is None:
                raise RuntimeError("no issuer configured: a correction cannot be re-issued")
            # The corrected certificate goes through the same issuance use case as every other.
            replacement = str(reissue_certificate(self.factory, self.issuer, self.cases.audit, serial,
                                                  actor="system", now=self.clock.now(), case_id=case_id).new)
        with self.factory() as session, session.begin():
            case = session.get(Case, case_id, with_for_update=True)
            if case is None or case.state != wf.State.EXECUTING.value:
                return
            if crl_number is not None:
                case.crl_number = crl_number
            if isinstance(effect, wf.CancelApplication) and case.application is not None:
                case.application.status = "cancelled"
            self.cases.apply(session, case, wf.Executed(crl_number=crl_number), actor="system",
                             detail={"crl_number": crl_number, "serial": str(serial) if serial else None,
                                     **({"new_serial": replacement} if replacement else {})})
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
            certs = register.expiring_without_notice(session, now + RENEWAL_NOTICE_BEFORE, now)
            for cert in certs:
                applicant = register.applicant_of(session, cert)
                old = register.application_of(session, cert)
                # A renewal is a new application, pre-filled from the old one; the notice links to it.
                renewal = open_renewal(session, self.cases.audit, old, actor="system", now=now) if old else None
                context = {"name": applicant.name if applicant else cert.email, "serial": str(cert.serial),
                           "not_after": cert.not_after.strftime("%Y-%m-%d"),
                           "renewal_reference": renewal.reference if renewal else "-",
                           "renewal_url": renewal_url(self.public_base_url, renewal.reference) if renewal else "-"}
                self.cases.outbox.queue(session, case_id=None, template="renewal_notice", to_addr=cert.email,
                                        context=context, language="ja", now=now)
                register.record_notice(session, cert, now)
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
    #: Bare hex strings that may be serials; only one equal to a certificate on record is used.
    serial_candidates: list[str] = field(default_factory=list)
    #: The words name a certificate the writer holds.
    names_issued_certificate: bool = False
    #: A fax-to-email notice whose pages could not be read.
    fax_unread: bool = False
    #: The classifier found an emergency a credible alternative to *intent* (intake.possemerg).
    possible_emergency: bool = False
    #: *automated* rests on the mail's wording alone, yet the mail reports a key at risk: it opens a case.
    automated_overruled: bool = False

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

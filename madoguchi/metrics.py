"""Prometheus metrics of one ``madoguchi serve`` process.

Two kinds of figures:

* **Events, counted when they happen** in this process: SMTP answers by outcome and the latency
  histograms of a request (opened → callback confirmed, opened → approved, approved → CRL
  published).  The histograms are recorded from the audit events the case service appends:
  a SQLAlchemy ``before_flush`` hook on the session factory notes each new ``AuditEvent``,
  and the observation is made only after that transaction commits, so a rolled-back
  transaction counts nothing.  No module of ``core`` knows about metrics.
* **State, read from the database at scrape time** (shared by every node): cases by kind and
  state, inbound mails by outcome, job queue depth / failures / oldest age, outbox backlog and
  failures, CRL age and time to nextUpdate per generation, FAQ cases answered vs handed off.

Every ``Metrics`` has its own registry, so several containers in one process (tests) never clash.
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from core.models import Approval, AuditEvent, Case, InboundMessage, Job, OutboundMail
from core.ports import Clock
from signing.models import CaGeneration

log = logging.getLogger(__name__)

#: Seconds: a minute up to a few days (callbacks and approvals wait for people).
HUMAN_BUCKETS = (60, 300, 900, 1800, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600, float("inf"))
#: Seconds: approval to published CRL is machine work (the worker and the signer).
MACHINE_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, float("inf"))
_PENDING = "madoguchi.metrics.pending"


@dataclass(frozen=True)
class Observation:
    """One latency to record once its transaction has committed."""

    histogram: str
    kind: str
    seconds: float


class Metrics:
    """The registry, the event metrics and the database collector of one process."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.smtp_messages = Counter("madoguchi_smtp_messages", "Incoming mails by SMTP/LMTP answer",
                                     ["outcome"], registry=self.registry)
        self.time_to_callback = Histogram(
            "madoguchi_case_time_to_callback_seconds", "Case opened to callback confirmed", ["kind"],
            buckets=HUMAN_BUCKETS, registry=self.registry)
        self.time_to_approval = Histogram(
            "madoguchi_case_time_to_approval_seconds", "Case opened to approval", ["kind"],
            buckets=HUMAN_BUCKETS, registry=self.registry)
        self.approval_to_crl = Histogram(
            "madoguchi_revocation_approval_to_crl_seconds", "Approval to the CRL carrying the revocation published",
            ["kind"], buckets=MACHINE_BUCKETS, registry=self.registry)
        self.transitions = Counter("madoguchi_case_events", "Workflow events applied to cases",
                                   ["event"], registry=self.registry)

    def watch(self, factory: sessionmaker[Session], clock: Clock) -> None:
        """Record latencies from the audit events written through *factory*'s sessions."""
        self.registry.register(DatabaseCollector(factory, clock))
        event.listen(factory, "before_flush", self._before_flush)
        event.listen(factory, "after_commit", self._after_commit)
        event.listen(factory, "after_rollback", self._after_rollback)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    # ------------------------------------------------------------------ session hooks

    def _before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        new = [obj for obj in session.new if isinstance(obj, AuditEvent)]
        if not new:
            return
        pending = session.info.setdefault(_PENDING, [])
        try:
            with session.no_autoflush:
                for ev in new:
                    pending.extend(_observations(session, ev))
        except Exception:  # noqa: BLE001 - metrics must never break a business transaction.
            log.exception("could not derive metrics from audit event %s", getattr(ev, "action", "?"))

    def _after_commit(self, session: Session) -> None:
        for ob in session.info.pop(_PENDING, []):
            if ob.histogram == "event":
                self.transitions.labels(ob.kind).inc()
                continue
            getattr(self, ob.histogram).labels(ob.kind).observe(max(0.0, ob.seconds))

    def _after_rollback(self, session: Session) -> None:
        session.info.pop(_PENDING, None)


def _observations(session: Session, ev: AuditEvent) -> Iterator[Observation]:
    """What one audit event means for the histograms (read from the case and its approval)."""
    if ev.case_id is None or not isinstance(ev.detail, dict) or "event" not in ev.detail:
        return
    yield Observation("event", ev.action, 0.0)
    case = session.get(Case, ev.case_id)
    if case is None:
        return
    if ev.action == "CallbackRecorded" and ev.detail.get("to") != ev.detail.get("from") \
            and ev.detail["event"].get("outcome") == "reached_confirmed":
        yield Observation("time_to_callback", case.kind, (ev.at - case.created_at).total_seconds())
    elif ev.action == "Approved" and ev.detail.get("rule") is None:
        yield Observation("time_to_approval", case.kind, (ev.at - case.created_at).total_seconds())
    elif ev.action == "Executed" and ev.detail.get("crl_number") is not None:
        approved_at = session.execute(
            select(func.max(Approval.created_at)).where(Approval.case_id == case.id, Approval.decision == "approved")
        ).scalar_one_or_none()
        if approved_at is not None:
            yield Observation("approval_to_crl", case.kind, (ev.at - approved_at).total_seconds())


class DatabaseCollector(Collector):
    """Gauges read from the shared database at scrape time (the same on every node)."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self.factory, self.clock = factory, clock

    def describe(self) -> Iterable[Metric]:
        return []  # Families are only known after a query; no describe at registration.

    def collect(self) -> Iterable[Metric]:
        try:
            with self.factory() as session:
                yield from self._collect(session, self.clock.now())
        except Exception:  # noqa: BLE001 - a scrape with the database down still answers.
            log.exception("database metrics unavailable")
            up = GaugeMetricFamily("madoguchi_database_up", "1 when the database answered the scrape")
            up.add_metric([], 0)
            yield up

    def _collect(self, session: Session, now: dt.datetime) -> Iterator[Metric]:
        up = GaugeMetricFamily("madoguchi_database_up", "1 when the database answered the scrape")
        up.add_metric([], 1)
        yield up
        cases = GaugeMetricFamily("madoguchi_cases", "Cases by kind and state", labels=["kind", "state"])
        for kind, state, n in session.execute(select(Case.kind, Case.state, func.count()).group_by(Case.kind,
                                                                                                   Case.state)):
            cases.add_metric([kind, state], n)
        yield cases
        faq = GaugeMetricFamily("madoguchi_faq_cases", "FAQ cases answered from the knowledge base or handed "
                                "off to an operator", labels=["outcome"])
        answered = dict(session.execute(select(Case.faq_id.is_not(None), func.count()).where(Case.kind == "faq")
                                        .group_by(Case.faq_id.is_not(None))).all())
        faq.add_metric(["answered"], answered.get(True, 0))
        faq.add_metric(["handed_off"], answered.get(False, 0))
        yield faq
        mails = GaugeMetricFamily("madoguchi_inbound_messages", "Stored incoming messages by outcome",
                                  labels=["outcome"])
        for status, n in session.execute(select(InboundMessage.status, func.count()).group_by(InboundMessage.status)):
            mails.add_metric([status], n)
        yield mails
        yield from self._jobs(session, now)
        outbox = GaugeMetricFamily("madoguchi_outbox_mails", "Outgoing mails by status (pending is the backlog)",
                                   labels=["status"])
        for status, n in session.execute(select(OutboundMail.status, func.count()).group_by(OutboundMail.status)):
            outbox.add_metric([status], n)
        yield outbox
        yield from self._crls(session, now)

    def _jobs(self, session: Session, now: dt.datetime) -> Iterator[Metric]:
        jobs = GaugeMetricFamily("madoguchi_jobs", "Jobs not done, by kind and status (pending is the queue depth)",
                                 labels=["kind", "status"])
        for kind, status, n in session.execute(
                select(Job.kind, Job.status, func.count()).where(Job.status.in_(("pending", "running", "failed")))
                .group_by(Job.kind, Job.status)):
            jobs.add_metric([kind, status], n)
        yield jobs
        oldest = session.execute(select(func.min(Job.created_at)).where(Job.status == "pending",
                                                                         Job.run_at <= now)).scalar_one_or_none()
        age = GaugeMetricFamily("madoguchi_jobs_oldest_runnable_age_seconds", "Age of the oldest runnable job")
        age.add_metric([], max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0)
        yield age

    def _crls(self, session: Session, now: dt.datetime) -> Iterator[Metric]:
        number = GaugeMetricFamily("madoguchi_crl_number", "Number of the newest CRL", labels=["generation"])
        age = GaugeMetricFamily("madoguchi_crl_age_seconds", "Seconds since thisUpdate of the newest CRL",
                                labels=["generation"])
        left = GaugeMetricFamily("madoguchi_crl_next_update_seconds", "Seconds until nextUpdate of the newest CRL "
                                 "(negative: overdue)", labels=["generation"])
        for gen in session.execute(select(CaGeneration).where(CaGeneration.not_after > now)).scalars():
            label = [str(gen.number)]
            number.add_metric(label, gen.crl_number)
            if gen.crl_this_update is not None:
                age.add_metric(label, (now - gen.crl_this_update).total_seconds())
            if gen.crl_next_update is not None:
                left.add_metric(label, (gen.crl_next_update - now).total_seconds())
        yield from (number, age, left)


class MeteredStore:
    """Wraps the intake's message store to count SMTP/LMTP answers (stored or failed)."""

    def __init__(self, store: Any, metrics: Metrics) -> None:
        self._store, self._metrics = store, metrics

    def store(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        try:
            stored = str(self._store.store(mail_from, rcpt_tos, raw, peer))
        except Exception:
            self._metrics.smtp_messages.labels("failed").inc()
            raise
        self._metrics.smtp_messages.labels("stored").inc()
        return stored

    async def store_async(self, mail_from: str, rcpt_tos: list[str], raw: bytes, peer: str) -> str:
        try:
            stored = str(await self._store.store_async(mail_from, rcpt_tos, raw, peer))
        except Exception:
            self._metrics.smtp_messages.labels("failed").inc()
            raise
        self._metrics.smtp_messages.labels("stored").inc()
        return stored


_BY_FACTORY: weakref.WeakKeyDictionary[sessionmaker[Session], Metrics] = weakref.WeakKeyDictionary()


def metrics_for(factory: sessionmaker[Session], clock: Clock) -> Metrics:
    """The metrics watching *factory* (created and hooked on first use, once per factory)."""
    found = _BY_FACTORY.get(factory)
    if found is None:
        found = _BY_FACTORY[factory] = Metrics()
        found.watch(factory, clock)
    return found

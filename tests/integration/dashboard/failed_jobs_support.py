"""A signing module that fails, and an emergency revocation driven until its job has failed.

The failing signer is a small real class handed to the job handlers through their constructor
(``dataclasses.replace`` builds a new ``Handlers`` and ``Container``); nothing is patched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from dashboard_support import Staff, add_holder, open_case, operator_id
from sqlalchemy import select

from core import workflow as wf
from core.container import Container
from core.models import CallbackTask, Case, Job
from core.ports import FixedClock, Signer
from core.services.actors import Actor

HSM_ERROR = "HSM not reachable (PKCS#11 slot 0)"


class UnreachableHsmSigner:
    """The CA's own signer behind a switch: while ``broken``, every revocation raises."""

    def __init__(self, inner: Signer) -> None:
        self.inner = inner
        self.broken = True
        self.revoke_calls = 0

    def revoke(self, serial: int, reason: str | None, invalidity_date: dt.datetime | None, now: dt.datetime) -> int:
        self.revoke_calls += 1
        if self.broken:
            raise ConnectionError(HSM_ERROR)
        return self.inner.revoke(serial, reason, invalidity_date, now)

    def refresh_if_due(self, now: dt.datetime) -> list[int]:
        return self.inner.refresh_if_due(now)


def with_signer(c: Container, signer: Signer) -> Container:
    """The same container, whose job handlers use *signer*."""
    return dataclasses.replace(c, handlers=dataclasses.replace(c.handlers, signer=signer))


def approved_emergency(c: Container, staff: Staff, email: str = "taro@example.jp", name: str = "山田 太郎",
                       phone: str = "03-1234-5678") -> tuple[str, str]:
    """An applicant with a real certificate, an emergency revocation confirmed by Alice and approved
    by Bob; returns the case tag and the certificate's serial (hex)."""
    cert = add_holder(c, email=email, name=name, phone=phone)
    tag = open_case(c, wf.Kind.EMERGENCY_REVOCATION, reply_to=email)
    with c.factory() as s:
        case = s.execute(select(Case).where(Case.tag == tag)).scalar_one()
        task = s.execute(select(CallbackTask).where(CallbackTask.case_id == case.id)).scalar_one()
        alice, bob = operator_id(s, staff.alice), operator_id(s, staff.bob)
    c.actions.record_callback(Actor(alice, staff.alice, "operator"), task.id, "reached_confirmed", "本人確認済み")
    c.actions.decide(Actor(bob, staff.bob, "supervisor"), tag, "approved", "折り返し記録を確認")
    with c.factory() as s:
        assert s.execute(select(Case).where(Case.tag == tag)).scalar_one().state == wf.State.EXECUTING.value
    return tag, cert.serial_hex


def execute_job(c: Container, tag: str) -> Job:
    """The job that carries out the case's approved request (queued once the register was re-checked)."""
    with c.factory() as s:
        case = s.execute(select(Case).where(Case.tag == tag)).scalar_one()
        job = s.execute(select(Job).where(Job.dedupe_key == f"carry:{case.id}")).scalar_one_or_none()
        return job or s.execute(select(Job).where(Job.dedupe_key == f"execute:{case.id}")).scalar_one()


def run_until_failed(c: Container, tag: str) -> int:
    """Run the queue, moving the test clock to each retry time, until the case's job has failed."""
    assert isinstance(c.clock, FixedClock)
    for _ in range(50):
        c.queue().run_pending()
        job = execute_job(c, tag)
        if job.status == "failed":
            return job.id
        assert job.status == "pending", job.status
        c.clock.advance(max(job.run_at - c.clock.now(), dt.timedelta(0)))
    raise AssertionError(f"the job of {tag} never failed")


def run_until_done(c: Container) -> None:
    """Run the queue once the clock has reached every pending job's run time (the CLI uses the real clock)."""
    assert isinstance(c.clock, FixedClock)
    with c.factory() as s:
        latest = max((j.run_at for j in s.execute(select(Job).where(Job.status == "pending")).scalars()),
                     default=c.clock.now())
    c.clock.advance(max(latest - c.clock.now(), dt.timedelta(0)))
    c.queue().run_pending()

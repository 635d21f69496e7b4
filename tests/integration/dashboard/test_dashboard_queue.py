"""The shift queue on SQLite and PostgreSQL: SLA countdowns per kind, taking and releasing cases
(audited), the owner filters, the navigation's counts, the empty-search text, and a live poll
that reads one row whatever the number of cases.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from dashboard_support import Staff, csrf_of, login, open_case, operator_id, totp_now
from fastapi.testclient import TestClient
from sqlalchemy import event, select

from core import queueversion
from core import workflow as wf
from core.cases import NewCase
from core.container import Container
from core.jobs import enqueue
from core.models import AuditEvent, Case, Job
from core.ports import FixedClock
from core.services.actors import Actor, NotFound, NotPermitted
from core.services.assignment import CaseAssignment
from dashboard import queries


def row_of(html: str, tag: str) -> str:
    match = re.search(rf'<tr [^>]*data-tag="{tag}">(.*?)</tr>', html, re.S)
    assert match, f"no row for {tag}"
    return match.group(0)


def actor(c: Container, username: str, role: str) -> Actor:
    with c.factory() as session:
        return Actor(operator_id(session, username), username, role)


def queue_after_login(client: TestClient, staff: Staff) -> str:
    """The queue page, logged in afresh (moving the test clock by hours ends an idle session)."""
    login(client, staff.alice)
    return client.get("/dashboard/").text


def nav_counts(html: str) -> tuple[int, int, int]:
    found = [int(re.search(rf'id="nav-{key}" data-count="(\d+)"', html).group(1))  # type: ignore[union-attr]
             for key in ("unassigned", "mine", "overdue")]
    return found[0], found[1], found[2]


def test_sla_countdown_per_kind_with_due_soon_and_overdue_colours(
        container: Container, staff: Staff, client: TestClient) -> None:
    emergency = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    question = open_case(container, wf.Kind.CANCELLATION, subject="申込を取り消したい")
    login(client, staff.alice)
    html = client.get("/dashboard/").text
    assert "期限（24時間目標）" not in html and "残り時間（SLA）" in html and "緊急失効は4時間、その他は24時間" in html
    assert "残り 4:00" in row_of(html, emergency) and "sla-ok" in row_of(html, emergency)
    assert "残り 24:00" in row_of(html, question)
    clock = container.clock
    assert isinstance(clock, FixedClock)
    clock.advance(dt.timedelta(hours=3, minutes=30))
    html = queue_after_login(client, staff)
    # The last hour of an emergency is "due soon"; a 24-hour case is not yet.
    assert "残り 0:30" in row_of(html, emergency) and "sla-due_soon" in row_of(html, emergency)
    assert "残り 20:30" in row_of(html, question) and "sla-ok" in row_of(html, question)
    clock.advance(dt.timedelta(hours=1, minutes=15))
    html = queue_after_login(client, staff)
    assert "超過 0:45" in row_of(html, emergency) and "sla-overdue" in row_of(html, emergency)
    assert nav_counts(html) == (2, 0, 1)
    clock.advance(dt.timedelta(hours=15))
    html = queue_after_login(client, staff)
    assert "残り 4:15" in row_of(html, question) and "sla-due_soon" in row_of(html, question)


def test_assign_to_me_release_filters_and_counts(container: Container, staff: Staff, client: TestClient,
                                                second_client: TestClient) -> None:
    first = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    second = open_case(container, wf.Kind.CANCELLATION, subject="申込を取り消したい")
    login(client, staff.alice)
    page = client.get("/dashboard/")
    assert nav_counts(page.text) == (2, 0, 0)
    assert "担当する" in row_of(page.text, first) and "未割当" in row_of(page.text, first)
    token = csrf_of(page.text)
    # Without the CSRF token nothing changes.
    assert client.post(f"/dashboard/cases/{first}/assign", data={}, follow_redirects=False).status_code == 403
    taken = client.post(f"/dashboard/cases/{first}/assign", data={"csrf_token": token, "back": "owner=mine"},
                        follow_redirects=False)
    assert taken.status_code == 303 and taken.headers["location"].startswith("/dashboard/?owner=mine")
    mine = client.get("/dashboard/?owner=mine").text
    assert first in mine and second not in mine
    assert "Alice" in row_of(mine, first) and "外す" in row_of(mine, first)
    assert nav_counts(mine) == (1, 1, 0)
    unassigned = client.get("/dashboard/?owner=unassigned").text
    assert second in unassigned and f'data-tag="{first}"' not in unassigned
    with container.factory() as session:
        case = session.execute(select(Case).where(Case.tag == first)).scalar_one()
        assert case.owner_id == operator_id(session, staff.alice)
        events = session.execute(select(AuditEvent).where(AuditEvent.case_id == case.id,
                                                          AuditEvent.action == "CaseAssigned")).scalars().all()
        assert len(events) == 1 and events[0].detail["owner"] == staff.alice
    # The case page says who has it.
    assert "Alice" in client.get(f"/dashboard/cases/{first}").text
    # A supervisor can give the case back to the queue; the empty "my cases" list then says so.
    login(second_client, staff.bob, code=totp_now(staff.bob_secret, container))
    bob_token = csrf_of(second_client.get("/dashboard/").text)
    released = second_client.post(f"/dashboard/cases/{first}/release", data={"csrf_token": bob_token},
                                  follow_redirects=False)
    assert released.status_code == 303
    mine = client.get("/dashboard/?owner=mine").text
    assert "該当する案件はありません" in mine and nav_counts(mine) == (2, 0, 0)


def test_assignment_use_case_rules_and_audit(container: Container, staff: Staff) -> None:
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    service = CaseAssignment(container.factory, container.audit, container.clock)
    alice, carol = actor(container, staff.alice, "operator"), actor(container, staff.carol, "supervisor")
    bob_operator = Actor(actor(container, staff.bob, "supervisor").operator_id, staff.bob, "operator")
    assert service.assign_to_me(alice, tag) == tag
    assert service.assign_to_me(alice, tag) == tag  # Taking one's own case again records nothing.
    # Another operator may not release Alice's case, but may take it over (the audit names Alice).
    with pytest.raises(NotPermitted):
        service.release(bob_operator, tag)
    service.assign_to_me(bob_operator, tag)
    service.release(carol, tag)
    with pytest.raises(NotFound):
        service.assign_to_me(alice, "MDG-999999")
    with container.factory() as session:
        case = session.execute(select(Case).where(Case.tag == tag)).scalar_one()
        assert case.owner_id is None
        events = session.execute(select(AuditEvent).where(AuditEvent.case_id == case.id)
                                 .where(AuditEvent.action.in_(("CaseAssigned", "CaseReleased")))
                                 .order_by(AuditEvent.seq)).scalars().all()
        assert [(e.action, e.actor) for e in events] == [
            ("CaseAssigned", staff.alice), ("CaseAssigned", staff.bob), ("CaseReleased", staff.carol)]
        assert events[1].detail["previous_owner"] == staff.alice
        assert events[2].detail["previous_owner"] == staff.bob
    # A finished case has no owner.
    container.actions.close(carol, tag, "重複")
    with pytest.raises(wf.TransitionError) as refused:
        service.assign_to_me(alice, tag)
    assert refused.value.rule is wf.Rule.CASE_FINISHED


def test_empty_search_says_no_case_matches(container: Container, staff: Staff, client: TestClient) -> None:
    login(client, staff.alice)
    assert "対応待ちの案件はありません" in client.get("/dashboard/").text
    open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    html = client.get("/dashboard/", params={"q": "存在しない名前"}).text
    assert "該当する案件はありません" in html and "対応待ちの案件はありません" not in html


def test_counts_query(container: Container, staff: Staff) -> None:
    tags = [open_case(container, wf.Kind.EMERGENCY_REVOCATION) for _ in range(3)]
    open_case(container, wf.Kind.CANCELLATION)
    alice = actor(container, staff.alice, "operator")
    service = CaseAssignment(container.factory, container.audit, container.clock)
    service.assign_to_me(alice, tags[0])
    service.assign_to_me(actor(container, staff.bob, "supervisor"), tags[1])
    container.actions.close(actor(container, staff.bob, "supervisor"), tags[2], "重複")
    later = container.clock.now() + dt.timedelta(hours=5)
    with container.read_factory() as session:
        counts = queries.counts(session, alice.operator_id, later)
    # Closed cases do not count; after 5 hours the two open emergencies are overdue, the other not.
    assert (counts.unassigned, counts.mine, counts.overdue, counts.total) == (1, 1, 2, 3)


def test_pages_of_fifty(container: Container, staff: Staff, client: TestClient) -> None:
    tags = [open_case(container, wf.Kind.CANCELLATION) for _ in range(51)]
    login(client, staff.alice)
    first = client.get("/dashboard/").text
    assert first.count("data-tag=") == 50 and 'id="page-next"' in first
    second = client.get("/dashboard/?page=2").text
    assert second.count("data-tag=") == 1 and tags[-1] in second and 'id="page-prev"' in second


class StatementLog:
    """The SQL statements one connection runs while the log is open."""

    def __init__(self, connection: Any) -> None:
        self.engine = connection
        self.statements: list[str] = []

    def _record(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.statements.append(statement)

    def __enter__(self) -> StatementLog:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


def test_poll_reads_one_row_and_moves_with_every_case_change(
        container: Container, staff: Staff, client: TestClient) -> None:
    login(client, staff.alice)
    for _ in range(5):
        open_case(container, wf.Kind.CANCELLATION)
    with container.read_factory() as session:
        with StatementLog(session.connection()) as log:
            before = queries.fingerprint(session)
    # One statement, on the one-row table, by its primary key; the cases table is not read.
    selects = [s for s in log.statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 and "queue_version" in selects[0] and "cases" not in selects[0]
    assert re.search(r"WHERE queue_version\.id = ", selects[0])
    # Any case change moves the version: a new case, an assignment, a close.
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    after_open = client.get("/dashboard/queue/poll").json()["fingerprint"]
    assert after_open != before
    CaseAssignment(container.factory, container.audit, container.clock).assign_to_me(
        actor(container, staff.alice, "operator"), tag)
    after_assign = client.get("/dashboard/queue/poll").json()["fingerprint"]
    assert after_assign != after_open
    # A job failing for good moves it too; a job merely finishing does not.
    with container.factory() as session, session.begin():
        job = enqueue(session, "noop", {}, now=container.clock.now())
        session.flush()
        job_id = job.id
    with container.factory() as session, session.begin():
        version = queueversion.current(session)
        done = session.get(Job, job_id)
        assert done is not None
        done.status = "done"
    with container.factory() as session, session.begin():
        assert queueversion.current(session) == version
        failed = session.get(Job, job_id)
        assert failed is not None
        failed.status = "failed"
    with container.factory() as session:
        assert queueversion.current(session) == version + 1
    # A rolled-back change leaves the version where it was.
    with container.factory() as session:
        with session.begin():
            version = queueversion.current(session)
        session.begin()
        case = session.execute(select(Case).where(Case.tag == tag)).scalar_one()
        case.subject = "rolled back"
        session.flush()
        session.rollback()
    with container.factory() as session:
        assert queueversion.current(session) == version


def _open(c: Container, kind: wf.Kind, subject: str, **flags: bool) -> str:
    with c.factory() as session, session.begin():
        return c.cases.open_case(session, NewCase(kind=kind, channel="email", reply_to="someone@example.org",
                                                  subject=subject, summary="本文", **flags)).tag


def test_the_queue_orders_and_marks_by_the_urgency_column_never_by_the_subject(
        container: Container, staff: Staff, client: TestClient) -> None:
    clock = container.clock
    assert isinstance(clock, FixedClock)
    ordinary = _open(container, wf.Kind.REVOCATION, "証明書の失効")
    # Opened later, both come due after the ordinary case: only a mark can put one of them first.
    clock.advance(dt.timedelta(hours=21))
    flagged = _open(container, wf.Kind.FAQ, "ノートパソコンのこと", possible_emergency=True)
    customer = _open(container, wf.Kind.FAQ, "【緊急の可能性】 至急ご確認ください")
    with container.factory() as session:
        order = [case.tag for case, _applicant in queries.queue(session, queries.QueueFilter())]
        marks = {tag: session.execute(select(Case.urgency).where(Case.tag == tag)).scalar_one()
                 for tag in (ordinary, flagged, customer)}
    assert order == [flagged, ordinary, customer]
    assert marks == {ordinary: None, flagged: "possible_emergency", customer: None}
    # The queue row shows the mark from the column before the subject; the customer's words are only words.
    html = queue_after_login(client, staff)
    assert re.search(r'<span class="badge bad urgency">緊急の可能性</span> ノートパソコンのこと', row_of(html, flagged))
    assert "badge bad urgency" not in row_of(html, customer) + row_of(html, ordinary)
    assert "【緊急の可能性】 至急ご確認ください" in row_of(html, customer)


def test_reclassifying_takes_the_urgency_mark_off_and_audits_it(
        container: Container, staff: Staff, client: TestClient) -> None:
    fax = _open(container, wf.Kind.OTHER, "FAX受信 2ページ", fax_unread=True)
    login(client, staff.alice)
    page = client.get(f"/dashboard/cases/{fax}").text
    assert 'id="case-urgency"' in page and "FAX未確認" in page
    reclassified = client.post(f"/dashboard/cases/{fax}/reclassify",
                               data={"csrf_token": csrf_of(page), "kind": "revocation"}, follow_redirects=False)
    assert reclassified.status_code == 303
    with container.factory() as session:
        case = session.execute(select(Case).where(Case.tag == fax)).scalar_one()
        cleared = session.execute(select(AuditEvent).where(AuditEvent.case_id == case.id,
                                                           AuditEvent.action == "urgency_cleared")).scalar_one()
    assert (case.kind, case.urgency, case.subject) == ("revocation", None, "FAX受信 2ページ")
    assert cleared.actor == staff.alice and cleared.detail == {"urgency": "fax_unread", "because": "Reclassified"}
    page = client.get(f"/dashboard/cases/{fax}").text
    assert 'id="case-urgency"' not in page and "緊急扱いの印を外した （FAX未確認）" in page
    # Reclassifying again leaves no second entry: there is no mark left to take off.
    client.post(f"/dashboard/cases/{fax}/reclassify", data={"csrf_token": csrf_of(page), "kind": "other"})
    with container.factory() as session:
        assert len(session.execute(select(AuditEvent).where(AuditEvent.action == "urgency_cleared")).all()) == 1

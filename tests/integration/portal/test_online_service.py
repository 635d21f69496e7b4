"""The online application's use cases on real databases: codes, entries, the operator's decisions.

Issuance goes through the real CA; mails go into the real outbox.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from online_support import RECORD, add_application, new_request
from sqlalchemy import select

from core import register
from core.container import Container
from core.models import Application, AuditEvent, OutboundMail
from core.ports import FixedClock
from core.services import online, online_review
from signing.serials import Serial
from signing.validity import add_months

DER = serialization.Encoding.DER


def app_id(c: Container, reference: str) -> int:
    with c.factory() as session:
        return session.scalars(select(Application.id).where(Application.reference == reference)).one()


def application(c: Container, reference: str) -> Application:
    with c.factory() as session:
        row = session.scalars(select(Application).where(Application.reference == reference)).one()
        session.expunge(row)
        return row


def reviews(c: Container) -> list[online_review.Review]:
    with c.factory() as session:
        return online_review.pending_reviews(session)


def mails(c: Container) -> list[str]:
    with c.factory() as session:
        return list(session.scalars(select(OutboundMail.template).order_by(OutboundMail.id)))


def actions(c: Container) -> list[str]:
    with c.factory() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_code_is_hashed_checked_and_locked_after_five_wrong_ones(container: Container) -> None:
    c = container
    ref = add_application(c)
    code = online.issue_code(c.factory, c.audit, ref, actor="cli", now=c.clock.now())
    with c.factory() as session:
        from core.online_models import OnlineCode

        stored = session.get(OnlineCode, app_id(c, ref))
        assert stored is not None and code.replace("-", "") not in stored.code_hash
    # Lower case, full-width and no dashes are the same code.
    typed = "".join(chr(ord(ch) + 0xFEE0) if ch.isalnum() else "" for ch in code.lower())
    assert online.open_session(c.factory, c.audit, ref.lower(), typed, now=c.clock.now())
    with pytest.raises(online.OnlineRefused) as unknown:
        online.open_session(c.factory, c.audit, "APP-99999", code, now=c.clock.now())
    assert unknown.value.rule is online.Rule.CODE_WRONG
    for attempt in range(online.MAX_CODE_FAILURES):
        with pytest.raises(online.OnlineRefused) as wrong:
            online.open_session(c.factory, c.audit, ref, "AAAA-BBBB-CCCC", now=c.clock.now())
        expected = online.Rule.CODE_LOCKED if attempt == online.MAX_CODE_FAILURES - 1 else online.Rule.CODE_WRONG
        assert wrong.value.rule is expected
    # Locked: even the right code is refused for an hour, then accepted.
    with pytest.raises(online.OnlineRefused) as locked:
        online.open_session(c.factory, c.audit, ref, code, now=c.clock.now())
    assert locked.value.rule is online.Rule.CODE_LOCKED
    later = c.clock.now() + online.CODE_LOCK + dt.timedelta(seconds=1)
    token = online.open_session(c.factory, c.audit, ref, code, now=later)
    with c.factory() as session:
        who = online.find_session(session, token, later)
        assert who is not None and who.reference == ref
        assert online.find_session(session, token, later + online.SESSION_LIFETIME) is None
    assert actions(c).count("online_code_failed") == online.MAX_CODE_FAILURES


def test_match_issues_on_the_request_key_for_exactly_one_year_one_month(container: Container) -> None:
    c = container
    ref = add_application(c)
    key, csr = new_request(cn="Somebody Else")
    sid = online.submit(c.factory, c.audit, app_id(c, ref), RECORD, csr, now=c.clock.now())
    waiting = {r.submission_id: r for r in reviews(c)}
    assert all(f.same for f in waiting[sid].fields) and waiting[sid].key == "EC secp256r1"
    assert not application(c, ref).online_applied
    issued = online_review.accept(c.factory, c.ca, c.audit, c.cases.outbox, sid, actor="alice", now=c.clock.now())
    cert = x509.load_der_x509_certificate(issued.der)
    assert cert.public_key() == key.public_key()
    # The subject is the record's, never the request's.
    assert cert.subject.rfc4514_string() == f"CN={RECORD['name']},C=JP"
    assert cert.not_valid_after_utc == add_months(c.clock.now().replace(microsecond=0), 13)
    with c.factory() as session:
        row = register.find(session, Serial(issued.serial))
        assert row is not None and row.application_ref == ref
    app = application(c, ref)
    assert app.online_applied and app.status == "issued"
    assert "application_step_recorded" in actions(c) and mails(c) == ["online_issued"]
    # Deciding the same entry again is refused.
    with pytest.raises(online.OnlineRefused):
        online_review.accept(c.factory, c.ca, c.audit, c.cases.outbox, sid, actor="bob", now=c.clock.now())
    # One certificate was asked for: a further entry is refused.
    with pytest.raises(online.OnlineRefused) as more:
        online.submit(c.factory, c.audit, app_id(c, ref), RECORD, new_request()[1], now=c.clock.now())
    assert more.value.rule is online.Rule.COUNT_REACHED


def test_several_certificates_up_to_the_requested_count(container: Container) -> None:
    c = container
    ref = add_application(c, requested_count=2)
    keys = []
    for _ in range(2):
        key, csr = new_request()
        keys.append(key)
        sid = online.submit(c.factory, c.audit, app_id(c, ref), RECORD, csr, now=c.clock.now())
        # Only one entry waits at a time.
        with pytest.raises(online.OnlineRefused) as pending:
            online.submit(c.factory, c.audit, app_id(c, ref), RECORD, new_request()[1], now=c.clock.now())
        assert pending.value.rule is online.Rule.PENDING
        online_review.accept(c.factory, c.ca, c.audit, c.cases.outbox, sid, actor="alice", now=c.clock.now())
    aid = app_id(c, ref)
    with c.factory() as session:
        entries = online_review.entries(session, aid)
        assert [e.status for e in entries] == ["issued", "issued"]
        files = [online_review.certificate_files(session, aid, e.serial or "") for e in entries]
        # Another application's serial is not given out.
        assert online_review.certificate_files(session, aid + 1, entries[0].serial or "") is None
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    public = {x509.load_der_x509_certificate(f[0]).public_key().public_bytes(DER, spki) for f in files if f}
    assert public == {k.public_key().public_bytes(DER, spki) for k in keys}
    with pytest.raises(online.OnlineRefused) as more:
        online.submit(c.factory, c.audit, app_id(c, ref), RECORD, new_request()[1], now=c.clock.now())
    assert more.value.rule is online.Rule.COUNT_REACHED


def test_mismatch_reentry_same_values_twice_and_three_strikes(container: Container) -> None:
    c = container
    ref = add_application(c)
    wrong = [dict(RECORD, name=f"山田 太{n}") for n in ("朗", "良", "一")]
    sid = online.submit(c.factory, c.audit, app_id(c, ref), wrong[0], new_request()[1], now=c.clock.now())
    review = next(r for r in reviews(c) if r.submission_id == sid)
    assert [f.field for f in review.fields if not f.same] == ["name"]
    first = online_review.report_mismatch(c.factory, c.audit, c.cases.outbox, sid, actor="alice",
                                          now=c.clock.now(), note="氏名")
    assert (first.consecutive, first.rejected) == (1, False)
    # The same values again (only spacing differs) are refused; different values may be entered.
    spaced = dict(wrong[0], name="山田　太朗 ")
    with pytest.raises(online.OnlineRefused) as same:
        online.submit(c.factory, c.audit, app_id(c, ref), spaced, new_request()[1], now=c.clock.now())
    assert same.value.rule is online.Rule.SAME_VALUES
    for n, values in enumerate(wrong[1:], start=2):
        sid = online.submit(c.factory, c.audit, app_id(c, ref), values, new_request()[1], now=c.clock.now())
        done = online_review.report_mismatch(c.factory, c.audit, c.cases.outbox, sid, actor="alice",
                                             now=c.clock.now())
        assert done.consecutive == n
    assert done.rejected and application(c, ref).status == "rejected"
    assert mails(c) == ["online_mismatch", "online_mismatch", "online_rejected"]
    with c.factory() as session:
        first_mail = session.scalars(select(OutboundMail).order_by(OutboundMail.id)).first()
        assert first_mail is not None and first_mail.to_addr == RECORD["email"] and first_mail.status == "pending"
        body = email.message_from_bytes(first_mail.raw, policy=email.policy.default)
        text = body.get_body().get_content()  # type: ignore[union-attr]
        assert ref in text and "（氏名）" in text and "あと 2 回" in text and "2 more mismatches" in text
    assert "application_rejected" in actions(c)
    with pytest.raises(online.OnlineRefused) as closed:
        online.submit(c.factory, c.audit, app_id(c, ref), RECORD, new_request()[1], now=c.clock.now())
    assert closed.value.rule is online.Rule.APPLICATION_CLOSED
    assert not application(c, ref).online_applied


def test_a_match_between_mismatches_resets_the_count(container: Container) -> None:
    c = container
    ref = add_application(c, requested_count=3)
    for n, values in enumerate([dict(RECORD, phone="0"), dict(RECORD, phone="1")]):
        sid = online.submit(c.factory, c.audit, app_id(c, ref), values, new_request()[1], now=c.clock.now())
        assert online_review.report_mismatch(c.factory, c.audit, c.cases.outbox, sid, actor="a",
                                             now=c.clock.now()).consecutive == n + 1
    sid = online.submit(c.factory, c.audit, app_id(c, ref), RECORD, new_request()[1], now=c.clock.now())
    online_review.accept(c.factory, c.ca, c.audit, c.cases.outbox, sid, actor="a", now=c.clock.now())
    sid = online.submit(c.factory, c.audit, app_id(c, ref), dict(RECORD, phone="2"), new_request()[1],
                        now=c.clock.now())
    done = online_review.report_mismatch(c.factory, c.audit, c.cases.outbox, sid, actor="a", now=c.clock.now())
    assert (done.consecutive, done.rejected) == (1, False)


def test_bad_requests_and_reused_keys_are_refused(container: Container) -> None:
    c = container
    ref = add_application(c, requested_count=2)
    with pytest.raises(online.OnlineRefused) as bad:
        online.submit(c.factory, c.audit, app_id(c, ref), RECORD, b"garbage", now=c.clock.now())
    assert bad.value.rule is online.Rule.INVALID_REQUEST
    with pytest.raises(online.OnlineRefused) as missing:
        online.submit(c.factory, c.audit, app_id(c, ref), dict(RECORD, address=" "), new_request()[1],
                      now=c.clock.now())
    assert missing.value.rule is online.Rule.MISSING_VALUE
    _key, csr = new_request()
    sid = online.submit(c.factory, c.audit, app_id(c, ref), dict(RECORD, phone="0"), csr, now=c.clock.now())
    online_review.report_mismatch(c.factory, c.audit, c.cases.outbox, sid, actor="a", now=c.clock.now())
    with pytest.raises(online.OnlineRefused) as reused:
        online.submit(c.factory, c.audit, app_id(c, ref), RECORD, csr, now=c.clock.now())
    assert reused.value.rule is online.Rule.KEY_REUSED


def test_the_step_is_recorded_once_with_an_audit_event(container: Container) -> None:
    c = container
    ref = add_application(c)
    assert isinstance(c.clock, FixedClock)
    for _ in range(2):
        with c.factory() as session, session.begin():
            row = session.scalars(select(Application).where(Application.reference == ref)).one()
            online.record_online_application(session, c.audit, row, actor="alice", now=c.clock.now())
    assert application(c, ref).online_applied
    assert actions(c).count("application_step_recorded") == 1


def test_an_entry_of_a_cancelled_application_is_not_issued(container: Container) -> None:
    c = container
    ref = add_application(c)
    sid = online.submit(c.factory, c.audit, app_id(c, ref), RECORD, new_request()[1], now=c.clock.now())
    with c.factory() as session, session.begin():
        session.scalars(select(Application).where(Application.reference == ref)).one().status = "cancelled"
    assert [r for r in reviews(c) if r.submission_id == sid] == []
    with pytest.raises(online.OnlineRefused) as closed:
        online_review.accept(c.factory, c.ca, c.audit, c.cases.outbox, sid, actor="alice", now=c.clock.now())
    assert closed.value.rule is online.Rule.APPLICATION_CLOSED
    with c.factory() as session:
        assert [e.status for e in online_review.entries(session, app_id(c, ref))] == ["pending"]
        assert register.certificates_of_applicant(session, 1) == []
    assert "certificate_issued" not in actions(c)

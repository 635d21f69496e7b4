"""The case page in headless Chromium: fixing a case in place, the next-step panel, the operator's
language (Japanese and English), confirmations, tasks, duplicates and the audit log as sentences.

Everything runs through the real app, worker, CA and database; earlier steps of a case that are
not what a test is about are done through the same service use cases the pages call.
Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pyotp
from cryptography.hazmat.primitives.asymmetric import ec
from dashboard_support import LiveApp, add_holder, open_case, operator_id
from sqlalchemy import func, select

from core import register
from core import workflow as wf
from core.models import Applicant, Application, CallbackTask, Case, HumanTask, OutboundMail
from core.services.actors import Actor
from core.services.certificates import issue_certificate
from signing.models import CaCertificate
from signing.profiles import SubjectFields
from tests.e2e.test_dashboard_browser import log_in

#: Text that must never reach an operator's eyes (raw keys, Python values, English rule codes).
RAW = re.compile(r"\bNone\b|applicant_known|has_registered_phone|certificate_revoked|emergency-callback|"
                 r"already-revoked|unknown-certificate|four-eyes|\bTrue\b|\bFalse\b")


def actor(app: LiveApp, username: str, role: str) -> Actor:
    with app.c.factory() as session:
        return Actor(operator_id(session, username), username, role)


def second_certificate(app: LiveApp, first: CaCertificate) -> CaCertificate:
    """Issue another certificate on the same application (the holder now has two)."""
    c = app.c
    issued = issue_certificate(c.factory, c.ca, c.audit, application_ref=first.application_ref, profile="general",
                               subject=SubjectFields(common_name="山田 太郎"), email="taro@example.jp",
                               public_key=ec.generate_private_key(ec.SECP256R1()).public_key(), actor="test",
                               now=c.clock.now() - dt.timedelta(days=5))
    with c.factory() as session:
        cert = session.scalar(select(CaCertificate).where(CaCertificate.serial_hex == f"{issued.serial:040x}"))
        assert cert is not None
        session.expunge(cert)
        return cert


def wait_state(app: LiveApp, tag: str, state: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.c.factory() as session:
            if session.scalar(select(Case.state).where(Case.tag == tag)) == state:
                return
        time.sleep(0.2)
    raise AssertionError(f"{tag} did not reach {state}")


def revoke_through_a_case(app: LiveApp, serial: str) -> str:
    """A first emergency case revokes *serial*: callback by Alice, approval by Bob, the worker executes."""
    c = app.c
    tag = open_case(c, wf.Kind.EMERGENCY_REVOCATION, serials=(serial,))
    with c.factory() as session:
        task_id = session.scalar(select(CallbackTask.id).join(Case, Case.id == CallbackTask.case_id)
                                 .where(Case.tag == tag, CallbackTask.status == "pending"))
    assert task_id is not None
    c.actions.record_callback(actor(app, "alice", "operator"), task_id, "reached_confirmed", "本人確認済み")
    c.actions.decide(actor(app, "bob", "supervisor"), tag, "approved", "確認")
    wait_state(app, tag, "revoked")
    return tag


def grouped_full_width(serial: str) -> str:
    """A serial as someone types it on a Japanese keyboard: full-width, in groups of four."""
    digits = serial.upper().zfill(len(serial) + (-len(serial)) % 4)
    text = " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))
    return text.translate({ord(ch): ord(ch) + 0xFEE0 for ch in "0123456789ABCDEF"})


def visible_text(page: Any) -> str:
    return str(page.inner_text("main"))


def test_fix_a_misread_serial_in_place(live_app: LiveApp, browser: Any, shots: Path) -> None:
    """A misread serial: the pick-list shows 有効 / 失効済み, the typed grouped serial is accepted,
    a revoked one is warned about with the case that revoked it, and duplicates are suggested."""
    app, c = live_app, live_app.c
    first = add_holder(c)
    second = second_certificate(app, first)
    revoker = revoke_through_a_case(app, str(first.serial))

    # The mail's serial was misread: it is not one of the holder's certificates.
    misread = open_case(c, wf.Kind.EMERGENCY_REVOCATION, serials=("deadbeef",))
    page = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, app.url, app.staff.alice)
    page.goto(f"{app.url}/dashboard/cases/{misread}")
    assert "要仕分け" in page.inner_text("#case-state")
    assert page.is_visible("#next-step #serial-form")  # The fix is the next step, above the fold.
    picks = page.inner_text("#cert-pick")
    assert "有効" in picks and "失効済み" in picks and str(first.serial).upper() in picks
    assert "記載のシリアル番号はこの申込者の証明書と一致しない" in page.inner_text("#reasons")
    assert not RAW.search(visible_text(page)), RAW.search(visible_text(page))
    page.screenshot(path=str(shots / "30-case-enter-serial.png"), full_page=False)

    # Not a serial: refused with the rule in words, and the typed text stays in the field.
    page.fill("#serial-input", "ｘｙｚ-12")
    page.click("#primary-action")
    page.wait_for_selector("#error")
    assert "シリアル番号として読めません" in page.inner_text("#error")
    assert page.input_value("#serial-input") == "ｘｙｚ-12"
    # Somebody else's serial: refused too.
    page.fill("#serial-input", "0x1234 5678")
    page.click("#primary-action")
    page.wait_for_selector("#error")
    assert "この申込者の証明書ではありません" in page.inner_text("#error")

    # The holder's valid certificate, typed full-width in groups of four: the case moves on.
    page.fill("#serial-input", grouped_full_width(str(second.serial)))
    page.click("#primary-action")
    page.wait_for_selector("#go-callback")
    assert page.inner_text("#cert-serial") == str(second.serial).upper()
    assert "折り返し待ち" in page.inner_text("#case-state")

    # The revoked certificate in a new case: the warning names the case that revoked it.
    again = open_case(c, wf.Kind.EMERGENCY_REVOCATION, serials=(str(first.serial),))
    page.goto(f"{app.url}/dashboard/cases/{again}")
    assert f"この証明書は {revoker} で失効済みです" in page.inner_text("#warnings")
    assert "受付不可" in page.inner_text("#case-state")
    assert page.inner_text("#warnings").count("失効") == 1  # Said once, with the case that did it.
    page.screenshot(path=str(shots / "31-case-already-revoked.png"), full_page=False)

    # A second message of the same holder: the open case is suggested, and merging is one click.
    dup = open_case(c, wf.Kind.OTHER, subject="先ほどの件")
    page.goto(f"{app.url}/dashboard/cases/{dup}")
    assert "同じ申込者の未完了案件があります" in page.inner_text("#warnings")
    assert misread in page.inner_text("#duplicates")
    page.screenshot(path=str(shots / "32-case-duplicate.png"), full_page=False)
    page.click(f"#duplicates li:has-text('{misread}') button.merge-suggested")
    page.wait_for_selector("#case-tag")
    assert page.inner_text("#case-tag") == misread  # The surviving case is shown.
    with c.factory() as session:
        assert session.scalar(select(Case.state).where(Case.tag == dup)) == "closed"


def test_reclassify_while_waiting_for_the_callback_close_and_reopen(live_app: LiveApp, browser: Any,
                                                                     shots: Path) -> None:
    app, c = live_app, live_app.c
    add_holder(c)
    tag = open_case(c, wf.Kind.EMERGENCY_REVOCATION)
    bob = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 900}).new_page()
    log_in(bob, app.url, app.staff.bob, pyotp.TOTP(app.staff.bob_secret).now())
    bob.goto(f"{app.url}/dashboard/cases/{tag}")
    assert "折り返し待ち" in bob.inner_text("#case-state")

    # A follow-up misread as an emergency: reclassified while it waits for the callback.
    bob.select_option("#reclassify-form select[name=kind]", "revocation")
    bob.click("#reclassify-form button[type=submit]")
    bob.wait_for_selector("#documents-form")
    assert "書類確認待ち" in bob.inner_text("#case-state") and "失効請求" in bob.inner_text("#case-kind")
    assert "取り下げ" in bob.inner_text("#evidence")  # The waiting callback was withdrawn.
    bob.select_option("#reclassify-form select[name=kind]", "emergency_revocation")
    bob.click("#reclassify-form button[type=submit]")
    bob.wait_for_selector("#go-callback")
    with c.factory() as session:
        case_id = session.scalar(select(Case.id).where(Case.tag == tag))
        acks = session.scalar(select(func.count(OutboundMail.id)).where(OutboundMail.case_id == case_id,
                                                                       OutboundMail.template.startswith("ack")))
        pending = session.scalar(select(func.count(CallbackTask.id)).where(CallbackTask.case_id == case_id,
                                                                          CallbackTask.status == "pending"))
    assert acks == 1 and pending == 1  # Acknowledged once; one callback waiting.

    # Closing needs a reason and a confirmation step; then it can be reopened.
    bob.fill("#close-form input[name=note]", "本人から取り下げの電話あり")
    bob.click("#close")
    bob.wait_for_selector("#confirm-form")
    assert "クローズします" in bob.inner_text("#confirm-text")
    assert "本人から取り下げの電話あり" in bob.inner_text("#confirm")
    bob.screenshot(path=str(shots / "33-close-confirmation.png"), full_page=False)
    with c.factory() as session:
        assert session.scalar(select(Case.state).where(Case.tag == tag)) == "awaiting_callback"
    bob.click("#confirm-button")
    bob.wait_for_selector("#reopen-form")
    assert "クローズ" in bob.inner_text("#case-state")
    bob.fill("#reopen-form input[name=note]", "再度依頼あり")
    bob.click("#reopen")
    bob.wait_for_selector("#reclassify-form")
    assert "要仕分け" in bob.inner_text("#case-state")
    timeline = bob.inner_text("#timeline")
    assert "クローズした" in timeline and "再開した" in timeline and "メモ「本人から取り下げの電話あり」" in timeline
    assert "{" not in timeline  # The JSON is behind its toggle ...
    bob.click("#timeline li:last-child summary")
    assert "Reopened" in bob.inner_text("#timeline li:last-child")  # ... one click away.


def test_cancellation_approval_words_task_checklist_and_english(live_app: LiveApp, browser: Any,
                                                                shots: Path) -> None:
    """A cancellation says 取消 (not 失効), the operator sees who may approve, and the residence
    certificate task is ticked on the case page; the page is complete in English too."""
    app, c = live_app, live_app.c
    now = c.clock.now()
    with c.factory() as session, session.begin():
        person = Applicant(name="佐藤 花子", name_kana="サトウ ハナコ", email="hanako@example.jp",
                           phone="06-1111-2222", created_at=now)
        session.add(person)
        session.flush()
        session.add(Application(reference="APP-CXL-1", applicant_id=person.id, inquiry_returned=True,
                                residence_copy_return_requested=True, status="open", created_at=now))
    tag = open_case(c, wf.Kind.CANCELLATION, reply_to="hanako@example.jp", subject="申込を取り消したい")
    alice = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 900}).new_page()
    log_in(alice, app.url, app.staff.alice)
    alice.goto(f"{app.url}/dashboard/cases/{tag}")
    alice.click("#go-callback")
    alice.fill("textarea[name=notes]", "ご本人と通話、取消の意思を確認")
    alice.click("#outcome-reached_confirmed")
    alice.wait_for_selector("#approvers")
    assert alice.query_selector("#approve") is None
    assert "Bob" in alice.inner_text("#approvers") and "Dave" in alice.inner_text("#approvers")

    dave = browser.new_context(locale="ja-JP", viewport={"width": 1366, "height": 900}).new_page()
    log_in(dave, app.url, app.staff.dave, pyotp.TOTP(app.staff.dave_secret).now())
    dave.goto(f"{app.url}/dashboard/cases/{tag}")
    assert "申込を取り消す" in dave.inner_text("#approve") and "失効" not in dave.inner_text("#next-step")
    assert dave.query_selector_all("#next-step textarea").__len__() == 1  # One note box.
    dave.click("#approve")
    dave.wait_for_selector("#confirm-form")
    assert "申込 APP-CXL-1 を取り消します" in dave.inner_text("#confirm-text")
    assert "失効" not in dave.inner_text("#confirm")
    dave.click("#confirm-button")
    dave.wait_for_selector("#case-state.state-cancelled", timeout=60_000)
    assert "取消済み" in dave.inner_text("#case-state")
    assert "住民票の写しを返却する" in dave.inner_text("#tasks")
    dave.screenshot(path=str(shots / "34-cancelled-with-task.png"), full_page=False)
    with dave.expect_navigation():
        dave.check("#tasks input[type=checkbox]")  # Ticking saves at once.
    assert dave.is_checked("#tasks input[type=checkbox]")
    with c.factory() as session:
        task = session.execute(select(HumanTask)).scalar_one()
        assert task.status == "done"
    assert "タスクを完了にした" in dave.inner_text("#timeline")

    # English: the same page is complete, without raw keys.
    dave.click("#lang-switch")
    dave.wait_for_selector("#next-step")
    english = visible_text(dave)
    assert "Next step" in english and "Applicant found on record" in english
    assert "Return the residence certificate copy" in english
    assert not RAW.search(english), RAW.search(english)
    dave.screenshot(path=str(shots / "35-case-english.png"), full_page=False)
    dave.goto(f"{app.url}/dashboard/ca")
    assert "JST" in dave.inner_text("#ca-status") and "+00:00" not in dave.inner_text("#ca-status")
    dave.goto(f"{app.url}/dashboard/audit")
    assert "ticked a task" in dave.inner_text("#audit-events")


def test_register_status_words_on_the_certificate(live_app: LiveApp, browser: Any) -> None:
    """The certificate's status reads 有効 / 失効済み（CRL n）, never an English word."""
    app, c = live_app, live_app.c
    cert = add_holder(c)
    tag = revoke_through_a_case(app, str(cert.serial))
    page = browser.new_context(locale="ja-JP").new_page()
    log_in(page, app.url, app.staff.alice)
    page.goto(f"{app.url}/dashboard/cases/{tag}")
    with c.factory() as session:
        found = register.find(session, cert.serial)
        assert found is not None
        revocation = register.revocation_of(session, found)
    assert revocation is not None
    assert page.inner_text("#cert-status") == f"失効済み（CRL {revocation.crl_number}）"
    assert "✓ 証明書は有効" not in page.inner_text("#facts") and "証明書は失効済み" in page.inner_text("#facts")

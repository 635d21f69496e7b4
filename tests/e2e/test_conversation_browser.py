"""The conversation of a case and the reply composer in real headless Chromium, and an admin
editing a mail template with a preview.  A real mail goes through intake and the worker; the
reply is delivered by the worker (no relay configured: written to ``data/outgoing``).

Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pyotp
from dashboard_support import LiveApp, add_holder
from sqlalchemy import select

from core.models import Case, InboundMessage
from tests.e2e.test_dashboard_browser import log_in


def deliver(live: LiveApp, body: str, subject: str = "緊急失効のお願い", headers: dict[str, str] | None = None) -> str:
    """Hand a mail to the intake store and wait until the worker has opened its case; return the tag."""
    msg = EmailMessage()
    msg["From"] = "山田 太郎 <taro@example.jp>"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = subject
    msg["Message-ID"] = "<e2e-first@example.jp>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    stored = int(live.c.store.store("taro@example.jp", ["support@madoguchi.test"], bytes(msg), "127.0.0.1"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with live.c.factory() as s:
            row = s.get(InboundMessage, stored)
            if row is not None and row.case_id is not None:
                return s.execute(select(Case.tag).where(Case.id == row.case_id)).scalar_one()
        time.sleep(0.2)
    raise AssertionError("the mail was not processed")


def test_reply_from_the_case_page(live_app: LiveApp, browser: Any, shots: Path) -> None:
    url, c, staff = live_app.url, live_app.c, live_app.staff
    add_holder(c)
    tag = deliver(live_app, "PCを盗まれました。至急失効してください。")

    page = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, url, staff.alice)
    page.goto(f"{url}/dashboard/cases/{tag}")
    incoming = page.locator("#thread li[data-direction=in]")
    assert "PCを盗まれました" in incoming.first.inner_text()
    assert "taro@example.jp" in incoming.first.inner_text()

    page.select_option("#reply-template", "reply")
    page.click("#reply-compose")
    page.wait_for_selector("#reply-body")
    assert "山田 太郎 様" in page.input_value("#reply-body")
    page.fill("#reply-subject", "緊急失効の件")
    page.fill("#reply-body", page.input_value("#reply-body") + "\n\n登録の電話番号へ折り返しお電話いたします。")
    page.click("#reply-preview")
    page.wait_for_selector("#reply-preview-card")
    assert f"[{tag}] 緊急失効の件" in page.inner_text("#preview-headers")
    assert "<e2e-first@example.jp>" in page.inner_text("#preview-headers")  # threaded under the mail
    assert "折り返しお電話いたします" in page.inner_text("#preview-body")
    page.screenshot(path=str(shots / "conversation-01-preview.png"), full_page=True)
    page.click("#reply-send")
    page.wait_for_selector("#conversation")
    assert page.locator(".flash").count() == 1

    # The reply is in the thread; the worker delivers it and the page shows it as sent.
    deadline = time.monotonic() + 30
    status = ""
    while time.monotonic() < deadline:
        reply = page.locator("#thread li.msg-out", has_text="緊急失効の件")
        status = reply.locator(".mail-status").get_attribute("data-status") or ""
        if status == "sent":
            break
        time.sleep(0.5)
        page.reload()
    assert status == "sent"
    assert "送信済み" in reply.inner_text() and "担当者の返信" in reply.inner_text()
    page.locator("#conversation").screenshot(path=str(shots / "conversation-02-thread.png"))


def test_admin_edits_a_template_with_preview(live_app: LiveApp, browser: Any, shots: Path) -> None:
    url, c, staff = live_app.url, live_app.c, live_app.staff
    page = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, url, staff.dave, code=pyotp.TOTP(staff.dave_secret).now())
    page.click("#nav-admin summary")
    page.click("#nav-mail-templates")
    page.click("#tpl-ack a")
    page.wait_for_selector("#tpl-body")
    page.fill("#tpl-body", "{{ nmae }} 様")
    page.click("#tpl-preview")
    assert "nmae" in page.inner_text("#error")
    assert page.locator("#tpl-save").count() == 0
    edited = page.input_value("#tpl-body").replace("nmae", "name") + "\n受付番号 {{ tag }} を承りました。"
    page.fill("#tpl-body", edited)
    page.click("#tpl-preview")
    page.wait_for_selector("#tpl-preview-card")
    assert "山田 太郎 様" in page.inner_text("#tpl-preview-body")
    assert "MDG-000123" in page.inner_text("#tpl-preview-body")
    page.screenshot(path=str(shots / "conversation-03-template.png"), full_page=True)
    page.click("#tpl-save")
    page.wait_for_selector("#tpl-state")
    assert "編集済み" in page.inner_text("#tpl-state")
    assert c.templates.get("ack").body == "{{ name }} 様\n受付番号 {{ tag }} を承りました。"


def test_a_form_relay_marked_machine_sent_waits_for_an_operators_reply(
    live_app: LiveApp, browser: Any, shots: Path
) -> None:
    """A contact form's relay (Auto-Submitted) is a case with no automatic reply, and the page says so."""
    url, c, staff = live_app.url, live_app.c, live_app.staff
    add_holder(c)
    form = ("お問い合わせフォームからの送信\n\nお名前: 山田 太郎\nメールアドレス: taro@example.jp\n"
            "お問い合わせ内容:\nノートPCを電車に置き忘れました。見つかっていません。至急、証明書を止めてください。\n")
    tag = deliver(live_app, form, "Webサイトからのお問い合わせ", {"Auto-Submitted": "auto-generated"})
    page = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 1000}).new_page()
    log_in(page, url, staff.alice)
    page.goto(f"{url}/dashboard/cases/{tag}")
    assert "自動返信は送っていません" in page.inner_text("#no-auto-reply")
    reasons = page.inner_text("#reasons")
    assert "Webフォームから転送された本人の問い合わせ" in reasons and "自動返信は送らず" in reasons
    assert page.locator("#thread li[data-direction=out]").count() == 0
    assert page.is_visible("#reply-compose")
    assert "自動送信の印があるため自動返信を送らなかった" in page.inner_text("body")
    page.screenshot(path=str(shots / "52-case-form-relay-no-auto-reply.png"), full_page=True)

"""The conversation on the case page, the reply composer, the admin template pages and the reply
API, through the real HTTP application (SQLite and PostgreSQL)."""

from __future__ import annotations

import email
import email.policy
import re

from dashboard_support import Staff, add_holder, api_token, csrf_of, login, open_case, totp_now
from fastapi.testclient import TestClient
from sqlalchemy import select

from core import workflow as wf
from core.container import Container
from core.models import AuditEvent, Case, OutboundMail


def outbound(c: Container, tag: str) -> list[OutboundMail]:
    with c.factory() as s:
        case = s.execute(select(Case).where(Case.tag == tag)).scalar_one()
        return list(s.execute(select(OutboundMail).where(OutboundMail.case_id == case.id)
                              .order_by(OutboundMail.id)).scalars())


def test_thread_composer_preview_and_send(container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    login(client, staff.alice)
    page = client.get(f"/dashboard/cases/{tag}")
    assert page.status_code == 200
    assert 'id="conversation"' in page.text and "受付のお知らせ" in page.text  # the acknowledgement ...
    assert 'data-status="pending"' in page.text and "送信待ち" in page.text  # ... with its status

    form = client.get(f"/dashboard/cases/{tag}/reply", params={"template": "reply"})
    assert form.status_code == 200 and "山田 太郎 様" in form.text and 'id="reply-send"' not in form.text
    token = csrf_of(form.text)
    body = "山田 太郎 様\n\n<script>alert(1)</script> ご連絡ありがとうございます。"
    data = {"template": "reply", "subject": "ご連絡の件", "body": body}
    preview = client.post(f"/dashboard/cases/{tag}/reply/preview", data={"csrf_token": token, **data})
    assert preview.status_code == 200 and 'id="reply-send"' in preview.text
    assert f"[{tag}] ご連絡の件" in preview.text and "iPROVE CA局" in preview.text  # tag and signature shown
    assert "<script>alert(1)</script>" not in preview.text and "&lt;script&gt;" in preview.text

    # Without the CSRF token nothing is sent.
    forged = client.post(f"/dashboard/cases/{tag}/reply/send", data=data, follow_redirects=False)
    assert forged.status_code == 403
    # The case was opened from a mail nobody authenticated: its acknowledgement says nothing of it.
    assert [m.template for m in outbound(container, tag)] == ["ack_unverified"]

    sent = client.post(f"/dashboard/cases/{tag}/reply/send", data={"csrf_token": token, **data},
                       follow_redirects=False)
    assert sent.status_code == 303
    assert [m.template for m in outbound(container, tag)] == ["ack_unverified", "reply:reply"]
    container.queue().run_pending()
    shown = client.get(f"/dashboard/cases/{tag}")
    assert shown.text.count('data-status="sent"') == 2 and "送信（担当者の返信）" in shown.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.text  # the body is shown as text


def test_template_pages_are_for_admins_and_validate(container: Container, staff: Staff, client: TestClient,
                                                    second_client: TestClient) -> None:
    login(client, staff.alice)
    assert client.get("/dashboard/mail-templates").status_code == 403
    page = client.get("/dashboard/")
    denied = client.post("/dashboard/mail-templates/ack", data={"csrf_token": csrf_of(page.text),
                                                                "subject": "x", "body": "y"}, follow_redirects=False)
    assert denied.status_code == 403

    login(second_client, staff.dave, code=totp_now(staff.dave_secret, container))
    listing = second_client.get("/dashboard/mail-templates")
    assert listing.status_code == 200 and 'id="tpl-ack"' in listing.text
    edit = second_client.get("/dashboard/mail-templates/ack")
    token = csrf_of(edit.text)
    bad = second_client.post("/dashboard/mail-templates/ack/preview",
                             data={"csrf_token": token, "subject": "受付", "body": "{{ nmae }} 様"})
    assert bad.status_code == 400 and "nmae" in bad.text and 'id="tpl-save"' not in bad.text
    good = second_client.post("/dashboard/mail-templates/ack/preview",
                              data={"csrf_token": token, "subject": "受付 {{ tag }}", "body": "{{ name }} 様 編集版"})
    assert good.status_code == 200 and "受付 MDG-000123" in good.text and "山田 太郎 様 編集版" in good.text
    saved = second_client.post("/dashboard/mail-templates/ack",
                               data={"csrf_token": token, "subject": "受付 {{ tag }}", "body": "{{ name }} 様 編集版"},
                               follow_redirects=False)
    assert saved.status_code == 303
    assert container.templates.get("ack").body == "{{ name }} 様 編集版"
    with container.factory() as s:
        event = s.execute(select(AuditEvent).where(AuditEvent.action == "mail_template_edited")).scalar_one()
        assert event.actor == staff.dave and event.detail["kind"] == "ack"


def test_reply_over_the_api(container: Container, staff: Staff, client: TestClient) -> None:
    add_holder(container)
    tag = open_case(container, wf.Kind.EMERGENCY_REVOCATION)
    token = api_token(container, "script")
    headers = {"Authorization": f"Bearer {token}"}
    answer = client.post(f"/api/cases/{tag}/reply", headers=headers,
                         json={"template": "reply", "subject": "ご連絡", "body": "お電話いたします。"})
    assert answer.status_code == 201, answer.text
    assert answer.json()["subject"] == f"[{tag}] ご連絡" and answer.json()["status"] == "pending"
    thread = client.get(f"/api/cases/{tag}/conversation", headers=headers)
    assert thread.status_code == 200
    assert [(m["direction"], m["status"]) for m in thread.json()] == [("out", "pending"), ("out", "pending")]
    empty = client.post(f"/api/cases/{tag}/reply", headers=headers, json={"subject": "x", "body": " "})
    assert empty.status_code == 409 and empty.json()["detail"]["rule"] == "reply-empty"
    assert client.post("/api/cases/MDG-999999/reply", headers=headers,
                       json={"subject": "x", "body": "y"}).status_code == 404


def test_a_chat_case_shows_the_chat_message_and_offers_no_mail(container: Container, staff: Staff,
                                                               client: TestClient) -> None:
    # A chat request becomes a case only through the one-time link mailed to the registered address.
    add_holder(container)
    links = container.chat.links
    assert links.remember_request("webchat", "visitor-1", "192.0.2.7", "証明書を紛失しました。緊急失効したいです。",
                                  "emergency_revocation", "ja")
    links.request_link("webchat", "visitor-1", "192.0.2.7", "taro@example.jp", "ja")
    container.queue().run_pending()  # The link is looked up and mailed by a job.
    with container.factory() as s:
        mailed = s.execute(select(OutboundMail).where(OutboundMail.template == "chat_link")).scalar_one()
        text = email.message_from_bytes(mailed.raw, policy=email.policy.default).get_body().get_content()  # type: ignore[union-attr]
        token = re.search(r"/chat/link/([A-Za-z0-9_-]+)", text)
    assert token is not None
    tag = links.confirm(token.group(1)).tag
    login(client, staff.alice)
    page = client.get(f"/dashboard/cases/{tag}")
    assert page.status_code == 200
    thread = page.text[page.text.index('id="thread"'):page.text.index('id="reply-no-address"')]
    assert "証明書を紛失しました" in thread and 'data-direction="in"' in thread and "webchat" in thread
    assert 'id="reply-compose"' not in page.text

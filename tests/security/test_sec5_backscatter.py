"""Finding 5: 15 FAQ mails from one forged address got 15 replies (only acknowledgements were limited).

Now every automatic reply counts against a per-recipient and a global hourly limit; the rest are
stored as ``suppressed`` and never sent; and a sender who is not authenticated or not on record
gets no case details at all (see the second half). Mail goes through the real SMTP intake.
"""

from __future__ import annotations

import base64
import email
import email.policy
from email.message import EmailMessage
from email.utils import make_msgid

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from dashboard_support import add_holder
from security_support import Deliver, StubDns
from sqlalchemy import select

from core.container import Container
from core.models import AuditEvent, Case, OutboundMail
from intake.texts import render


def _question(sender: str, n: int) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = sender, "support@madoguchi.test"
    msg["Subject"] = f"質問 {n}"
    msg["Message-ID"] = make_msgid(domain="forged.example")
    msg.set_content(f"証明書の有効期間はどれくらいですか。（{n}）")
    return bytes(msg)


def test_faq_flood_from_one_forged_address_gets_few_replies(container: Container, deliver: Deliver) -> None:
    for n in range(15):
        deliver(_question("victim@forged.example", n))
    with container.factory() as s:
        rows = s.execute(select(OutboundMail).where(OutboundMail.to_addr == "victim@forged.example")).scalars().all()
    sendable = [r for r in rows if r.status != "suppressed"]
    assert len(rows) >= 15 and len(sendable) <= container.settings.ack_rate_per_hour


def test_global_limit_across_many_forged_addresses(container: Container, deliver: Deliver) -> None:
    container.cases.outbox.global_limit = 6
    for n in range(10):
        deliver(_question(f"victim{n}@forged.example", n))
    with container.factory() as s:
        rows = s.execute(select(OutboundMail)).scalars().all()
    assert len([r for r in rows if r.status != "suppressed"]) <= 6


# ---------------------------------------------------------------- no case details to senders not established
#
# The original attack: mails with a customer's address forged in From (no DKIM, no trusted
# Authentication-Results) got replies that named the customer, the case number and kind, and
# refusals that told the certificate's or application's state.  Now such a sender (and any sender
# not matched to an applicant) gets at most the neutral acknowledgement (rule
# reply-unestablished-sender, recorded on the case), still under the per-recipient limit.

CUSTOMER = "taro@example.co.jp"
NAME = "山田 太郎"


def _request(sender: str, n: int, body: str, subject: str = "至急 失効のお願い") -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"] = sender, "support@madoguchi.test"
    msg["Subject"] = f"{subject} {n}"
    msg["Message-ID"] = make_msgid(domain="forged.example")
    msg.set_content(body)
    return bytes(msg)


def _bodies(container: Container, to_addr: str) -> list[tuple[OutboundMail, str]]:
    with container.factory() as s:
        rows = s.execute(select(OutboundMail).where(OutboundMail.to_addr == to_addr).order_by(OutboundMail.id)
                         ).scalars().all()
        s.expunge_all()
    out = []
    for row in rows:
        mail = email.message_from_bytes(row.raw, policy=email.policy.default)
        out.append((row, str(mail["Subject"]) + "\n" + mail.get_body().get_content()))  # type: ignore[union-attr]
    return out


def _dkim_signed(raw: bytes, domain: str, dns: StubDns) -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    dns.records[f"sel._domainkey.{domain}"] = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption())
    return dkim.sign(raw, b"sel", domain.encode(), pem, include_headers=[b"from", b"to", b"subject"]) + raw


def test_fifteen_forged_mails_from_a_customers_address_get_few_replies_without_case_details(
    container: Container, deliver: Deliver
) -> None:
    cert = add_holder(container, email=CUSTOMER, name=NAME)
    serial = str(cert.serial)
    cases = []
    for n in range(15):
        body = (f"証明書の有効期間はどれくらいですか。（{n}）" if n % 2 else
                f"PCを盗まれました。至急、シリアル {serial} の証明書を失効してください。（{n}）")
        cases.append(deliver(_request(CUSTOMER, n, body, "質問" if n % 2 else "至急 失効のお願い")))
    replies = _bodies(container, CUSTOMER)
    sendable = [(row, text) for row, text in replies if row.status != "suppressed"]
    assert len(replies) >= 2 and 1 <= len(sendable) <= container.settings.ack_rate_per_hour
    for row, text in replies:
        assert row.template in {"ack_unverified", "faq_answer_public"}, row.template
        for detail in ("MDG-", "山田", "太郎", serial, serial.upper(), "緊急失効", "emergency revocation"):
            assert detail not in text, (detail, text)
    # The rule is recorded on the case and in the audit log.
    opened = next(c for c in cases if c is not None and c.kind == "emergency_revocation")
    with container.factory() as s:
        case = s.get(Case, opened.id)
        assert case is not None and any(r.startswith("reply rule reply-unestablished-sender") for r in case.reasons)
        reduced = s.execute(select(AuditEvent).where(AuditEvent.action == "reply_reduced")).scalars().all()
    assert {e.detail["rule"] for e in reduced} == {"reply-unestablished-sender"}
    assert "ack" in {e.detail["asked"] for e in reduced}


def test_a_forged_mail_naming_a_customers_serial_learns_nothing_about_it(
    container: Container, deliver: Deliver
) -> None:
    cert = add_holder(container, email=CUSTOMER, name=NAME)
    serial = str(cert.serial)
    # From the attacker's own address: not matched to anyone.
    deliver(_request("mallory@evil.example", 1, f"シリアル {serial} の証明書を至急失効してください。"))
    # From the customer's address, forged: a cancellation the register refuses (the application is complete).
    refused = deliver(_request(CUSTOMER, 2, "申込を取り消してください。", "申込の取り消し"))
    assert refused is not None and refused.state == "refused"
    # The stranger's request waits for an operator (no applicant, no callback) and gets no mail at all.
    assert _bodies(container, "mallory@evil.example") == []
    ((row, text),) = _bodies(container, CUSTOMER)
    assert row.template == "ack_unverified"
    # The customer's mailbox gets the one neutral text, the same whatever was asked and whatever is on record.
    subject, body = render("ack_unverified", {})
    assert text == subject + "\n" + body
    for detail in ("MDG-", "山田", serial, "失効しています", "完了"):
        assert detail not in text, detail
    with container.factory() as s:
        reduced = s.execute(select(AuditEvent).where(AuditEvent.action == "reply_reduced")).scalar_one()
    assert reduced.detail["asked"].startswith("refused_") and reduced.detail["sent"] == "ack_unverified"


def test_an_authenticated_customer_still_gets_the_full_acknowledgement(
    container: Container, deliver: Deliver, dns: StubDns
) -> None:
    """The positive control: a DKIM pass for the customer's domain and a match on record."""
    add_holder(container, email=CUSTOMER, name=NAME)
    case = deliver(_dkim_signed(_request(CUSTOMER, 1, "PCを盗まれました。至急、証明書を失効してください。"),
                                "example.co.jp", dns))
    assert case is not None and case.sender_auth is not None and case.sender_auth["verified"]
    ((row, text),) = _bodies(container, CUSTOMER)
    assert row.template == "ack" and case.tag in text and NAME in text

"""Finding 2: the sender's address comes from the raw addr-spec; DKIM, DMARC and S/MIME are shown and used.

The probe's attack: ``From: =?utf-8?b?<base64 of a customer's address>?= <attacker@evil.example>``
with an emergency text was matched to that customer and went to awaiting_callback; other
variants produced replies addressed ``To: injBcc``.
"""

from __future__ import annotations

import base64
import email
import email.policy
from email.message import EmailMessage

import dkim
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from dashboard_support import Staff, add_holder, csrf_of, login
from fastapi.testclient import TestClient
from security_support import AUTHSERV_ID, Deliver, StubDns
from sqlalchemy import select

from core.container import Container
from core.models import OutboundMail
from madoguchi.asgi import build_asgi

EMERGENCY = "秘密鍵を紛失しました。至急、証明書を失効してください。"


def _mail(from_header: str, body: str = EMERGENCY, subject: str = "至急 失効のお願い") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "placeholder@example.invalid"
    msg["To"] = "support@madoguchi.test"
    msg["Subject"] = subject
    msg["Message-ID"] = email.utils.make_msgid(domain="sender.example")
    msg.set_content(body)
    return msg


def _raw(msg: EmailMessage, from_header: str) -> bytes:
    """The mail with *from_header* written byte for byte (no re-folding or re-encoding by the library)."""
    lines = msg.as_bytes(policy=email.policy.SMTP).split(b"\r\n")
    return b"\r\n".join(b"From: " + from_header.encode() if line.startswith(b"From: ") else line for line in lines)


def _case_page(container: Container, tag: str, lang: str = "ja") -> str:
    with TestClient(build_asgi(container), base_url="http://testserver") as client:
        assert login(client, "alice").status_code == 303
        if lang == "en":
            token = csrf_of(client.get("/dashboard/").text)
            client.post("/dashboard/lang", data={"csrf_token": token, "language": "en", "next": "/dashboard/"})
        r = client.get(f"/dashboard/cases/{tag}")
        assert r.status_code == 200, r.text
        return r.text


def test_address_in_encoded_display_name_does_not_win(container: Container, staff: Staff, deliver: Deliver) -> None:
    add_holder(container, email="taro@example.jp")
    spoof = f"=?utf-8?b?{base64.b64encode(b'taro@example.jp').decode()}?= <attacker@evil.example>"
    case = deliver(_raw(_mail(spoof), spoof))
    assert case is not None
    assert case.reply_to == "attacker@evil.example"
    assert case.applicant_id is None and case.state != "awaiting_callback"
    assert case.sender_auth is not None and not case.sender_auth["verified"]
    assert any("taro@example.jp" in f for f in case.sender_auth["flags"])
    page = _case_page(container, case.tag)
    assert "送信者未確認" in page and "display name contains another address" in page
    assert "sender not verified" in _case_page(container, case.tag, "en")


def test_encoded_crlf_in_display_name_cannot_inject_recipients(container: Container, deliver: Deliver) -> None:
    crlf_to = base64.b64encode(b"x\r\nTo: injBcc").decode()
    for spoof in ("=?utf-8?q?x=0D=0ABcc:_injBcc?= <a@b.example>",
                  f'"=?utf-8?b?{crlf_to}?=" <a@b.example>',
                  "=?utf-8?q?injBcc?="):
        deliver(_raw(_mail(spoof, body="証明書の有効期間を教えてください。", subject="質問"), spoof))
    with container.factory() as s:
        rows = s.execute(select(OutboundMail)).scalars().all()
    assert rows, "the valid senders get an answer"
    for row in rows:
        sent = email.message_from_bytes(row.raw, policy=email.policy.default)
        assert row.to_addr == "a@b.example" and str(sent["To"]) == "a@b.example"
        assert sent["Bcc"] is None and b"injBcc" not in row.raw.split(b"\r\n\r\n")[0]


def _dkim_signed(from_header: str, domain: str, dns: StubDns, selector: str = "sel") -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    dns.records[f"{selector}._domainkey.{domain}"] = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    raw = _raw(_mail(from_header), from_header)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption())
    sig = dkim.sign(raw, selector.encode(), domain.encode(), pem, include_headers=[b"from", b"to", b"subject"])
    return sig + raw


def test_dkim_pass_is_shown_and_unaligned_or_forged_is_not(container: Container, staff: Staff, deliver: Deliver,
                                                          dns: StubDns) -> None:
    good = deliver(_dkim_signed("山田 <taro@example.co.jp>", "example.co.jp", dns))
    assert good is not None and good.sender_auth is not None
    assert good.sender_auth["verified"] and good.sender_auth["verified_by"] == "dkim:example.co.jp"
    assert "DKIM 合格: example.co.jp" in _case_page(container, good.tag)
    assert "DKIM pass: example.co.jp" in _case_page(container, good.tag, "en")
    # Signed by the attacker's own domain: the signature is valid but says nothing about example.co.jp.
    other = deliver(_dkim_signed("taro@example.co.jp", "evil.example", dns))
    assert other is not None and other.sender_auth is not None and not other.sender_auth["verified"]
    assert {"domain": "evil.example", "result": "pass"} in other.sender_auth["dkim"]
    # A signature whose key is not in DNS (or was altered) fails.
    raw = _dkim_signed("taro@example.co.jp", "example.co.jp", dns, selector="gone")
    del dns.records["gone._domainkey.example.co.jp"]
    lost = deliver(raw)
    assert lost is not None and lost.sender_auth is not None and not lost.sender_auth["verified"]


def test_only_our_mtas_topmost_authentication_results_count(container: Container, deliver: Deliver) -> None:
    def with_ar(*values: str) -> bytes:
        raw = _raw(_mail("taro@example.co.jp"), "taro@example.co.jp")
        return b"".join(f"Authentication-Results: {v}\r\n".encode() for v in values) + raw

    trusted = deliver(with_ar(f"{AUTHSERV_ID}; spf=pass smtp.mailfrom=example.co.jp; dmarc=pass "
                              "header.from=example.co.jp"))
    assert trusted is not None and trusted.sender_auth is not None
    assert trusted.sender_auth["verified"] and trusted.sender_auth["dmarc"] == "pass"
    forged = deliver(with_ar("mx.evil.example; dmarc=pass header.from=example.co.jp"))
    assert forged is not None and forged.sender_auth is not None and not forged.sender_auth["verified"]
    below = deliver(with_ar(f"{AUTHSERV_ID}; spf=fail smtp.mailfrom=example.co.jp; dmarc=fail",
                            f"{AUTHSERV_ID}; dmarc=pass header.from=example.co.jp"))
    assert below is not None and below.sender_auth is not None and not below.sender_auth["verified"]


def test_smime_signed_by_the_certificate_to_revoke_is_marked_as_the_holders(
        container: Container, staff: Staff, deliver: Deliver) -> None:

    # The holder's certificate, issued by our CA on her application; she signs with its key.
    key = ec.generate_private_key(ec.SECP256R1())
    holder = add_holder(container, email="hanako@example.jp", name="鈴木 花子", key=key)
    cert = x509.load_der_x509_certificate(holder.der)
    issued_serial = holder.serial.value
    inner = EmailMessage()
    inner.set_content(EMERGENCY, cte="8bit")
    signed = (pkcs7.PKCS7SignatureBuilder().set_data(inner.as_bytes(policy=email.policy.SMTP))
              .add_signer(cert, key, hashes.SHA256())
              .sign(serialization.Encoding.SMIME, [pkcs7.PKCS7Options.DetachedSignature]))
    head = (b"From: hanako@example.jp\r\nTo: support@madoguchi.test\r\nSubject: =?utf-8?b?"
            + base64.b64encode("至急 失効のお願い".encode()) + b"?=\r\nMessage-ID: <smime-1@example.jp>\r\n")
    case = deliver(head + signed.replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n"))
    assert case is not None and case.sender_auth is not None
    smime = case.sender_auth["smime"]
    assert smime["result"] == "pass" and smime["signer_serial"] == format(issued_serial, "x")
    page = _case_page(container, case.tag)
    assert "本人の証明書による S/MIME 署名" in page
    # Tampered content: the signature no longer verifies.  (Sent from another address: a second mail
    # from the holder would join her open case as a follow-up instead of opening one.)
    tampered = deliver(head.replace(b"smime-1", b"smime-2").replace(b"From: hanako@", b"From: someone@")
                       + signed.replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n").replace("紛失".encode(), b"xx", 1))
    assert tampered is not None and tampered.sender_auth is not None
    assert tampered.sender_auth["smime"]["result"] == "fail"

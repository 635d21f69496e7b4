"""Finding 5: 15 FAQ mails from one forged address got 15 replies (only acknowledgements were limited).

Now every automatic reply counts against a per-recipient and a global hourly limit; the rest are
stored as ``suppressed`` and never sent. Mail goes through the real SMTP intake.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

from security_support import Deliver
from sqlalchemy import select

from core.container import Container
from core.models import OutboundMail


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

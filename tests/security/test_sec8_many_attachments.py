"""Finding 8: a mail with 5,000 attachments made its case page slow, and links past 1,000 answered 422.

Attachments are listed 100 to a page (only that page is decoded) and every one is downloadable.
"""

from __future__ import annotations

import time
from email.message import EmailMessage

from dashboard_support import Staff, login
from fastapi.testclient import TestClient
from sqlalchemy import select

from core.container import Container
from core.models import Case
from dashboard import mailview
from madoguchi.asgi import build_asgi

COUNT = 5000


def _mail() -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "taro@example.jp", "support@madoguchi.test", "書類を送ります"
    msg["Message-ID"] = "<many-attachments@example.jp>"
    msg.set_content("必要書類を添付します。")
    for i in range(COUNT):
        msg.add_attachment(f"page {i}".encode(), maintype="application", subtype="octet-stream",
                           filename=f"scan-{i:04d}.bin")
    return bytes(msg)


def test_thousands_of_attachments_are_paged_and_all_downloadable(container: Container, staff: Staff) -> None:
    # Stored the way the SMTP intake stores it (the mail itself is what matters here), then processed.
    container.store.store("taro@example.jp", ["support@madoguchi.test"], _mail(), "127.0.0.1")
    container.queue().run_pending()
    with container.factory() as s:
        case = s.execute(select(Case).order_by(Case.id.desc())).scalars().first()
    assert case is not None and case.inbound_message_id is not None
    with TestClient(build_asgi(container)) as client:
        assert login(client, "alice").status_code == 303
        started = time.monotonic()
        page = client.get(f"/dashboard/cases/{case.tag}")
        first_page_seconds = time.monotonic() - started
        assert page.status_code == 200
        assert page.text.count("scan-") == mailview.ATTACHMENTS_PER_PAGE and 'id="attachment-next"' in page.text
        last = client.get(f"/dashboard/cases/{case.tag}", params={"apage": COUNT // mailview.ATTACHMENTS_PER_PAGE})
        assert last.status_code == 200 and f"scan-{COUNT - 1:04d}.bin" in last.text
        for index in (0, 1000, 1001, 2500, COUNT - 1):
            r = client.get(f"/dashboard/messages/{case.inbound_message_id}/attachments/{index}",
                           params={"download": 1})
            assert r.status_code == 200 and r.content == f"page {index}".encode()
        assert client.get(f"/dashboard/messages/{case.inbound_message_id}/attachments/{COUNT}").status_code == 404
    print(f"first attachment page of {COUNT}: {first_page_seconds:.2f} s")

"""Finding 3: a display name with an encoded CR/LF made the case page answer 500.

The case page must render whatever header bytes a mail carries: the probe's mail goes through
the real SMTP intake to the page, and a corpus of nasty headers (plus random ones from
hypothesis) goes through the page's header renderer, :func:`dashboard.mailview.headers`.
"""

from __future__ import annotations

import base64
import re

from dashboard_support import Staff, login
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from security_support import Deliver

from core.container import Container
from dashboard import mailview
from madoguchi.asgi import build_asgi

BODY = b"\r\n\r\nkey lost, please revoke\r\n"
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


NASTY: list[bytes] = [
    b"From: =?utf-8?q?x=0D=0ABcc:_injBcc?= <a@b.example>",
    b'From: "=?utf-8?b?' + _b64(b"x\r\nTo: injBcc").encode() + b'?=" <a@b.example>',
    b"From: =?utf-8?b?" + _b64(b"\x00\x01\x1b[31m").encode() + b"?= <a@b.example>",
    b"From: =?x-unknown-charset?q?abc?= <a@b.example>",
    b"From: =?utf-8?b?not base64!!?= <a@b.example>",
    b"From: =?utf-8?q?unterminated <a@b.example>",
    b"From: \xff\xfe\x80 raw bytes <a@b.example>",
    b"From: \x1b$B;3ED\x1b(B <yamada@example.jp>",
    b"From: <<<>>>@@@",
    b"From: a@b.example, c@d.example, =?utf-8?b?" + _b64(b"\r\n").encode() + b"?= <e@f.example>",
    b"From: " + b"=?utf-8?b?" + _b64("長".encode() * 400).encode() + b"?= <a@b.example>",
    b"From: \"unbalanced <a@b.example>",
    b"From: (comment (nested <a@b.example>",
    b"From: group: =?utf-8?q?a=0Ab?= <a@b.example>;",
    b"To: =?utf-8?q?x=0D=0A?= <t@madoguchi.test>",
    b"Cc: =?utf-8?q?=0A?= <c@b.example>",
    b"Reply-To: =?utf-8?q?r=0D=0AX-Evil:_1?= <r@b.example>",
    b"Subject: =?utf-8?q?a=0D=0AContent-Type:_text/html?=",
    b"Subject: =?iso-2022-jp?b?GyRCJCIkJCQmGyhC?=\r\n\t=?utf-8?q?=E2=80=A8?=",
    b"Date: =?utf-8?q?=0D=0A?=",
    b"Message-ID: <a\x00b@c>",
    b"In-Reply-To: =?utf-8?q?=0D=0A?=",
]


def test_corpus_of_nasty_headers_renders(container: Container) -> None:
    for line in NASTY:
        raw = b"Message-ID: <n@x>\r\n" + line + BODY
        shown = mailview.headers(raw)
        assert all(not CONTROL.search(value) for _name, value in shown), (line, shown)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(list(mailview.SHOWN_HEADERS)), value=st.binary(max_size=200),
       word=st.binary(max_size=60))
def test_random_header_bytes_render(name: str, value: bytes, word: bytes) -> None:
    raw = (name.encode() + b": " + value.replace(b"\n", b" ").replace(b"\r", b" ") + b" =?utf-8?b?"
           + base64.b64encode(word) + b"?= <a@b.example>" + BODY)
    for _name, shown in mailview.headers(raw):
        assert not CONTROL.search(shown)


def test_probe_mail_case_page_renders(container: Container, staff: Staff, deliver: Deliver) -> None:
    tags = []
    for line in NASTY[:4] + NASTY[14:18]:
        raw = (line + b"\r\nTo: support@madoguchi.test\r\nSubject: revoke\r\nMessage-ID: <"
               + str(len(tags)).encode() + b"@nasty.example>" + BODY)
        case = deliver(raw)
        if case is not None:
            tags.append(case.tag)
    assert len(tags) >= 4
    with TestClient(build_asgi(container)) as client:
        assert login(client, "alice").status_code == 303
        for tag in tags:
            page = client.get(f"/dashboard/cases/{tag}")
            assert page.status_code == 200, page.text[:500]

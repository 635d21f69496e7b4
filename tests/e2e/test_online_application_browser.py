"""The online application in real headless Chromium: the page makes the key pair with WebCrypto and
builds the PKCS#10 request in JavaScript; an operator compares and accepts on the dashboard; the
applicant downloads the certificate, and openssl checks that it verifies against the CA and carries
the browser's public key.  A second application runs the mismatch, re-entry, same-values-twice and
three-strikes rules through the same pages.  Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path
from typing import Any

from dashboard_support import LiveApp

from core.services import online
from tests.e2e.test_dashboard_browser import log_in

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration" / "portal"))
from online_support import RECORD, add_application  # noqa: E402

EXPORT_PUBLIC_KEY = """async () => {
    const spki = await crypto.subtle.exportKey("spki", window.madoguchiKeyPair.publicKey);
    return btoa(String.fromCharCode(...new Uint8Array(spki)));
}"""


def openssl(*args: str, cwd: Path) -> str:
    out = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def applicant_page(browser: Any, url: str, reference: str, code: str) -> Any:
    page = browser.new_context(locale="ja-JP", viewport={"width": 1200, "height": 1000},
                               accept_downloads=True).new_page()
    page.goto(f"{url}/apply/")
    page.fill("#reference", reference)
    page.fill("#code", code)
    page.click("#login-button")
    page.wait_for_selector("#apply-form")
    return page


def enter(page: Any, values: dict[str, str], algorithm: str = "ECDSA-P256") -> str:
    """Fill the values, make the key pair in the page, submit; return the browser's public key (PEM)."""
    for field, value in values.items():
        page.fill(f"#field-{field}", value)
    page.select_option("#key-algorithm", algorithm)
    page.click("#generate")
    page.wait_for_selector("#key-done:not([hidden])")
    spki = base64.b64decode(page.evaluate(EXPORT_PUBLIC_KEY))
    body = base64.encodebytes(spki).decode().replace("\n", "")
    lines = "\n".join(body[i:i + 64] for i in range(0, len(body), 64))
    page.click("#submit")
    page.wait_for_load_state()
    return f"-----BEGIN PUBLIC KEY-----\n{lines}\n-----END PUBLIC KEY-----\n"


def decide(operator: Any, url: str, reference: str, match: bool, note: str = "") -> None:
    operator.goto(f"{url}/dashboard/online")
    section = f"section[data-reference='{reference}']"
    operator.wait_for_selector(section)
    sid = operator.get_attribute(section, "data-submission")
    if match:
        operator.click(f"#match-{sid}")
    else:
        operator.fill(f"#note-{sid}", note)
        operator.click(f"#mismatch-{sid}")
    operator.wait_for_load_state()


def test_online_application_with_webcrypto_in_chromium(live_app: LiveApp, browser: Any, shots: Path,
                                                       tmp_path: Path) -> None:
    app = live_app
    c = app.c
    ref = add_application(c, requested_count=1)
    code = online.issue_code(c.factory, c.audit, ref, actor="cli", now=c.clock.now())
    page = applicant_page(browser, app.url, ref, code)
    for field, value in RECORD.items():
        page.fill(f"#field-{field}", value)
    page.click("#generate")
    page.wait_for_selector("#key-done:not([hidden])")
    # The private key is offered as a PKCS#8 PEM file, made in the browser.
    with page.expect_download() as saved:
        page.click("#save-key")
    key_file = tmp_path / "browser-key.pem"
    saved.value.save_as(key_file)
    assert key_file.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert page.input_value("#csr").startswith("-----BEGIN CERTIFICATE REQUEST-----")
    spki = base64.b64decode(page.evaluate(EXPORT_PUBLIC_KEY))
    page.screenshot(path=str(shots / "40-online-application.png"), full_page=True)
    page.click("#submit")
    page.wait_for_selector("#message[data-key='msg_submitted']")
    assert page.get_attribute("tr[data-entry]", "data-status") == "pending"

    operator = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 900}).new_page()
    log_in(operator, app.url, app.staff.alice)
    operator.goto(f"{app.url}/dashboard/online")
    operator.wait_for_selector(f"section[data-reference='{ref}']")
    assert operator.locator(f"section[data-reference='{ref}'] tr.differs").count() == 0
    operator.screenshot(path=str(shots / "41-online-review.png"), full_page=True)
    decide(operator, app.url, ref, match=True)
    assert "証明書を発行しました" in operator.inner_text("main")

    page.goto(f"{app.url}/apply/form")
    assert page.get_attribute("tr[data-entry]", "data-status") == "issued"
    page.screenshot(path=str(shots / "42-online-issued.png"), full_page=True)
    for link, name in ((".dl-pem", "cert.pem"), (".dl-der", "cert.der"), (".dl-chain", "chain.pem")):
        with page.expect_download() as download:
            page.click(link)
        download.value.save_as(tmp_path / name)
    ca = c.ca.certificate_path(c.ca.generations()[-1].number)
    openssl("x509", "-inform", "DER", "-in", str(ca), "-out", "ca.pem", cwd=tmp_path)
    assert "cert.pem: OK" in openssl("verify", "-CAfile", "ca.pem", "cert.pem", cwd=tmp_path)
    assert "chain.pem: OK" in openssl("verify", "-CAfile", "ca.pem", "chain.pem", cwd=tmp_path)
    certified = openssl("x509", "-in", "cert.pem", "-noout", "-pubkey", cwd=tmp_path)
    (tmp_path / "browser.der").write_bytes(spki)
    browser_key = openssl("pkey", "-pubin", "-inform", "DER", "-in", "browser.der", "-pubout", cwd=tmp_path)
    assert certified == browser_key
    # The saved private key is the one the certificate certifies.
    assert openssl("pkey", "-in", str(key_file), "-pubout", cwd=tmp_path) == certified
    assert openssl("x509", "-inform", "DER", "-in", "cert.der", cwd=tmp_path) == (tmp_path / "cert.pem").read_text()
    # One certificate was asked for: the form is closed now.
    assert page.locator("#closed").count() == 1


def test_mismatch_reentry_and_three_strikes_in_chromium(live_app: LiveApp, browser: Any, shots: Path) -> None:
    app = live_app
    c = app.c
    ref = add_application(c, reference="APP-00002")
    code = online.issue_code(c.factory, c.audit, ref, actor="cli", now=c.clock.now())
    page = applicant_page(browser, app.url, ref, code)
    operator = browser.new_context(locale="ja-JP").new_page()
    log_in(operator, app.url, app.staff.alice)

    first = dict(RECORD, address="東京都千代田区千代田9-9")
    enter(page, first, algorithm="RSA-2048")
    page.wait_for_selector("#message[data-key='msg_submitted']")
    decide(operator, app.url, ref, match=False, note="住所")
    page.goto(f"{app.url}/apply/form")
    assert page.get_attribute("tr[data-entry]", "data-status") == "mismatch"
    # The same values again are refused, with a fresh key.
    enter(page, first)
    page.wait_for_selector("#message[data-key='rule_online-same-values']")
    page.screenshot(path=str(shots / "43-online-same-values.png"), full_page=True)
    for n in (2, 3):
        enter(page, dict(RECORD, address=f"東京都千代田区千代田{n}-{n}"))
        page.wait_for_selector("#message[data-key='msg_submitted']")
        decide(operator, app.url, ref, match=False, note="住所")
    assert "却下" in operator.inner_text("main")
    page.goto(f"{app.url}/apply/form")
    assert page.locator("#rejected").count() == 1 and page.locator("#apply-form").count() == 0
    page.screenshot(path=str(shots / "44-online-rejected.png"), full_page=True)

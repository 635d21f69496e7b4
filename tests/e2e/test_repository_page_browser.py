"""The public repository page in headless Chromium: styled like the dashboard, JST, downloads work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography import x509
from dashboard_support import LiveApp, add_holder


def test_repository_page_is_styled_and_its_downloads_work(live_app: LiveApp, browser: Any, shots: Path) -> None:
    add_holder(live_app.c)
    page = browser.new_context(locale="ja-JP", viewport={"width": 1200, "height": 900}).new_page()
    page.goto(f"{live_app.url}/repository/")
    # The stylesheet applies: the header has the dashboard's dark bar and the cards their border.
    header_bg = page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor")
    assert header_bg == "rgb(22, 33, 58)"
    assert "第1世代" in page.inner_text("#gen1") and "JST" in page.inner_text("#gen1")
    page.screenshot(path=str(shots / "20-repository.png"), full_page=True)
    with page.expect_download() as download:
        page.click("a[href='gen1.cer']")
    x509.load_der_x509_certificate(Path(download.value.path()).read_bytes())
    page.click("a[href='fingerprints']")
    page.wait_for_selector("table.fingerprints")
    page.screenshot(path=str(shots / "21-fingerprints.png"), full_page=True)

"""The shift queue in real headless Chromium at 1920x1080: one-line rows (25 or more on screen),
the skip link, the shortcuts j / k / Enter / / / ?, "my cases", taking a case, the counts in the
navigation and the empty-search text.  A screenshot of the queue is kept as a test artefact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dashboard_support import PASSWORD, LiveApp, open_case, operator_id

from core import workflow as wf
from core.services.actors import Actor
from core.services.assignment import CaseAssignment


def log_in(page: Any, url: str, username: str) -> None:
    page.goto(f"{url}/dashboard/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()


def active_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement ? (document.activeElement.id || '') : ''"))


def selected_tag(page: Any) -> str:
    return str(page.evaluate("(document.querySelector('#queue-rows tr.selected') || {dataset: {}}).dataset.tag || ''"))


def test_queue_shortcuts_skip_link_owner_filter_and_one_line_rows(
        live_app: LiveApp, browser: Any, shots: Path) -> None:
    url, c, staff = live_app.url, live_app.c, live_app.staff
    long_subject = "鍵を紛失したため至急失効をお願いします。とても長い件名が一行に収まらないことを確かめる文章です" * 2
    subjects = [long_subject, "証明書の取消について", "住所変更に伴う訂正の依頼"]
    tags = [open_case(c, wf.Kind.EMERGENCY_REVOCATION if i % 5 == 0 else wf.Kind.CANCELLATION,
                      subject=subjects[i % 3], reply_to=f"person{i}@example.jp") for i in range(40)]
    with c.factory() as session:
        alice = Actor(operator_id(session, staff.alice), staff.alice, "operator")
    assignment = CaseAssignment(c.factory, c.audit, c.clock)
    for tag in (tags[3], tags[7]):
        assignment.assign_to_me(alice, tag)

    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="ja-JP")
    log_in(page, url, staff.alice)
    page.goto(f"{url}/dashboard/")
    assert page.inner_text("#nav-unassigned") == "未割当 38" and page.inner_text("#nav-mine") == "自分 2"
    assert page.inner_text("#nav-overdue") == "期限超過 0"

    # One line per row: every row as high as a single line, and 25 or more rows on the screen.
    geometry = page.evaluate("""() => Array.from(document.querySelectorAll('#queue-rows tr[data-tag]')).map(tr => {
        const box = tr.getBoundingClientRect();
        const wrapped = Array.from(tr.cells).some(td => td.scrollHeight > td.clientHeight + 1);
        return {top: box.top, bottom: box.bottom, height: box.height, wrapped: wrapped};
    })""")
    assert len(geometry) == 40
    assert max(row["height"] for row in geometry) <= 32, geometry[:3]
    assert not any(row["wrapped"] for row in geometry)
    assert sum(1 for row in geometry if row["bottom"] <= 1080) >= 25
    page.screenshot(path=str(shots / "queue-shift.png"))

    # Skip link: the first Tab reaches it, Enter lands on the first case.
    order = page.evaluate("Array.from(document.querySelectorAll('#queue-rows tr[data-tag]')).map(tr => tr.dataset.tag)")
    page.keyboard.press("Tab")
    assert active_id(page) == "skip-link" and page.is_visible("#skip-link")
    page.keyboard.press("Enter")
    assert active_id(page) == "queue-first" and selected_tag(page) == order[0]

    # j / k move the selection; Enter opens the selected case.
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert selected_tag(page) == order[2]
    page.keyboard.press("k")
    assert selected_tag(page) == order[1]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/dashboard/cases/{order[1]}")
    page.go_back()
    page.wait_for_selector("#queue-rows tr[data-tag]")

    # j from nothing selected starts at the first row.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("j")
    assert selected_tag(page) == order[0]

    # ? shows the help, Escape hides it.
    assert not page.is_visible("#shortcut-help")
    page.keyboard.press("?")
    assert page.is_visible("#shortcut-help") and "キーボード操作" in page.inner_text("#shortcut-help")
    page.keyboard.press("Escape")
    assert not page.is_visible("#shortcut-help")

    # / goes to the search box; a search that finds nothing says so.
    page.keyboard.press("/")
    assert active_id(page) == "queue-search"
    page.keyboard.type("該当なしの名前")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.inner_text("#queue-empty") == "該当する案件はありません。"

    # My cases: only the two Alice took; taking one more moves the counts.
    page.goto(f"{url}/dashboard/")
    page.select_option("#owner-filter", "mine")
    page.click("#queue-filter button[type=submit]")
    page.wait_for_load_state()
    shown = page.evaluate("Array.from(document.querySelectorAll('#queue-rows tr[data-tag]')).map(tr => tr.dataset.tag)")
    assert sorted(shown) == sorted([tags[3], tags[7]])
    page.click("#nav-unassigned")
    page.wait_for_load_state()
    page.click(f"#queue-rows tr[data-tag='{tags[0]}'] button.assign")
    page.wait_for_load_state()
    assert page.inner_text("#nav-mine") == "自分 3" and page.inner_text("#nav-unassigned") == "未割当 37"
    assert f"data-tag=\"{tags[0]}\"" not in page.content()
    page.close()

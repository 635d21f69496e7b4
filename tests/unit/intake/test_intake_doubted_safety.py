"""Words of safety that the writer doubts do not call off an emergency.

"The key is safe" or "PCは手元にあり" said plainly makes an urgent revocation an ordinary one: the hurry
is the writer's deadline.  Said with doubt ("I no longer trust that the key is safe", "安全とは言い切れ
ません", "安全かどうか自信がありません"), the same words report a key that may be in other hands.
The doubt is read in the whole sentence, also when a mail client wrapped it across lines.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts

CASES = [
    pytest.param(
        "Please revoke my certificate urgently. Our former IT contractor installed it on my PC and says he kept"
        " a copy.\nI have no proof, but I no longer trust\nthat the key is safe.",
        "emergency_revocation",
        id="en-trust-withdrawn-wrapped",
    ),
    pytest.param(
        "Please revoke my certificate urgently. The laptop came back from repair, and I can't be sure the key is safe.",
        "emergency_revocation",
        id="en-cannot-be-sure",
    ),
    pytest.param(
        "至急、証明書を失効してください。修理に出したPCは戻ってきましたが、秘密鍵が安全かどうか自信がありません。",
        "emergency_revocation",
        id="ja-not-confident",
    ),
    pytest.param(
        "至急、証明書を失効してください。退職した元社員がPCの管理をしていました。PCは手元にありますが、\n安全とは言い切れません。",
        "emergency_revocation",
        id="ja-cannot-say-wrapped",
    ),
    # The look-alikes: safety said plainly keeps a hurried revocation an ordinary one.
    pytest.param(
        "Please revoke my certificate urgently, we move to another provider tomorrow.\nThe key is safe.",
        "revocation",
        id="en-safe-plainly",
    ),
    pytest.param(
        "至急、証明書を失効してください。明日から別の会社に移るためです。PCは手元にあり、問題はありません。",
        "revocation",
        id="ja-safe-plainly",
    ),
]


@pytest.mark.parametrize(("text", "intent"), CASES)
def test_doubted_safety(text: str, intent: str) -> None:
    assert classify_parts("", text, "").intent == intent

"""A follow-up that has not yet heard back about its revocation is no application "not issued yet".

"まだ完了のご連絡をいただいていない" (no word yet that the work is done) names a message from the desk, not a
certificate: read as "not issued", it made a revocation a cancellation, and since the models may not
outvote the writer's own application called off, its serial was lost.
"""

from __future__ import annotations

import pytest

from intake import rules
from intake.classify import classify_text

FOLLOW_UP = (
    "iPROVE ご担当者様\n\n先週、証明書の失効をお願いした山本です。\n対象シリアル：\n  7C41A09E55D2B3F8\n\n"
    "失効請求書は郵送済みです。まだ完了のご連絡をいただいていないのですが、進捗はいかがでしょうか。\n"
)


def test_a_revocation_followed_up_stays_a_revocation_with_its_serial() -> None:
    result = classify_text(FOLLOW_UP, subject="Re: 証明書失効の件")
    assert result.intent == "revocation"
    assert result.serials == ["7c41a09e55d2b3f8"]


@pytest.mark.parametrize(
    "text",
    ["まだ完了のご連絡をいただいていません", "まだ返事をいただいていません", "まだ結果のお知らせが来ていません"],
)
def test_word_of_the_desk_not_received_is_no_issuance(text: str) -> None:
    assert rules.NOT_ISSUED.check(text) == []


@pytest.mark.parametrize(
    "text", ["まだ証明書が届いていません", "まだ何も届いていません", "まだ発行されていないと思います"]
)
def test_a_certificate_not_received_is_not_issued(text: str) -> None:
    assert rules.NOT_ISSUED.check(text) != []

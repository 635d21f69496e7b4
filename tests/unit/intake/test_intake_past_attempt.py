"""A past attempt told with "としたら" is no what-if (the hypothetical rule misread it before stop 36).

"修理に出そうとしたら本体がなくなっていました" tells what the writer found when trying to send the
machine for repair: the volitional form before "としたら" (or "とした時") makes it a past attempt, not
the what-if that "盗まれたとしたら" is.  The hypothetical rule read it as a what-if and an emergency
told that way was answered as a question.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.rules import HYPOTHETICAL


@pytest.mark.parametrize(
    "text",
    [
        "修理に出そうとしたら、PCが本体ごとなくなっていました。",
        "ログインしようとしたら、エラーが出ました。",
        "カードを使おうとした時、見当たらないことに気づきました。",
    ],
)
def test_a_past_attempt_is_no_what_if(text: str) -> None:
    assert HYPOTHETICAL.check(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "もしPCが盗まれたとしたら、どうすればよいですか。",
        "紛失したとしたら、失効の手続きはどうなりますか。",
        "ICカードを紛失した時はどこに連絡しますか。",
        "仮に鍵が漏れたとしたら",
        "証明書を他人が使うとしたら、どうなりますか。",
        "失効の手続きを行うとしたら何が必要ですか。",
    ],
)
def test_a_what_if_is_still_one(text: str) -> None:
    assert HYPOTHETICAL.check(text) != []


def test_a_theft_found_when_trying_to_repair_the_pc_is_an_emergency() -> None:
    body = "修理に出そうとしたら、ノートPCが盗まれていました。\n証明書を至急止めてください。"
    assert classify_parts("PCの盗難", body, "").intent == "emergency_revocation"


"""A Japanese sentence that a mail client wrapped after its comma is read as one sentence.

Mail clients wrap long Japanese lines at a fixed width, often right after a comma
("USBメモリを、\\nどこかでなくしてしまった").  The intent rules read clause by clause, so a loss
told across that break was missed, and a "万一" (just in case) in the same mail then made the
mail look like preparation for an incident, which dropped its serial.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_parts
from intake.spelling import join_wrapped

WRAPPED_LOSS = (
    "万一のことを考えると心配なので、念のため連絡します。先週、証明書をコピーしたUSBメモリを、\n"
    "駅で落としてしまったようです。\n"
    "緊急失効の扱いでお願いできますでしょうか。\n"
    "シリアル番号：\n5d2a9c1e7b40\n3f8e6a21"
)


def test_a_loss_told_across_a_wrapped_line_keeps_its_serial() -> None:
    result = classify_parts("", WRAPPED_LOSS, "")
    assert result.intent == "emergency_revocation"
    assert result.serials == ["5d2a9c1e7b403f8e6a21"]
    assert not any("prepares for an incident" in reason for reason in result.reasons)


def test_a_loss_told_across_a_wrapped_line_is_a_rules_emergency() -> None:
    text = (
        "先週、証明書をコピーしたUSBメモリを、\n駅で落としてしまったようです。"
        "万一を考えて失効をお願いできますでしょうか。"
    )
    result = classify_parts("", text, "")
    assert result.intent == "emergency_revocation"
    assert any(reason.startswith("decision: lost/stolen device") for reason in result.reasons)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("証明書を、\n紛失しました。", "証明書を、紛失しました。"),
        ("証明書を、　\n　紛失しました。", "証明書を、紛失しました。"),
        # A blank line ends a paragraph; a line that goes on with a serial or a Latin word is left as it is.
        ("証明書を、\n\n紛失しました。", "証明書を、\n\n紛失しました。"),
        ("シリアル：a1b2、\nc3d4", "シリアル：a1b2、\nc3d4"),
        ("以下の通り、\niPROVE の証明書", "以下の通り、\niPROVE の証明書"),
        ("証明書を紛失しました\nシリアル", "証明書を紛失しました\nシリアル"),
    ],
)
def test_join_wrapped(text: str, joined: str) -> None:
    assert join_wrapped(text) == joined

"""A bare value listed as an item next to an item whose serial is sure (dev mail 26's fit half).

A writer with two certificates lists them one per item, each copied as the viewer or a paper
shows it: one in pairs or with colons (sure on its own), the other as a bare run of letters and
digits, which alone is no sure serial.  The bare item is a serial as its sibling is.
"""

from __future__ import annotations

import pytest

from intake.serials import extract_serials


@pytest.mark.parametrize(
    ("text", "serials"),
    [
        # Bullets that touch their value, the sure item second.
        ("2枚とも住所が誤っています。\n\n・7c41d09ab3e2f815\n・2A 9F 03 CE 71 B4 D8 06\n\n再発行をお願いします。\n",
         ["7c41d09ab3e2f815", "2a9f03ce71b4d806"]),
        # Circled numbers, the bare item full-width and shorter than its sibling.
        ("父の証明書が2枚ありました。\n　①　9d:31:ac:07:e2:5b:48:f6\n　②　Ｃ４Ｅ０９Ａ７Ｂ１Ｄ\n失効をお願いします。\n",
         ["9d31ac07e25b48f6", "c4e09a7b1d"]),
        # Hyphen bullets with a blank line between, a remark after the bare value.
        ("Both need the new address:\n\n- 5E:0A:91:C3:7D:24:B8:6F\n\n- 83d1f0a9c2 (the old laptop)\n",
         ["5e0a91c37d24b86f", "83d1f0a9c2"]),
        # Not beside it: an item with a label of another kind of number, an item parted from the
        # sure one by words, and an item with words after its value stay unsure.
        ("・2A 9F 03 CE 71 B4 D8 06\n・受付番号 7c41d09ab3e2f815\n", ["2a9f03ce71b4d806"]),
        ("・2A 9F 03 CE 71 B4 D8 06\n\nなお、以下は問い合わせ番号です。\n・7c41d09ab3e2f815\n", ["2a9f03ce71b4d806"]),
        ("・2A 9F 03 CE 71 B4 D8 06\n・7c41d09ab3e2f815 は注文の控えです\n", ["2a9f03ce71b4d806"]),
    ],
)
def test_a_bare_item_beside_a_sure_serial_is_one_too(text: str, serials: list[str]) -> None:
    assert sorted(extract_serials(text)) == sorted(serials)


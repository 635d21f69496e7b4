"""The words for the things a certificate's holder carries: one vocabulary for the serial reader and the rules.

Two readers need these words for different questions.  The serial reader (:mod:`intake.serials`)
asks whether a serial label names a machine's own serial ("ノートPCのシリアル番号", "device serial
number") rather than the certificate's; the intent rules (:mod:`intake.rules`) ask whether the
writer lost something that held the key ("PCを紛失", "鞄が見つかりません").  The machines are the
same for both and are listed once here, in :data:`HARDWARE`.  The lists differ where the
questions do, and each difference is stated in ``tests/unit/intake/test_intake_devices.py``:

* bags (:data:`BAGS`) are lost with a key in them, and other belongings (:data:`BELONGINGS`) go
  missing, but neither has a serial label of its own;
* the key itself, the certificate and its backup (:data:`KEY_MATERIAL`) are lost too, but a serial
  after "証明書の" is the certificate's, the very serial the reader looks for;
* tokens and IC cards (:data:`KEY_HARDWARE`) have serials of their own; the rules read them only
  as things gone missing (a wider loss rule is the intent rules' call, not this vocabulary's);
* a few words name a machine only for the serial reader (:data:`SERIAL_ONLY`): "product",
  "本体" or a router's serial is no device's serial to lose a key with;
* a bare "カード" (:data:`KEY_CARD`) is read by the rules as the card that holds the key when it is
  lost ("カード落とした。止めて。"), unless a word before it makes it a card of another kind (a
  credit card, another office's card) or a reader follows it (a card reader holds no key).
"""

from __future__ import annotations

import re

# Machines and media that hold the key file and carry a serial of their own, in Japanese.
HARDWARE = (
    "PC", "パソコン", "ノート", "端末", "スマホ", "スマートフォン", "携帯", "USB", "ハードディスク", "HDD", "SSD",
    # Phones named by their make or kind ("iPhoneおとしました", "ガラケーをなくした").
    "iPhone", "アイフォン", "アイフォーン", "ガラケー",
)
# Devices that hold the key itself and carry a serial of their own.  The rules read them as things
# that go missing ("トークンが見つかりません"), not yet after the words of a loss ("紛失").
KEY_HARDWARE = ("トークン", "ICカード")
# Things a key is carried in, lost with it, that have no serial label of their own.
BAGS = ("鞄", "かばん", "カバン", "バッグ")
# Removable media a key file is written to as a backup ("証明書を書き出したDVD"): lost, they carry the key.
MEDIA = ("DVD", "CD-R", "CD-ROM", "SDカード", "microSD", "ブルーレイ", "外付けディスク", "外付けドライブ")
# Other belongings the rules read as gone missing only ("財布が見つかりません").
BELONGINGS = ("タブレット", "財布", "リュック")
# The key and the certificate themselves, and their copies: lost, but never a thing with a serial of its own.
KEY_MATERIAL = ("秘密鍵", "鍵", "証明書", "バックアップ", "メモリ")
# Machines named in English: a serial label after them is the machine's, and a key is lost with them.
MACHINES_EN = ("laptop", "notebook", "computer", "machine", "phone", "token")
# Words that name a device before a serial label only ("製品のシリアル番号", "router serial").
SERIAL_ONLY = (
    *MACHINES_EN, "device", "デバイス", "製品", "product", "本体", "機器", "hardware", "ハードウェア", "yubikey",
    "ipad", "ルーター", "router", "hsm",
    # Readers, printers and scanners carry a serial of their own too ("ICカードリーダー(S/N 2112…)").
    "カードリーダー", "リーダー", "reader", "プリンター", "プリンタ", "printer", "複合機", "スキャナー", "スキャナ",
    "scanner",
)
# The things that hold a key, in English, as the rules read them in the words of a compromise ("laptop
# stolen", "lost my keys"): machines and media, cards, bags, the key and the certificate themselves.
HOLDERS_EN = (
    *MACHINES_EN, "pc", "smartphone", "tablet", "drive", "usb", "card", "key", "certificate", "cert", "pfx", "p12",
    "backup", "bag", "backpack", "briefcase", "wallet", "purse", "dvd", "disc", "sd card",
)


def alternation(*words: tuple[str, ...]) -> str:
    """A regular expression group matching any of *words*, the longest first (so "PC" never cuts "PCケース")."""
    flat = sorted({w for group in words for w in group}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(map(re.escape, flat)) + ")"


# Paper certificates of other offices ("印鑑登録証明書", "登記事項証明書"): sent with a form and
# lost like any paper, but they hold no key, so "証明書" right after these words is none of ours.
PAPER_CERTIFICATES = ("印鑑登録", "印鑑", "登記事項", "履歴事項全部", "在籍", "在職", "納税", "資格", "住民票")
_NOT_PAPER = "".join(f"(?<!{re.escape(word)})" for word in PAPER_CERTIFICATES)

# Cards of other kinds that people also lose ("クレジットカード", "マイナンバーカード"): a "カード" right
# after these words holds no key of ours.
OTHER_CARDS = (
    "クレジット", "キャッシュ", "デビット", "ポイント", "マイナンバー", "個人番号", "保険", "診察", "会員", "社員",
    "交通系", "図書", "在留", "ギフト", "プリペイド", "テレホン", "SIM", "ETC", "名刺", "メッセージ", "ポスト", "QUO",
    # Government cards that carry another authority's certificate, a building pass, a bank's card.
    "マイナ", "住基", "入館用IC", "入館", "銀行の", "銀行", "バンク",
)
_NOT_OTHER_CARD = "".join(f"(?<!{re.escape(word)})" for word in OTHER_CARDS)
# The card that holds the key, named alone as its holder says it ("カード落とした"), and not a card reader.
KEY_CARD = _NOT_OTHER_CARD + r"カード(?!リーダ|・リーダ|読み取り|ケース)"

# What the rules read as lost with the key: a machine, a bag, the key material itself, or the key's card.
LOST_WITH_KEY = "(?:" + _NOT_PAPER + alternation(HARDWARE, MEDIA, BAGS, KEY_MATERIAL) + "|" + KEY_CARD + ")"
# What the rules read as a physical thing that can go missing (not a file on it).
PHYSICAL = alternation(HARDWARE, KEY_HARDWARE, MEDIA, BAGS, BELONGINGS)
# The things that hold a key in English, as a whole word, in the singular or the plural.
HOLDER_EN = r"\b" + alternation(HOLDERS_EN) + r"s?\b"
# What the serial reader reads as a device whose serial a label right after it names.
WITH_OWN_SERIAL = alternation(HARDWARE, KEY_HARDWARE, SERIAL_ONLY)

"""Extraction of certificate serial numbers from free text, with the decoys told apart.

Users copy serials from the Windows certificate dialog (``3a 7f 01 c2`` or ``a0a4 d3ec``),
from OpenSSL (``3A:7F:01:C2``), from programs (``0x3a7f01c2``) or type them after a label
(``シリアル番号: 3A7F01C2``, ``証明書の番号は …``, full-width or half-width, on the label's line
or the next); long ones get wrapped across two lines by the mail program.  A few give the decimal value
and say so (``シリアル番号（10進）: 981402050``).  Every form is returned as lower-case
hexadecimal without leading zeros.  Groups parted by dots, underscores, spaced colons, two or
three spaces or the commas of a byte array, "0x" before grouped pairs, a value set off in quotes
or brackets and a value typed with stray spaces read as the same value.

A label also covers the values listed under it (bullets, numbers, a blank line between)
and the further values joined to the first one ("… と …", "… and …"); OpenSSL's
``4096 (0x1000)`` is read once, as its hexadecimal twin.  A list item may start with a
person's name (``山田: 3b57 457b …``, ``Tanaka 3b57…``, ``① 営業部　西村 拓也　　3c05…``), and
such a list under a line about certificates names their serials; a table, typed with bars
or tabs, aligned with spaces or drawn with box-drawing characters, names its columns once
(``| 氏名 | シリアル番号 | 注文番号 |``): each value takes its column's label.  A value in a
sentence about a certificate is sure also when the sentence runs over two lines.  In a mail about
several certificates ("2件", "both", "以下の証明書") a run of equal groups that halves into
two serials of a typical size is read as two (unless it is one item of a list whose items each
hold a value), and two such serials on two lines are not joined as one wrapped serial.  Right
after a label, words of uneven sizes ("7604 32A 139E A3A2E 80 …") are one serial typed by hand,
and letters that look like digits ("43OEDI6C…", from OCR or paper) are read as the digits
(:mod:`intake.lookalikes`), also inside groups ("34OD 9A1l …").  Pairs joined by hyphens or colons may
end in a single digit ("…-4d-e"), and "S/N" may be glued to its value ("S/N3C-7F-…").  A value cut
where a mail program broke a full line may go on at the start of the next, before the sentence goes
on ("… is 7ebef31e35", then "b41b98de…. It is not lost"), and grouped pairs or fours broken inside
a group or before a separator ("e2a6-49", then "cc-7cbd-bc12") are one value.  Four or five hyphen
groups of four, given bare in a mail about a certificate by a writer who does not name them, are
its serial; so are ten groups of four parted by spaces, alone on a line of a mail about a certificate
that names no hash.  Two equal words of 16 or 20 digits side by side ("… 7746c579f37fefa502a3
ee18cf20f2fd908c5baa") are one serial after the mail's only, singular serial label, two in a mail
about several certificates, and otherwise both only candidates; two such halves on two lines
join into one serial of 32 or 40 digits in a mail that names no hash, while two short lines of whole
groups of eight, each of a serial's typical size, are two serials.  A value of a hash's
size in pairs or fours alone on its line (or after "対象：", "証明書:") of a mail about a certificate
that names no hash is its serial; so is the number a clause describes ("表示されていた番号は",
"this number …:", "Number is …", "番号たぶんこれ→ …") and a value tagged on as a sentence of its
own after a request about a certificate ("…失効してください。c3341a2ee3").  Items counted as
certificates ("1枚目：", "2件目：") and the value a writer gives as the right one ("正しくは …")
are serials too.

Many hex strings in mail are not serials: hashes and fingerprints (``SHA-256: …``, a PGP
fingerprint in a signature), order, reception and tracking numbers, phone numbers, MAC
addresses, dates (also one with its time, or cut by slashes: "2026/11/26 09:14"), hotel
bookings, application, employee, customer, account and invoice numbers, passwords, and anything
inside a link, a mail address or a Message-ID.  A value whose
nearest label names one of those is dropped (unless that label's own value or the end of its
sentence stands between them; the full stop of "no." after a label ends no sentence); a bare
hex string with no label at all is kept only as an inexact candidate.  Sixteen colon pairs,
an MD5 fingerprint's shape, are a serial only about a certificate in a mail naming no hash.
:func:`find_serials` returns every candidate with where it came from and whether it is exact
(the caller may check inexact ones against the certificate register); :func:`extract_serials`
returns only the exact ones.  Bare decimal numbers are never taken as serials, and phone
numbers are not extracted for any purpose: callbacks always use the registered number, never
one from a mail.

Candidates are also weighed against each other: a bare value of the size of a labelled serial
of the same mail is sure too (CA serials share a size), and of two nearly equal values the one
the mail corrects ("正しくは …", "typo") is not.  UUIDs, Windows status codes ("0x800B0109"),
a device's serial ("PCのシリアル番号") and examples or dummies ("例えば …", "ダミー") are no
serials of the writer's.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from intake import devices, lookalikes, tables
from intake.spelling import columns

# RFC 5280 allows 20 octets; a longer hex string is a hash (SHA-256 has 64 digits).
MAX_DIGITS = 40
# A mail naming more serials than this is a list or a log, not a request; stop there.
MAX_SERIALS = 50

#: The kanji numerals one to nine, by their value, as a place or a count is written ("三つ目", "二桁").
KANJI_DIGITS = {k: i for i, k in enumerate("一二三四五六七八九", start=1)}


@dataclass(frozen=True)
class SerialCandidate:
    """A serial found in text: canonical hex, how and where it was written, and whether it is sure.

    ``source`` reads like ``"body: labelled"`` or ``"subject: colon pairs"``.  ``exact``
    is true when the written form leaves no doubt (a label, ``0x``, the grouped forms that
    certificate viewers print); an inexact candidate is a bare hex string that may be a
    serial, to be confirmed against the register before it is acted on.
    """

    value: str
    source: str
    exact: bool
    #: Why the mail itself sets the value aside, when it does; the source's text says the same to a reader.
    set_aside: SetAside | None = None


class SetAside(enum.Enum):
    """Why a mail sets aside a value it writes: the writer put it right, or broke it off and gave it whole."""

    CORRECTED = "(corrected in the mail)"
    BROKEN_OFF = "(broken off by the writer)"


def set_aside(candidate: SerialCandidate, why: SetAside) -> SerialCandidate:
    """The *candidate* as a value the mail sets aside for *why*: unsure, its source saying why."""
    return SerialCandidate(candidate.value, f"{candidate.source} {why.value}", False, why)


_SERIAL_LABEL = re.compile(
    # A label typed in haste keeps its meaning ("シアリル番号", "serail no").
    r"(?:(?:シリアル|しりある|シアリル|シリアリ|シルアル|シリヤル)\s*(?:番号|ナンバー?|ばんごう|No\.?|#|値)?"
    r"|シリル\s*(?:番号|ナンバー)"
    r"|(?:serials?|serail|seiral|serila)\s*(?:numbers?|nos?\.?|#|num)?|s/n|\bsn\b"
    # Not another paper's certificate ("データ消去証明書番号", "修理証明書番号").
    r"|(?<!消去)(?<!廃棄)(?<!破棄)(?<!処分)(?<!修理)(?<!保守)(?<!保証)(?<!点検)(?<!検査)(?<!納品)証明書\s*(?:の\s*)?(?:番号|ばんごう|バンゴウ)"
    # "Certificate no." names a number, "certificate no longer needed" none (a word follows that no value spells).
    r"|(?:\bcert(?:ificate)?|証明書)\s*(?:id\b|ID|no\b(?!\s+[a-z]*[g-z])|number|#)"
    # A certificate counted as an item of a list ("Cert 1: …", "証明書2：…").
    r"|(?:\bcert(?:ificate)?|証明書)(?=[ \t]*[1-9][ \t]*[:：])"
    r"|番号\s*\(\s*シリアル\s*\))",
    re.I,
)
_HASH_LABEL = re.compile(
    r"sha-?(?:1|2|224|256|384|512)\b|md5|fingerprint|thumbprint|finger\s*print|拇印|指紋|ハッシュ|hash|digest"
    r"|ダイジェスト|フィンガープリント|サムプリント|key\s*id|キー\s*id|鍵識別子|識別子|checksum|チェックサム|commit|コミット|pgp|gpg",
    re.I,
)
_OTHER_NUMBER_LABEL = re.compile(
    r"受付番号|受付no|注文番号|申し?込み?番号|申請番号|お?問い?合わ?せ番号|管理番号|会員番号|登録番号|伝票番号|請求書?番号"
    # A hotel or travel booking, an employee, a contract or an account is numbered too; a
    # password or PIN may be written in hex.
    r"|予約(?:確認)?(?:番号|no|コード)|確認番号|社員番号|従業員番号|職員番号|社員コード|部屋番号|契約番号|顧客番号"
    r"|お客様番号|利用者番号|見積番号|\b(?:confirmation|booking|reservation|application|employee|staff|customer|client"
    r"|account|member(?:ship)?|contract|policy|quote|quotation)\s*"
    r"(?:no\b|number|#|id\b|code|ref)|パスワード\s*(?:[:：=]|は)|\bpass(?:word|code)\s*[:=]|暗証番号|\bpin\s*(?:[:=]|code)"
    # English words count only as whole words, and "case", "order" and "invoice" only when a number
    # follows ("case no.", "order #"): "in case of", "in order to", "iPROVE" and "iPad" are
    # ordinary words before a serial.
    r"|チケット|\bticket|\bcase\s*(?:no\b|number|#|id\b|番号)|\border\s*(?:no\b|number|#|id\b|番号)"
    # An invoice's number, not invoices named as what a certificate signs ("used for signing invoices").
    r"|\binvoice\s*(?:no\b|number|#|id\b|番号|[:：])"
    # A phone is also named in kana, as a writer of kana alone spells it ("でんわ", "けいたい").
    # A phone told of as the way something was said ("お電話で教えていただいたとおり", "電話で伺った") names no number.
    r"|\btracking|\bref(?:erence)?\b|(?<!お)電話(?![でにがしを])|(?<!お)でんわ(?![でにがしを])|デンワ|けいたい|ケイタイ"
    r"|\btel\b|\bfax\b|携帯|〒|郵便|番地|口座|\bid\b"
    # An ID right after Japanese words ("検知ID", "ユーザーID", "取引ID") is an ID too, but for the certificate's own.
    r"|(?<=[\u3040-\u30ff\u4e00-\u9fff])(?<!証明書)id\b"
    # So is a "No" right after Japanese words ("管理No", "社員No."), but for the certificate's or the serial's own.
    r"|(?<=[\u3040-\u30ff\u4e00-\u9fff])(?<!証明書)(?<!シリアル)no\b"
    # A bank account abroad is written in groups like a serial ("IBAN DE89 3704 0044 0532 0130 00").
    r"|\biban\b|\bswift\b|\bbic\b|\bbank\s+account|\bwallet\b|ウォレット|\bversion\b|バージョン"
    # A key's handle in a device ("Key handle: 0x7f3a91c2"), which numbers the key, not a certificate.
    r"|\bhandle\b|ハンドル"
    # Another paper's certificate number ("データ消去証明書番号", "保証書番号").
    r"|(?:消去|廃棄|破棄|処分|修理|保守|保証|点検|検査|納品)証明書?番号|保証書番号"
    # An identity card's number, given to prove who one is ("residence card no. AB 4417 2093 CD", "在留カード番号").
    r"|\b(?:residence|residence card|resident card|zairyu|my ?number|passport|driver'?s licen[cs]e)\s*(?:card\s*)?"
    r"(?:no\b|number|#)|在留カード(?:番号)?|マイナンバー|個人番号|旅券番号|パスポート番号|免許証番号"
    # A CRL is numbered too ("CRL Number 0x1A2F", "CRL番号 4711").
    r"|\bcrl\s*(?:number|no\b|#)|crl\s*番号"
    r"|追跡|配送|伝票|荷物|振込|(?<![a-z])mac(?![a-z])|(?<![a-z])ip(?:v[46])?(?![a-z])\s*(?:address|アドレス)?|\buuid|\bguid|message-id",
    re.I,
)
_BASE_MARK = re.compile(
    r"[\(]?\s*(?:10|16|十|十六)\s*進数?(?:表記)?\s*[\)]?|\(\s*(?:decimal|dec|hex(?:adecimal)?)\s*\)", re.I
)
_DECIMAL_MARK = re.compile(r"10\s*進|十進|decimal|\bdec\b", re.I)
# How a label line announces values on the lines below it.
_INTRODUCES = re.compile(r"[:：]\s*$|以下|下記|次の|次のとおり|こちら|following|below|as follows|listed", re.I)
# Dates and times are never values ("2026-11-30", "2026/11/30", "10:30:00").
_DATE_OR_TIME = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}:\d{2}(?::\d{2})?)$"
)
# A date written with any separator, with the time after it or not ("2026/11/26 09:14", "2026-11-26
# 09:14", "2026年11月26日"): none of its numbers is a value, though a date cut by slashes or a time
# after it is no single run of hex.
_DATE_SPAN = re.compile(
    r"(?<![0-9a-z])(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?![0-9a-z])",
    re.I,
)
# Links, mail addresses, Message-IDs and case tags, whose hex parts are tokens and names, not serials; and
# UUIDs (GUIDs), whose 8-4-4-4-12 grouping no certificate viewer prints: request, device and
# transaction IDs.
_URL_OR_ADDRESS = re.compile(
    # An address is looked for from the start of its word only: tried from every letter of a long word, it
    # made reading a pasted run of 35,000 letters take seconds.
    r"(?:https?|ftp)://\S+|www\.\S+|(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|<[^<>\s]+@[^<>\s]+>"
    # A word may lead the GUID ("friendlyName: le-3c9a72e1-0f4d-…", a key container's name).
    r"|(?:(?<![0-9a-z\-])|(?<=[a-z]{2}-))[{(]?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[})]?"
    r"(?![0-9a-z\-])"
    # A help desk's or a list's tag in brackets, a name and "#" before the case's number
    # ("[iPROVE#E-20261126-0012]", "[Ticket#4a7f-0012]").
    r"|\[[a-z][\w.\-]*#[\w.\-]+\]"
    # A file's name, whose digits name the file ("theft_20250526.csv", "scan-0412.pdf"), unless a serial's run of
    # hexadecimal with letters names it ("緊急失効受付確認書_B3E5097C2A16D4F8.pdf").
    r"|(?<![\w.\-])(?![\w\-]*?(?<![0-9a-z])(?=[0-9a-f]{0,40}[a-f])[0-9a-f]{12,}(?![0-9a-z]))"
    r"[\w\-]+\.(?:csv|tsv|txt|pdf|xlsx?|docx?|zip|png|jpe?g|gif|tiff?|eml|msg)(?![\w.])",
    re.I,
)
# A list number at the start of a line ("1.", "10)", "(2)") is not a value.
_LIST_NUMBER_AFTER = re.compile(r"^[.)]\s")
# A decimal value followed by its hexadecimal twin, as OpenSSL prints small serials.
_HEX_TWIN = re.compile(r"\s*\(\s*0x[0-9a-f]+\s*\)", re.I)
# The gap between a label and a later value of the same list: the earlier values and their joiners.
_LISTED = re.compile(
    r"^[\s:=#：・\-\(\)（）「」『』【】\[\]'\"]*(?:(?:は|が|is|are|=)[\s:=：]*)?"
    # Each value with its joiner is taken once, as a whole (an atomic group): a row of groups parted by spaces can
    # be cut into values in 2 ** n ways, and a label before forty such groups and a full stop once kept the reader
    # trying them for hours.  The greedy first reading is the only one that can go on to the next value.
    r"(?>(?:0x)?[0-9a-f]+(?:[ :\-][0-9a-f]+)*[」』】\]\)'\"]*[ \t]*"
    r"(?:\(\s*(?:10|16)\s*進数?\s*\)|\((?:hex|dec(?:imal)?)\))?[ \t]*"
    # Values may also stand side by side, parted by spaces only ("3B57…5379 9C1D…6C7D").
    r"(?:と|、|,|/|・|および|及び|並びに|\band\b|&|または|\bor\b|;|(?<=[ \t]))"
    r"[ \t]*(?:and\s+)?[「『【\[\('\"]?[ \t]*)+$",
    re.I,
)
# Words about a certificate, also as a writer of kana alone spells them ("しょうめいしょ", "しっこう").
_LINE_WORDS = re.compile(r"証明書|certificate|\bcert\b|失効|revo|しょうめいしょ|ショウメイショ|しっこう|シッコウ", re.I)
# What may stand beside a value that is alone on its line: a list mark ("1)", "・", "-") and a
# bare word for "number" ("番号", "ばんごう", "No."), nothing that names another kind of number.
_LINE_REST = re.compile(
    r"^[\s\-・*•>]*(?:\(?\d{1,2}[.)）]|[(（]\d{1,2}[)）])?\s*(?:番号|ばんごう|バンゴウ|no\.?|number|#)?[\s:：.。、,]*"
    r"(?:[「『【\[(\"'`]\s*[」』】\])\"'`]?)?[\s.。、,]*$",
    re.I,
)
# The brackets, quote marks and backquotes that may set a value off ("「3A7F…」", "`3a7f…`", "(3a7f…)").
_OPENING = r"(?:[「『【\[(\"'`][ \t]*)?"
# A hex run: words of hex digits joined by single spaces, colons or hyphens on one line.  A number
# joined to a word by a hyphen is part of that word's name ("SHA-256", "RFC-5280"), never a value; nor is
# the last part of a date or a fraction ("2026/11/30 3260 b401 …" is a date, then a value).
# A run never ends in the year or the number that begins a date ("5AD8FA60516CA456 2024/08/08" in a listing is a
# serial and its date, not one value that ends in 2024).
_RUN = re.compile(r"(?<![0-9a-z])(?<![a-z][a-z]-)(?<!\d/)(?:0x)?[0-9a-f]+(?:[ :\-][0-9a-f]+)*(?![0-9a-z])(?!/\d)", re.I)
# What may stand between a label and its value: separators and a few particles.
# "これ" or "こちら" after a label points at the value ("番号はこれ　CE-93-…", "シリアルはこちら：…").
_GLUE = re.compile(r"^[\s:=#：・\-\(\)（）「」【】\[\]'\"]*(?:(?:は|が|です|これ|こちら|is|was|=|:)[\s:=：]*)*$", re.I)
# A short remark in brackets ("（長いので2行になっています）", "(copied from the viewer)").
_REMARK = re.compile(r"\([^()\n]{1,40}\)")
# Counters that make a number after a label a count, not a value ("シリアル番号は12桁"); on the
# number's own line only, so that "つ" starting the next paragraph ("つきましては") counts nothing.
_COUNTER_AFTER = re.compile(
    r"^[ \t]*(?:桁|文字|個|件|枚|台|月|日|年|時|分|回|番目|つ|本|進|通り|とおり|種類|行目|行|段|列|人目|名|号"
    r"|digits?|characters?|bytes?|octets?|バイト|ビット|bits?)",
    re.I,
)
# The number of an item right after its label, then a colon ("シリアル番号1：", "Serial (2):").
_ITEM_NUMBER = re.compile(r"^[ \t]*(?:[(（][1-9][)）]|[1-9])[ \t]*[:：][ \t]*")
_QUOTE_PREFIX = re.compile(r"^[ \t>|]*")
_SIGNATURE_RULE = re.compile(r"^(?:--\s*|[\-=_*─━～~]{6,})$")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−ー"), "-")


@dataclass(frozen=True)
class _Piece:
    """One hex value as written: its span, its digits and its shape."""

    start: int
    end: int
    digits: str
    shape: str  # "contiguous", "0x", or "<separator name> <group size>s"
    groups: int


# Circled numbers (①) mark list items; NFKC would make them bare digits glued to the value.
_CIRCLED = {0x2460 + i: f"({i + 1})" for i in range(20)}
# Invisible marks that copying from a certificate viewer leaves inside a value (Windows puts a
# left-to-right mark before it; some editors leave zero-width spaces and byte order marks).
_INVISIBLE = dict.fromkeys([0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x202A, 0x202C])
# Thousands separators in a decimal number ("981,402,050"), removed so the number reads whole.
_THOUSANDS = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])")


# Groups of hex digits parted by dots or underscores ("5c.3f.8e.21", "5C3F_8E21_D0A9",
# "9D2F9A31.D840C535"), typed by hand or copied from tools that print them so; one separator and
# one group size throughout, the last group of fours or eights short when the digits do not fill
# it ("AD2F.D553.79"), and the separator left hanging at the end of a line the value wraps from.
# Groups parted by a middle dot, as a value is noted by hand ("証明書No. 9A03・E7C1・5B2F・D846").
_MIDDLE_DOT_GROUPS = re.compile(r"(?<![0-9a-z・])[0-9a-f]{2,4}(?:・[0-9a-f]{2,4}){3,}(?![0-9a-z・])", re.I)
_DOTTED_GROUPS = re.compile(
    # The full stop of "No." may stand right before the value ("Serial No.5C3F.8E21…"), and so may "0x"
    # ("0x86a3_8720_30c1_9f6d").
    r"(?:(?<![0-9a-z.,_])|(?<=(?<![0-9a-z])no\.)|(?<=(?<![0-9a-z])0x))(?:[0-9a-f]{2}([._])[0-9a-f]{2}(?:\1[0-9a-f]{2}){2,}"
    r"|[0-9a-f]{4}([._])[0-9a-f]{4}(?:\2[0-9a-f]{4})+(?:\2[0-9a-f]{1,3})?"
    r"|[0-9a-f]{8}([._])[0-9a-f]{8}(?:\3[0-9a-f]{8})*(?:\3[0-9a-f]{1,7})?)"
    r"(?:[._](?=[ \t]*\n))?(?![0-9a-z_]|[.,][0-9a-z])",
    re.I,
)
# Pairs parted by commas, as a byte array is printed ("5c, 3f, 8e, 21, d0, a9"): six at least,
# so that a short list of numbers stays a list.
_COMMA_PAIRS = re.compile(r"(?<![0-9a-z,])[0-9a-f]{2}(?:, ?[0-9a-f]{2}){5,}(?![0-9a-z]|,[ ]?[0-9a-z])", re.I)
# Pairs parted by a colon or a hyphen with a space on either side or both ("5C : 3F : 8E : 21",
# "5C: 3F: 8E: 21", "5C :3F :8E :21"); one separator throughout.
_SPACED_PAIRS = re.compile(
    r"(?<![0-9a-z])[0-9a-f]{2}(?= ?[:\-] ?[0-9a-f]{2}\b) ?([:\-]) ?[0-9a-f]{2}(?: ?\1 ?[0-9a-f]{2}){2,}(?![0-9a-z])",
    re.I,
)


# The number of an item glued to its value by a colon ("Cert 2:1C9D…", "Certificate #3:7C:5F:…",
# "Serial 2:69.47…"): the number is parted from the colon, so that it is never read as the
# value's first digit (and, too short for a value, is read as the item's number).
_NUMBERED_ITEM = re.compile(
    r"((?:\bcert(?:ificate)?|\bserial|シリアル(?:番号)?|証明書)[ \t]*(?:#|no\.?)?[ \t]*[1-9])[ \t]*([:：])"
    r"(?=[ \t]*(?:0x)?[0-9a-f])",
    re.I,
)
# "S/N" glued to its value with nothing between ("S/N3C-7F-…", "S/N5c3f8e21d0a9"): the value is
# parted from the label, so that its first group is not lost to the "N" before it.
# So is a short serial label joined to its value by a hyphen ("SN-6A0E93B1…", "S/N-3C7F…"), which a hex run
# would otherwise read as the last part of a hyphened word's name ("SHA-256").
_GLUED_SN = re.compile(
    r"(?<![0-9a-z])(s/n|sn(?=-))-?(?=[0-9a-f]{2}[:\-][0-9a-f]{2}|(?=[0-9a-f]*\d)[0-9a-f]{8,}(?![0-9a-z]))", re.I
)
# "0x" written before grouped pairs ("0x5F-2E-19-A0-C4") or before each pair of a byte array, the
# pairs parted by commas ("0x5c, 0x3f, 0x8e, 0x21") or by spaces alone, as a program prints bytes
# ("0x5c 0x3f 0x8e 0x21 …"): the pairs are the value, the marks only say it is hexadecimal.  Six
# pairs at least, as for a byte array without the marks (:data:`_COMMA_PAIRS`); or four fours, each
# marked ("0x4C1D 0x9E2A 0x07B3 0xF5E8"), as a program prints 16-bit words.
_PREFIXED_PAIRS = re.compile(
    r"(?<![0-9a-z])0x(?:[0-9a-f]{2}([ :\-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){2,}"
    r"|[0-9a-f]{2}(?:(?:, ?0x[0-9a-f]{2}){5,}|(?: 0x[0-9a-f]{2}){5,})"
    r"|[0-9a-f]{4}(?: 0x[0-9a-f]{4}){3,})"
    r"(?![0-9a-z])",
    re.I,
)


# The "0x" before fours or eights parted by one separator ("0x4e28-dc4c-e9f7-59b7", "0xf3686a31 17cbe9b8"): it marks
# the whole grouped value as hexadecimal, and is no part of its first group.  Three fours are enough, the last
# maybe shorter ("0x6A1E 9C04 B7D2", "0xB8E1 4D07 9A").  An error code ("0x80070005") is one group alone and keeps it.
_PREFIXED_GROUPS = re.compile(
    r"(?<![0-9a-z])0x(?=[0-9a-f]{4}([ :\-])[0-9a-f]{4}(?:\1[0-9a-f]{4})*\1[0-9a-f]{1,4}(?![0-9a-z])"
    r"|[0-9a-f]{8}([ :\-])[0-9a-f]{8}(?:\2[0-9a-f]{8})*(?![0-9a-z]))",
    re.I,
)


# Groups of one size parted by two or three spaces somewhere ("2a1c  1c20  bf10  1bef"), as a writer
# types who is unsure of the spacing or a full-width space beside a half-width one leaves: eight
# pairs, four fours or two eights at least, up to a serial's size.  A table's columns, aligned with
# spaces, part values of other sizes, and a single value per cell.
_WIDE_SPACED_GROUPS = re.compile(
    r"(?<![0-9a-z])(?:[0-9a-f]{2}(?: {1,3}[0-9a-f]{2}){7,19}|[0-9a-f]{4}(?: {1,3}[0-9a-f]{4}){3,9}"
    r"|[0-9a-f]{8}(?: {1,3}[0-9a-f]{8}){1,4})"
    # A year that starts a date after the value ("F586   2025-08-10") is no last group of it.
    r"(?![0-9a-z]|[\-/.]\d)",
    re.I,
)


# A value copied from a PDF whose text layer parts every character by a space ("3 C 9 F 0 A 2 E 7 B 1 D 4 5 6 8"):
# twelve characters at least, up to a serial's size, digits and letters both, is one value.
_SINGLE_SPACED = re.compile(r"(?<![0-9a-z])(?<![0-9a-z] )[0-9a-f](?: [0-9a-f]){11,39}(?![0-9a-z]| [0-9a-z])", re.I)


# A serial label whose letters a scan's text layer parts by spaces, as it parts the value's ("シ リ ア ル 番 号 : 7 B
# 2 E …", "S e r i a l  N u m b e r"): read as the label.
_SPACED_LABEL = re.compile(r"シ リ ア ル(?: 番 号)?|(?<![a-z] )\bS e r i a l(?: {1,2}N (?:o|u m b e r))?\b", re.I)


# A value copied down a screen one pair per line ("９Ｃ" / "０Ｅ" / "２７" / … eight lines): one value, its pairs
# put on one line.
_VERTICAL_PAIRS = re.compile(
    r"^(?P<lead>[ \t]*)[0-9a-f]{2}[ \t]*\n(?:[ \t]*[0-9a-f]{2}[ \t]*\n){6,18}[ \t]*[0-9a-f]{2}[ \t]*$", re.I | re.M
)


# Spaced pairs after a serial label that the mail program wrapped after the first few ("シリアル番号: 2e" then "b8 91
# f0 6c 4d a7 13"): one value when the pairs make a serial's size together.
_LABELLED_PAIRS_WRAPPED = re.compile(
    r"(?P<label>(?:シリアル|serial)(?:番号|[ \t]*(?:number|no\.?))?[ \t]*[:：]?[ \t]*)"
    r"(?P<head>[0-9a-f]{2}(?: [0-9a-f]{2}){0,6})[ \t]*\n[ \t>]*"
    r"(?P<tail>[0-9a-f]{2}(?: [0-9a-f]{2}){1,18})(?=[ \t]*(?:\n|$))",
    re.I,
)
_PAIRS_OF_A_SERIAL = (8, 10, 16, 20)


def _labelled_pairs_joined(match: re.Match[str]) -> str:
    """The pairs of a labelled value wrapped by the mail program, on one line, when they make a serial's size."""
    pairs = match.group("head").split() + match.group("tail").split()
    if len(pairs) not in _PAIRS_OF_A_SERIAL:
        return match.group(0)
    return match.group("label") + " ".join(pairs)


def _vertical_pairs_joined(match: re.Match[str]) -> str:
    """The pairs of a value written one per line, on one line, when they hold both digits and letters."""
    pairs = match.group(0).split()
    value = "".join(pairs)
    if value.isdigit() or value.isalpha():
        return match.group(0)
    return match.group("lead") + " ".join(pairs)


def _single_spaced_joined(match: re.Match[str]) -> str:
    """The characters of a value parted by single spaces, joined, when they hold both digits and letters."""
    value = match.group(0).replace(" ", "")
    if value.isdigit() or value.isalpha():
        return match.group(0)
    return value


def _wide_spaces_narrowed(match: re.Match[str]) -> str:
    """Equal groups parted by two or three spaces, parted by one instead, when a wide gap is among them."""
    value = match.group(0)
    return re.sub(r" {2,3}", " ", value) if "  " in value else value


def _dotted_as_spaced(match: re.Match[str]) -> str:
    """Dotted or underscored groups parted by spaces instead; a separator hanging at the line's end marks a wrap."""
    value = match.group(0)
    hanging = value[-1] in "._"
    spaced = re.sub(r"[._]", " ", value[:-1] if hanging else value)
    return spaced + ("-" if hanging else "")


# The homophones and slips of 証明書 that an input method offers first or a hasty writer types
# ("証明所の番号は …", "照明書のシリアル"), as :mod:`intake.spelling` folds them for the rules; each is
# as long as 証明書, so every place in the text keeps its offset.
_CERTIFICATE_SLIP = re.compile(r"証明証|証名書|照明書|正明書|証明所")
# Certificates counted in the lines above a list of values ("手元に証明書が3つあって…", "I have three certificates"):
# the values listed below are those certificates'.
_COUNTED = re.compile(
    r"証明書[^。\n]{0,4}?[2-9２-９二三四五六](?:つ|枚|件|通)|\b(?:two|three|four|five|[2-9])\s+(?:certificates|certs)\b",
    re.I,
)
# A Japanese phone number ("0778-22-4105", "03-1234-5678"): a leading 0, three decimal groups
# joined by hyphens, 10 or 11 digits in all.  Its groups are never a value, whatever label is near.
_PHONE = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}")
_PHONE_DIGITS = (10, 11)


def _phone_number(run: str) -> bool:
    """Tell whether a run is written as a Japanese phone number (see :data:`_PHONE`)."""
    return bool(_PHONE.fullmatch(run)) and len(run.replace("-", "")) in _PHONE_DIGITS


# A value read out one character at a time, as over the phone ("two - C - nine - zero - F - F …", "seven, B as in
# bravo, four, …", "ディー、ナナ、イチ、エフ、…"): eight characters at least, each a digit's or a letter's name.
_SPOKEN = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "alpha": "a", "alfa": "a", "bravo": "b", "charlie": "c", "delta": "d", "echo": "e",
    "foxtrot": "f", "ゼロ": "0", "レイ": "0", "イチ": "1", "ニ": "2", "サン": "3", "ヨン": "4", "シ": "4", "ゴ": "5",
    "ロク": "6", "ナナ": "7", "シチ": "7", "ハチ": "8", "キュウ": "9", "ク": "9", "エー": "a", "エイ": "a",
    "ビー": "b", "シー": "c", "ディー": "d", "デー": "d", "イー": "e", "エフ": "f",
    # Digits read in English, written in katakana ("ディー・ワン・イー・ツー…").
    "ワン": "1", "ツー": "2", "スリー": "3", "フォー": "4", "ファイブ": "5", "シックス": "6", "セブン": "7",
    "エイト": "8", "ナイン": "9",
}
_SPOKEN_EN = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|alpha|alfa|bravo|charlie|delta|echo|foxtrot" \
    r"|[a-f](?:[ \t]+as[ \t]+in[ \t]+[a-z]+)?)"
_SPELLED_EN = re.compile(
    rf"(?<![A-Za-z]){_SPOKEN_EN}(?:(?:[ \t]*[,\-][ \t]*|[ \t]+){_SPOKEN_EN}){{7,39}}(?![A-Za-z])", re.I
)
# Read in katakana, digits in hiragana too ("いち、エー、ディー、はち…"), or in English ("ワン", "ツー").
_SPOKEN_JA = (
    r"(?:ゼロ|ぜろ|レイ|れい|イチ|いち|サン|さん|ヨン|よん|ロク|ろく|ナナ|なな|シチ|しち|ハチ|はち|キュウ|きゅう"
    r"|ファイブ|フォー|シックス|スリー|セブン|エイト|ナイン|ワン|ツー"
    r"|エー|エイ|ビー|シー|ディー|デー|イー|エフ|ニ|に|シ|し|ゴ|ご|ク|く)"
)
_SPELLED_JA = re.compile(
    rf"(?<![ァ-ヶーぁ-ゖ]){_SPOKEN_JA}(?:[、,・ ]+{_SPOKEN_JA}){{7,39}}(?![ァ-ヶーぁ-ゖ])"
)


def _spelled_out(match: re.Match[str]) -> str:
    """The value a run of spoken characters spells, in hexadecimal digits."""
    words = re.findall(r"[a-z]+(?:[ \t]+as[ \t]+in[ \t]+[a-z]+)?|[ァ-ヶー]+|[ぁ-ゖ]+", match.group(0).lower())
    # A digit read in hiragana is read as its katakana.
    words = ["".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in word) for word in words]
    return "".join(_SPOKEN.get(word, word[:1]) for word in words).upper()


def _normalise(text: str) -> str:
    """NFKC-normalise and make every dash a hyphen, so full-width and odd dashes read alike.

    A value after a serial label or a bare "番号" with letters that look like digits ("43OEDI6C…")
    gets the digits (:mod:`intake.lookalikes`).  Circled list numbers become ``(1)`` and thousands
    separators in decimal numbers are dropped, so that neither is read as part of a value.  Groups
    parted by dots or underscores, or by two or three spaces, are parted by single spaces instead,
    and pairs parted by a spaced colon or hyphen lose the spaces, so that every way of grouping
    reads as one of the three forms below.  A
    grouped value broken across a line break inside a group or before a separator is joined.
    """
    norm = unicodedata.normalize("NFKC", text.translate(_CIRCLED).translate(_INVISIBLE))
    norm = _SPELLED_EN.sub(_spelled_out, _SPELLED_JA.sub(_spelled_out, norm))
    norm = _CERTIFICATE_SLIP.sub("証明書", norm)
    norm = lookalikes.repaired(norm, _LOOK_ALIKE_LABEL)
    norm = _NUMBERED_ITEM.sub(r"\1 \2 ", norm)
    norm = _GLUED_SN.sub(r"\1 ", norm)
    norm = _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), norm)
    norm = _PREFIXED_PAIRS.sub(lambda m: re.sub(r"0x", "", m.group(0), flags=re.I), norm)
    norm = _MIDDLE_DOT_GROUPS.sub(lambda m: m.group(0).replace("・", " "), norm)
    norm = _DOTTED_GROUPS.sub(_dotted_as_spaced, norm)
    norm = _SPACED_LABEL.sub(lambda m: m.group(0).replace(" ", ""), norm)
    norm = _VERTICAL_PAIRS.sub(_vertical_pairs_joined, norm)
    norm = _LABELLED_PAIRS_WRAPPED.sub(_labelled_pairs_joined, norm)
    norm = _SINGLE_SPACED.sub(_single_spaced_joined, norm)
    norm = _WIDE_SPACED_GROUPS.sub(_wide_spaces_narrowed, norm)
    norm = _PREFIXED_GROUPS.sub("", norm)
    norm = _COMMA_PAIRS.sub(lambda m: re.sub(r", ?", " ", m.group(0)), norm)
    norm = _SPACED_PAIRS.sub(lambda m: re.sub(r" ?([:\-]) ?", r"\1", m.group(0)), norm)
    # Only dashes between hex digits are changed; a katakana long vowel mark elsewhere stays.
    # So is a katakana long vowel mark typed for a hyphen inside a value ("4Bー91ー0C").
    norm = re.sub(r"(?<=[0-9A-Fa-f])[‐‑‒–—―−ー](?=[0-9A-Fa-f])", "-", norm)
    norm = _HALVES.sub(r"\g<first>\g<value>\g<rest>\n\g<second>", norm)
    norm = _HANGING.sub(_hanging_joined, norm)
    norm = _DASHED_TAIL.sub(r"\g<head> \g<tail>", norm)
    return _BROKEN_SPACED.sub(_broken_spaced_joined, _BROKEN_GROUPS.sub(_broken_groups_joined, norm))


# Spaced fours whose last group went to the next line behind a hyphen, as a mail program wraps a long
# value ("3D0F 8A52 C6E1 97B4" then "-20D6"): one value, the tail read as its last group.
_DASHED_TAIL = re.compile(
    r"(?<![0-9a-z])(?P<head>[0-9a-f]{4}(?: [0-9a-f]{4}){2,9})[ \t]*\n[ \t>|]*-(?P<tail>[0-9a-f]{1,4})(?![0-9a-z\-:])",
    re.I,
)


# Groups of any size with a separator left hanging at the line's end ("08A4F1C9-3E7B-" then "D265-0F19"): the
# writer marks the value as going on.
_HANGING = re.compile(
    r"(?<![0-9a-z])(?<![0-9a-z][:\-])(?P<head>[0-9a-f]{2,8}(?:[:\-][0-9a-f]{2,8})*)(?P<sep>[:\-])[ \t]*\n[ \t>|]*"
    r"(?P<tail>[0-9a-f]{2,8}(?:[:\-][0-9a-f]{2,8})*)(?=[ \t]*(?:\n|$))",
    re.I,
)


def _hanging_joined(match: re.Match[str]) -> str:
    """The two lines of a value whose separator hangs at the first line's end, joined when they make a serial's size.

    One separator throughout, and a digit count that a serial usually has (16, 20, 32 or 40); any other pair of
    lines (a phone number "03-1234-" then "5678") is left as it was.
    """
    head, sep, tail = match.group("head"), match.group("sep"), match.group("tail")
    if set(re.findall(r"[:\-]", head + tail)) - {sep}:
        return match.group(0)
    digits = len(re.sub(r"[:\-]", "", head + tail))
    if digits not in _WHOLE_SIZES or not re.search(r"[a-f]", head + tail, re.I):
        return match.group(0)
    return head + sep + tail


# A value given in two halves on two lines, each after its name ("前半：3a7c0e91" then "後半：f2d5b846", "first
# half: …", "second half: …"): one value, joined on the first line (the second keeps its name alone).
_HALVES = re.compile(
    r"(?P<first>(?:前半|上半分|first half)[ \t]*(?:部分)?[ \t]*[:：][ \t]*[0-9a-f]{4,20})[ \t]*\n[ \t]*"
    r"(?P<second>(?:後半|下半分|second half)[ \t]*(?:部分)?[ \t]*[:：])[ \t]*"
    r"(?P<value>[0-9a-f]{4,20})(?P<rest>[ \t]*)(?=\n|$)",
    re.I,
)


# Pairs or fours joined by colons or hyphens, broken where a line ended: inside a group
# ("e2a6-49" then "cc-7cbd-bc12", "ca:ac:6f:e8:5" then "9:b2:bf:10") or before a separator
# ("…:5E:CD" then ":1B:34:…").  Whether the two parts make one value is told by the group sizes.
_BROKEN_GROUPS = re.compile(
    # At most 80 groups before the break (a SHA-512 in pairs has 64), for the reason told at _BROKEN_SPACED.
    r"(?<![0-9a-z])(?P<head>[0-9a-f]{2,4}(?:[:\-][0-9a-f]{1,4}){1,79})[ \t]*\n[ \t>|]*"
    r"(?P<tail>[:\-]?[0-9a-f]{1,4}(?:[:\-][0-9a-f]{1,4})+)(?![0-9a-z])",
    re.I,
)


def _broken_groups_joined(match: re.Match[str]) -> str:
    """The two parts of a grouped value broken across a line break, joined, when their groups fit.

    All groups have one size (two or four) and one separator, but the last; the head's last group
    and the tail's first make one whole group, or the tail starts with the separator after a whole
    group.  Any other pair of lines is left as it was.
    """
    head, tail = match.group("head"), match.group("tail")
    separators = set(re.findall(r"[:\-]", head + tail))
    if len(separators) != 1:
        return match.group(0)
    sep = separators.pop()
    heads, tails = head.split(sep), tail.split(sep)
    size = len(heads[0])
    if size not in (2, 4) or any(len(g) != size for g in heads[:-1]) or len(heads[-1]) > size:
        return match.group(0)
    if tails[0] == "":
        whole = len(heads[-1]) == size  # "…:CD" then ":1B:…"
        tails = tails[1:]
    else:
        whole = len(heads[-1]) < size and len(heads[-1]) + len(tails[0]) == size  # "e2a6-49" then "cc-…"
        tails = tails[1:]
    tail_groups = tail.split(sep)
    if not whole and len(heads[-1]) == size and all(len(g) == size for g in tail_groups):
        # Broken between two whole groups, where no separator hangs ("62F8:8043" then "FFE7:E02B"): one value
        # only when the groups make a serial's usual size.
        if len("".join(heads + tail_groups)) in _TYPICAL_SIZES:
            return head + sep + tail
        return match.group(0)
    if not whole or any(len(g) != size for g in tails[:-1]) or not tails or len(tails[-1]) > size:
        return match.group(0)
    if len(heads) + len(tails) < (4 if size == 2 else 3):
        return match.group(0)
    return head + tail


# Pairs or fours parted by spaces, broken where a line ended inside a group ("c7 b1 46 3e 7" then "7 d8 c0 c9",
# "… BD 0" then "B 67 …"): the screen or the notebook broke the value, not the writer.
_BROKEN_SPACED = re.compile(
    # At most 40 groups before the break (no joined value is longer): unbounded, every group of a long row was a
    # start from which the rest of the row was read again.
    r"(?<![0-9a-z])(?P<head>[0-9a-f]{2,4}(?: [0-9a-f]{1,4}){2,39})[ \t]*\n[ \t>|]*"
    r"(?P<tail>[0-9a-f]{1,3}(?: [0-9a-f]{2,4})+)(?![0-9a-z])",
    re.I,
)
# The sizes a value's digits make once the broken group is whole (a serial's usual 16 or 20, or a long 32 or 40).
_WHOLE_SIZES = (16, 20, 32, 40)


def _broken_spaced_joined(match: re.Match[str]) -> str:
    """The two parts of a space-grouped value broken inside a group at a line break, joined, when they fit.

    Every group is of one size (two or four) but the head's last and the tail's first, which make one whole
    group together, and the digits make a value's usual size; any other pair of lines is left as it was.
    """
    heads, tails = match.group("head").split(" "), match.group("tail").split(" ")
    size = len(heads[0])
    if size not in (2, 4) or any(len(g) != size for g in heads[:-1]) or any(len(g) != size for g in tails[1:]):
        return match.group(0)
    if len(heads[-1]) >= size or len(heads[-1]) + len(tails[0]) != size:
        return match.group(0)
    if len("".join(heads + tails)) not in _WHOLE_SIZES:
        return match.group(0)
    return " ".join([*heads[:-1], heads[-1] + tails[0], *tails[1:]])


# English words spelt with hex letters alone that stand before a value in a sentence ("should be",
# "is a"); shorter than the groups after them, they are never a value's first group.
_ENGLISH_WORDS = frozenset(
    {"a", "be", "add", "bad", "bed", "dead", "deed", "face", "fade", "feed", "fee", "cafe", "ace"}
)


_EIGHT_THEN_FOURS = re.compile(r"[0-9a-f]{8}(?:-[0-9a-f]{4}){2,3}", re.I)


def _pieces_of_run(start: int, run: str) -> list[_Piece]:
    """Split one run into values whose groups are consistent (one separator, one group size)."""
    pieces: list[_Piece] = []
    offset = 0
    if run[:2].lower() == "0x":
        head = re.match(r"0x[0-9a-f]+", run, re.I)
        assert head is not None
        pieces.append(_Piece(start, start + head.end(), head.group(0)[2:].lower(), "0x", 1))
        offset = head.end()
        if offset < len(run):
            offset += 1
    if offset == 0 and _EIGHT_THEN_FOURS.fullmatch(run):
        # Eight digits, then two or three groups of four ("3A5F91C2-0D7E-4B68", "08A4F1C9-3E7B-D265-0F19"): a serial
        # of 16 or 20 digits written in a GUID's first groups, one value.
        return [_Piece(start, start + len(run), run.replace("-", "").lower(), "hyphen 4s", 4)]
    tokens = [(m.start() + offset, m.group(0)) for m in re.finditer(r"[0-9a-f]+", run[offset:], re.I)]
    i = 0
    while i < len(tokens):
        pos, word = tokens[i]
        size = len(tokens[i + 1][1]) if i + 1 < len(tokens) else 0
        sep = run[pos + len(word)] if i + 1 < len(tokens) else ""
        j = i + 1
        # An English word of hex letters before the groups ("it should be 691C 6178 …") is no group.
        english = i == 0 and len(word) < size and word.lower() in _ENGLISH_WORDS
        if i == 0 and size == 2 and len(word) == 2 and word.lower() in _ENGLISH_WORDS:
            # "So it should be 5A 91 D3 0C 7E 2F 84 B1": a word of two hex letters before pairs is no pair when
            # the pairs after it make a serial's usual size and the word would spoil it.
            k = 1
            while k < len(tokens) and len(tokens[k][1]) == 2 and run[tokens[k][0] - 1] == sep:
                k += 1
            english = (k - 1) * 2 in _TYPICAL_SIZES and k * 2 not in _TYPICAL_SIZES
        if size in (2, 4, 8) and len(word) <= size and not english:
            while j < len(tokens) and len(tokens[j][1]) == size and run[tokens[j][0] - 1] == sep:
                j += 1
            # A viewer that groups by four or eight digits leaves the last group short when the
            # digits do not fill it ("… 145b 39"); it still belongs to the serial, but only as
            # the run's last word, so that a short word in the middle of a run stays apart.
            if (size in (4, 8) and j - i >= 2 and j == len(tokens) - 1
                    and len(tokens[j][1]) < size and run[tokens[j][0] - 1] == sep):
                j += 1
            # So does a writer who types pairs joined by hyphens or colons and drops the last pair's
            # leading zero ("…-4d-e", "…:4d:e"): the joined single digit is still the value's.
            elif (size == 2 and sep in ":-" and j - i >= 4 and j == len(tokens) - 1
                    and len(tokens[j][1]) == 1 and run[tokens[j][0] - 1] == sep):
                j += 1
        groups = j - i
        if groups < 2:
            pieces.append(_Piece(start + pos, start + pos + len(word), word.lower(), "contiguous", 1))
            i += 1
            continue
        last_pos, last_word = tokens[j - 1]
        digits = "".join(w for _p, w in tokens[i:j]).lower()
        name = {" ": "space", ":": "colon", "-": "hyphen"}[sep]
        pieces.append(_Piece(start + pos, start + last_pos + len(last_word), digits, f"{name} {size}s", groups))
        i = j
    return _stray_spaces_joined(run, start, pieces)


# The fewest digits of a whole serial given side by side with another; a shorter word is part of one.
_SIDE_BY_SIDE_MIN = 8


def _stray_spaces_joined(run: str, start: int, pieces: list[_Piece]) -> list[_Piece]:
    """Join words of uneven size parted by single spaces (or one hyphen) that read as one serial typed so.

    A serial copied by hand may pick up spaces at no regular place ("5c3f8 e21d0 a94b76",
    "5c3f8e21d0 a94b76").  Words of mixed letters and digits, each with a digit, one of them
    too short for a serial of its own, and together of a serial's size, are one value; two
    whole serials side by side ("3a7f01c2 0b0c0d0e") stay two.
    """
    if len(pieces) < 2 or any(p.shape != "contiguous" for p in pieces):
        return pieces
    gaps = [run[a.end - start : b.start - start] for a, b in zip(pieces, pieces[1:], strict=False)]
    # Two words joined by one hyphen ("5B698321-4F6C") are read the same way; more hyphens make a GUID or a
    # number of another kind, whose groups are not a serial's.
    if any(gap != " " for gap in gaps) and not (len(pieces) == 2 and gaps == ["-"]):
        return pieces
    # A list's row number before a whole serial ("01 E1D3C5B7A9E0") is no part of it.
    if pieces[0].digits.isdigit() and len(pieces[0].digits) <= 3 and len(pieces) == 2 and len(pieces[1].digits) >= 12:
        return pieces
    digits = "".join(p.digits for p in pieces)
    uneven = min(len(p.digits) for p in pieces) < _SIDE_BY_SIDE_MIN
    if not uneven or not 12 <= len(digits) <= MAX_DIGITS or not all(re.search(r"\d", p.digits) for p in pieces):
        return pieces
    if not re.search(r"[a-f]", digits):
        return pieces
    return [_Piece(pieces[0].start, pieces[-1].end, digits, "contiguous", 1)]


# The sizes of a serial that two equal halves side by side may make (two halves of 16 or 20 digits).
_WHOLE_OF_HALVES = (32, 40)


def _halves_of_one(norm: str, pieces: list[_Piece]) -> tuple[list[_Piece], bool]:
    """Join two equal words parted by one space into one serial when the mail speaks of one; say when unclear.

    "シリアル番号: 7746c579f37fefa502a3 ee18cf20f2fd908c5baa" is one 40-digit serial copied in two
    halves, or two serials of 20.  After the mail's only serial label, in a mail that names no hash
    and not several certificates, it is one; in a mail that names several it is two (left to
    :func:`_split_several`'s reading).  Otherwise neither reading is sure: the second value of the
    pair tells (True) that both words are to be kept as inexact candidates only.
    """
    if len(pieces) != 2:
        return pieces, False
    first, second = pieces
    # Groups joined by hyphens or colons on each side of one space ("7E1A-93C0 D5B2-486F") are halves too, of a
    # serial of sixteen digits as well: the writer mixed two separators in one value.
    mixed = first.shape == second.shape and first.shape.split()[0] in ("hyphen", "colon") and first.shape.endswith("4s")
    if not mixed and any(p.shape != "contiguous" for p in pieces):
        return pieces, False
    if norm[first.end : second.start] != " " or len(first.digits) != len(second.digits):
        return pieces, False
    sizes = (*_WHOLE_OF_HALVES, 16) if mixed else _WHOLE_OF_HALVES
    if len(first.digits) * 2 not in sizes or _speaks_of_several(norm, second.end):
        return pieces, False
    if _names_a_hash(norm):
        return pieces, False
    labels = [m for m in _SERIAL_LABEL.finditer(norm[: _signature_from(norm)])]
    if len(labels) == 1 and _right_after_serial_label(norm, first.start) and not _PLURAL_SERIAL.search(norm):
        return [_Piece(first.start, second.end, first.digits + second.digits, "contiguous", 1)], False
    return pieces, not mixed


# Words that name more than one serial ("serial numbers", "serials", "シリアル番号一覧").
_PLURAL_SERIAL = re.compile(r"\bserial\s*(?:numbers|nos)\b|\bserials\b|シリアル番号(?:一覧|リスト)", re.I)


def _uneven_words_joined(run: str, start: int, pieces: list[_Piece]) -> list[_Piece]:
    """Join the words of a run right after a serial label into one value when their sizes are uneven.

    A writer who copies a serial by hand breaks it anywhere ("Serial Number: 7604 32A 139E A3A2E 80 …",
    "34ded8 4b 0e08e … 33 f"), or ends a run of pairs with a single digit ("… AA A").  Right after
    the label, a run parted by single spaces with a word too short for a serial of its own, and
    together of a serial's size, is that one serial; two whole serials side by side stay two.
    """
    words = re.findall(r"[0-9a-f]+", run, re.I)
    digits = "".join(words).lower()
    if re.search(r"[^0-9a-f ]", run, re.I) or not 12 <= len(digits) <= MAX_DIGITS:
        return pieces
    if min(len(w) for w in words) >= _SIDE_BY_SIDE_MIN or not re.search(r"[a-f]", digits):
        return pieces
    return [_Piece(pieces[0].start, pieces[-1].end, digits, "contiguous", 1)]


def _right_after_serial_label(norm: str, at: int) -> bool:
    """Tell whether the value at *at* follows a serial label (or a bare "番号") on its line with only glue between."""
    lead = norm[norm.rfind("\n", 0, at) + 1 : at]
    label = _nearest_label(lead)
    if label is None:
        return _after_bare_number(lead)  # "番号：35 F7 … AA A"
    if label[0] != "serial":
        return False
    gap = _BASE_MARK.sub("", lead[label[1].end() :]).lstrip(".")
    return bool(_GLUE.match(gap))


# The start of a list item: a number ("3.", "3)", "(3)") or a bullet, then a space; a wide bullet may
# touch the item ("・EBC797B2 …").
_LIST_ITEM_START = re.compile(r"^(?:(?:\(?\d{1,2}[.)]|\(\d{1,2}\)|[\-*+])[ \t]|[・•●○◆■□▪])")


# The shortest line a mail program breaks (in display columns, a wide character counting two).
_WRAP_COLUMNS = 60


def _wrap_marked(norm: str, piece: _Piece) -> bool:
    """Tell whether the writer marks *piece* as wrapped: a colon or a hyphen hanging at its line's end, or words.

    OpenSSL leaves its colon hanging at a line's end ("3a:7f:…:e5:"), and a writer who breaks a
    value by hand leaves a hyphen ("7C85E4B7-"): the value goes on on the next line.  A writer may
    say so instead (:func:`_wrap_said`).
    """
    line_end = norm.find("\n", piece.end)
    # A mail program's quoted-printable soft break left in the text ("4B7E09D2A1C6=") hangs the same way.
    hanging = line_end >= 0 and norm[piece.end : line_end].strip(" \t") in (":", "-", "=")
    return hanging or _wrap_said(norm, piece)


# Words by which a writer says a value runs over two lines ("長いので2行になっています", "二行に分けて
# 記します", "折り返されました", "it wrapped when I copied it", "split over two lines").
_WRAP_WORDS = re.compile(
    r"[2二]\s*行(?:に|へ)(?:なっ|なり|分|わた|渡|またが)|折り?返|改行(?:され|して|しま|が入)|\bwrap(?:s|ped)?\b"
    r"|\b(?:over|across|into|on|in)\s+two\s+(?:lines|rows)\b",
    re.I,
)


def _wrap_said(norm: str, piece: _Piece) -> bool:
    """Tell whether the words before *piece*, on its line or the line above, say the value is wrapped.

    A value alone on a short line is whole unless marked (see :func:`_wrapped_continuation`); a
    writer who says it runs over two lines marks it as a hanging colon does, also in a remark in
    brackets on the line after the value's rest.
    """
    line_start = norm.rfind("\n", 0, piece.start) + 1
    above = norm.rfind("\n", 0, max(0, line_start - 1)) + 1
    if _WRAP_WORDS.search(norm, above, piece.start):
        return True
    # Or a remark in brackets on the line after the rest says so ("3E4C", "7790D1", then "(I copy from
    # the screen, it is in two lines)", "（メールの画面で折り返されていたのでそのまま写しました）").
    rest_end = norm.find("\n", norm.find("\n", piece.end) + 1)
    if norm.find("\n", piece.end) < 0 or rest_end < 0:
        return False
    remark_end = norm.find("\n", rest_end + 1)
    remark = norm[rest_end + 1 : remark_end if remark_end >= 0 else len(norm)].strip(" \t>|")
    # The remark may follow the words that close the sentence
    # ("って書いてありました（画面のまま写したので改行してます）").
    if remark[:1] in "(（" and _WRAP_WORDS.search(remark):
        return True
    bracket = re.search(r"[(（][^()（）]*[)）]", remark)
    return bool(bracket and _WRAP_WORDS.search(bracket.group(0)))


def _starts_with_count(line: str) -> bool:
    """Tell whether *line* starts with a counted number ("2枚目：…", "2件目も同様です", "3月に…").

    Such a line starts an item or a sentence of its own: its decimal number is never the rest of
    a value wrapped from the line above.
    """
    number = re.match(r"\d+", line)
    return bool(number and _COUNTER_AFTER.match(line[number.end() :]))


def _wrapped_continuation(norm: str, piece: _Piece) -> tuple[str, int] | None:
    """Return the digits and end of the next line when it continues *piece* (a wrapped serial)."""
    line_end = norm.find("\n", piece.end)
    if line_end < 0 or norm[piece.end : line_end].strip(" :-=") != "":
        return None
    marked = _wrap_marked(norm, piece)
    # A mail program breaks only a long line, so a value alone on a short line was wrapped, if at
    # all, where it was copied from: OpenSSL leaves its colon hanging ("3a:7f:…:e5:"), and a
    # screen that shows digits alone breaks them anywhere.  Colon or hyphen groups alone on a
    # short line without that colon are whole, and the value on the next line is another.
    line_start = norm.rfind("\n", 0, piece.start) + 1
    alone_on_short_line = (
        bool(_LINE_LEAD.match(norm[line_start : piece.start]))
        and not norm[piece.end : line_end].strip()
        and columns(norm[line_start:line_end]) < _WRAP_COLUMNS
    )
    next_end = norm.find("\n", line_end + 1)
    next_end = len(norm) if next_end < 0 else next_end
    raw_line = norm[line_end + 1 : next_end]
    prefix = len(_QUOTE_PREFIX.match(raw_line).group(0))  # type: ignore[union-attr]
    body = raw_line[prefix:].rstrip()
    body = body.rstrip("。.、,")
    # The next item of a numbered or bulleted list is a value of its own, never the rest of this one;
    # so is the next row of a table typed with bars (" 00562    | 内藤 由香  | 98701d…").
    if _LIST_ITEM_START.match(body) or _starts_with_count(body) or _BAR.search(body):
        return None
    # The wrapped rest may be followed by the sentence it belongs to ("D0E1 の証明書を…");
    # only a rest with a digit, after a long first part, is taken that way.
    head = re.match(r"[0-9a-f]+(?:[ :\-][0-9a-f]+)*(?![0-9a-z])", body, re.I)
    # After a wrap the writer marked, a first part of any size will do; so will one of eight digits
    # or more at the end of a line a mail program broke because it was full ("…, the serial
    # number is 7ebef31e35\nb41b98de…. It is not lost").
    full_line = columns(norm[line_start:line_end]) >= _WRAP_COLUMNS
    long_first = len(piece.digits) >= (4 if marked else 8 if piece.shape == "0x" or full_line else 12)
    # So will one of eight digits or more right after a serial label, when the rest is as long
    # ("serial BB941ED7687\n7FB28B31…F3E7 is the one"): a label names one value, broken by hand.
    after_label = _right_after_serial_label(norm, piece.start)
    long_first = long_first or (
        len(piece.digits) >= 8
        and head is not None
        and len(head.group(0).replace(" ", "")) >= 8
        and after_label
    )
    # So will a shorter one, at the end of a full line or right after a serial label, whose rest makes
    # exactly a serial's usual size: a screen or a notebook breaks the digits anywhere ("Serial No. として
    # D5005A9\n2A531EE4B とメモしてあった", "Serial 0x3C91E7A\n02F5B4D86").
    sized = (
        len(piece.digits) >= 4
        and piece.shape in ("contiguous", "0x")
        and head is not None
        and re.fullmatch(r"[0-9a-f]+", head.group(0), re.I) is not None
        and len(piece.digits) + len(head.group(0)) in _TYPICAL_SIZES
        and (full_line or after_label)
    )
    long_first = long_first or sized
    row = len(tables.cells(norm[line_start:line_end])) >= 2
    if head and row and re.match(r"[ \t\u3000]{2,}|\t", body[head.end() :]):
        # A table's row ends in the value, and the next row starts with a cell of digits ("10511    飯田 真紀  大宮支店
        # F03B…"): that cell is the next row's, not the rest of this value.
        return None
    if head and head.end() < len(body) and long_first and re.search(r"\d", head.group(0)):
        tail = body[head.end() :]
        word = re.match(r"[ \t、。,.]+([^\s、。,.]+)", tail)
        # So may the bracket that closes it ("…2a\n427f）を失効してください"), a remark in brackets
        # ("…427f（ホテルの…）"), and Japanese glued to it without a space ("…27769\n20857e2a427fです。").
        glued = tail[0] in "()）」』】]'\"" or not tail[0].isascii()
        if (word and not re.fullmatch(r"(?=.*\d)[0-9a-f]+", word.group(1), re.I)) or glued:
            body = head.group(0)
    # The value ends where its digits end: what follows on that line ("919、2枚目は ff86…") is read on.
    value_end = line_end + 1 + prefix + len(body)
    if piece.shape in ("contiguous", "0x"):
        if marked and re.fullmatch(r"[0-9a-f]+(?: [0-9a-f]+)*", body, re.I):
            # The rest of a value broken by hand may itself hold a stray space ("7C85E4B7-\n40497D04 45").
            body = body.replace(" ", "")
        if len(piece.digits) < (4 if marked or sized else 8) or not re.fullmatch(r"[0-9a-f]{2,}", body, re.I):
            return None
        if not re.search(r"\d", body) and len(body) < 4:
            return None
        digits = body.lower()
    else:
        sep = {"space": " ", "colon": ":", "hyphen": "-"}[piece.shape.split()[0]]
        size = int(piece.shape.split()[1][:-1])
        parts = body.split(sep)
        if not all(re.fullmatch(f"[0-9a-f]{{{size}}}", p, re.I) for p in parts[:-1]):
            return None
        if not re.fullmatch(f"[0-9a-f]{{1,{size}}}", parts[-1], re.I):
            return None
        digits = "".join(parts).lower()
    if len(piece.digits) + len(digits) > MAX_DIGITS:
        return None
    if not marked and _rows_of_a_list(norm, piece, line_start, line_end, next_end, digits):
        return None
    if not marked and _row_of_its_own(norm, piece, line_end + 1, next_end):
        # " 2   石黒 真由美    S-11230    7A3C 19E0 44B2 0E61" under a row: the next row's number is no digit of
        # this value.
        return None
    if alone_on_short_line and not marked and piece.shape.split()[0] in ("colon", "hyphen"):
        return None
    if alone_on_short_line and not marked and _whole_spaced_lines(piece, digits):
        return None
    return digits, value_end


def _whole_row(norm: str, start: int, end: int, piece: _Piece) -> bool:
    """Tell whether the line *start*..*end* ends in a whole value of *piece*'s shape and size, as a list's row does."""
    line = norm[start:end].rstrip(" \t。.、,")
    if piece.shape in ("contiguous", "0x"):
        return False
    sep = {"space": " ", "colon": ":", "hyphen": "-"}[piece.shape.split()[0]]
    size = int(piece.shape.split()[1][:-1])
    group = f"[0-9a-f]{{{size}}}"
    # The whole run on the line, not the last groups of a longer one ("Thumbprint: b4 16 45 … 1e 5e").
    before = f"(?<![0-9a-z])(?<![0-9a-f]{re.escape(sep)})"
    row = re.search(f"{before}{group}(?:{re.escape(sep)}{group}){{{piece.groups - 1}}}$", line, re.I)
    return row is not None


def _row_beside(norm: str, piece: _Piece) -> bool:
    """Tell whether the line above or below *piece*'s holds a run of its shape and size: one value per line.

    "7b31e05a d4c8269f 0a1e6c73 b58d9f2c" over "2f6a9d18 c0e47b35 91d2a84e 6c07f3b1" in a mail about two
    certificates are the two, each of 32 digits, not four halves.
    """
    line_start = norm.rfind("\n", 0, piece.start) + 1
    line_end = norm.find("\n", piece.end)
    line_end = len(norm) if line_end < 0 else line_end
    above_start = norm.rfind("\n", 0, max(0, line_start - 1)) + 1
    below_end = norm.find("\n", line_end + 1)
    below_end = len(norm) if below_end < 0 else below_end
    return (line_start > 0 and _whole_row(norm, above_start, line_start - 1, piece)) or (
        line_end < len(norm) and _whole_row(norm, line_end + 1, below_end, piece)
    )


def _row_of_its_own(norm: str, piece: _Piece, start: int, end: int) -> bool:
    """Tell whether the line *start*..*end* is a row that ends in a whole value of *piece*'s shape after other words."""
    if not _whole_row(norm, start, end, piece):
        return False
    line = norm[start:end].strip(" \t>|。.、,")
    return not re.fullmatch(r"[0-9a-f:\- ]+", line, re.I)


def _rows_of_a_list(norm: str, piece: _Piece, line_start: int, line_end: int, next_end: int, rest: str) -> bool:
    """Tell whether *piece* and the next line are rows of a list of whole values, not one value wrapped.

    "D17C 2E94 B3A6 8F51", "6B02 A8E5 C19D 5F0A", "3E4F 0C76 9A2B D1E8" one under the other: a value wrapped
    takes two lines, so a third row of the same shape and size, above or below, makes the rows a list.  So does
    the mail naming the next row's first group on its own ("The other one (starting 6C02)"), or this row's
    last ("末尾5F0A").
    """
    if len(rest) != len(piece.digits):
        return False
    above_end = line_start - 1
    above_start = norm.rfind("\n", 0, max(0, above_end)) + 1
    after_start = next_end + 1
    after_end = norm.find("\n", after_start)
    after_end = len(norm) if after_end < 0 else after_end
    if (above_end > 0 and _whole_row(norm, above_start, above_end, piece)) or (
        after_start < len(norm) and _whole_row(norm, after_start, after_end, piece)
    ):
        return True
    if piece.shape == "contiguous" and (
        (above_end > 0 and _bare_value_line(norm[above_start:above_end], len(rest)))
        or (after_start < len(norm) and _bare_value_line(norm[after_start:after_end], len(rest)))
    ):
        # "4a7c19e20b5d83f1", "9b2e71c03d4f5a68", "1f0e2d3c4b5a6978" one under the other, each alone on its line: a
        # register's rows of equal size, not values of twice the size each broken in two.
        return True
    size = int(piece.shape.split()[1][:-1]) if piece.shape not in ("contiguous", "0x") else 0
    if size < 4:
        return False
    named = [rest[:size], piece.digits[-size:]]
    outside = norm[:line_start] + "\n" + norm[next_end:]
    return any(re.search(rf"(?<![0-9a-z]){part}(?![0-9a-z])", outside, re.I) for part in named)


def _bare_value_line(line: str, size: int) -> bool:
    """Tell whether *line* holds nothing but one unseparated hex value of *size* digits (a quote's marks aside).

    Only a value of a serial's usual size counts: lines of eight or twelve ("1b8e4f07", "c29a3d65", …) under one label
    are one value copied in pieces.
    """
    if size < min(_TYPICAL_SIZES):
        return False
    return re.fullmatch(rf"[ \t>|]*[0-9a-f]{{{size}}}[ \t。.、,]*", line, re.I) is not None


def _whole_spaced_lines(piece: _Piece, rest: str) -> bool:
    """Tell whether *piece* and the *rest* on the next line are two whole serials of eights parted by spaces.

    A writer who lists two serials one per line ("aa2b0c72 d0f29af7", then "f2e386e2 ab0bee28") fills
    no line a mail program would break: each short line of whole groups, of a serial's typical size,
    holds a serial of its own.  Fours on two lines under one serial label are as often one long
    serial copied in two rows ("C583 05E4 0478 5C11", then "8901 2A08 1896 2330"): they are left to
    the mail's words about several certificates.
    """
    return (
        piece.shape == "space 8s"
        and len(piece.digits) in _TYPICAL_SIZES
        and len(rest) == len(piece.digits)
    )


# A thing other than a certificate right before a serial label: the serial is that thing's
# ("USBトークン（シリアル 12345678）", "ノートPCのシリアル番号", "device serial number").
# The label may name where on the device the serial is printed ("トークンの裏のシリアル番号").
_DEVICE_BEFORE = re.compile(
    devices.WITH_OWN_SERIAL
    + r"[ \t]*(?:の|'s)?[ \t]*(?:(?:裏|表|底|背面|側面|ラベル|本体)(?:面)?(?:の|に記載の)?)?[ \t]*[(（:：]?[ \t]*$",
    re.I,
)


# The CA's own certificate right before a serial label ("CA証明書のシリアル", "ルート証明書のシリアル番号", "the root
# certificate's serial"): the serial is the CA's, which the CA knows, not one of the writer's certificates.
_CA_CERT_BEFORE = re.compile(
    r"(?:\bCA|認証局|ルート|中間|root|intermediate)[ \t]*(?:の[ \t]*)?(?:電子)?(?:証明書|certificate|cert)"
    r"[ \t]*(?:の|'s)?[ \t]*(?:\s(?:shows|has|with|lists|reads|gives)[ \t]+(?:a[ \t]+|the[ \t]+)?)?$"
    # A generation of the CA's certificates, as the repository names them ("旧第2世代（シリアル …）").
    r"|第[ \t]*[0-9０-９一二三四五六七八九]{1,2}[ \t]*世代[ \t]*(?:の[ \t]*)?(?:(?:CA|ルート)?[ \t]*証明書)?"
    r"[ \t]*[（(]?[ \t]*[、,]?[ \t]*$",
    re.I,
)


# A caption set off by a colon right before a serial label ("事務所PC:シリアル番号").
_CAPTION_COLON = re.compile(r"[:：][ \t]*$")


def _viewer_pairs(piece: _Piece) -> bool:
    """Tell whether *piece* is written as a certificate viewer writes a serial: eight or more separated hex pairs."""
    return piece.shape.endswith(" 2s") and len(piece.digits) >= 16 and bool(re.search(r"[a-f]", piece.digits, re.I))


# Dotted numbers around a value: a version ("131.0.6778.140") or an address, never a serial.
_DOTTED_AFTER = re.compile(r"\.\d")
_DOTTED_BEFORE = re.compile(r"\d\.$")


# A tool's listing of a chain names the CA as the subject (owner) of the certificate whose serial follows a few
# lines below ("所有者: CN=iPROVE CA, …" then "発行者: …" then "シリアル番号: 1a" in keytool's output): that serial
# is the CA's.  No other serial label stands between.
_CA_SUBJECT_ABOVE = re.compile(
    r"(?:所有者|subject|owner)[ \t]*[:：][^\n]*\bCN[ \t]*=[ \t]*(?:iPROVE[ \t]*CA|[^,\n]*\bCA)\b[^\n]*\n"
    r"(?:(?![^\n]*(?:シリアル|serial))[^\n]*\n){0,4}[^\n]*$",
    re.I,
)


# Two spaces or a tab or more at the end of a text: a gap between a list item's name and its columns.
_COLUMN_GAP = re.compile(r"(?:[ ]{2,}|\t)[ \t]*$")


# The words right after a value that say it is a certificate's ("… の証明書", "… の電子証明書").
_CERTIFICATES_AFTER = re.compile(r"[ \t]*の(?:電子)?証明書")


def _nearest_label(before: str) -> tuple[str, re.Match[str]] | None:
    """Return the kind ("serial", "hash" or "other") of the label nearest the end of *before*.

    A serial label right after the name of a device ("PCのシリアル番号") or of the CA's own
    certificate ("CA証明書のシリアル") names that thing's serial, another kind of number; a device
    parted from the label by a wide gap ("自宅PC  シリアル 0cc3…") names a list item, the
    certificate kept on it.
    """
    best: tuple[str, re.Match[str]] | None = None
    for kind, pattern in (("serial", _SERIAL_LABEL), ("hash", _HASH_LABEL), ("other", _OTHER_NUMBER_LABEL)):
        for match in pattern.finditer(before):
            device = kind == "serial" and (
                bool(_CA_CERT_BEFORE.search(before, max(0, match.start() - 24), match.start()))
                or (
                    bool(_DEVICE_BEFORE.search(before, max(0, match.start() - 24), match.start()))
                    and not _COLUMN_GAP.search(before[: match.start()])
                )
            )
            if best is None or match.end() > best[1].end() or (match.end() == best[1].end() and kind == "serial"):
                best = ("other" if device else kind, match)
    return best


# A counted item of a list of certificates ("1枚目：", "2件目 "): the counter says it names a certificate.
_ORDINAL = r"\d{1,2}[ \t]*(?:枚|件|通|つ)目[ \t]*[:：]?"
# A list bullet: a mark ("・", "-") or a number ("1.", "2)", "(3)").
_BULLET = r"[・\-*•●○◆■□▪+]|\(?\d{1,2}[.)]|\(\d{1,2}\)"
# Quote marks and a list bullet at the start of a line ("・", "-", "1)", "(2)", "2枚目"); a bullet may come before a
# counted item ("・2枚目 0c5e…").
_LIST_LEAD = (
    r"^[ \t>|]*(?:(?:" + _BULLET + r"|\[\d{1,2}\]|" + _ORDINAL + r")[ \t]*)?"
    r"(?:" + _ORDINAL + r"[ \t]*)?"
)
# What may start a line before a value: quote marks and a list bullet.
_LINE_LEAD = re.compile(_LIST_LEAD + _OPENING + "$")
# One word of a name: a capitalised word ("Tanaka", "Sales,") or a few non-ASCII characters ("営業部").
# A department may follow in brackets ("山田太郎（総務部）", "Mary Sato (Finance)").
_NAME_WORD = r"(?:(?:[A-Z][A-Za-z.'\-]{0,15},?|[^\x00-\x7f\s]{1,8})(?:[ \t]*\([^()\d\n]{1,16}\))?)"
# A name and a colon or a dash before a value in a list ("山田: 3b57 …", "Sales, Ken Tanaka: …",
# "Ken Tanaka - 9a61 …"), checked for labels by the caller.
_NAME_LEAD = re.compile(
    rf"^(?:[^\s:：|\d][^:：|\t\n\d]{{0,15}}?|{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}})"
    r"(?:[ \t]*[:：]|[ \t]+(?:-{1,2}|=>|->|→))[ \t]*$"
)
# A person's name and spaces before a value ("山田 太郎  3b57 …", "Tanaka 3b57 …"), with the
# department in front ("営業部 西村 拓也  3c05 …") or after a slash ("山田太郎／営業部／3b57…"):
# one to three name words; or a name in brackets ("【山田太郎】3b57…").
_NAME_WORDS = re.compile(
    rf"^(?:{_NAME_WORD}(?:(?:[ \t]+|[ \t]*/[ \t]*){_NAME_WORD}){{0,2}}(?:[ \t]+|[ \t]*/[ \t]*)"
    r"|(?:【[^】\n\d]{1,16}】|\[[^\]\n\d]{1,16}\])[ \t]*)$"
)
# Quote marks and a list bullet at the start of a line, removed before looking for a name.
_LINE_LEAD_PREFIX = re.compile(_LIST_LEAD)
# A remark in brackets after a list item's value: whose it is or what became of it ("(Tom Baker)",
# "（退職）"); it holds no digits, so it names no other number.
_ITEM_REMARK = r"(?:[ \t]*[(（][^()（）\d\n]{1,30}[)）]|[ \t]*(?:-{1,2}|←|<-)[ \t]+[^\d\n]{1,30})?"
# A list item that holds only a value (a sibling of the value being read, under one label).
_VALUE_ITEM = re.compile(
    _LIST_LEAD
    + rf"(?:[^\s:：|\d][^:：|\t\n\d]{{0,15}}?[ \t]*[:：][ \t]*|{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}"
    r"(?:[ \t]*[:：][ \t]*|[ \t]+(?:(?:-{1,2}|=>|->|→)[ \t]+)?))?"
    r"(?:0x)?[0-9a-f]+(?:[ :\-][0-9a-f]+)*[ \t:\-]*(?:\(\s*(?:10|16)\s*進数?\s*\))?" + _ITEM_REMARK + "[ \t]*$",
    re.I,
)
# How many lines above a value its label may stand (blank lines and sibling items between).
_LABEL_LINES_UP = 8
# The vertical bars of a table, typed or drawn with box-drawing characters (``│山田│3c05…│``).
_BARS = tables.BARS
_BAR = re.compile(f"[{_BARS}]")
# A rule between table rows: bars, dashes and the corners and joints of box drawing.
_TABLE_RULE = re.compile(rf"[\s{_BARS}:\-+=\u2500-\u257f]+")


# What ends no name: a particle that ends a clause ("対象の証明書は ", "…を "); text like that before a
# value is a sentence that names the value, not a list item's name.
_NO_NAME = re.compile(r"[はがを][ \t]*$")


# A person's number in brackets after their name ("小林 誠（社員番号 10234）", "Ken Ito (ID 4471)"): part
# of the name, not a label of the value after it.
_ID_ASIDE = re.compile(
    r"[ \t]*\([^()\n\d]{0,12}(?:番号|ナンバー|\b(?:ID|No|Nr|number)\b\.?)[ \t:：#]*[0-9A-Za-z\-]{1,12}\)", re.I
)


# The words for a machine's own number ("製造番号", "型番", "product number").
_MAKER_NUMBER = re.compile(
    r"製造番号|製品番号|機器番号|型番|品番|\b(?:model|product|device|part)\s*(?:no\b|number|#)", re.I
)


def _named_lead(before: str) -> bool:
    """Tell whether the text before a value on its line is a list item's name or a table row's name cells.

    ``山田: ``, ``① 営業部　西村 拓也　　`` and ``│山田  │`` are names; a label is not
    (``SHA-1: …``, ``注文番号: …``, ``シリアル: …``).
    """
    lead = _ID_ASIDE.sub(" ", _LINE_LEAD_PREFIX.sub("", before, count=1))
    # Words about a certificate or the request's object before a colon ("証明書: …", "Certificate: …",
    # "対象：…") name the value, not a person.
    named_value = _TARGET_LEAD.match(lead) or (_LINE_WORDS.search(lead) and re.search(r"[:：][ \t]*$", lead))
    if _NO_NAME.search(lead) or named_value:
        return False
    if _BAR.search(lead):
        # A table row: its bars part cells like spaces, and a first cell may number the row.
        lead = re.sub(r"^\d{1,3}[ \t]+", "", _BAR.sub(" ", lead).lstrip())
    return bool(_NAME_LEAD.match(lead) or _NAME_WORDS.match(lead)) and _nearest_label(lead) is None


# A value at the end of a line, after which only a base mark may follow ("3b57 457b (16進)").
_VALUE_AT_END = re.compile(
    r"(?<![0-9a-z])(?:0x)?[0-9a-f]+(?:[ :\-][0-9a-f]+)*[ \t:]*(?:\(\s*(?:10|16)\s*進数?\s*\))?"
    + _ITEM_REMARK
    + r"[ \t]*$",
    re.I,
)


def _value_item(line: str) -> bool:
    """Tell whether *line* is a list item that holds a value: a bullet or a name, then the value."""
    if _VALUE_ITEM.match(line):
        return True
    value = _VALUE_AT_END.search(line)
    return bool(value and re.search(r"\d", value.group(0)) and _named_lead(line[: value.start()]))


# Words that make what stands before a value the name of a kind of number, not of a person
# ("参照コード 9c8b…", "Ref no 9c8b…").
_KIND_OF_NUMBER = re.compile(r"番号|コード|ナンバー|記号|キー|\b(?:code|no|number|id|key|ref)\b|#", re.I)


# A table cell that holds a value, in any grouping ("3c05…", "52:BB:15:…", "d4ab-d486-…").
_VALUE_CELL = re.compile(r"(?=[^\n]*\d)(?:0x)?[0-9a-f]+(?:[ :\-.][0-9a-f]+)*", re.I)


def _sibling_row(line: str) -> bool:
    """Tell whether *line* is another row of a table of values: no label, and a cell that is a value."""
    if len(line) > _MAX_ROW:
        return False
    cells = [line[a:b].strip() for a, b in tables.cells(line)]
    return (
        bool(cells)
        and _nearest_label(line) is None
        and any(
            (_VALUE_CELL.fullmatch(cell) and len(re.sub(r"[^0-9a-f]|0x", "", cell, flags=re.I)) >= 8)
            # Or a cell that ends in one, after the row's number and name ("2. 北村 さやか 6a0f3b9e21c8").
            or _VALUE_ENDS_CELL.search(cell)
            for cell in cells
        )
    )


# A value of letters and digits that ends a cell after a space ("… 北村 さやか 6a0f3b9e21c8").
_VALUE_ENDS_CELL = re.compile(r"[ \t]" + tables.HEX_VALUE + "$")


def _context_before(norm: str, start: int) -> tuple[str, bool]:
    """The text before *start* on its line, or the label line above when the value starts a line.

    A value that starts its line (after quote marks, a list bullet or a name) belongs to the
    nearest line above with text, passing over blank lines, rules and other items of the
    same list or rows of the same table (``シリアル番号：`` followed by ``・3A7F…`` and
    ``・0B0C…``).  The second value tells whether the text came from a line above.
    """
    line_start = norm.rfind("\n", 0, start) + 1
    before = norm[line_start:start]
    if not (_LINE_LEAD.match(before) or _named_lead(before)) or line_start == 0:
        return before[-200:], False
    end = line_start - 1
    for _ in range(_LABEL_LINES_UP):
        prev_start = norm.rfind("\n", 0, end) + 1
        line = norm[prev_start:end]
        bare = line.strip(" \t>|")
        row = line.rstrip(" \t" + _BARS)  # A table of one column closes each row with a bar.
        if bare and not (_value_item(row) or _TABLE_RULE.fullmatch(bare) or _sibling_row(line)):
            return line[-200:] + " ", True
        if prev_start == 0:
            break
        end = prev_start - 1
    return "", True


# The longest line read as a table's row.
_MAX_ROW = 400
# How many rows above a value its table's header may stand.
_HEADER_ROWS_UP = 12


def _column_label(norm: str, piece: _Piece) -> tuple[str, re.Match[str]] | None:
    """The label heading *piece*'s column when it stands in a table row under a header row.

    A table typed with bars, tabs or aligned spaces (``| 氏名 | シリアル番号 | 注文番号 |``)
    names each column once; the value in a row takes the label of the header cell in the
    same place, so an order number column is told from the serial column beside it.
    """
    line_start = norm.rfind("\n", 0, piece.start) + 1
    line_end = norm.find("\n", piece.end)
    row = norm[line_start : line_end if line_end >= 0 else len(norm)]
    if len(row) > _MAX_ROW:
        return None  # A paragraph on one long line, not a table's row.
    cells = tables.cells(row)
    at = piece.start - line_start
    index = next((i for i, (a, b) in enumerate(cells) if a <= at < b), None)
    if index is None:
        return _ruled_column_label(norm, line_start, columns(row[:at]))
    if not cells[index][1] >= piece.end - line_start:
        return None
    for _start, line in _lines_above(norm, line_start):
        if not line.strip() or _TABLE_RULE.fullmatch(line):
            continue  # A blank line or a rule under the header ("|---|---|").
        header = tables.cells(line)
        if len(header) != len(cells):
            # A header whose words are parted by single spaces ("No. 社員番号   氏名") has fewer
            # cells than its rows; the columns still line up on the screen, so the value takes
            # the label of the header cell standing over it.
            above = _label_above(line, header, columns(row[: cells[index][0]]))
            if above is None and _sibling_row(line):
                continue  # Another row of the table, with a cell left empty; the header is higher up.
            return above
        label = _nearest_label(line[header[index][0] : header[index][1]])
        if label is not None:
            return label
        if any(_nearest_label(line[a:b]) for a, b in header):
            # The header names other columns, not this one ("employee_id,name,serial_hex"): the value is
            # another column's, and the serial label over its neighbour is not its label.
            cell = _WHOLE_CELL.match(line, header[index][0], header[index][1])
            return ("other", cell) if cell else None
    return None


_WHOLE_CELL = re.compile(r".+", re.S)


def _lines_above(norm: str, row_start: int) -> Iterator[tuple[int, str]]:
    """The lines above the one that starts at *row_start*, nearest first and :data:`_HEADER_ROWS_UP` at most."""
    end = row_start - 1
    for _ in range(_HEADER_ROWS_UP):
        if end < 0:
            return
        start = norm.rfind("\n", 0, end) + 1
        yield start, norm[start:end]
        end = start - 1

# A rule of dashes, one run per column, under a header whose words single spaces part ("SerialNumber     Thumbprint"
# over "------------     ----------", as PowerShell's Format-Table and many command-line tools print a table).
_DASH_RULE = re.compile(r"[ \t>|]*-{2,}(?:[ \t]+-{2,})+[ \t]*")
_DASH_RUN = re.compile(r"-{2,}")


def _ruled_column_label(norm: str, row_start: int, column: int) -> tuple[str, re.Match[str]] | None:
    """The label of the column a value starting at display *column* stands in, under a header ruled with dashes.

    The rows of such a table part their cells with single spaces, so no cell splitter finds them; the rule's runs
    of dashes mark where each column starts.  The value takes the header words over the run it stands under, or
    is another column's when the header names a serial or hash column elsewhere.
    """
    for rule_start, rule in _lines_above(norm, row_start):
        if not rule.strip():
            return None  # A blank line ends the table: the value is in the prose under it.
        if not _DASH_RULE.fullmatch(rule):
            continue  # Another row of the table.
        if rule_start == 0:
            return None
        header = norm[norm.rfind("\n", 0, rule_start - 1) + 1 : rule_start - 1]
        starts = [columns(rule[: m.start()]) for m in _DASH_RUN.finditer(rule)]
        if column not in starts:
            return None  # A cell's value starts where its column's run of dashes does.
        index = max(i for i, start in enumerate(starts) if start <= column)
        heads = [_slice_columns(header, a, b) for a, b in zip(starts, [*starts[1:], None], strict=True)]
        label = _nearest_label(heads[index])
        if label is not None:
            return label
        if any(_nearest_label(head) for head in heads):
            cell = _WHOLE_CELL.match(heads[index] or " ")
            return ("other", cell) if cell else None
        return None
    return None


def _slice_columns(line: str, first: int, stop: int | None) -> str:
    """The characters of *line* that stand from display column *first* up to *stop* (to the end when None)."""
    out = []
    at = 0
    for ch in line:
        if at >= first and (stop is None or at < stop):
            out.append(ch)
        at += columns(ch)
    return "".join(out)


def _label_above(line: str, header: list[tuple[int, int]], column: int) -> tuple[str, re.Match[str]] | None:
    """The label of the header cell of *line* that stands over display column *column*, if any."""
    for a, b in header:
        if columns(line[:a]) <= column < columns(line[:b]):
            return _nearest_label(line[a:b])
    return None


def _signature_from(norm: str) -> int:
    """Return where a signature block starts (a ``--`` line or a rule among the last lines), else the end."""
    lines = norm.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for i in range(len(lines) - 1, max(-1, len(lines) - 16), -1):
        # A rule under a table's header, with rows of as many cells below, is part of the table.
        table = tables.underlines_header(lines, i) or tables.borders_table(lines, i)
        if _SIGNATURE_RULE.match(lines[i].strip()) and not table:
            return offsets[i]
    return len(norm)


def _canonical(digits: str) -> str:
    return format(int(digits, 16), "x")


# The end of a sentence, Japanese or English ("…泊まりました。", "… last night. ").
_SENTENCE_END = re.compile(r"[。！？]|(?<=[a-z]{2})[.!?](?:\s|$)")
# A value of any kind (a booking code, a phone number): a word of letters, digits and hyphens with a digit.
_ANY_VALUE = re.compile(r"(?<![0-9a-z])(?=[0-9a-z\-]*\d)[0-9a-z][0-9a-z\-]{3,}", re.I)


def _label_reaches(gap: str) -> bool:
    """Tell whether a hash's or another number's label still names a value after *gap*.

    The label names the values listed after it (``注文番号: 1234ABCD, 5678EF01``), but not a
    value after its own value or after the end of its sentence (``予約確認番号 7C3D91A2 の
    ホテルで…証明書 3a7f…``).
    """
    if _closes_an_aside(gap):
        return False
    if _LISTED.match(gap):
        return True
    # Earlier groups of the same written value ("123e4567-" before "e89b-12d3") are no other value.
    rest = re.sub(r"[0-9a-z]+(?:[\-:][0-9a-z]+)*[\-:]$", "", gap.lstrip(" .:#：="), flags=re.I)
    # "No." after the label ("Invoice no. …", "Ticket No. …") is part of it, not the end of a sentence.
    rest = _NUMBER_WORD.sub("", rest)
    return not (_SENTENCE_END.search(rest) or _ANY_VALUE.search(rest))


def _used_up(gap: str) -> bool:
    """Tell whether another number's label on the line above a value was given its own value there.

    Unlike :func:`_label_reaches`, no list of values after the label is looked for: the line above is
    only asked whether its label got a value ("（問い合わせ番号 #48213）の続きです。"), and a long row of
    groups after it stays cheap to read.  A label whose sentence only ends ("…を記載します。") still
    announces the values below it, and a hash's label may have its value wrapped onto the next line.
    """
    return _closes_an_aside(gap) or bool(_ANY_VALUE.search(gap))


_OPENERS = {")": "(", "]": "[", "】": "【", "」": "「", "』": "『"}


def _closes_an_aside(gap: str) -> bool:
    """Tell whether *gap* closes a bracket it did not open: the label stood inside that bracket.

    A label in brackets names only the value inside them ("・小林 誠（社員番号 10234）　3d71…"):
    the value after the closing bracket is another one.  Brackets opened and closed in the gap
    ("注文番号「1234」、「5678」") are the label's own list.
    """
    depth: dict[str, int] = {}
    for at, char in enumerate(gap):
        if char in _OPENERS.values():
            depth[char] = depth.get(char, 0) + 1
        elif char in _OPENERS:
            opener = _OPENERS[char]
            if depth.get(opener, 0) == 0:
                # Only a bracket closed after the label's own value ends it; a bracket around the
                # label's name ("拇印（SHA-1）: …", "SHA-1): …") names the value after it.
                return bool(_ANY_VALUE.search(gap[:at]))
            depth[opener] -= 1
    return False


# A word for "number" right after a label, abbreviated with a full stop or not ("no.", "Nr.", "num").
_NUMBER_WORD = re.compile(r"^(?:no|nr|num|number)\b\.?[ \t:#=]*", re.I)


@lru_cache(maxsize=4)
def _names_a_hash(norm: str) -> bool:
    """Tell whether the text names a hash or a fingerprint anywhere (read once per text)."""
    return bool(_HASH_LABEL.search(norm))


# Where a sentence ends, or a paragraph: a full stop (Japanese or English) or a blank line.
_SENTENCE_BREAK = re.compile(r"[。！？]|(?<=[a-z]{2})[.!?](?=\s|$)|\n[ \t>|]*\n")
# How far a sentence is followed from a value, in characters either way.
_SENTENCE_REACH = 240


def _sentence_of(norm: str, start: int, end: int) -> str:
    """The sentence around ``norm[start:end]``, over line breaks, but not into another list item or table row.

    A mail program breaks a long sentence where the line is full, so the words about a
    certificate may stand on the line before the value.  The sentence stops at a full stop,
    a blank line, and at a line that starts a list item or is a table's row.
    """
    left = max(0, start - _SENTENCE_REACH)
    for brk in _SENTENCE_BREAK.finditer(norm, left, start):
        left = brk.end()
    right_break = _SENTENCE_BREAK.search(norm, end, min(len(norm), end + _SENTENCE_REACH))
    right = right_break.start() if right_break else min(len(norm), end + _SENTENCE_REACH)
    lines = norm[left:right].split("\n")
    # The value's line, then its neighbours while they are neither list items nor table rows.
    at = norm.count("\n", left, start)
    first = last = at
    while first > 0 and not _item_or_row(lines[first]) and not _item_or_row(lines[first - 1]):
        first -= 1
    while last + 1 < len(lines) and not _item_or_row(lines[last + 1]) and not _item_or_row(lines[at]):
        last += 1
    return "\n".join(lines[first : last + 1])


def _item_or_row(line: str) -> bool:
    """Tell whether *line* starts a list item ("・", "1.", "(2)", "①") or is a row of a table."""
    bare = _QUOTE_PREFIX.sub("", line)
    return bool(_LIST_ITEM_START.match(bare) or re.match(r"^\(\d{1,2}\)", bare) or len(tables.cells(bare)) >= 2)


# An ellipsis right after a value: the value was cut short (NFKC makes "…" three dots).
# Dots with a space on both sides and words after them lead to a remark ("44e1a09d02 … 引き続き使用").
_CUT_SHORT = re.compile(r"[ \t]?(?:\.{3}|‥|・{2,3})(?![ \t]+\S)")


# Dots right before a short value: the value's start was left out ("証明書の末尾 ...2e4c6a8b").
_CUT_BEFORE = re.compile(r"(?:\.{2,}|‥|・{2,3})[ \t]*$")
# Words that give only the end of a value ("末尾が", "下8桁は", "ending in", "the last 8 digits are").
_TAIL_ONLY = re.compile(
    r"(?:末尾|下[ \t]*\d{1,2}[ \t]*桁|最後の[ \t]*\d{1,2}[ \t]*桁)(?:の[ \t]*\d{1,2}[ \t]*桁)?"
    r"[ \t]*(?:が|は|[:：])?[ \t]*(?:\.{2,}|‥)?[ \t]*$"
    r"|\b(?:ending|ends?)\s+(?:in|with)[ \t:]*(?:\.{2,})?[ \t]*$|\blast\s+\d{1,2}\s+(?:digits|characters|chars)"
    r"(?:\s+(?:are|is|of\s+(?:it|the\s+serial)\s+(?:are|is)))?[ \t:]*(?:\.{2,})?[ \t]*$",
    re.I,
)

# A year as a writer puts it in brackets after a serial ("(2023)"), to tell two certificates apart.
_YEAR_IN_BRACKETS = re.compile(r"(?:19|20)\d\d")

# Words right before a value that make it an example of how to write one ("例）1a2b3c4d…", "e.g. 3A7F…"), as
# the CA's own guidance gives: no certificate of the writer's.
_EXAMPLE_BEFORE = re.compile(
    r"(?:(?<![a-z])例[)）:：]|(?:例えば|たとえば|記入例)[:：、,]?|\be\.g\.,?|\bfor example[:,]?|\bexample[:：])"
    r"[ \t]*[\"'「『]?[ \t]*$",
    re.I,
)

# Words right before a value that give it as the right one, correcting another ("正しくは", "the correct one is").
_CORRECT_VALUE = re.compile(
    r"(?:正しくは|正しい(?:シリアル|番号|もの|方|ほう)?(?:番号)?は|訂正後の?(?:シリアル|番号)?(?:は|[:：])"
    # The mark of the right one at the head of its line ("正：", "(正)", "○ ").
    r"|(?:^|\n)[ \t]*(?:[(（]?正[ \t]*[:：)）]|[○◯〇]))[\s:：]*$"
    r"|\b(?:the\s+)?(?:correct|right)\s+(?:one|serial|number|value)\s+is[\s:]*$"
    r"|\bcorrection(?:\s+(?:for|of|to)\s+(?:#|no\.?\s*)?\d{1,2})?\s*[:\-]\s*(?:it\s+should\s+be\s+)?$|\bit\s+should\s+be\s*$",
    re.I,
)
# Words that give a value as an example of how serials look, not as the writer's own
# ("例えば 3A 7F 01 C2 のような形式ですか", "e.g. 3a:7f:01:c2").
_EXAMPLE = re.compile(
    r"例えば|たとえば|例[:：]|記入例|入力例|のような(?:形式|形|書き方|感じ)|ダミー|サンプル|架空"
    # Not a part of an address or a file's name ("j.lee@sample.jp", "sample-form.pdf").
    r"|(?<![@.\-/\w])(?:dummy|sample|fake)(?![@\-/\w]|\.\w)"
    r"|\be\.g\.|for example|for instance|\bsuch as\b|\bin the (?:format|form of)\b",
    re.I,
)


# A bare word for "number" standing alone, not the end of a compound ("番号は", "番号：", but not
# "電話番号", "会員番号" or "カードの番号"), which a writer uses for the certificate's serial.
# "The one's number" ("新しい方の番号は", "古いほうの番号") names no other kind of thing: the
# writer means one of their certificates.  So does the number a clause ending in a verb
# describes ("パソコンに表示されていた番号は", "メモに書いてある番号"): the number the writer saw or noted.
_BARE_NUMBER = re.compile(
    r"(?:(?<![^\s。、，,.!?！？「『（(>:：])|(?<=方の)|(?<=ほうの)|(?<=[たる]))(?:番号|ばんごう|バンゴウ)"
    # "Number" starting a line or a sentence, or after "the", "my", "its", "this" or "that" ("… my
    # certificate. Number is F249…"), not the end of a compound ("order number").
    r"|(?i:(?:(?<![^\n])|(?<=[.!?] )|(?<=\bthe )|(?<=\bmy )|(?<=\bits )|(?<=\bthis )|(?<=\bthat ))number\b)"
)
# The labels after which a value's look-alike letters are read as digits ("番号は cebl3cdl2e88…"):
# a serial label, or the bare word for "number" that a writer uses for the certificate's serial.
_LOOK_ALIKE_LABEL = re.compile(f"{_SERIAL_LABEL.pattern}|{_BARE_NUMBER.pattern}", re.I)


def _after_bare_number(before: str) -> bool:
    """Tell whether *before* ends with a bare "番号" and only the glue between it and a value."""
    ends = [m.end() for m in _BARE_NUMBER.finditer(before)]
    if not ends:
        return False
    rest = before[ends[-1] :]
    # A short aside may stand between the word and a colon or an arrow before the value ("番号、わかるのは
    # これだけです：…", "番号たぶんこれ→ …"): it names no other number and ends no sentence.
    aside = len(rest) <= 20 and bool(re.search(r"(?:[:：→]|->|=>)\s*$", rest)) and not _RUN.search(rest)
    return bool(_GLUE.match(rest)) or (aside and not _SENTENCE_END.search(rest) and not _KIND_OF_NUMBER.search(rest))


def _judge(norm: str, piece: _Piece, where: str, signature_at: int) -> SerialCandidate | None:
    """Decide whether one written value is a serial, and how sure that is."""
    judged = _judge_alone(norm, piece, where, signature_at)
    if judged and not judged.value.strip("0"):
        # Zero is no certificate's serial (RFC 5280 asks for a positive one): "先頭の 00" talks of digits.
        return None
    if judged and judged.exact:
        # The example words stand before the value in its sentence, or right after it ("… のような形式").
        sentence = _sentence_of(norm, piece.start, piece.end)
        at = sentence.find(norm[piece.start : piece.end])
        if at >= 0 and _EXAMPLE.search(sentence[: at + piece.end - piece.start + 12]):
            return SerialCandidate(judged.value, f"{judged.source} (an example)", False)
    return judged


# A number written as an ordinal ("第1402号"), as documents and receipts are numbered.
_ORDINAL_OPEN = re.compile(r"第[ \t]*$")
_ORDINAL_CLOSE = re.compile(r"[ \t]*号")


def _is_count(digits: str, after: str) -> bool:
    """Tell whether a labelled number is a count ("シリアル番号は12桁", "16 digits"), by the counter after it.

    A count is written in decimal digits; a value with a hex letter in it ("97-FF-F5-…") is
    never one, whatever word follows it.
    """
    return digits.isdigit() and bool(_COUNTER_AFTER.match(after))


def _hash_label_reaches(before: str) -> bool:
    """Tell whether a hash's label in *before* still names the value after it.

    A hash named with its own value earlier in the sentence ("MD5: f280…）。対象はシリアル …")
    names that value, not a serial after it.
    """
    return any(_label_reaches(before[m.end() :]) or not _ANY_VALUE.search(before[m.end() :])
               for m in _HASH_LABEL.finditer(before))


def _judge_alone(norm: str, piece: _Piece, where: str, signature_at: int) -> SerialCandidate | None:
    """Decide from the value and its label whether one written value is a serial, and how sure that is."""
    digits = piece.digits
    if not digits or len(digits) > MAX_DIGITS:
        return None
    line_before = norm[norm.rfind("\n", 0, piece.start) + 1 : piece.start]
    # "5B2E…" or "5B2E...": the writer gave only the start of a value, never a whole serial (a long value
    # before dots is a whole serial and a pause in casual writing); "末尾 …2e4c6a8b", "ending in 7f3a": only its end.
    cut = len(digits) < 12 and bool(_CUT_SHORT.match(norm, piece.end) or _CUT_BEFORE.search(line_before))
    if cut or _TAIL_ONLY.search(line_before):
        return SerialCandidate(_canonical(digits), f"{where}: cut short", False) if len(digits) >= 4 else None
    if _EXAMPLE_BEFORE.search(line_before):
        return SerialCandidate(_canonical(digits), f"{where}: an example", False)
    before, from_above = _context_before(norm, piece.start)
    # A label on the value's own line wins; else the table column's header; else the label above.
    own = None if from_above else _nearest_label(before)
    if own and own[0] != "serial" and not _label_reaches(before[own[1].end() :]):
        # The number that label names came before, or its sentence ended: it says nothing of this value.
        before = before[own[1].end() :]
        own = _nearest_label(before)
    above = _nearest_label(before) if from_above else None
    if above and above[0] == "other" and _used_up(before[above[1].end() :]):
        # The line above names another number and gives it ("（問い合わせ番号 #48213）の続きです。"): its
        # label was used up there and says nothing of the value that starts the next line.
        before = before[above[1].end() :]
    label = own or _column_label(norm, piece) or _nearest_label(before)
    if digits.isdigit() and (_DOTTED_AFTER.match(norm, piece.end) or _DOTTED_BEFORE.search(norm, 0, piece.start)):
        # A version or an address in dotted numbers ("Chrome 131.0.6778.140", "12.4.0.8821") is no value.
        return None
    if label and label[0] == "serial" and _CA_SUBJECT_ABOVE.search(norm, max(0, piece.start - 400), piece.start):
        # keytool's "所有者: CN=iPROVE CA, …" over this serial: the CA's own certificate's serial, not the writer's.
        return None
    if label and label[0] == "serial" and label[1].string is not before:
        before = label[1].string  # The column's header cell is the value's label.
    if label and label[0] == "serial" and len(digits) in (32, 40) and _hash_label_reaches(before):
        # A value of a hash's size under words that name a hash too ("Thumbprint (… not the
        # serial):") is that hash: a serial of exactly that size is rare.
        return None
    after = norm[piece.end : piece.end + 20]
    if label and label[0] == "other" and label[1].re is _SERIAL_LABEL and _CERTIFICATES_AFTER.match(after):
        # "PC(シリアル ca15 27d0 … の証明書が入っているもの)": a serial label after a device names the device's
        # number, unless the value itself is said to be a certificate's.
        label = ("serial", label[1])
    if label and label[0] == "other" and label[1].re is _SERIAL_LABEL and _viewer_pairs(piece) \
            and _CAPTION_COLON.search(before, 0, label[1].start()):
        # "Windowsの事務所PC:シリアル番号 2e 84 b1 07 …": the device is a row's caption, set off by a colon, and the
        # value is written in the pairs of a certificate viewer, as no machine's own serial is.
        label = ("serial", label[1])
    if label and label[0] in ("hash", "other"):
        return None
    if label and label[0] == "serial":
        # A label may number its item ("シリアル番号1：…", "Serial (2): …"); the number is no value.
        # (The number itself, one digit, is too short to be read as a value.)
        gap = _ITEM_NUMBER.sub("", _BASE_MARK.sub("", before[label[1].end() :]), count=1)
        # A remark in brackets between the label and its value says how the value is written
        # ("シリアル番号は以下です（長いので2行になっています）"); a count in it is no value.
        gap = _REMARK.sub(lambda m: "" if not re.search(r"[0-9a-f]{3,}", m.group(0), re.I) else m.group(0), gap)
        near = (
            _GLUE.match(gap)
            or (len(gap) <= 24 and "。" not in gap and not _RUN.search(gap))
            or _LISTED.match(gap)
            # A label that introduces the value after it ("シリアル番号は以下の通りです。"), on its
            # line or on the line above.
            or (len(gap) <= 30 and not _RUN.search(gap) and _INTRODUCES.search(gap))
            # A label line that ends in a colon over a value alone on the lines below, with a remark
            # between ("Serial from the issuance PDF (it wrapped when I copied it):").
            or (from_above and len(gap) <= 80 and re.search(r"[:：]\s*$", gap) and not re.search(r"\d", gap)
                and not _SENTENCE_END.search(gap))
        )
        if near:
            if not re.search(r"\d", digits) or _is_count(digits, after):
                return None
            if _YEAR_IN_BRACKETS.fullmatch(digits) and re.search(r"[(（][ \t]*$", before):
                # "S/N 2a7c…  (2023)": the year the certificate was issued, in brackets after its value.
                return None
            ordinal = _ORDINAL_OPEN.search(norm, max(0, piece.start - 3), piece.start) and _ORDINAL_CLOSE.match(after)
            if ordinal and digits.isdigit():
                # "受理証明書の番号（第1402号）": a document's number in the Japanese ordinal form, no serial.
                return None
            if digits.isdigit() and _HEX_TWIN.match(norm, piece.end):
                # OpenSSL prints "Serial Number: 4096 (0x1000)": the hexadecimal twin is read next (a long
                # twin runs past the few characters looked at after a value, so it is matched in the text).
                return None
            decimal = (
                _DECIMAL_MARK.search(before[max(0, label[1].start() - 16) :])
                or _DECIMAL_MARK.match(after.lstrip(" ("))
            )
            if decimal and digits.isdigit() and piece.shape in ("contiguous", "space 4s"):
                return SerialCandidate(format(int(digits), "x"), f"{where}: labelled decimal", True)
            if len(digits) < 2:
                return None
            return SerialCandidate(_canonical(digits), f"{where}: labelled", True)
    mixed = bool(re.search(r"[a-f]", digits) and re.search(r"\d", digits))
    in_signature = piece.start >= signature_at
    own_line = norm[norm.rfind("\n", 0, piece.start) + 1 : piece.start]
    # (A shorter first part will do when the writer says the value runs on on the next line.)
    long_enough = len(digits) >= 8 or _wrap_marked(norm, piece)
    if label is None and _after_bare_number(own_line) and mixed and long_enough and not in_signature:
        # "番号は Ｂ７Ａ２-０Ｅ４Ｆ-…です" in a mail about a certificate: a writer who has named the
        # certificate calls its serial just "the number".  Letters and digits together are no
        # phone number, and a number of another kind would have its own label.
        if _LINE_WORDS.search(norm):
            return SerialCandidate(_canonical(digits), f"{where}: labelled as the number", True)
    hash_length = len(digits) in (32, 40) and piece.groups in (1, 10, 16, 20)
    if piece.shape == "0x":
        if len(digits) < 4:
            return None
        # A Windows error code (an HRESULT: eight digits with the high bit set, "0x800B0109",
        # "0x80092004") says what failed, not which certificate; it is a serial only when labelled.
        if len(digits) == 8 and digits[0] in "89abcdef":
            return SerialCandidate(_canonical(digits), f"{where}: 0x status code", False)
        return SerialCandidate(_canonical(digits), f"{where}: 0x", not in_signature)
    if piece.shape == "contiguous":
        if not mixed or len(digits) < 8:
            return None
        line_start = norm.rfind("\n", 0, piece.start) + 1
        line_end = norm.find("\n", piece.end)
        line = norm[line_start : line_end if line_end >= 0 else len(norm)]
        # A line that announces certificates below it ("以下の証明書を失効してください。") makes
        # the values listed under it as sure as ones on its own line; so does a line about
        # certificates above a list of names with their values ("① 営業部　西村 拓也　　3c05…").
        lead = norm[line_start : piece.start]
        by_name = len(digits) >= 10 and (
            (_named_lead(lead) and not _KIND_OF_NUMBER.search(lead)) or bool(re.search(_ORDINAL, lead))
        )
        announced = from_above and bool(_LINE_WORDS.search(before)) and bool(
            _INTRODUCES.search(before) or _COUNTED.search(before) or by_name
        )
        # A value in a sentence about a certificate is sure, also when the sentence runs over
        # two lines ("証明書を2枚（一般向け 2adb… と、\n文書向け 5b91…）").  Over 32 digits it may
        # be a SHA-1 thumbprint, unless the mail names no hash at all.
        fits = len(digits) <= 32 or not _names_a_hash(norm)
        about = bool(_LINE_WORDS.search(_sentence_of(norm, piece.start, piece.end))) or _tagged_on(norm, piece)
        # A machine's maker number right before the value on its line ("USBメモリ本体の製造番号 AA04…")
        # is that machine's, whatever the sentence's other lines say of a certificate.
        own_lead = _SENTENCE_END.split(lead)[-1]
        maker = _MAKER_NUMBER.search(own_lead)
        if maker and re.search(devices.WITH_OWN_SERIAL, own_lead[: maker.start()], re.I):
            about = False
        # The value a writer gives as the right one ("正しくは\nA4DF…です", "the correct serial is …")
        # corrects a serial, even one given in a quote or a mail before.
        corrects = bool(_CORRECT_VALUE.search(before) or _CORRECT_VALUE.search(lead))
        sure = (about or announced or corrects) and fits and not in_signature
        rest = line[: piece.start - line_start] + line[piece.end - line_start :]
        alone = not in_signature and not _LINE_REST.sub("", rest)
        return SerialCandidate(_canonical(digits), f"{where}: bare hex{' on its own line' if alone else ''}", sure)
    sep, size = piece.shape.split()
    enough = piece.groups >= (4 if size == "2s" else 2)
    if not enough or (sep != "colon" and not mixed):
        return None
    if piece.groups == 2 and len(re.split(r"[ :\-]", norm[piece.start : piece.end])[0]) < int(size[:-1]):
        # Two groups, the first one short ("Dec 2026", "abc 1234"), are words and numbers side by side
        # as often as a serial; only a label makes them one.
        return SerialCandidate(_canonical(digits), f"{where}: {sep} {size} (first group short)", False)
    cleared = False  # Whether a value of a hash's size was found to be a serial all the same.
    if hash_length and size in ("2s", "4s") and (label is None or label[0] == "serial") and not in_signature:
        # A hash's size alone on a line of a mail about a certificate that names no hash (see
        # :func:`_alone_in_certificate_mail`) is the certificate's serial.
        hash_length = not _alone_in_certificate_mail(norm, piece, own_line, signature_at)
        cleared = not hash_length
    if sep == "hyphen" and size != "2s":
        # Groups of four or eight joined by hyphens ("a9b8c7d6-e5f40312") are a serial only on
        # a line about a certificate; elsewhere they are as likely a product key or a code.
        line_start = norm.rfind("\n", 0, piece.start) + 1
        line_end = norm.find("\n", piece.end)
        line = norm[line_start : line_end if line_end >= 0 else len(norm)]
        about = bool(_LINE_WORDS.search(_sentence_of(norm, piece.start, piece.end))) or (
            from_above and bool(_LINE_WORDS.search(before))
        )
        # A writer who does not know the word for a serial gives it bare, in a sentence of its own
        # ("むすこの　メモに　FAA7-7C4F-3515-2760　と　かいてありました"), in a mail about a certificate.
        # Four or five groups, a serial's typical size (or four groups of eight, this CA's own
        # 16-byte size), with no word naming another kind of number before it in its sentence, are
        # that certificate's serial; so they are after a serial label whose sentence has ended
        # ("番号は台帳にあるはず。\n9BD5C2DB-B9D23A8E-…\nだと思う").
        lead = _SENTENCE_END.split(norm[line_start : piece.start])[-1]
        told_bare = (
            (label is None or label[0] == "serial") and len(digits) in (*_TYPICAL_SIZES, 32)
            and not _KIND_OF_NUMBER.search(lead)
            and bool(_LINE_WORDS.search(norm[:signature_at]))
        )
        # A hash's size found to be a serial all the same (see above) is sure, beyond 32 digits too.
        sure = (about or told_bare or cleared) and not in_signature and not hash_length
        # Over 32 digits a value may be a SHA-1 or SHA-256 thumbprint (40 or 64 digits); other sizes are no hash,
        # nor are groups of eight joined by hyphens, as no viewer prints a thumbprint.
        sure = sure and (len(digits) < 40 or cleared or size == "8s")
        return SerialCandidate(_canonical(digits), f"{where}: {sep} {size}", sure)
    if hash_length and len(digits) == 32 and sep in ("colon", "hyphen") and size == "2s" and not in_signature:
        # Sixteen colon pairs are an MD5 fingerprint's shape, but also a 16-byte serial's, and
        # certificate viewers now show no MD5 at all: in a sentence about a certificate (or under
        # a line about certificates) of a mail that names no hash anywhere, they are the serial.
        # So are values listed by the names of their holders in a mail about certificates.
        about = (
            _listed_by_name(norm, piece, from_above)
            or bool(_LINE_WORDS.search(_sentence_of(norm, piece.start, piece.end)))
            or (from_above and bool(_LINE_WORDS.search(before)))
        )
        hash_length = not about or _names_a_hash(norm)
    if hash_length and len(digits) == 40 and sep in ("colon", "hyphen") and size == "2s" and not in_signature:
        # Twenty pairs are a SHA-1 thumbprint's shape, but also a 20-byte serial's, the longest RFC 5280
        # allows: listed by the name of its holder among other certificates of a mail that names no hash
        # ("2) 前田 健一  e6-48-de-…"), they are that holder's serial; so are they as a certificate counted
        # ("2枚目：12-99-17-…") under a line about certificates.
        lead = norm[norm.rfind("\n", 0, piece.start) + 1 : piece.start]
        counted = from_above and bool(re.fullmatch(r"[ \t>|\u3000]*" + _ORDINAL + r"[ \t\u3000]*", lead))
        hash_length = not (_listed_by_name(norm, piece, from_above) or counted) or _names_a_hash(norm)
    sure = not in_signature and not hash_length and (size != "8s" or piece.groups >= 2)
    return SerialCandidate(_canonical(digits), f"{where}: {sep} {size.replace('2s', 'pairs')}", sure)


def _listed_by_name(norm: str, piece: _Piece, from_above: bool) -> bool:
    """Tell whether *piece* is listed by the name of its holder in a mail about certificates.

    A value after a holder's name on its line ("2) 前田 健一  e6-48-de-…"), under a line about
    certificates, with no word naming another kind of number before it, is that holder's.
    """
    lead = norm[norm.rfind("\n", 0, piece.start) + 1 : piece.start]
    return (
        from_above and _named_lead(lead) and not _KIND_OF_NUMBER.search(lead) and bool(_LINE_WORDS.search(norm))
    )


# A word for the certificate or the object of the request before a colon, alone before a value.
_TARGET_LEAD = re.compile(
    r"^[ \t>|]*(?:(?:失効)?対象(?:の証明書)?|証明書|certificate|cert|target)[ \t]*[:：][ \t]*$", re.I
)


def _alone_in_certificate_mail(norm: str, piece: _Piece, own_line: str, signature_at: int) -> bool:
    """Tell whether a grouped value of a hash's size stands alone on its line in a mail about a certificate.

    Groups copied by hand or from a viewer (``6ff4 eaa9 … 2c4c``, ``20:38:26:…:c5:3c``,
    ``54ab-f8e0-…-e67f``) after words about the certificate ("証明書の番号は夫の手帳に控えてありました。",
    "紙に書いてあった番号は", "失効してほしい方：") are its serial, when the line holds nothing else, no
    word before the value names another kind of number, and the mail names no hash anywhere: a
    fingerprint or a thumbprint is pasted under its own name.
    """
    line_end = norm.find("\n", piece.end)
    after = norm[piece.end : line_end if line_end >= 0 else len(norm)]
    alone = not _LINE_REST.sub("", own_line + after) and not _KIND_OF_NUMBER.search(own_line)
    # A word for the certificate or the request's object may stand before it ("対象：", "証明書: ").
    alone = alone or bool(_TARGET_LEAD.match(own_line) and not _LINE_REST.sub("", after))
    return alone and bool(_LINE_WORDS.search(norm[:signature_at])) and not _names_a_hash(norm)


def _tagged_on(norm: str, piece: _Piece) -> bool:
    """Tell whether *piece* is tagged on, alone, after a sentence about a certificate on its line.

    A hasty writer puts the value after the request, as a sentence of its own ("退職したので証明書
    失効してください。c3341a2ee3"): that sentence names the certificate the value is the serial of,
    unless it names another kind of number.
    """
    line_start = norm.rfind("\n", 0, piece.start) + 1
    line_end = norm.find("\n", piece.end)
    after = norm[piece.end : line_end if line_end >= 0 else len(norm)]
    lead = norm[line_start : piece.start]
    if not re.search(r"[。！？][ \t]*$", lead) or after.strip(" \t。.") != "":
        return False
    sentence = _SENTENCE_END.split(lead.rstrip(" \t")[:-1])[-1]
    return bool(_LINE_WORDS.search(sentence)) and not _KIND_OF_NUMBER.search(sentence)


# Words that say a mail names more than one certificate ("2件", "両方", "both", "以下の証明書").
_SEVERAL = re.compile(
    # Not both of two other things ("ファイルとパスワードの両方を渡してしまった").
    r"(?<!\d)[2-9]\s*(?:件|枚|通|本|つ)|[二三四五]\s*(?:件|枚|通|つ)|(?<!の)両方|いずれも|それぞれ|複数|各証明書"
    r"|以下の\d+件の証明書|下記の\d+件の証明書|証明書一覧|シリアル番号(?:一覧|リスト)"
    # A number word counts certificates, not a span of time ("online for about two days").
    r"|\bboth\b|\b(?:two|three|four|several|multiple)\b(?!\s+(?:seconds|minutes|hours|days|nights|weeks|months|years|times)\b)"
    r"|\bserial\s*(?:numbers|nos)\b|\bserials\b"
    r"|\b(?:these|those|the following|following|their|all)\s+(?:[a-z]+\s+){0,2}certificates\b",
    re.I,
)
# The sizes in hex digits that serials typically have, for telling two joined serials apart.
_TYPICAL_SIZES = (16, 20)
# How far before a value the words about several certificates are looked for.
_SEVERAL_WINDOW = 400


def _speaks_of_several(norm: str, at: int) -> bool:
    """Tell whether the text up to the end of the line at *at* says it names several certificates."""
    line_end = norm.find("\n", at)
    return bool(_SEVERAL.search(norm[max(0, at - _SEVERAL_WINDOW) : line_end if line_end >= 0 else len(norm)]))


def _several_after(norm: str, end: int) -> bool:
    """Tell whether the line after the one ending at *end* says the values above are several ("…\nの2枚です").

    A list of values alone on their lines may be followed, not preceded, by the words that count
    them; only that next line is read, so that a count further down says nothing of these values.
    """
    line_end = norm.find("\n", end + 1)
    following = norm[end : line_end if line_end >= 0 else len(norm)]
    return bool(_SEVERAL.search(following))


def _split_several(norm: str, piece: _Piece) -> list[_Piece]:
    """Split a run of equal groups that holds two serials back to back, when the mail names several.

    ``3b57457b 6ac15379 9c1d2e3f 4a5b6c7d`` reads as one 32-digit serial or as two of 16; in
    a mail about two certificates ("2件", "both", a list) it is two.  Only runs that halve
    into whole groups of a typical serial size are split, and runs too long for one serial
    (over 40 digits) halve into any two plausible serials.
    """
    if not piece.shape.startswith("space ") or piece.groups % 2:
        return [piece]
    half = len(piece.digits) // 2
    plausible = half in _TYPICAL_SIZES or (len(piece.digits) > MAX_DIGITS and 8 <= half <= MAX_DIGITS)
    if len(piece.digits) % 2 or not plausible or not _speaks_of_several(norm, piece.end):
        return [piece]
    if _one_per_item(norm, piece.start) or _inline_sibling(norm, piece) or _row_beside(norm, piece):
        return [piece]
    size = int(piece.shape.split()[1][:-1])
    # Pairs are how a viewer prints one long serial; they are split only when too long for one.
    if half % size or (size == 2 and len(piece.digits) <= MAX_DIGITS):
        return [piece]
    # The second half starts after the first half's groups and the spaces between them.
    text = norm[piece.start : piece.end]
    cut = piece.start + [m.start() for m in re.finditer(r"[0-9a-f]+", text, re.I)][piece.groups // 2]
    return [
        _Piece(piece.start, cut - 1, piece.digits[:half], piece.shape, piece.groups // 2),
        _Piece(cut, piece.end, piece.digits[half:], piece.shape, piece.groups // 2),
    ]


# What joins two values of one inline list ("… と …", "…、…", "… and …"), an "0x" before the second.
_LIST_JOINER = r"[ \t]*(?:と|、|,|及び|および|\band\b|&)[ \t]*"
_JOINED = re.compile(_LIST_JOINER + "(?:0x)?", re.I)
# A value that may stand beside another in an inline list: eight digits or more, a digit among them.
_SIBLING_VALUE = re.compile(r"(?<![0-9a-z])(?:0x)?(?=[0-9a-f]*\d)[0-9a-f]{8,}(?![0-9a-z])", re.I)
# How far either way of a value its inline siblings are looked for.
_SIBLING_REACH = 60


def _listed_with(norm: str, span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Tell whether the value at *span* is joined in its sentence to one of *others*: two items of one inline list.

    "35e9 87c4 … 548aとcad91e1075fe8eeaの2枚" and "A, B and C" name each certificate by its
    own value; only a list joiner ("と", "、", ",", "and") stands between two items.
    """
    start, end = span
    return any(_JOINED.fullmatch(norm, e, start) or _JOINED.fullmatch(norm, end, s) for s, e in others)


def _inline_sibling(norm: str, piece: _Piece) -> bool:
    """Tell whether *piece* is joined in its sentence to another value (see :func:`_listed_with`).

    The count of certificates a mail gives is then met by the values, and a grouped value is
    one serial, not two.
    """
    near = _SIBLING_VALUE.finditer(norm, max(0, piece.start - _SIBLING_REACH), piece.end + _SIBLING_REACH)
    # The groups of *piece* itself are no siblings of it.
    others = [m.span() for m in near if not piece.start <= m.start() < piece.end]
    return _listed_with(norm, (piece.start, piece.end), others)


# A line that gives a short caption, a colon and a value ("　上田 和也　：57D55FCD 842A…", "2枚目：12-99-…").
_CAPTIONED_ROW = re.compile(
    r"[ \t\u3000>|]*[^\s:：0-9a-fA-F][^:：\n]{0,15}?[ \t\u3000]*[:：][ \t\u3000]*(?:0x)?[0-9a-fA-F]{2}"
)


def _one_per_item(norm: str, at: int) -> bool:
    """Tell whether the value at *at* is one item of a list whose items each hold a value of their own.

    In a list of certificates ("1. 中村 陽子　EEB9 EFFC …", "- 49D3 6B51 … (Laura Rossi)") each
    item names one serial, however long; the mail's count of certificates is that of the items.
    """
    line_start = norm.rfind("\n", 0, at) + 1
    line_end = norm.find("\n", at)
    captioned = bool(_CAPTIONED_ROW.match(norm, line_start))
    if not (_on_item_or_row(norm, at) or captioned):
        return False
    lines_above = norm[:line_start].split("\n")[:-1]
    lines_below = norm[line_end + 1 :].split("\n") if line_end >= 0 else []
    for lines in (reversed(lines_above), iter(lines_below)):
        neighbour = next((line for line in lines if line.strip(" \t>|")), "")
        values = (re.sub(r"[ :\-]|0x", "", run.group(0), flags=re.I) for run in _RUN.finditer(neighbour))
        # Rows that each give a holder's or a caption's value after a colon ("上田 和也　：57D5…", "佐久間 亮　：8082…")
        # are items too, one value each.
        row = _item_or_row(neighbour) or (captioned and bool(_CAPTIONED_ROW.match(neighbour)))
        if row and any(len(v) >= _SIDE_BY_SIDE_MIN and re.search(r"\d", v) for v in values):
            return True
    return False


def _is_list_number(norm: str, piece: _Piece) -> bool:
    """Tell whether *piece* is the number of a list item ("1.", "10)") at the start of its line."""
    line_start = norm.rfind("\n", 0, piece.start) + 1
    lead = norm[line_start : piece.start]
    return (
        piece.digits.isdigit()
        and len(piece.digits) <= 2
        and lead.strip(" \t>|(") == ""
        and bool(_LIST_NUMBER_AFTER.match(norm[piece.end : piece.end + 2] + " "))
    )


def find_serials(text: str, where: str = "body", sizes: frozenset[int] = frozenset()) -> list[SerialCandidate]:
    """Return every serial candidate in *text*, in order, without duplicate values.

    *where* names the part of the mail the text comes from (``"body"``, ``"subject"``,
    ``"fax"``) and is recorded in each candidate's ``source``.  An exact candidate wins
    over an inexact one of the same value.  *sizes* are the lengths of the sure serials
    found elsewhere in the same mail (see :func:`_agreeing`).
    """
    return [candidate for candidate, _span in locate_serials(text, where, sizes)[1]]


def locate_serials(
    text: str, where: str = "body", sizes: frozenset[int] = frozenset()
) -> tuple[str, list[tuple[SerialCandidate, tuple[int, int]]]]:
    """Like :func:`find_serials`, with where each candidate stands.

    Returns the normalised text the spans refer to (full-width forms folded, see
    :func:`_normalise`) and each candidate with the span of its first winning occurrence.
    """
    norm, located, signature_at = _locate(text, where)
    located = _agreeing(norm, located, signature_at, sizes)
    located = _joined_to_sure(norm, located, signature_at)
    located = _part_corrected(_corrected(norm, _parts_of_whole(norm, _cut_by_ellipsis(norm, located))))
    located = _continued(norm, located)
    return norm, _placed_part_corrected(norm, located)


# Marks right after a value that say the writer broke it off ("serial 0c5f... sorry, full serial is …", "3A7F…"); one
# after a space leads to the value's description ("0d3f…b528　… 旧事務所PC").
# The dots may follow the group separator the writer was typing ("9E:5B:D1:04:...").
_ELLIPSIS = re.compile(r"[:：\-]?[ \t]?(?:\.{2,}|…|‥)")


def _cut_by_ellipsis(
    norm: str, located: list[tuple[SerialCandidate, tuple[int, int]]]
) -> list[tuple[SerialCandidate, tuple[int, int]]]:
    """Make unsure a sure value the writer breaks off with an ellipsis and then gives whole: it is the whole's start.

    A value alone before dots ("3F9A22B107CCE4D0... たぶんこれです") is a writer's hesitation, and stays.
    """
    values = [c.value for c, _span in located]
    return [
        (set_aside(c, SetAside.BROKEN_OFF), span)
        if c.exact and _ELLIPSIS.match(norm, span[1]) and any(v != c.value and v.startswith(c.value) for v in values)
        else (c, span)
        for c, span in located
    ]


_GROUPS_ONLY = re.compile(r"[ \t0-9a-fA-F:\-]+")


def _parts_of_whole(
    norm: str, located: list[tuple[SerialCandidate, tuple[int, int]]],
) -> list[tuple[SerialCandidate, tuple[int, int]]]:
    """Make unsure two sure values that the mail also gives joined as one, and make that one sure.

    "0x7E2A91C4 0x5FD3B068 (I think it's one number: 7E2A91C45FD3B068)": the two halves and the whole
    name one certificate, and the whole is its serial, even where it stands without a label.
    """
    sure = [c.value for c, _span in located if c.exact]
    every = {c.value for c, _span in located}
    parts: set[str] = set()
    wholes: set[str] = set()
    for first in sure:
        for second in sure:
            if first != second and first + second in every:
                parts.update((first, second))
                wholes.add(first + second)
    # A line of groups spaced oddly ("3 f0 1c 8e 9 2a 4d b7 6 5") read as several values, when the mail
    # also gives its digits joined ("空白を除いて「3f01c8e92a4db765」です").
    lines: dict[int, list[str]] = {}
    for c, (start, _end) in located:
        if c.exact:
            lines.setdefault(norm.rfind("\n", 0, start) + 1, []).append(c.value)
    for start, values in lines.items():
        end = norm.find("\n", start)
        line = norm[start : end if end >= 0 else len(norm)]
        joined = re.sub(r"[^0-9a-f]", "", line.lower())
        if len(values) >= 2 and _GROUPS_ONLY.fullmatch(line) and joined in every and joined not in values:
            parts.update(values)
            wholes.add(joined)
    out = []
    for c, span in located:
        if c.value in parts:
            c = SerialCandidate(c.value, f"{c.source} (a part of a whole value the mail gives)", False)
        elif c.value in wholes and not c.exact:
            c = SerialCandidate(c.value, f"{c.source} (its parts, given apart, joined)", True)
        out.append((c, span))
    return out


def _locate(text: str, where: str) -> tuple[str, list[tuple[SerialCandidate, tuple[int, int]]], int]:
    """Every candidate in *text*, each judged on its own, and where the signature starts."""
    norm = _normalise(text)
    signature_at = _signature_from(norm)
    found: dict[str, tuple[SerialCandidate, tuple[int, int]]] = {}
    consumed = 0  # The end of the last wrapped serial: its second line is not read again.
    # Hex inside a link, an address or a Message-ID is part of that, never a serial.
    hidden = [m.span() for m in _URL_OR_ADDRESS.finditer(norm)]
    dates = [m.span() for m in _DATE_SPAN.finditer(norm)]
    for run in _RUN.finditer(norm):
        if run.start() < consumed or _DATE_OR_TIME.match(run.group(0)):
            continue
        if any(start <= run.start() < end for start, end in hidden):
            continue
        if any(start <= run.start() and run.end() <= end for start, end in dates):
            continue  # A part of a date, or a date and its time.
        if norm.endswith("::", 0, run.start()) or norm.startswith("::", run.end()):
            continue  # A part of an IPv6 address ("2001:db8::8a2e:370:7334"), whose "::" no value has.
        if _phone_number(run.group(0)):
            continue
        pieces = _pieces_of_run(run.start(), run.group(0))
        if len(pieces) > 1 and _right_after_serial_label(norm, run.start()):
            pieces = _uneven_words_joined(run.group(0), run.start(), pieces)
        pieces, unclear = _halves_of_one(norm, pieces)
        pieces = [half for whole in pieces for half in _split_several(norm, whole)]
        for piece in pieces:
            if _is_list_number(norm, piece):
                continue
            judged = _judge(norm, piece, where, signature_at)
            span = (piece.start, piece.end)
            continuation = _wrapped_continuation(norm, piece) if judged else None
            if not judged:
                judged, continuation, consumed, span = _short_head_joined(norm, piece, where, signature_at, consumed)
            if (continuation and len(piece.digits) in _TYPICAL_SIZES and len(continuation[0]) in _TYPICAL_SIZES
                    and (_speaks_of_several(norm, piece.end) or _several_after(norm, continuation[1]))
                    and not _wrap_marked(norm, piece)):
                continuation = None  # Two whole serials on two lines of a mail about several certificates.
            if continuation and _siblings(piece.digits, continuation[0]) and not _wrap_marked(norm, piece):
                continuation = None  # Two serials issued one after the other, one per line.
            # A value may run over more than two lines (a narrow screen copied line by line): each
            # further line is joined as the second was, while the lines so far are of one width and
            # the value is no longer than a serial.
            head, widths = piece, [len(piece.digits)]
            while judged and continuation:
                whole = _Piece(head.start, continuation[1], head.digits + continuation[0], head.shape, head.groups)
                widths.append(len(continuation[0]))
                joined = _judge(norm, whole, where, signature_at)
                # A sure first line makes the whole sure, unless the whole has a hash's size.
                # Two halves of one size that make one serial of 32 or 40 digits, in a mail that names
                # no hash (and not several certificates, see above), are one serial, not a hash.
                halves = _one_width(widths) and not _names_a_hash(norm)
                inherits = judged.exact and (len(whole.digits) not in (32, 40) or halves)
                if not (joined and (joined.exact >= judged.exact or inherits)):
                    break
                judged = _as_wrapped(joined, joined.exact or inherits)
                consumed = continuation[1]
                span = (piece.start, continuation[1])
                # A value cut at one width fills every line but its last: after a shorter line it has ended.
                full = len(set(widths)) == 1
                head, continuation = whole, _wrapped_continuation(norm, whole) if full else None
            if judged is None:
                continue
            if unclear and judged.exact:
                # One serial or two side by side: neither reading is sure, both stay candidates.
                judged = SerialCandidate(judged.value, judged.source + " (one or two?)", False)
            known = found.get(judged.value)
            if known is None or (judged.exact and not known[0].exact):
                found[judged.value] = (judged, span)
            if len(found) >= MAX_SERIALS:
                return norm, list(found.values()), signature_at
    return norm, list(found.values()), signature_at


def _siblings(first: str, second: str) -> bool:
    """Tell whether two values on two lines are serials of their own, issued one after the other.

    Serials issued close together share their first digits ("A1C40E9B", then "A1C40F27"); the two halves
    of one wrapped value share their first four only by chance (one in 65,536).
    """
    return len(first) == len(second) >= 8 and first[:4].lower() == second[:4].lower()


def _short_head_joined(
    norm: str, piece: _Piece, where: str, signature_at: int, consumed: int
) -> tuple[SerialCandidate | None, tuple[str, int] | None, int, tuple[int, int]]:
    """A first part too short to judge, joined with the rest on the next line when the writer says it is wrapped.

    "番号はe8c5b", then "77ed9f1504e", then "（画面のまま写したので改行してます）": the writer broke the value
    where the screen did and says so; the two parts make a serial's usual size.  Returns the candidate (or
    None), no further continuation, where reading goes on and the candidate's span.
    """
    span = (piece.start, piece.end)
    if piece.shape != "contiguous" or len(piece.digits) < 4 or not _wrap_said(norm, piece):
        return None, None, consumed, span
    continuation = _wrapped_continuation(norm, piece)
    if not continuation or len(piece.digits) + len(continuation[0]) not in _TYPICAL_SIZES:
        return None, None, consumed, span
    whole = _Piece(piece.start, continuation[1], piece.digits + continuation[0], piece.shape, piece.groups)
    judged = _judge(norm, whole, where, signature_at)
    if judged is None:
        return None, None, consumed, span
    return _as_wrapped(judged, judged.exact), None, continuation[1], (piece.start, continuation[1])


def _as_wrapped(candidate: SerialCandidate, exact: bool) -> SerialCandidate:
    """*candidate* read over two lines or more: its source says so once, and *exact* is how sure it is."""
    return SerialCandidate(candidate.value, candidate.source.removesuffix(" (wrapped)") + " (wrapped)", exact)


def _one_width(widths: list[int]) -> bool:
    """Tell whether lines of these digit counts are one value cut at one width (the last may be short).

    Two lines must be equal halves; three or more lines of one width, the last no longer, are a
    value a screen or a writer cut at that width.
    """
    if len(widths) == 2:
        return widths[0] == widths[1]
    return len(set(widths[:-1])) == 1 and widths[-1] <= widths[0]


# The shortest bare value that agreeing in size with a sure serial makes sure too: shorter
# numbers (order, employee and reference numbers of 8 characters or so) share a size by chance.
_AGREEING_MIN = 10


def _agreeing(
    norm: str, located: list[tuple[SerialCandidate, tuple[int, int]]], signature_at: int, sizes: frozenset[int]
) -> list[tuple[SerialCandidate, tuple[int, int]]]:
    """Make sure the bare values that have the size of a sure serial of the same mail.

    A CA's serials have one size (or a few), so a bare hex value of mixed letters and digits
    with exactly that size, beside a labelled serial ("シリアル番号: 5C3F…" and later "… と
    1FA0… もお願いします"), or in a reply quoting one, is a serial too.  Values in the
    signature, values cut short and values after a word naming another kind of number
    ("参照コード") stay unsure, and so does anything longer than a serial that a hash could be.
    Beside a value grouped as certificate viewers print serials ("3260 b401 7399 f6b7", "7e:f3:…")
    only a value that ends its line (a table's last column, a list) agrees: words after it may
    say what else it is ("…は注文の控えです").
    """
    labelled = {len(c.value) for c, _span in located if c.exact and "labelled" in c.source}
    grouped = {len(c.value) for c, _span in located if c.exact and re.search(r" (?:pairs|[48]s)\b", c.source)}
    told = set(sizes) | labelled
    known = {n for n in told | grouped if _AGREEING_MIN <= n <= 32}
    if not known:
        return located
    agreed = []
    for candidate, span in located:
        bare = not candidate.exact and "bare hex" in candidate.source and span[0] < signature_at
        # The size as written: a value with a leading zero ("0D39E6F1…") is as long as its labelled neighbours.
        size = len(candidate.value)
        written = len(re.sub(r"[^0-9a-f]", "", norm[span[0] : span[1]], flags=re.I))
        if written > size and written in known and norm[span[0] : span[1]].lstrip(" \t")[:1] == "0":
            size = written
        if bare and size not in told and size in grouped:
            line_end = norm.find("\n", span[1])
            bare = not norm[span[1] : line_end if line_end >= 0 else len(norm)].strip(" \t\u3000。.,、")
        if bare and size in known:
            # The words before it in its sentence, on its line, may name another kind of number.
            line_start = norm.rfind("\n", 0, span[0]) + 1
            lead = _SENTENCE_END.split(norm[line_start : span[0]])[-1]
            if not _KIND_OF_NUMBER.search(lead) or _SERIAL_LABEL.search(lead):
                candidate = SerialCandidate(candidate.value, f"{candidate.source} (the size of a labelled one)", True)
        agreed.append((candidate, span))
    return agreed


def _joined_to_sure(
    norm: str, located: list[tuple[SerialCandidate, tuple[int, int]]], signature_at: int
) -> list[tuple[SerialCandidate, tuple[int, int]]]:
    """Make sure a bare value joined in a sentence to a sure serial (see :func:`_listed_with`).

    The writer lists the certificates' serials side by side: the second is a serial as the first
    is.  Only a value of mixed letters and digits, of eight digits or more, outside the signature.
    """
    sure = [span for c, span in located if c.exact]
    joined = []
    for candidate, span in located:
        bare = not candidate.exact and "bare hex" in candidate.source and span[0] < signature_at
        mixed = bool(re.search(r"\d", candidate.value) and re.search(r"[a-f]", candidate.value))
        if bare and mixed and len(candidate.value) >= 8 and _listed_with(norm, span, sure):
            candidate = SerialCandidate(candidate.value, f"{candidate.source} (listed with a sure one)", True)
        elif bare and mixed and len(candidate.value) >= 8 and _item_beside_sure(norm, span, sure):
            candidate = SerialCandidate(candidate.value, f"{candidate.source} (an item beside a sure one)", True)
        joined.append((candidate, span))
    return joined


# A line that holds only a list marker before a value ("・", "・ ", "- ", "(2) ", "2. "; "②" is
# folded to "(2)"), the quote marks of a reply before it; the marker may touch the value ("・5115…").
# A counted item may follow the marker or stand for it, and a short remark in brackets may say
# where the certificate is kept ("・2件目（出張用） 9c0d…").
_ITEM_MARK = "(?:" + _BULLET + ")"
_MARKER_ONLY = re.compile(
    r"^[ \t>|\u3000]*(?:" + _ITEM_MARK + r"[ \t]*(?:" + _ORDINAL + r"[ \t]*)?|" + _ORDINAL + r"[ \t]*)"
    r"(?:[(（][^()（）\n\d]{1,12}[)）][ \t]*)?(?:[:：][ \t\u3000]*)?$"
)
# What may follow a listed value on its line: nothing, or a short remark in brackets.
_ITEM_TAIL = re.compile(r"^[ \t]*(?:[(（][^()（）\n]{0,30}[)）])?[ \t。.]*$")


def _marked_item(norm: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The start and end of the line of ``norm[span[0]:span[1]]`` when the value is its line's only item.

    The line holds a list marker, the value, and at most a short remark in brackets after it.
    """
    line_start, line_end = tables.line_bounds(norm, span)
    if _MARKER_ONLY.match(norm[line_start : span[0]]) and _ITEM_TAIL.match(norm[span[1] : line_end]):
        return line_start, line_end
    return None


# A bulleted item with a short caption before its value, set apart by a space or a colon ("・電子署名用（自分）
# 59c3…", "・同じく自分の2枚目　b07e…"): the caption says whose or which certificate, and names no other kind of number.
_CAPTIONED = re.compile(r"^[ \t>|]*(?:" + _BULLET + r")[ \t]*(?P<caption>[^\n\d]{1,15}?(?:[2-9][枚件つ個]目)?)"
                        r"(?:[ \t]*[:：]|[ \t\u3000])[ \t\u3000]*$")


def _captioned_item(norm: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The start and end of the line of the value at *span* when it is a bulleted item's value after a caption."""
    line_start, line_end = tables.line_bounds(norm, span)
    caption = _CAPTIONED.match(norm[line_start : span[0]])
    if caption and not _KIND_OF_NUMBER.search(caption.group("caption")) and _ITEM_TAIL.match(norm[span[1] : line_end]):
        return line_start, line_end
    return None


def _item_beside_sure(norm: str, span: tuple[int, int], sure: list[tuple[int, int]]) -> bool:
    """Tell whether the value at *span* is a list item next to an item that holds a sure serial alone.

    A writer lists their certificates one per item ("・5115f7fe…" under "・1E EF 39 AD …", or
    "① eb:4a:…" over "② B8A3E88FAC"), each written as it was copied: the bare item is a serial as its
    sibling is.  Both items hold only a marker and their value; a blank line may stand between them.
    """
    own = _marked_item(norm, span) or _captioned_item(norm, span)
    if own is None:
        return False
    for other in sure:
        line = _marked_item(norm, other) or _captioned_item(norm, other)
        if line is None or line == own:
            continue
        # The two lines touch, or only blank lines (or a reply's empty quote lines) part them.
        first, second = sorted((own, line))
        if not norm[first[1] : second[0]].strip(" \t\n>|"):
            return True
    return False


# Words that say a value given before was wrong and is corrected ("正しくは", "訂正", "typo").
_CORRECTION = re.compile(
    # Not a caution against a mix-up ("お間違えのないようお願いいたします").
    r"訂正|誤り|誤記|(?<!お)間違(?!(?:え|い)?の?ないよう)|まちが|正しくは|正しい|^[ \t]*[(（]?[正誤][ \t]*[:：)）]"
    r"|typo|correct(?:ion|ed)?\b|mistake|wrong|misspel|\b(?:the\s+)?right\s+(?:one|serial|number|value)\b"
    # A writer who swapped or mistyped characters says so ("I swapped the b and d", "打ち間違えました").
    r"|\bswapp?ed\b|\bmis-?typ|入れ替わ|入れ違|打ち間違|打ちまちが"
    # Or takes a value back after looking again ("失礼しました、眼鏡をかけて見直しましたら最後は 47A6 でした").
    r"|失礼(?:いた)?しました|失礼[、,]|見直し(?:まし)?たら|よく見(?:まし)?たら|見間違|読み間違"
    # Or confirms one of two readings of a doubtful character ("…6文字目は8です。5C2E187F… で確定です").
    r"|で確定|確認(?:でき|し)まし(?:た|たら)|確認したところ"
    # Or takes it back at once ("…です、いえ、下のメールを見たら … でした").
    r"|(?:^|[、,。\s])いえ[、,]|(?:メール|画面|証明書)を見たら"
    # Or owns a digit dropped or doubled, or looks again ("すみません一桁抜けてました", "…と思ったら確認したら末尾 2864
    # でした", "wait, checked my notes, it's …").
    r"|[一1１]桁(?:抜け|足りな|足らな|多|余計)|桁(?:が)?(?:抜け|足りな)|と思ったら|(?:確認|調べ|チェック)したら"
    r"|\bwait\b|\bchecked (?:my notes|again|the (?:certificate|cert|notice|screen))\b"
    # In English too ("3b7f…658 - I mean 3b7f…685, the last two digits are the other way round, sorry").
    r"|\bI mean(?:t)?\b|\bsorry\b|\bactually\b|\bother way (?:a)?round\b|\bmy bad\b",
    re.I | re.M,
)
# How far apart two values may stand for the words between them to take the first back.
_TAKEN_BACK_REACH = 120
# Words that call a value wrong in its own sentence ("… は間違いでした", "… was the wrong one").
_CALLED_WRONG = re.compile(
    r"間違(?:い|え|って)|誤り|誤記|まちがい|存在しない|存在しません|\bwrong\b|\bmistake\b|\bincorrect\b"
    r"|\bdoes(?:n't| not) exist\b",
    re.I,
)
# The marks a writer sets before the wrong and the right value on one line ("Wrong: … Right: …", "誤：… 正：…",
# "× … ○ …").
_WRONG_MARK = re.compile(r"(?:\bwrong|\bincorrect|誤|[×✕✖☓]|(?:訂正|修正|変更)前)[ \t]*[:：)）]?[ \t]*$", re.I)
_RIGHT_MARK = re.compile(r"(?:\bright|\bcorrect|正|[○◯〇])[ \t]*[:：)）]?[ \t]*$", re.I)
# A value's own mark of a mistake, in brackets right after it ("（間違い）", "（これも間違い）", "(wrong)").
_WRONG_AFTER = re.compile(
    r"[ \t]*[(（][^()（）\n]{0,8}?(?:間違い|間違え|誤り|誤記|まちがい|\bwrong\b|\bincorrect\b|\btypo\b)"
    r"[^()（）\n]{0,4}[)）]",
    re.I,
)
# How many digits two values may differ by (changed, missing, extra or swapped) to be one value mistyped.
_TYPO_EDITS = 2


def _corrected(
    norm: str, located: list[tuple[SerialCandidate, tuple[int, int]]]
) -> list[tuple[SerialCandidate, tuple[int, int]]]:
    """Make unsure a sure value that the mail corrects with a nearly equal one.

    A writer who mistypes a serial and corrects it in the same mail ("シリアル番号：…4B67 …
    失礼しました、正しくは …4B76 です", "Sorry, typo: the correct serial is …") gives two values
    that differ in a digit or two.  When the mail says it corrects something, the earlier
    of two such values is the mistake, unless it is the one said to be right.
    """
    sure = [(c, span) for c, span in located if c.exact and len(c.value) >= 8]
    # A bare value given after a sure one as its correction ("シリアル 4A7F…B36 ↑すみません一桁抜けてました、4A7F…B365
    # です") is as sure as the value it puts right.
    located = [
        (
            replace(c, exact=True)
            if not c.exact and c.set_aside is None and len(c.value) >= 8 and any(
                first_span[1] <= span[0] and _typo_corrected(norm, (first.value, first_span), (c.value, span))
                for first, first_span in sure
            )
            else c,
            span,
        )
        for c, span in located
    ]
    sure = [(c, span) for c, span in located if c.exact and len(c.value) >= 8]
    if len(sure) < 2:
        return located
    wrong: set[str] = set()
    for i, (first, first_span) in enumerate(sure):
        for second, second_span in sure[i + 1 :]:
            # Values marked wrong and right are one value corrected, however the line is laid out.
            marked = bool(_WRONG_MARK.search(norm, max(0, first_span[0] - 12), first_span[0])
                          and _RIGHT_MARK.search(norm, max(0, second_span[0] - 12), second_span[0]))
            # A value called wrong in its own sentence and one given as the right one after it
            # ("先ほどのシリアル … は間違いでした。正しくは … です") are one value replaced, however unlike.
            called_wrong = bool(_CALLED_WRONG.search(_sentence_of(norm, *first_span))) and bool(
                _CORRECT_VALUE.search(norm, max(0, second_span[0] - 20), second_span[0])
            )
            # Or the right one first, and the wrong one named after it as wrong ("正しくは …e4 です。（…e7 は
            # 存在しない番号だと思います）").
            called_wrong = called_wrong or bool(_CALLED_WRONG.search(_sentence_of(norm, *second_span))) and bool(
                _CORRECT_VALUE.search(norm, max(0, first_span[0] - 20), first_span[0])
            )
            # A value marked wrong right after it ("1回目：a0 7e …（間違い）") is the mistake, beside any other.
            first_wrong, second_wrong = (bool(_WRONG_AFTER.match(norm, span[1])) for span in (first_span, second_span))
            if first_wrong != second_wrong and _edits(first.value, second.value) <= _TYPO_EDITS:
                wrong.add(first.value if first_wrong else second.value)
                continue
            # The later value marked wrong beside the right one given first ("9F3B … 7E42 （誤：9F3B … 7E24）").
            if (_WRONG_MARK.search(norm, max(0, second_span[0] - 12), second_span[0])
                    and not _WRONG_MARK.search(norm, max(0, first_span[0] - 12), first_span[0])
                    and _edits(first.value, second.value) <= _TYPO_EDITS):
                wrong.add(second.value)
                continue
            if marked or called_wrong or _typo_corrected(norm, (first.value, first_span), (second.value, second_span)):
                # The value marked wrong is the mistake, whatever is said above the marks ("…正しくは下記です。
                # 誤：… 正：…").  Else the value in a clause that calls it right ("正しくは …") stays, or the later one.
                # Only the first value's own sentence counts ("…最後のものが正しいです。\n\n1回目：…" calls another
                # right).
                clause = re.split(r"[。！？!?]|\n[ \t]*\n", norm[max(0, first_span[0] - 30) : first_span[0]])[-1]
                right_first = not marked and re.search(r"正しくは|正しい|correct", clause, re.I)
                wrong.add(second.value if right_first else first.value)
    return [
        (set_aside(c, SetAside.CORRECTED) if c.value in wrong else c, span)
        for c, span in located
    ]


# Words between two parts of one value sent in two pieces, as a chat sends them ("[夫] つづき …", "ごめん途中で
# 送った …", "the rest: …").
# A PDF's page footer between the two parts ("－ 1/2 －") breaks a value copied across the page too.
_GOES_ON = re.compile(
    # (Not "引き続き使用" of a certificate kept.)
    r"(?<!引き)(?<!ひき)(?:つづき|続き)|後半|途中で(?:送|切れ)|続けて送|\bthe rest\b|\bcont(?:inued|\.)"
    r"|^[ \t]*[-－—][ \t]*\d+[ \t]*/[ \t]*\d+[ \t]*[-－—][ \t]*$",
    re.I | re.M,
)
# How far apart the two parts may stand.
_GOES_ON_REACH = 60


def _continued(
    norm: str, located: list[tuple[SerialCandidate, tuple[int, int]]]
) -> list[tuple[SerialCandidate, tuple[int, int]]]:
    """Join a value sent in two pieces, when the words between say the second goes on from the first.

    "[夫] シリアル 7E2B 44C9 10AF" then "[夫] つづき D83E 5501 96CC 2F07 BB14": the first part is no serial's usual
    size, both together are one (16, 20, 32 or 40 digits), and only the words that say it goes on stand between.  The
    whole is the serial, sure; the second part is set aside as a part of it.
    """
    for i, (first, first_span) in enumerate(located):
        for second, second_span in located[i + 1 :]:
            gap = norm[first_span[1] : second_span[0]]
            # No other value stands between (a time "9:42" of the chat is none).
            between = (re.sub(r"[ :\-]", "", run.group(0)) for run in _RUN.finditer(gap))
            if len(gap) > _GOES_ON_REACH or not _GOES_ON.search(gap) or any(len(v) >= 4 for v in between):
                continue
            written = [re.sub(r"[^0-9a-f]", "", norm[a:b], flags=re.I).lower() for a, b in (first_span, second_span)]
            whole = written[0] + written[1]
            if len(whole) not in (16, 20, 32, 40) or len(written[0]) in (16, 20, 32, 40):
                continue
            mended = SerialCandidate(_canonical(whole), f"{first.source} (given in two pieces)", True)
            return [
                (mended, (first_span[0], second_span[1])) if c is first else
                (set_aside(c, SetAside.BROKEN_OFF), span) if c is second else (c, span)
                for c, span in located
            ]
    return located


def _part_corrected(
    located: list[tuple[SerialCandidate, tuple[int, int]]],
) -> list[tuple[SerialCandidate, tuple[int, int]]]:
    """Put right a whole value whose first groups the mail corrects ("「2d 8a f0 13」ではなく「2d 8b f0 13」でした").

    The corrected part and its right form are read as values of their own; the whole value given
    before holds the wrong part.  The whole with the part put right is the serial, sure, where the
    right part stands, and the whole as first written and the part are not.
    """
    for wrong, _span in located:
        if wrong.exact or wrong.set_aside is not SetAside.CORRECTED:
            continue
        rights = [c for c, _span in located if c.exact and len(c.value) == len(wrong.value)
                  and _edits(c.value, wrong.value) <= _TYPO_EDITS]
        wholes = [c for c, _span in located if c.exact and len(c.value) > len(wrong.value) and wrong.value in c.value]
        if len(rights) != 1 or len(wholes) != 1:
            continue
        right, whole = rights[0], wholes[0]
        mended = SerialCandidate(whole.value.replace(wrong.value, right.value, 1), f"{right.source} (a part put right)",
                                 True)
        return [
            (mended, span) if c is right else
            (set_aside(c, SetAside.CORRECTED), span) if c is whole else (c, span)
            for c, span in located
        ]
    return located


# A part of the value given before, put right by its place ("3つ目は47ではなく4fでした", "最後の2桁は 56 でした",
# "the last two digits should be 56").  A part told as it is ("最後の4桁は 1234 です") names the value, corrects
# nothing.
_PLACED_PART = re.compile(
    # Not the end of a group named by its place ("2ブロック目の最後が9でした" tells the group's own digit).
    r"(?:(?<!目の)(?<!目)(?P<last>最後|末尾|後ろ|お尻)|(?<!目の)(?<!目)(?P<first>最初|先頭|頭)"
    r"|(?P<nth>[1-9一二三四五六七八九])(?:つ目|番目|個目|組目|グループ目|ブロック目))"
    r"(?:の)?(?:(?P<count>[1-9一二三四五六七八])(?:桁|文字))?(?:の)?(?:グループ|ペア|組|ブロック|部分)?(?:は|が)[ \t]*"
    r"(?:[「『\"]?(?P<wrong>[0-9a-f]{1,8})[」』\"]?[ \t]*(?:ではなく|じゃなくて|でなく)[、,\s]*)?"
    r"[「『\"]?(?P<right>[0-9a-f]{1,8})[」』\"]?[ \t]*(?:でした|が正しい|が正解|に訂正)"
    r"|\bthe\s+(?:(?P<en_last>last)|(?P<en_first>first))\s+(?:(?P<en_count>two|three|four|[1-8])\s+)?"
    r"(?:digits|characters|chars|letters)\s+(?:should\s+(?:have\s+)?be(?:en)?|(?:are|were)\s+(?:actually|really))\s+"
    r"[\"']?(?P<en_right>[0-9a-f]{1,8})\b"
    # A half put right ("Sorry, typo: the second half is 0A6C53F8, not 0A6C35F8").
    r"|\bthe\s+(?:(?P<half_first>first)|second|last)\s+half\s+(?:is|should\s+be|was\s+(?:actually|really))\s+"
    r"[\"']?(?P<half_right>[0-9a-f]{4,10})\b(?:,?\s+not\s+[\"']?(?P<half_wrong>[0-9a-f]{4,10})\b)?"
    # A group put right by its place ("sorry, the first group is A91F", "the third block should be 7B2D, not 7B2O").
    r"|\bthe\s+(?P<group_nth>first|second|third|fourth|fifth|last)\s+(?:group|block)\s+(?:is|should\s+be"
    r"|was\s+(?:actually|really))\s+[\"']?(?P<group_right>[0-9a-f]{1,8})\b"
    r"(?:,?\s+not\s+[\"']?(?P<group_wrong>[0-9a-f]{1,8})\b)?",
    re.I,
)
_EN_COUNTS = {"two": 2, "three": 3, "four": 4}
# The English ordinals a writer counts places by, for the groups of a value and the rows of a list.
EN_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
               "5th": 5}
# How far before the words a value may stand for them to put a part of it right.
_PLACED_PART_REACH = 200


def _mend_by_place(written: str, value: str, found: re.Match[str]) -> str | None:
    """The value with the part *found* names put right, or None when the part does not fit the value as written.

    A half put right ("the second half is …") is the first or last digits put right, as many as half the value's.
    """
    right = (found.group("right") or found.group("en_right") or found.group("half_right")
             or found.group("group_right")).lower()
    wrong = (found.group("wrong") or found.group("half_wrong") or found.group("group_wrong") or "").lower()
    if found.group("nth") or found.group("group_nth"):
        groups = re.findall(r"[0-9a-f]+", written.lower())
        if place := found.group("nth"):
            index = (int(place) if place.isdigit() else KANJI_DIGITS[place]) - 1
        else:
            word = found.group("group_nth").lower()
            index = len(groups) - 1 if word == "last" else EN_ORDINALS[word] - 1
        if len(groups) < 2 or index >= len(groups):
            return None
        # A group written one digit short is put right whole, when the right one is as long as the others
        # ("A91-4C0E-7B2D-36F5 – sorry, the first group is A91F").
        others = {len(group) for i, group in enumerate(groups) if i != index}
        short = others == {len(right)} and len(groups[index]) == len(right) - 1
        if len(groups[index]) != len(right) and not short:
            return None
        if wrong and groups[index] != wrong:
            return None
        groups[index] = right
        return _canonical("".join(groups))
    raw = "".join(re.findall(r"[0-9a-f]+", written.lower()))
    if raw.lstrip("0") != value.lstrip("0"):
        return None
    if found.group("half_right"):
        # A half is one: the value's length is even, and a wrong half named is a whole half.
        if len(raw) % 2 or (wrong and len(wrong) != len(raw) // 2):
            return None
        count = len(raw) // 2
    else:
        count_word = found.group("count") or found.group("en_count")
        count = len(right) if not count_word else (
            int(count_word) if count_word.isdigit() else KANJI_DIGITS.get(count_word) or _EN_COUNTS[count_word.lower()])
    if count != len(right) or count >= len(raw):
        return None
    if found.group("last") or found.group("en_last") or (found.group("half_right") and not found.group("half_first")):
        if wrong and not raw.endswith(wrong):
            return None
        return _canonical(raw[:-count] + right)
    if wrong and not raw.startswith(wrong):
        return None
    return _canonical(right + raw[count:])


def _placed_part_corrected(
    norm: str, located: list[tuple[SerialCandidate, tuple[int, int]]],
) -> list[tuple[SerialCandidate, tuple[int, int]]]:
    """Put right a value a part of which the mail corrects by its place ("…最後の2桁は 56 でした").

    The value as first written is no serial; the value with the part put right is, unless the
    writer gives it whole too, in which case that one stands and the first is only set aside.
    """
    for found in _PLACED_PART.finditer(norm):
        # The part itself, read after a label ("シリアル、最後は 52 でした"), is no value of its own.
        located = [
            (set_aside(c, SetAside.CORRECTED), at)
            if c.exact and len(c.value) <= 8 and found.start() <= at[0] and at[1] <= found.end() else (c, at)
            for c, at in located
        ]
        before = [(c, span) for c, span in located
                  if c.exact and span[1] <= found.start() and found.start() - span[1] <= _PLACED_PART_REACH]
        if not before:
            continue
        wrong, span = before[-1]
        mended = _mend_by_place(norm[span[0] : span[1]], wrong.value, found)
        if mended is None or mended == wrong.value:
            continue
        given = any(c.value == mended and c.exact for c, _span in located)
        put_aside = set_aside(wrong, SetAside.CORRECTED)
        right = SerialCandidate(mended, f"{wrong.source} (a part put right by its place)", True)
        located = [
            (put_aside, at) if c is wrong else (c, at) for c, at in located
        ] + ([] if given else [(right, (found.start(), found.end()))])
    return located


def _typo_corrected(norm: str, first: tuple[str, tuple[int, int]], second: tuple[str, tuple[int, int]]) -> bool:
    """Tell whether the mail says the *second* of two nearly equal values (value, span) corrects the *first*.

    The words of correction stand in the second value's own sentence, in the sentence after it ("これは間違いです"),
    or between the two values ("…と書いてあります。失礼しました、見直しましたら最後は 47A6 でした。つまり … です"):
    serials issued one after another are nearly equal too, and a list of them (items or rows) near words about a
    mistake (in their contents, or a mail sent to the wrong place) corrects no value.
    """
    (first_value, first_span), (second_value, second_span) = first, second
    if _on_item_or_row(norm, first_span[0]) and _on_item_or_row(norm, second_span[0]):
        return False
    if _edits(first_value, second_value) > _TYPO_EDITS:
        return False
    return bool(
        _CORRECTION.search(_sentence_of(norm, *second_span))
        or _called_wrong_next(norm, second_span[1])
        or (
            second_span[0] - first_span[1] <= _TAKEN_BACK_REACH
            and _CORRECTION.search(norm, first_span[1], second_span[0])
        )
    )


# Words that point back at the value just named, at the head of the next clause or sentence ("これは",
# "その番号が", "this one is", "that serial was").  The serial scope reads them too (see
# intake.serialscope._POINTS_BACK_AT), so that both say "this one" in the same words.
POINTER_JA = r"(?:これ|それ|こちら|そちら|この番号|その番号|こっち|そっち)"
POINTER_EN = r"(?:this|that)(?:\s+one|\s+number|\s+serial)?\s+(?:is|was)\b"

# The next sentence calls the value before it wrong ("…だったかもしれません。これは間違いです", "That one was wrong.").
_THIS_WRONG = re.compile(
    r"[\s)）]*(?:" + POINTER_JA + r"(?:は|が)?(?:間違い|誤り|まちがい|違い)"
    r"|" + POINTER_EN + r"\s+(?:wrong|incorrect|a\s+typo)\b)",
    re.I,
)


def _called_wrong_next(norm: str, end: int) -> bool:
    """Tell whether the sentence after the one ending past *end* calls that value wrong."""
    brk = _SENTENCE_BREAK.search(norm, end, min(len(norm), end + _SENTENCE_REACH))
    return bool(brk and _THIS_WRONG.match(norm, brk.end()))


def _on_item_or_row(norm: str, at: int) -> bool:
    """Tell whether the character at *at* stands on a list item's line or a table row."""
    line_start = norm.rfind("\n", 0, at) + 1
    line_end = norm.find("\n", at)
    return _item_or_row(norm[line_start : line_end if line_end >= 0 else len(norm)])


def _edits(a: str, b: str) -> int:
    """The edit distance between *a* and *b* (an adjacent swap counts as one), or a large number past the limit."""
    if abs(len(a) - len(b)) > _TYPO_EDITS:
        return _TYPO_EDITS + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


# The fewest digits of a bare value in a sentence that a certificate request may mean as its serial;
# shorter values (order, reference and booking numbers of 8 to 12 characters) are too common.
_PLAIN_MIN = 16
# The fewest digits of a bare value the writer points at as the one concerned, right before it.
_POINTED_MIN = 12
_POINTED_LEAD = re.compile(
    r"(?:^|[ \t、,])(?:失効)?(?:対象|つまり|すなわち|正しくは)(?:の証明書)?(?:は|が)?[ \t:：]*$"
    # In English too, after a value spelled out ("(i.e. B81D4F7E2C09 - sorry, …)").
    r"|(?:^|[\s(（])(?:i\.e\.|that is|namely)[,:]?[ \t]*$"
    # Or after the CA's name in a note copied out ("メモに「iPROVE A7E2C05F9B13」と書いてありました").
    r"|(?:^|[\s「『(（])iprove[ \t:：]*$",
    re.I,
)


def plain_values(text: str) -> list[str]:
    """The bare values of *text* of a serial's size that nothing names as another kind of number.

    Each stands in the writer's own sentences (not in the signature), has letters and digits
    and at least :data:`_PLAIN_MIN` digits, is no example, correction or value cut short, and no
    word before it in its sentence names a kind of number ("参照コード", "Ref no").  In a request
    about a certificate ("de0d1f…について、氏名の漢字が誤っています。再発行をお願いします") such a value
    is what the writer means by it, to be checked against the register.
    """
    norm, located, signature_at = _locate(text, "body")
    plain = []
    for candidate, span in located:
        if candidate.exact or candidate.source not in ("body: bare hex", "body: bare hex (wrapped)"):
            continue
        # A serial's leading zeros are written ("0183BE60…") though its value drops them.
        if span[0] >= signature_at:
            continue
        line_start = norm.rfind("\n", 0, span[0]) + 1
        lead = _SENTENCE_END.split(norm[line_start : span[0]])[-1]
        # A shorter value the writer points at as the one concerned ("対象は 71B3D5F7E9A0 です", "つまり D1E2… です")
        # is meant as the serial too.
        least = _POINTED_MIN if _POINTED_LEAD.search(lead) else _PLAIN_MIN
        if max(len(candidate.value), span[1] - span[0]) < least:
            continue
        if not _KIND_OF_NUMBER.search(_BARE_NUMBER_LEAD.sub("", lead)):
            plain.append(candidate.value)
    return plain


def listed_values(text: str) -> list[str]:
    """The bare values of *text* that stand as the rows of one list: one a line, lines in a row, two or more.

    "[✓] 10A2B3C4D5E6 宇田川 達也" over "[ ] 10A2B3C4D5E7 宇田川 さとみ", "01 E1D3C5B7A9E0 田中": a register pasted
    as plain rows, whose values are serials like a labelled column's, though nothing labels them.  Values in the
    signature, rows with a sentence's punctuation, and lists of values too long for a serial (hashes) are none.
    """
    norm, located, signature_at = _locate(text, "body")
    rows = [
        (candidate.value, span)
        for candidate, span in located
        if not candidate.exact
        and candidate.source in ("body: bare hex", "body: bare hex on its own line")
        and span[0] < signature_at
        and len(candidate.value) <= 32
    ]
    lines = [tables.line_bounds(norm, span) for _value, span in rows]
    if len(rows) < 2 or len(set(lines)) < len(lines):
        return []
    if any("。" in norm[a:b] for a, b in lines):
        return []
    if any(norm.count("\n", a[1], b[0]) > 2 for a, b in zip(lines, lines[1:], strict=False)):
        return []
    return [value for value, _span in rows]


# "番号" alone at the start of the line, naming no kind of number ("番号はこれ　6D9AE2A4…", "証明書の番号: …"): in a
# certificate request it is the certificate's number, unlike "受付番号" or "お問い合わせ番号".
_BARE_NUMBER_LEAD = re.compile(r"^[ \t>|・\-]*(?:証明書の?)?番号")


def extract_serials(text: str) -> list[str]:
    """Return the exact serial numbers in *text* (at most MAX_SERIALS), canonical, without duplicates."""
    return [c.value for c in find_serials(text) if c.exact]

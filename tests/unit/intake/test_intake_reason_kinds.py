"""The intake writes the reasons others read through core.reasons: each producer's reason parses to its kind.

The producers are run on invented input; a producer that rewords a reason without its shape in
core.reasons fails here (and the dashboard would no longer say it).
"""

from __future__ import annotations

import io
import re

from PIL import Image

from core.reasons import Kind, parse
from intake.classify import classify, classify_text
from intake.fax import _ocr_serials, read_fax
from intake.faxocr import SerialVote
from intake.formrelay import form_relay_reasons
from intake.parse import parse_message
from intake.possemerg import EmergencyEvidence, judge
from intake.rules import Hit, Rule
from tests.integration.intake.faxforms import fax_mail, image_pdf, text_layer_pdf


def _kinds(reasons: list[str]) -> list[Kind]:
    return [parsed[0] for parsed in map(parse, reasons) if parsed is not None]


def _blank_png() -> bytes:
    """A white page, as a PNG image."""
    out = io.BytesIO()
    Image.new("L", (600, 800), 255).save(out, "PNG")
    return out.getvalue()


def test_a_named_rule_writes_its_words_as_a_rule_reason() -> None:
    assert parse(Hit("urgency", "大至急").reason) == (Kind.RULE, {"rule": "urgency", "words": "大至急"})
    rule = Rule("death", (re.compile("他界"),))
    assert _kinds(rule.check("祖母が先月他界しました")) == [Kind.RULE]


def test_a_form_relay_is_said_as_one() -> None:
    text = "お名前: 佐藤 一郎\nメールアドレス: ichiro@example.net\nお問い合わせ内容: 住所の記載を直したいです。\n"
    assert _kinds(form_relay_reasons(text)) == [Kind.FORM_RELAY]


def test_a_possible_emergency_and_its_promotion_are_said_as_such() -> None:
    assert _kinds([judge(EmergencyEvidence("revocation", {}, compromise=("compromise: 'USBキーを落とした'",)))]) == [
        Kind.POSSIBLE_EMERGENCY]
    vote = {"faq": 0.6, "emergency_revocation": 0.35, "other": 0.05}
    assert _kinds([judge(EmergencyEvidence("faq", vote))]) == [Kind.POSSIBLE_EMERGENCY]
    result = classify_text("昨日、電車の網棚に会社のタブレットを置き忘れてしまいました。証明書はどうなりますか？")
    assert result.possible_emergency
    assert parse(result.reasons[-1]) == (Kind.PROMOTED, {"read_as": result.read_as})


def test_the_fax_reader_says_the_form_and_the_ways_a_fax_stays_unread() -> None:
    form = read_fax(text_layer_pdf("緊急失効申請書", ["シリアル番号: 5E6F7A8B9C0D", "理由: 社用PCの盗難"]))
    assert (Kind.FAX_FORM_TITLE, {"form": "emergency_revocation"}) in map(parse, form.reasons)
    assert _kinds(read_fax(b"%PDF-1.4 not really a pdf").reasons) == [Kind.FAX_UNOPENED]
    assert _kinds(read_fax(_blank_png(), "image/png").reasons) == [Kind.FAX_BLANK, Kind.FAX_ILLEGIBLE]


def test_the_fax_reader_says_how_sure_its_serial_is() -> None:
    alike = SerialVote("c0ffee0123", ("c0ffee0123",), ("C0FFEE0123",) * 2)
    _, agreed = _ocr_serials("シリアル番号 C0FFEE0123", [alike])
    assert _kinds(agreed) == [Kind.FAX_SERIAL_READ]
    split = SerialVote(None, ("c0ffee0123", "c0ffee0128"), ("C0FFEE0123", "C0FFEE0128"))
    _, unclear = _ocr_serials("シリアル番号 C0FFEE0123", [split])
    assert _kinds(unclear) == [Kind.FAX_SERIAL_UNCLEAR]


def test_the_classifier_says_when_a_fax_is_not_understood_or_worked_as_an_emergency() -> None:
    lunch = classify(parse_message(fax_mail(text_layer_pdf("本日の昼食", ["カレーライス", "緑茶"]))))
    assert Kind.FAX_NOT_UNDERSTOOD in _kinds(lunch.reasons)
    blank = classify(parse_message(fax_mail(image_pdf(Image.new("L", (600, 800), 255)))))
    assert blank.fax_unread and parse(blank.reasons[-1]) == (Kind.PROMOTED, {"read_as": "other"})

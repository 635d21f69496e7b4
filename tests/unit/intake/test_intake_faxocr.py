"""The fax reader's helpers that need no OCR: reads voted on, serial boxes, page cleaning, form words."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from intake.fax import _ocr_serials, form_from_words
from intake.faximage import deskew, despeckle, skew_angle
from intake.faxocr import OcrWord, parse_tsv, serial_boxes, shaped_values, vote, words_text


def test_a_value_is_taken_only_when_the_page_and_a_re_read_agree() -> None:
    page = "5E:C2:90:9A:A6:3F:EE:FF"
    strips = ["5E:C2:90:9A:A6:3E:EE:FF", "5E:C2:90:9A:A6:3F:EE:FF :", "5E:C2:90:9A:A6:3F:EE:FF"]
    agreed = vote(page, strips)
    assert agreed.value == "5ec2909aa63feeff"
    assert agreed.candidates[0] == "5ec2909aa63feeff" and "5ec2909aa63eeeff" in agreed.candidates
    # One re-read for it and one for a rival of its length: a tie is no agreement.
    assert vote(page, strips[:2]).value is None


def test_re_reads_of_one_strip_agreeing_among_themselves_are_not_enough() -> None:
    # The page read 4ecc, the strip's renderings all read dece: no value is taken.
    unsure = vote("4ecc 885d 66a9 0d50", ["dece 885d 66a9 0d80", "dece 885d 66a9 0d80", "dece 885d 66a9 0d80"])
    assert unsure.value is None
    assert set(unsure.candidates) == {"4ecc885d66a90d50", "dece885d66a90d80"}


def test_a_rival_read_as_often_as_the_agreed_value_leaves_no_exact_serial() -> None:
    # The page and one rendering read 21…, two renderings read 2f…: the page's agreement is outvoted.
    page = "21 06 7e b6 2b ea 8f c7 28 33 4a 45 04 44 c9 00"
    rival = "2f 06 7e b6 2b ea 8f c7 28 33 4a 45 04 44 c9 00"
    unsure = vote(page, [page, rival, rival])
    assert unsure.value is None
    assert set(unsure.candidates) == {"21067eb62bea8fc728334a450444c900", "2f067eb62bea8fc728334a450444c900"}
    # Read by the page and two renderings against one rival, the value stands.
    assert vote(rival, [rival, rival, page]).value == "2f067eb62bea8fc728334a450444c900"


def test_a_shorter_value_read_beside_the_agreed_one_is_no_rival() -> None:
    # A rendering that lost the first pair reads a shorter value: no rival of the same length.
    full = "7F:FF:F6:B6:59:E8:8B:58"
    assert vote(full, [full, full, "FF:F6:B6:59:E8:8B:58"]).value == "7ffff6b659e88b58"


def test_a_value_cut_short_alike_by_two_reads_is_not_taken_when_a_longer_one_is_read() -> None:
    # The page and a rendering lost the first pair; another rendering read it whole.
    cut = "FA BA EA 8B AF 00 A7"
    unsure = vote(cut, [cut, cut, "8A FA BA EA 8B AF 00 A7"])
    assert unsure.value is None
    assert "8afabaea8baf00a7" in unsure.candidates


def test_the_line_read_by_the_page_languages_stands_in_for_a_page_read_that_lost_a_character() -> None:
    strips = ["5E:C2:90:9A:A6:3F:EE:FF", "5E:C2:90:9A:A6:3F:EE:FF", "5E:C2:90:9A:A6:3E:EE:FF"]
    page = "5E:C2:90:9A:A6:3F:E:FF"  # a character lost: no whole value
    assert vote(page, strips).value is None
    assert vote(page, strips, ("5E:C2:90:9A:A6:3F:EE:FF",)).value == "5ec2909aa63feeff"
    # The line's read disagreeing as well leaves the value unsure.
    assert vote(page, strips, ("5E:C2:90:9A:A6:3F:EE:F7",)).value is None
    # Two independent reads agreeing on two different re-read values: none is taken.
    assert vote("5E:C2:90:9A:A6:3E:EE:FF", strips[1:], ("5E:C2:90:9A:A6:3F:EE:FF",)).value is None


def test_one_re_read_alone_beside_the_line_read_is_not_enough() -> None:
    # A faint page: the line's read and one re-read split and misread the value alike.
    reads = ["C8ff65678022340", "CE8ff65678a22 340", "C8ff65678 022340", "cf8fF65678122340e"]
    assert vote("defe56782236", reads, ("CE8ff£65678a22 340",)).value is None


def test_a_disagreeing_page_read_yields_no_exact_serial_however_many_re_reads_agree() -> None:
    strips = ["1D:3E:86:63:8A:D4:16:97"] * 4
    assert vote("1D:3E:86:63:8A:D4:16:91", strips).value is None
    assert vote("1:3E:86:63:8A:D4:16:97", strips).value is None  # the page's read has no whole value


def test_a_value_cut_by_a_stray_mark_is_not_agreed_on_in_part() -> None:
    # Both reads lost the first pair to a mark glued to it; the fifteen pairs left must not be a serial.
    assert vote("5¢:b1:65:7e:ed:23:7f:10", ["5ce:b1:65:7e:ed:23:7f:10", "5e:b1:65:7e:ed:23:7f:10"]).value is None


@pytest.mark.parametrize(
    ("read", "values"),
    [
        ("a 9E7FD9CC5EDF4ECE44E11F09", {"9e7fd9cc5edf4ece44e11f09"}),
        ("7c:ef:ec:12:87:ab:fe:9a:63:93:34:02 ee", {"7cefec1287abfe9a63933402"}),
        ("_AE CD 6F AD 93 D1 7B 4C", {"aecd6fad93d17b4c"}),
        ("DD82 CB82 21E4 6ED5 6B5D", {"dd82cb8221e46ed56b5d"}),
        ("5A2F6ACDBB4FA00605F 1DB23", {"5a2f6acdbb4fa00605f1db23"}),
        ("5E:C2:90:9A:A6:3F:E:FF", set()),  # a dropped digit leaves a group short: no value
        ("1B:56:77:B3:6C:64:08 :46:E7:4D", {"1b5677b36c640846e74d"}),  # a space beside a colon
        ("5E:C2:90:9A:A6:3F: EE: FF", {"5ec2909aa63feeff"}),
        ("FE : 4FC1 87A2 FCCB CCD5", {"4fc187a2fccbccd5"}),  # a mark before the value stays apart
        ("AB" * 21, set()),  # 21 octets: longer than any serial
        ("ABCD " * 10 + "12", set()),
        ("9E7FD9CC5EDF4ECE44E11F0", set()),  # an odd number of plain digits: no value
        ("", set()),
    ],
)
def test_the_values_a_read_may_hold(read: str, values: set[str]) -> None:
    assert shaped_values(read) == values


TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
    "5\t1\t3\t1\t1\t1\t100\t1000\t60\t40\t91.5\tシリアル\n"
    "5\t1\t3\t1\t1\t2\t170\t1000\t60\t40\t90.0\t番号\n"
    "5\t1\t4\t1\t1\t1\t600\t1004\t300\t42\t80.1\t3A:7F:01:C2\n"
    "5\t1\t5\t1\t1\t1\t100\t1200\t60\t40\t95.0\t理由\n"
    "5\t1\t5\t1\t1\t2\t600\t1200\t300\t40\t88.0\t盗難\n"
)


def test_tsv_words_their_text_and_the_serial_right_of_its_label() -> None:
    words = parse_tsv(TSV)
    assert [w.text for w in words] == ["シリアル", "番号", "3A:7F:01:C2", "理由", "盗難"]
    assert words[2].conf == pytest.approx(80.1) and words[2].right == 900
    assert words_text(words) == "シリアル 番号\n3A:7F:01:C2\n理由 盗難"
    boxes, label_right = serial_boxes(words)
    assert [w.text for w in boxes] == ["3A:7F:01:C2"] and label_right == 230


def test_without_a_label_the_longest_hex_line_is_the_serial_but_a_phone_number_is_not() -> None:
    words = [
        OcrWord("045-3481-1795", 90, 600, 900, 300, 40, (1, 2, 1, 1)),
        OcrWord("5c:b1:65:7e:ed:23:7f:10", 70, 600, 1000, 500, 40, (1, 3, 1, 1)),
    ]
    assert [w.text for w in serial_boxes(words)[0]] == ["5c:b1:65:7e:ed:23:7f:10"]
    assert serial_boxes(words[:1]) == ([], None)


def test_despeckle_removes_dots_and_keeps_strokes() -> None:
    page = np.full((200, 200), 255, np.uint8)
    page[50:54, 20:180] = 0  # a stroke four pixels thick
    page[120, 60] = page[150, 140] = page[151, 141] = 0  # specks
    clean = despeckle(page)
    assert (clean[50:54, 20:180] == 0).all()
    assert clean[120, 60] == clean[150, 140] == clean[151, 141] == 255


def test_a_page_fed_askew_is_turned_straight() -> None:
    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    for top in range(200, 1400, 60):
        draw.rectangle((150, top, 1050, top + 12), fill=0)
    askew = np.asarray(image.rotate(1.5, fillcolor=255, resample=Image.Resampling.BILINEAR))
    assert skew_angle(askew) == pytest.approx(-1.5, abs=0.3)
    assert skew_angle(np.asarray(image)) == 0.0
    straight, angle = deskew(askew)
    assert angle == pytest.approx(-1.5, abs=0.3) and straight.shape == askew.shape


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("RERERARUTE\n理由 USBトークンを紛失", "unknown", "emergency_revocation"),
        ("電子証明書失効請求書\n理由 秘密鍵漏洩のおそれ", "revocation", "emergency_revocation"),
        ("電子証明書失効請求書\n理由 退職のため", "revocation", "revocation"),
        ("電子 証明 書 ZRATCE\n名前人が死亡したため", "unknown", "death_notice"),
        ("お見積書\n品名 数量", "unknown", "unknown"),
        ("名義人死亡届\n盗難", "death_notice", "death_notice"),
    ],
)
def test_the_words_of_a_form_tell_its_kind_when_the_title_does_not(text: str, kind: str, found: str) -> None:
    assert form_from_words(text, kind)[0] == found  # type: ignore[arg-type]


def test_an_ocr_serial_without_agreement_is_only_a_candidate() -> None:
    text = "失効申請書\nシリアル番号 3A:7F:01:C2:D4:E5"
    serials, notes = _ocr_serials(text, [])
    assert [(c.value, c.exact) for c in serials] == [("3a7f01c2d4e5", False)]
    assert notes and notes[0].startswith("fax: serial unclear")
    agreed, notes = _ocr_serials(text, [vote("3A:7F:01:C2:D4:E5", ["3A:7F:01:C2:D4:E5"] * 2)])
    assert [(c.value, c.exact) for c in agreed] == [("3a7f01c2d4e5", True)]
    assert "unclear" not in notes[0]


# Words around a serial's row that are no part of it: each case is OCR words and the values kept.
_NOT_PART_OF_THE_VALUE = {
    # The telephone number's box swallowed specks down to the serial's row; one value word's box is tall too.
    "a word of the row above reaching the label": (
        [
            OcrWord("シリアル", 90, 240, 1277, 160, 91, (1, 21, 1, 4)),
            OcrWord("番号", 90, 420, 1277, 86, 94, (1, 21, 1, 4)),
            OcrWord("045-203-8223", 80, 713, 1138, 400, 95, (1, 22, 1, 1)),
            OcrWord("7C", 80, 753, 1336, 50, 38, (1, 22, 1, 2)),
            OcrWord("C6", 80, 823, 1335, 50, 38, (1, 22, 1, 2)),
            OcrWord("B9", 80, 967, 1280, 50, 94, (1, 22, 1, 2)),
            OcrWord("8C", 80, 1045, 1335, 50, 39, (1, 22, 1, 2)),
            OcrWord("0B5C", 80, 1189, 1182, 100, 40, (1, 22, 1, 3)),  # a value of the row above
        ],
        ["7C", "C6", "B9", "8C"],
    ),
    # Without a label, a fax header with a date and a sender's number is not the serial.
    "a fax header without a label": (
        [
            OcrWord("2625/61/17", 60, 100, 20, 300, 30, (1, 1, 1, 1)),
            OcrWord("B4:27", 60, 420, 20, 120, 30, (1, 1, 1, 1)),
            OcrWord("FROM:06-4901-6/13", 60, 560, 20, 400, 30, (1, 1, 1, 1)),
            OcrWord("P.BB1/661", 60, 1000, 20, 200, 30, (1, 1, 1, 1)),
            OcrWord("YU", 40, 240, 1300, 80, 40, (1, 9, 1, 1)),
            OcrWord("4FDF1BC62EFCE176", 80, 700, 1300, 500, 40, (1, 9, 1, 1)),
        ],
        ["4FDF1BC62EFCE176"],
    ),
}


@pytest.mark.parametrize("case", list(_NOT_PART_OF_THE_VALUE))
def test_words_beside_the_serial_row_are_no_part_of_the_value(case: str) -> None:
    words, kept = _NOT_PART_OF_THE_VALUE[case]
    assert [w.text for w in serial_boxes(words)[0]] == kept


def test_the_value_starts_right_of_its_label() -> None:
    words = _NOT_PART_OF_THE_VALUE["a word of the row above reaching the label"][0]
    assert serial_boxes(words)[1] == 506


def test_a_part_of_the_agreed_value_read_by_one_rendering_stands_aside_for_the_whole() -> None:
    # The line's read glued two groups (read as a plain value and as the groups after it); a
    # rendering lost a character of the second group and reads only the groups after it.
    whole = "e87f 81ce 78c8 dfe6 af02 f822 0001 ce49"
    unsure_page = "e87f 81ce 78c8 dfe6 2f02 f822 ce49"
    line = "e87f81ce 78c8 dfe6 af02 f822 0001 ce49"
    strips = [whole, whole, whole, "e87f 8ce 78c8 dfe6 af02 f822 0001 ce49"]
    assert vote(unsure_page, strips, (line,)).value == "e87f81ce78c8dfe6af02f8220001ce49"



def test_the_page_and_the_line_agreeing_with_one_re_read_alone_is_not_enough() -> None:
    # Both independent reads share tesseract's page model and may err alike: two re-reads are still needed.
    full = "1C3F B312 B601 BFCE"
    strips = ["1C3F B312 B BECE", "1C3F B312 B60 BECE", "1C3F B312 B60 BFCE", full]
    assert vote(full, strips, (full,)).value is None

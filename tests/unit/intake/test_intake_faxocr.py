"""The fax reader's helpers that need no OCR: reads voted on, serial boxes, page cleaning, form words."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from intake.fax import _ocr_serials, form_from_words
from intake.faximage import background_ink, clean, deskew, despeckle, skew_angle, smooth
from intake.faxocr import (
    OcrWord,
    near_unanimous,
    parse_tsv,
    serial_boxes,
    serial_fields,
    shaped_values,
    vote,
    words_text,
)


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
        ("3C-7F-E2-19-0D", {"3c7fe2190d"}),  # pairs joined by hyphens
        ("5E 21 0A 9B:7C", {"5e210a9b7c"}),  # a space read as a colon
        ("5E 21 0A 9B7C -", {"5e210a9b7c"}),  # a space dropped between two pairs
        ("5E 21 0A 9B7 -", set()),  # a digit dropped leaves an odd group: no value
        ("_0x6D13A0F2E8", {"6d13a0f2e8"}),  # a 0x prefix is no part of the value
        ("-0c51C3E08D27", set()),  # the prefix's x read as c: the digits are odd, no value
        ("4C91 E07B22D5", {"4c91e07b22d5"}),  # a space dropped between groups of four
        ("4C91 E07B22D", set()),
        ("0D6F-9321-AE58-C407", {"0d6f9321ae58c407"}),  # fours joined by hyphens
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


def test_a_fine_page_is_not_smoothed_but_a_coarse_scan_loses_its_speck_squares() -> None:
    page = np.full((640, 640), 255, np.uint8)
    page[60:72, 30:270] = 0  # a stroke four scanned pixels thick, scanned at 100 dpi and rendered at 300
    page[150:155, 90:95] = 0  # a speck of dust, two scanned pixels across: five by five rendered pixels
    assert smooth(page) is page
    assert despeckle(page)[152, 92] == 0  # the fine window takes the square for a stroke
    cleaned, rough = clean(page, (3.0, 3.0))
    # 100 dpi is rough (no exact serial); 150 dpi is smoothed but not rough.
    assert rough and clean(page)[1] is False and clean(page, (2.0, 2.0))[1] is False
    assert cleaned[152, 92] == 255
    assert (cleaned[62:70, 40:260] == 0).all()


def test_a_dithered_page_is_found_by_its_haze_and_its_strokes_are_joined() -> None:
    rng = np.random.default_rng(5)
    page = np.full((512, 512), 255, np.uint8)
    page[rng.random(page.shape) < 0.03] = 0  # the haze of dots over the paper
    stroke = rng.random((20, 400)) < 0.6  # a grey stroke dithered: six pixels in ten dark
    page[200:220, 50:450][stroke] = 0
    plain = np.full((512, 512), 255, np.uint8)
    plain[200:220, 50:450] = 0
    assert background_ink(page) > 0.02 and background_ink(plain) == 0.0
    cleaned, rough = clean(page)
    assert rough
    assert (cleaned[203:217, 60:440] == 0).mean() > 0.95
    assert (cleaned[300:500, :] == 0).mean() < 0.001


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


def test_a_serial_written_under_its_label_is_found_but_not_a_phone_number_beside_it() -> None:
    words = [
        OcrWord("シリアル番号", 90, 100, 1000, 240, 40, (1, 2, 1, 1)),
        OcrWord("電話番号", 90, 1200, 1000, 160, 40, (1, 2, 1, 1)),
        OcrWord("5E:21:0A:9B:7C", 80, 110, 1070, 330, 42, (1, 3, 1, 1)),
        OcrWord("03-1234-5678", 90, 1200, 1070, 300, 42, (1, 3, 1, 1)),
    ]
    boxes, left = serial_boxes(words)
    assert [w.text for w in boxes] == ["5E:21:0A:9B:7C"] and left is not None and left < 110
    # Nothing hex under the label: no value.
    assert serial_boxes([words[0], words[1], words[3]]) == ([], None)


def test_a_re_read_that_lost_the_leading_zero_holds_the_same_number() -> None:
    reads = ["D6F-9321-A E58-C407", "D6F-9321-AE58-C407", "D6F-9321-A E58-C407"]
    assert vote("0D6F-9321-AE58-C407", reads).value == "d6f9321ae58c407"
    # A first digit other than 0 lost is another number: no value.
    assert vote("8D6F-9321-AE58-C407", reads).value is None
    # A re-read that lost a 0 and another digit does not count.
    assert vote("0D6F-9321-AE58-C407", ["D6F-9321-AE58-C40", "D6F-9321-AE58-C40"]).value is None


def test_the_serial_is_read_right_of_its_own_label_not_of_a_second_column_label() -> None:
    words = [
        OcrWord("シリアル", 90, 100, 1000, 120, 40, (1, 2, 1, 1)),
        OcrWord("番号", 90, 225, 1000, 80, 40, (1, 2, 1, 1)),
        OcrWord("3A:7F:01:C2:D4", 80, 400, 1002, 330, 42, (1, 2, 1, 1)),
        OcrWord("電話番号", 90, 1300, 1000, 160, 40, (1, 2, 1, 1)),
        OcrWord("03-1234-5678", 90, 1500, 1000, 300, 42, (1, 2, 1, 1)),
    ]
    boxes, label_right = serial_boxes(words)
    assert [w.text for w in boxes] == ["3A:7F:01:C2:D4"] and label_right == 305


def test_each_serial_field_of_a_form_is_read_and_an_unclear_one_stays_a_candidate() -> None:
    words = [
        OcrWord("シリアル番号", 90, 100, 1000, 240, 40, (1, 2, 1, 1)),
        OcrWord("(1)", 90, 350, 1000, 40, 40, (1, 2, 1, 1)),
        OcrWord("4C91", 80, 600, 1002, 110, 42, (1, 3, 1, 1)),
        OcrWord("E07B", 80, 730, 1002, 110, 42, (1, 3, 1, 1)),
        OcrWord("シリアル番号", 90, 100, 1100, 240, 40, (1, 4, 1, 1)),
        OcrWord("(2)", 90, 350, 1100, 40, 40, (1, 4, 1, 1)),
        OcrWord("0F3A", 80, 600, 1102, 110, 42, (1, 5, 1, 1)),
        OcrWord("8B6E", 80, 730, 1102, 110, 42, (1, 5, 1, 1)),
    ]
    fields = serial_fields(words)
    assert [[w.text for w in boxes] for boxes, _right in fields] == [["4C91", "E07B"], ["0F3A", "8B6E"]]
    text = "シリアル番号 (1) 4C91 E07B\nシリアル番号 (2) 0F3A 8B6E"
    agreed = vote("4C91 E07B 22D5", ["4C91 E07B 22D5"] * 2)
    unclear = vote("0F3A 8B6E 1D04", ["0F3A 8B6E 1D05", "0F3A 8B6E 1D04"])
    serials, notes = _ocr_serials(text, [agreed, unclear])
    assert [c.value for c in serials if c.exact] == ["4c91e07b22d5"]
    assert {"f3a8b6e1d04", "f3a8b6e1d05"} <= {c.value for c in serials if not c.exact}
    assert any("unclear" in n for n in notes)


def test_a_plain_value_a_hand_spaced_unevenly_is_one_value() -> None:
    assert shaped_values("de78b8 df 153c") == {"de78b8df153c"}
    assert shaped_values("de78 b8 df 153 c") == {"de78b8df153c"}
    # A digit lost leaves an odd number of them, and a few pairs are too short: no value.
    assert shaped_values("de78b8 df 153") == set()
    assert shaped_values("e0 4f 91") == set()


def test_a_value_word_on_the_label_line_is_not_outvoted_by_two_words_of_the_next_row() -> None:
    # Boxes swollen by a coarse scan: the serial is one word on the label's line, and two
    # words of the row below (a name read as hex-looking noise) stand within the band's slack.
    words = [
        OcrWord("シリ", 53, 266, 817, 117, 105, (1, 9, 1, 2)),
        OcrWord("アル", 95, 400, 862, 88, 38, (1, 9, 1, 2)),
        OcrWord("番号", 47, 494, 811, 161, 124, (1, 9, 1, 2)),
        OcrWord("|3C-7FE2-19-00.", 19, 921, 815, 513, 116, (1, 9, 1, 2)),
        OcrWord("ARAB", 40, 955, 934, 105, 114, (1, 9, 1, 3)),
        OcrWord("BSE", 49, 1098, 934, 95, 114, (1, 9, 1, 3)),
    ]
    assert [w.text for w in serial_boxes(words)[0]] == ["|3C-7FE2-19-00."]


def test_on_a_rough_page_a_value_stands_only_when_nearly_every_read_holds_it_and_none_a_rival() -> None:
    # One read lost a character (no whole value); every other read holds the value.
    reads = ["B2 48 7C 19 E0 5A 33 D6"] * 4
    agreed = vote("_B2 48 7C 19 E0 5A 33 D6", reads, ("B2 48 7C 19 E0 5A 33 Dé",))
    assert agreed.value == "b2487c19e05a33d6" and near_unanimous(agreed)
    # Two reads hold a rival of its length (7 read as 1): a majority is not enough there.
    split = ["A6B5C4D3E2F 1009", "A6B5C4D3E2F 1009", "1A6B5C4D3E2F1009", "1A6B5C4D3E2F1009"]
    outvoted = vote("7A6B5C4D3E2F1009", ["7A6B5C4D3E2F1009"] * 3 + split[2:], ("7A6B5C4D3E2F1009",))
    assert outvoted.value == "7a6b5c4d3e2f1009" and not near_unanimous(outvoted)
    # Two reads without a whole value are one dissent too many.
    lost = vote("E04F91A2B3C4D5E6", ["E0 4F 91A2 B3C4D5 6", "E0 4F 91A2 B3C4D5", "E04F91A2B3C4D5E6",
                                     "E04F91A2B3C4D5E6"], ("E04F91A2B3C4D5E6",))
    assert lost.value == "e04f91a2b3c4d5e6" and not near_unanimous(lost)
    # Too few reads (the strip could not be cut out) leave no value on a rough page.
    assert not near_unanimous(vote("2F1E0D9C8B7A6958", ["2F1E0D9C8B7A6958"] * 2))

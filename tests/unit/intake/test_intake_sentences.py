"""The sentence around a place in a mail, and a mail cut into sentences (intake.sentences)."""

from __future__ import annotations

from intake import sentences


def test_the_sentence_around_a_value_leaves_the_value_out() -> None:
    text = "証明書を更新しました。旧証明書のシリアルは 1A3F です。よろしくお願いします。"
    at = text.index("1A3F")
    assert sentences.around(text, (at, at + 4)) == "旧証明書のシリアルは   です"


def test_a_title_before_a_name_and_an_items_number_end_no_sentence() -> None:
    text = "Mr. Okada asked us. 1. Revoke 0A1B now. Thanks"
    at = text.index("0A1B")
    assert sentences.start_before(text, at) == text.index("1. Revoke")
    assert text[sentences.end_after(text, at) :] == ". Thanks"


def test_a_line_break_ends_a_sentence_and_the_text_end_ends_the_last() -> None:
    text = "first line\nsecond line"
    assert sentences.end_after(text, 0) == text.index("\n")
    assert sentences.end_after(text, text.index("second")) == len(text)


def test_pieces_part_clauses_at_a_semicolon_too() -> None:
    pieces = sentences.pieces("PC was stolen; please revoke it. Thanks!")
    assert pieces == ["PC was stolen", "please revoke it", "Thanks", ""]

"""The findings of stop 62's review, mended at stop 63: each finding has a case here that fails on stop 62's code.

The discard cases that ask, and the last case (a row picked by its place from such a list, which stop 62 read right
by another way), pass on stop 62's code too: they guard the mends from going too far.

A mail sent here by mistake is to be discarded only when the writer asks for it, not when the writer tells of
something deleted ("削除してしまいました") or to be deleted by the writer ("削除しておきます").  A reply that picks
rows of the desk's list by naming the top or the bottom one as the exception picks by place, so the list it
quotes is read.  A plain rule frames a table only when a row of cells beside it holds a serial's hex: a signature
laid out in two columns under a rule is no table.  A holder left out by a name written without its space
("山本太郎以外") leaves out the row that writes it with one ("山本 太郎").  Unlabelled values of a pasted list that
the mail does not narrow to a few are left for an operator with a reason that says so, and values of one size,
one per line, are rows of a register, not values twice that size each broken in two.
"""

from __future__ import annotations

import pytest

from intake.classify import classify_text
from intake.rules import DISCARD_ASKED
from intake.serialscope import picks_by_place
from intake.tables import borders_table
from tests.support.serialcases import as_numbers, serials_read


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("誤送信です。お手数ですが削除してください。", True),
        ("Please disregard this message.", True),
        ("破棄していただけますでしょうか。", True),
        ("手元の控えも誤って削除してしまいました。", False),
        ("こちらの送信済みフォルダからは削除しておきます。", False),
        ("古いメールは削除しています。", False),
    ],
)
def test_discard_is_asked_not_told(text: str, asked: bool) -> None:
    assert bool(DISCARD_ASKED.check(text)) is asked


def test_the_top_row_named_as_the_exception_picks_by_place() -> None:
    assert picks_by_place("一番下（先月更新したもの）以外の2件を失効してください。")


def test_a_signature_in_two_columns_under_a_rule_is_no_table() -> None:
    lines = ["------------------------------", "山田 太郎　　総務部 課長", "TEL 03-1234-5678　　FAX 03-1234-5679"]
    assert not borders_table(lines, 0)


def test_a_table_of_serials_under_a_rule_is_framed() -> None:
    lines = [
        "------------------------------",
        " 氏名　　シリアル番号　　状態",
        " 西 一郎　　1C 2D 3E 4F 50 61 72 83　　継続",
    ]
    assert borders_table(lines, 0)


def test_a_holder_left_out_without_the_space_of_the_row() -> None:
    text = (
        "事務所の証明書3件のうち、山本太郎以外はすべて失効してください。\n\n"
        "山本 太郎　シリアル 4a7c19e20b5d83f1\n佐藤 花子　シリアル 9b2e71c03d4f5a68\n鈴木 一郎　シリアル 1f0e2d3c4b5"
        "a6978\n"
    )
    assert serials_read(text, "退職者の証明書") == as_numbers(["9b2e71c03d4f5a68", "1f0e2d3c4b5a6978"])


def test_a_pasted_list_not_narrowed_is_left_with_a_reason() -> None:
    values = ["4a7c19e20b5d83f1", "9b2e71c03d4f5a68", "1f0e2d3c4b5a6978", "7c3d2e1f0a9b8c7d", "5e6f7a8b9c0d1e2f"]
    text = "退職者の証明書の失効をお願いします。当社の台帳を貼ります。\n\n" + "\n".join(values) + "\n"
    result = classify_text(text, subject="失効のお願い")
    assert result.serials == []
    told = "serial: 5 unlabelled values of a pasted list left for an operator"
    assert any(r.startswith(told) for r in result.reasons)
    # Each row is a value of its own, not two rows joined as one value of twice the size.
    assert {c.value for c in result.serial_candidates} == set(values)


def test_rows_of_one_size_one_per_line_are_a_list() -> None:
    text = (
        "台帳のうち、上から3つ目の失効をお願いします。\n\n"
        "8d2c1b0a9f8e7d6c\n5b4a39281706f5e4\nd3c2b1a09f8e7d6c\n5b4a3928170e6f54\n0e1f2a3b4c5d6e7f\n"
    )
    assert serials_read(text, "失効のお願い") == as_numbers(["d3c2b1a09f8e7d6c"])

"""The applications CSV reader: encodings, Japanese headers, row checks and formula injection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core import applications_csv as csvfile
from core.steps import Step

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "applications" / "example.csv"
TODAY = dt.date(2026, 5, 1)
HEADER = "reference,name,kana,email,phone,cert_type,registration_number,certificates,fee_paid\n"


def parse(text: str, encoding: str = "utf-8") -> csvfile.ParsedFile:
    return csvfile.parse(text.encode(encoding), today=TODAY)


def test_the_readme_example_reads_in_utf8_and_cp932_alike() -> None:
    data = EXAMPLE.read_bytes()
    utf8 = csvfile.parse(data, today=TODAY)
    cp932 = csvfile.parse(data.decode("utf-8").encode("cp932"), today=TODAY)
    bom = csvfile.parse(b"\xef\xbb\xbf" + data, today=TODAY)
    assert (utf8.encoding, cp932.encoding, bom.encoding) == ("utf-8", "cp932", "utf-8-sig")
    assert utf8.errors == [] and utf8.rows == cp932.rows == bom.rows
    assert utf8.ignored_columns == ["備考"]
    first, second, third = utf8.rows
    assert (first.reference, first.cert_type, first.line) == ("A-2026-0001", "general", 2)
    assert dict(first.steps) == {Step.FIRST_REVIEW_PASSED: dt.date(2026, 4, 1), Step.INQUIRY_SENT: dt.date(2026, 4, 3),
                                 Step.INQUIRY_RETURNED: dt.date(2026, 4, 10), Step.FEE_PAID: dt.date(2026, 4, 12)}
    assert (second.cert_type, second.registration_number, second.requested_count) == ("dim", "JIIMA-2024-0815", 2)
    assert second.residence_copy_return_requested and not first.residence_copy_return_requested
    assert third.phone == "+81 80 3333 4444" and len(third.steps) == 5


@pytest.mark.parametrize("cell", ["=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@SUM(1)", "\t=1", "=HYPERLINK(\"x\")"])
@pytest.mark.parametrize("column", ["name", "kana", "email", "registration_number"])
def test_formula_cells_are_row_errors(cell: str, column: str) -> None:
    values = {"reference": "A-1", "name": "山田 太郎", "kana": "ヤマダ", "email": "t@example.jp",
              "phone": "03-1234-5678", "cert_type": "dim", "registration_number": "R-1", "certificates": "1",
              "fee_paid": ""}
    values[column] = cell
    line = ",".join('"' + v.replace('"', '""') + '"' for v in values.values())
    parsed = parse(HEADER + line + "\n")
    assert parsed.rows == []
    assert [(e.line, e.column) for e in parsed.errors] == [(2, column)]
    assert "formula" in parsed.errors[0].reason


def test_international_phone_numbers_are_not_formulas_but_formula_phones_are() -> None:
    parsed = parse(HEADER + "A-1,山田,,t@example.jp,+81-3-1234-5678,general,,1,\n"
                            "A-2,山田,,u@example.jp,+cmd|x,general,,1,\n"
                            "A-3,山田,,v@example.jp,-03-1234-5678,general,,1,\n")
    assert [row.reference for row in parsed.rows] == ["A-1"]
    assert [(e.line, e.column) for e in parsed.errors] == [(3, "phone"), (4, "phone")]


def test_every_bad_row_is_reported_with_its_line_and_reason() -> None:
    text = (HEADER
            + "A-1,山田 太郎,ヤマダ,t@example.jp,03-1234-5678,general,,1,2026/4/1\n"
            + "A-2,,ヤマダ,t@example.jp,03-1234-5678,general,,1,\n"              # line 3: no name
            + 'A-3,"複数\n行の名前",ヤマダ,x@example,03,dim,,0,2027-01-01\n'    # lines 4-5: several faults
            + "A-1,山田 太郎,ヤマダ,t@example.jp,03-1234-5678,general,,1,\n"      # line 6: duplicate A-1
            + "A-4,佐藤,yamada,s@example.jp,03-1234-5678,一般,R-9,1,4月1日\n")    # line 7
    parsed = parse(text)
    assert parsed.rows == []
    lines = {(e.line, e.column) for e in parsed.errors}
    assert {(2, "reference"), (6, "reference"), (3, "name")} <= lines
    assert {(4, "email"), (4, "phone"), (4, "registration_number"), (4, "certificates"), (4, "fee_paid")} <= lines
    assert {(7, "kana"), (7, "registration_number"), (7, "fee_paid")} <= lines
    future = next(e for e in parsed.errors if e.line == 4 and e.column == "fee_paid")
    assert "future" in future.reason


def test_rows_of_one_email_must_agree_on_the_person() -> None:
    parsed = parse(HEADER + "A-1,山田 太郎,,t@example.jp,03-1234-5678,general,,1,\n"
                            "A-2,山田 太郎,,t@example.jp,03-1234-5678,general,,1,\n"
                            "A-3,山田 次郎,,T@example.jp,03-1234-5678,general,,1,\n")
    assert [row.reference for row in parsed.rows] == ["A-1", "A-2"]
    assert [(e.line, e.column) for e in parsed.errors] == [(4, "email")]


@pytest.mark.parametrize(("data", "why"), [
    (b"", "empty"),
    (b"reference,name,email\nA-1,x,y\n", "phone"),
    (b"\x82\xa0\xff\xfe\x80\x81", "neither UTF-8 nor CP932"),
    (b"\xef\xbb\xbf\xff\xfereference", "UTF-8"),
    (b"reference,name,email,phone,reference\n", "twice"),
    ("申込番号,氏名,メールアドレス,電話番号\nA\x00,1,2,3\n".encode(), "NUL"),
    (b'reference,name,email,phone\n"A-1,x\n', "line 2"),
])
def test_file_level_faults_are_clear_errors(data: bytes, why: str) -> None:
    with pytest.raises(csvfile.CsvFileError, match=why):
        csvfile.parse(data, today=TODAY)


@pytest.mark.parametrize(("text", "day"), [
    ("2026-04-01", dt.date(2026, 4, 1)), ("2026/4/1", dt.date(2026, 4, 1)),
    ("２０２６年４月１日", dt.date(2026, 4, 1)), ("2026.12.31", dt.date(2026, 12, 31))])
def test_dates_as_offices_write_them(text: str, day: dt.date) -> None:
    assert csvfile.parse_date(text) == day


def test_header_names_ignore_width_case_and_spaces() -> None:
    parsed = parse("ＲＥＦＥＲＥＮＣＥ, Name ,E-Mail,電話番号,会費入金日\nA-1,x,t@example.jp,0312345678,2026/4/1\n")
    assert parsed.errors == [] and parsed.rows[0].steps == ((Step.FEE_PAID, dt.date(2026, 4, 1)),)

"""Importing applications from CSV into a real database (SQLite and PostgreSQL).

The import is all or nothing: a dry run or a file with a bad row writes nothing (unless bad
rows are skipped), re-importing the same file changes nothing, and every change is audited.
The fuzz test feeds random and broken files and checks the register is never half-written.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from core import applications_csv as csvfile
from core.audit import AuditLog
from core.models import Applicant, Application, ApplicationStep, AuditEvent
from core.services.applications import import_applications
from core.steps import Step

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "applications" / "example.csv"
NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
AUDIT = AuditLog(b"k" * 32)


def snapshot(factory: sessionmaker[Session]) -> dict[str, Any]:
    """Everything an import may touch, as plain values."""
    with factory() as s:
        return {
            "applicants": sorted((a.name, a.name_kana, a.email, a.phone, a.address) for a in s.scalars(
                select(Applicant))),
            "applications": sorted((a.reference, a.applicant.email, a.cert_type, a.registration_number,
                                    a.requested_count, a.residence_copy_return_requested, a.status)
                                   for a in s.scalars(select(Application))),
            "steps": sorted((st.application.reference, st.step, st.done_on, st.recorded_by)
                            for st in s.scalars(select(ApplicationStep))),
            "audit": s.scalar(select(func.count()).select_from(AuditEvent)),
        }


def run(factory: sessionmaker[Session], data: bytes, **kw: Any) -> Any:
    return import_applications(factory, AUDIT, data, actor="importer", now=NOW, **kw)


def test_example_imports_once_with_audit_and_reimport_changes_nothing(
        session_factory: sessionmaker[Session]) -> None:
    report = run(session_factory, EXAMPLE.read_bytes())
    assert report.imported and report.errors == []
    assert report.created == ["A-2026-0001", "A-2026-0002", "A-2026-0003"] and report.steps_recorded == 4 + 2 + 5
    with session_factory() as s:
        taro = s.scalar(select(Application).where(Application.reference == "A-2026-0001"))
        assert taro is not None and taro.status == "open" and not taro.steps_complete
        assert taro.inquiry_returned and taro.fee_paid and not taro.online_applied
        step = taro.step_record(Step.FEE_PAID)
        assert step is not None and step.done_on == dt.date(2026, 4, 12) and step.recorded_by == "importer"
        emily = s.scalar(select(Application).where(Application.reference == "A-2026-0003"))
        assert emily is not None and emily.steps_complete
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
        assert actions.count("application_imported") == 3 and actions.count("application_step_recorded") == 11
        assert actions[-1] == "applications_imported"
        assert AUDIT.verify(s).ok
    before = snapshot(session_factory)
    again = run(session_factory, EXAMPLE.read_bytes())
    assert again.imported and again.created == again.updated == [] and len(again.unchanged) == 3
    after = snapshot(session_factory)
    assert {k: v for k, v in after.items() if k != "audit"} == {k: v for k, v in before.items() if k != "audit"}
    assert after["audit"] == before["audit"] + 1  # Only the import's own summary event.


def test_cp932_file_from_excel_imports_the_same(session_factory: sessionmaker[Session]) -> None:
    data = EXAMPLE.read_bytes().decode("utf-8").replace("\n", "\r\n").encode("cp932")
    report = run(session_factory, data)
    assert report.encoding == "cp932" and report.imported and len(report.created) == 3
    with session_factory() as s:
        hanako = s.scalar(select(Applicant).where(Applicant.email == "hanako.sato@example.co.jp"))
        assert hanako is not None and hanako.name == "佐藤 花子" and hanako.name_kana == "サトウ ハナコ"


BAD = (EXAMPLE.read_text(encoding="utf-8")
       + "A-2026-0004,=cmd|' /C calc'!A0,,evil@example.jp,03-0000-0000,,一般,,1,,,,,,\n"
       + "A-2026-0001,山田 太郎,ヤマダ タロウ,taro.yamada@example.jp,03-1234-5678,,一般,,1,,,,,,\n"
       + "A-2026-0005,鈴木 一,スズキ ハジメ,suzuki@example.jp,03-5555-6666,,一般,,1,,2099/1/1,,,,\n")


def test_dry_run_reports_every_bad_row_and_writes_nothing(session_factory: sessionmaker[Session]) -> None:
    before = snapshot(session_factory)
    report = run(session_factory, BAD.encode(), dry_run=True)
    assert not report.imported and report.dry_run
    assert [(e.line, e.column) for e in report.errors] == [(2, "reference"), (5, "name"), (6, "reference"),
                                                           (7, Step.FIRST_REVIEW_PASSED.value)]
    assert snapshot(session_factory) == before
    clean = run(session_factory, EXAMPLE.read_bytes(), dry_run=True)
    assert clean.errors == [] and len(clean.created) == 3 and not clean.imported
    assert snapshot(session_factory) == before


def test_a_file_with_errors_imports_nothing_unless_bad_rows_are_skipped(
        session_factory: sessionmaker[Session]) -> None:
    before = snapshot(session_factory)
    refused = run(session_factory, BAD.encode())
    assert not refused.imported and len(refused.errors) == 4
    assert snapshot(session_factory) == before
    skipped = run(session_factory, BAD.encode(), skip_bad_rows=True)
    assert skipped.imported and skipped.created == ["A-2026-0002", "A-2026-0003"]
    with session_factory() as s:
        references = set(s.scalars(select(Application.reference)))
        assert references == {"A-2026-0002", "A-2026-0003"}
        summary = s.scalars(select(AuditEvent).where(AuditEvent.action == "applications_imported")).one()
        assert summary.detail["skipped_lines"] == [2, 5, 6, 7]


def test_an_import_updates_by_reference_and_audits_the_changes(session_factory: sessionmaker[Session]) -> None:
    run(session_factory, EXAMPLE.read_bytes())
    changed = EXAMPLE.read_text(encoding="utf-8").replace("03-1234-5678", "03-9999-0000").replace(
        "2026/4/12,", "2026/4/13,")
    report = run(session_factory, changed.encode())
    assert report.imported and report.updated == ["A-2026-0001"] and report.created == []
    with session_factory() as s:
        taro = s.scalar(select(Application).where(Application.reference == "A-2026-0001"))
        assert taro is not None and taro.applicant.phone == "03-9999-0000"
        fee = taro.step_record(Step.FEE_PAID)
        assert fee is not None and fee.done_on == dt.date(2026, 4, 13)
        events = {e.action: e.detail for e in s.scalars(select(AuditEvent).where(AuditEvent.action.in_(
            ("application_imported", "application_step_corrected"))).order_by(AuditEvent.seq))}
        assert events["application_imported"]["changes"]["phone"] == ["03-1234-5678", "03-9999-0000"]
        assert events["application_step_corrected"]["previous"] == "2026-04-12"


# ----------------------------------------------------------------------------- fuzz

GOOD_CELLS = {
    "reference": st.from_regex(r"[A-Z]-[0-9]{1,3}", fullmatch=True),
    "name": st.sampled_from(["山田 太郎", "佐藤 花子", "Emily Clark", "髙橋 一郎"]),
    "email": st.sampled_from(["a@example.jp", "b@example.jp", "c@example.co.jp"]),
    "phone": st.sampled_from(["03-1234-5678", "+81 80 3333 4444", "0612345678"]),
    "cert_type": st.sampled_from(["", "一般", "general"]),
    "fee_paid": st.sampled_from(["", "2026/4/1", "2026-04-02"]),
}
NASTY = st.sampled_from(["=cmd|' /C calc'!A0", "+1", "-1", "@x", "\t", "\x00", "\x1b[31m", "2099/1/1", "",
                         "9" * 200, '"', "\r\n", "ｱ", "　", "\ufeff", "𠮷", "A-1", "x" * 2000])


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    columns = draw(st.permutations(list(GOOD_CELLS)))
    if draw(st.integers(0, 3)) == 0:  # Sometimes required columns are missing.
        columns = columns[:draw(st.integers(1, len(columns)))]
    lines = [",".join(columns)]
    for _ in range(draw(st.integers(0, 6))):
        cells = []
        for column in columns:
            value = draw(NASTY) if draw(st.integers(0, 5)) == 0 else draw(GOOD_CELLS[column])
            cells.append('"' + value.replace('"', '""') + '"' if draw(st.booleans()) else value)
        lines.append(",".join(cells))
    text = "\r\n".join(lines) + "\r\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp932"]))
    data = text.encode(encoding, errors="replace")
    mutation = draw(st.integers(0, 4))
    if mutation == 0 and data:  # A damaged byte.
        where = draw(st.integers(0, len(data) - 1))
        data = data[:where] + bytes([draw(st.integers(0, 255))]) + data[where + 1:]
    elif mutation == 1:  # A truncated file.
        data = data[:draw(st.integers(0, len(data)))]
    return data


FUZZ_OUTCOMES: list[str] = []


@pytest.mark.parametrize("dry_run", [False])
# Generation is derandomized so that a run is repeatable: test_the_fuzzer_reaches_both_outcomes below needs both
# outcomes among the examples, which random generation missed by chance in one CI run (stop 44).
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=csv_files(), skip=st.booleans(), seed=st.integers(0, 2**16))
def test_fuzzed_files_never_half_write_the_register(session_factory: sessionmaker[Session], dry_run: bool,
                                                    data: bytes, skip: bool, seed: int) -> None:
    before = snapshot(session_factory)
    try:
        report = run(session_factory, data, skip_bad_rows=skip, dry_run=dry_run or random.Random(seed).random() < 0.1)
    except csvfile.CsvFileError:
        assert snapshot(session_factory) == before  # A file that cannot be read writes nothing.
        return
    after = snapshot(session_factory)
    FUZZ_OUTCOMES.append("imported" if report.imported else "refused")
    if not report.imported:
        assert snapshot(session_factory) == before and (report.errors or report.dry_run)
    else:
        assert skip or not report.errors
        # Exactly the rows reported were written, each as the file said.
        parsed = csvfile.parse(data, today=NOW.date())
        bad_lines = {e.line for e in report.errors}
        good = {row.reference: row for row in parsed.rows if row.line not in bad_lines}
        assert set(report.created) | set(report.updated) | set(report.unchanged) == set(good)
        applications = {a[0]: a for a in after["applications"]}
        for reference, row in good.items():
            assert applications[reference][1].lower() == row.email.lower()
        gone = {a[0] for a in before["applications"]} - {a[0] for a in after["applications"]}
        assert not gone
    with session_factory() as s:
        assert AUDIT.verify(s).ok


def test_the_fuzzer_reaches_both_outcomes() -> None:
    """Runs after the fuzz test (same module): it must have imported some files and refused others."""
    if not FUZZ_OUTCOMES:
        pytest.skip("the fuzz test did not run in this session")
    assert "imported" in FUZZ_OUTCOMES and "refused" in FUZZ_OUTCOMES

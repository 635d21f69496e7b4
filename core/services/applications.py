"""Use cases on the CA's own records: import applications from CSV, record a step, open a renewal.

* :func:`record_step` writes one application step (date, operator, audit event) inside the
  caller's transaction; the dashboard, the CSV import, issuance and the online application all
  record steps through it, so ``application_steps`` is the only record of them.
* :func:`import_applications` upserts a CSV (see :mod:`core.applications_csv`) by reference in
  one transaction: a dry run or a file with any row error (unless ``skip_bad_rows``) writes
  nothing, and importing the same file again changes nothing.
* :func:`open_renewal` creates the renewal application of an expiring certificate: a new
  application, with a new reference, linked to the old one and pre-filled from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from core import applications_csv as csvfile
from core.audit import AuditLog
from core.models import Applicant, Application, ApplicationStep
from core.services.actors import NotFound
from core.steps import LABELS, Step, office_date

#: No step of an application of this CA can be older than this.
EARLIEST_STEP = dt.date(2000, 1, 1)


class StepRefused(ValueError):
    """The step cannot be recorded (cancelled application, date in the future, ...)."""


def record_step(session: Session, audit: AuditLog, application: Application, step: Step, *, on: dt.date,
                actor: str, now: dt.datetime, source: str = "operator") -> ApplicationStep | None:
    """Record that *step* of *application* was done on *on*, with an audit event; None if already so.

    A step already recorded on the same date is left alone (so imports and retried jobs are
    idempotent); on another date the date is corrected and the correction audited.  Nothing is
    recorded on a cancelled application, and no date after *now*.
    """
    if application.status == "cancelled":
        raise StepRefused(f"application {application.reference} is cancelled")
    if on > office_date(now):
        raise StepRefused(f"{on.isoformat()} is in the future")
    if on < EARLIEST_STEP:
        raise StepRefused(f"{on.isoformat()} is too early")
    existing = application.step_record(step)
    if existing is not None and existing.done_on == on:
        return None
    detail: dict[str, Any] = {"reference": application.reference, "step": step.value,
                              "step_ja": LABELS[step][0], "on": on.isoformat(), "source": source}
    if existing is not None:
        detail["previous"] = existing.done_on.isoformat()
        existing.done_on, existing.recorded_by, existing.recorded_at = on, actor, now
        row = existing
    else:
        row = ApplicationStep(step=step.value, done_on=on, recorded_by=actor, recorded_at=now)
        application.steps.append(row)
    session.flush()
    audit.append(session, at=now, actor=actor, action="application_step_corrected" if existing is not None
                 else "application_step_recorded", detail=detail)
    return row


# ---------------------------------------------------------------------------- import


@dataclass
class ImportReport:
    """What an import did (or, for a dry run or a refused file, would have done)."""

    encoding: str
    dry_run: bool
    imported: bool
    rows: int
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    steps_recorded: int = 0
    errors: list[csvfile.RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"encoding": self.encoding, "dry_run": self.dry_run, "imported": self.imported, "rows": self.rows,
                "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "steps_recorded": self.steps_recorded, "ignored_columns": self.ignored_columns,
                "errors": [{"line": e.line, "column": e.column, "reason": e.reason} for e in self.errors]}


class _Rollback(Exception):
    """Leaves the import's transaction without writing anything."""


def import_applications(factory: sessionmaker[Session], audit: AuditLog, data: bytes, *, actor: str,
                        now: dt.datetime, dry_run: bool = False, skip_bad_rows: bool = False) -> ImportReport:
    """Import an applications CSV (raises :class:`core.applications_csv.CsvFileError` for a bad file)."""
    parsed = csvfile.parse(data, today=office_date(now))
    report = ImportReport(encoding=parsed.encoding, dry_run=dry_run, imported=False, rows=parsed.data_rows,
                          errors=list(parsed.errors), ignored_columns=parsed.ignored_columns)
    refused = bool(parsed.errors) and not skip_bad_rows
    try:
        with factory() as session, session.begin():
            for row in parsed.rows:
                _upsert(session, audit, row, report, actor=actor, now=now)
            report.errors.sort(key=lambda e: (e.line, e.column))
            if report.errors and not skip_bad_rows:
                refused = True
            if dry_run or refused:
                raise _Rollback
            audit.append(session, at=now, actor=actor, action="applications_imported",
                         detail={"rows": report.rows, "created": len(report.created), "updated": len(report.updated),
                                 "unchanged": len(report.unchanged), "steps_recorded": report.steps_recorded,
                                 "skipped_lines": sorted({e.line for e in report.errors})})
    except _Rollback:
        return report
    report.imported = True
    return report


_APPLICANT_FIELDS = (("name", "name"), ("kana", "name_kana"), ("email", "email"), ("phone", "phone"),
                     ("address", "address"))
_APPLICATION_FIELDS = (("cert_type", "cert_type"), ("registration_number", "registration_number"),
                       ("requested_count", "requested_count"),
                       ("residence_copy_return_requested", "residence_copy_return_requested"))


def _upsert(session: Session, audit: AuditLog, row: csvfile.ApplicationRow, report: ImportReport, *,
            actor: str, now: dt.datetime) -> None:
    """Create or update the row's application and applicant; row-level refusals go to the report."""
    application = session.scalar(select(Application).where(Application.reference == row.reference))
    changes: dict[str, Any] = {}
    if application is None:
        applicant = _applicant_by_email(session, row.email)
        if applicant is not None and applicant.name != row.name:
            report.errors.append(csvfile.RowError(row.line, "email", f"{row.email} is on record for another "
                                                                     "applicant"))
            return
        if applicant is None:
            applicant = Applicant(name=row.name, name_kana=row.kana, email=row.email, phone=row.phone,
                                  address=row.address, created_at=now)
            session.add(applicant)
            session.flush()
        else:
            changes.update(_apply(applicant, row, _APPLICANT_FIELDS))
        application = Application(reference=row.reference, applicant_id=applicant.id, status="open",
                                  created_at=now)
        _apply(application, row, _APPLICATION_FIELDS)
        session.add(application)
        session.flush()
        audit.append(session, at=now, actor=actor, action="application_imported",
                     detail={"reference": row.reference, "line": row.line, "created": True})
        report.created.append(row.reference)
    else:
        application_changes = _apply(application, row, _APPLICATION_FIELDS, dry=True)
        new_steps = [step for step, on in row.steps if (r := application.step_record(step)) is None
                     or r.done_on != on]
        if application.status == "cancelled" and new_steps:
            report.errors.append(csvfile.RowError(row.line, new_steps[0].value, f"{row.reference} is cancelled; "
                                                                                "no steps can be recorded"))
            return
        if application_changes and application.status != "open":
            report.errors.append(csvfile.RowError(row.line, "reference", f"{row.reference} is {application.status};"
                                                                         " its data cannot be changed by an import"))
            return
        changes.update(_apply(application.applicant, row, _APPLICANT_FIELDS))
        changes.update(_apply(application, row, _APPLICATION_FIELDS))
        if changes:
            audit.append(session, at=now, actor=actor, action="application_imported",
                         detail={"reference": row.reference, "line": row.line, "created": False, "changes": changes})
    steps = 0
    for step, on in row.steps:
        try:
            if record_step(session, audit, application, step, on=on, actor=actor, now=now, source="import"):
                steps += 1
        except StepRefused as exc:
            report.errors.append(csvfile.RowError(row.line, step.value, str(exc)))
            return
    report.steps_recorded += steps
    if row.reference not in report.created:
        (report.updated if changes or steps else report.unchanged).append(row.reference)


def _applicant_by_email(session: Session, email: str) -> Applicant | None:
    rows = session.scalars(select(Applicant).where(func.lower(Applicant.email) == email.lower())).all()
    return rows[0] if len(rows) == 1 else None


def _apply(target: Any, row: csvfile.ApplicationRow, fields: tuple[tuple[str, str], ...],
           dry: bool = False) -> dict[str, Any]:
    """Set *fields* of *target* from *row*; return {attribute: [old, new]} of what differs."""
    changes: dict[str, Any] = {}
    for source, attribute in fields:
        new = getattr(row, source)
        old = getattr(target, attribute, None)
        if old != new:
            changes[attribute] = [old, new]
            if not dry:
                setattr(target, attribute, new)
    return changes


# ---------------------------------------------------------------------------- renewal

#: The public page where an applicant enters an application online (the portal's path).
ONLINE_APPLICATION_PATH = "/apply"


def renewal_url(public_base_url: str, reference: str) -> str:
    """The link in a renewal notice: the online application page for the renewal's reference."""
    return f"{public_base_url.rstrip('/')}{ONLINE_APPLICATION_PATH}?reference={reference}"


def open_renewal(session: Session, audit: AuditLog, old: Application, *, actor: str,
                 now: dt.datetime) -> Application:
    """The open renewal application of *old* (created once, pre-filled from it).

    A renewal is a new application: a new reference (the old one with ``-R`` and a number),
    the same applicant, certificate type, registration number and number of certificates,
    status open and no steps yet.
    """
    existing = session.scalar(select(Application).where(Application.renewal_of_id == old.id,
                                                        Application.status == "open"))
    if existing is not None:
        return existing
    number = 1 + (session.scalar(select(func.count()).select_from(Application)
                                 .where(Application.renewal_of_id == old.id)) or 0)
    base = old.reference[:26]
    reference = f"{base}-R{number}"
    while session.scalar(select(Application.id).where(Application.reference == reference)) is not None:
        number += 1
        reference = f"{base}-R{number}"
    renewal = Application(reference=reference, applicant_id=old.applicant_id, cert_type=old.cert_type,
                          registration_number=old.registration_number, requested_count=old.requested_count,
                          residence_copy_held=False, residence_copy_return_requested=False, status="open",
                          renewal_of_id=old.id, created_at=now)
    session.add(renewal)
    session.flush()
    audit.append(session, at=now, actor=actor, action="renewal_application_opened",
                 detail={"reference": reference, "renewal_of": old.reference})
    return renewal


# ---------------------------------------------------------------------------- operators' use cases


class ApplicationActions:
    """The operators' use cases on applications, each its own transaction (dashboard, API, CLI)."""

    def __init__(self, factory: sessionmaker[Session], audit: AuditLog) -> None:
        self.factory, self.audit = factory, audit

    def record_step(self, reference: str, step: Step, on: dt.date, *, actor: str, now: dt.datetime) -> bool:
        """Record *step* of the application *reference*; False when it was already recorded so."""
        with self.factory() as session, session.begin():
            application = session.scalar(select(Application).where(Application.reference == reference)
                                         .with_for_update())
            if application is None:
                raise NotFound(f"no application {reference}")
            return record_step(session, self.audit, application, step, on=on, actor=actor, now=now) is not None

    def import_csv(self, data: bytes, *, actor: str, now: dt.datetime, dry_run: bool = False,
                   skip_bad_rows: bool = False) -> ImportReport:
        """See :func:`import_applications`."""
        return import_applications(self.factory, self.audit, data, actor=actor, now=now, dry_run=dry_run,
                                   skip_bad_rows=skip_bad_rows)

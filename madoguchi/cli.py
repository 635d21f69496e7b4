"""The ``madoguchi`` command line.

``init`` prepares a data directory, ``serve`` runs everything in one process, ``demo`` drives
one case through a running server, and the ``ca``, ``classify`` and ``faq`` groups come from
their own packages.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from core.settings import Settings, load_settings


class CliContext:
    """Lazily built settings, database and container for one command."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def container(self) -> Any:
        from madoguchi.app import build_container

        return build_container(self.settings)

    @property
    def session_factory(self) -> Any:
        return self.container.factory


def cmd_db_upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    from core.migrate import upgrade

    upgrade(ctx.settings.effective_database_url)
    print(f"database at {ctx.settings.effective_database_url} is up to date")
    return 0


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    from sqlalchemy import select

    from core.migrate import upgrade
    from core.models import Operator
    from core.operators import create_operator

    s = ctx.settings
    s.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(s.effective_database_url)
    print(f"データベースを準備しました / database ready: {s.effective_database_url}")
    c = ctx.container
    now = c.clock.now()
    if not c.ca.generations():
        c.ca.init(s.ca_name, now)
        print(f"開発用CAを作成しました / development CA created: {s.ca_name}")
    else:
        print("CAは作成済みです / CA already exists")
    with c.factory() as session, session.begin():
        if session.execute(select(Operator).limit(1)).scalar_one_or_none() is None:
            _op, password, token = create_operator(session, args.admin, "admin", now)
            c.audit.append(session, at=now, actor="cli", action="operator_created",
                           detail={"username": args.admin, "role": "admin"})
            print("最初の管理者を作成しました（パスワードはこの一度だけ表示されます）/ first admin created "
                  "(shown only once):")
            print(f"  username: {args.admin}\n  password: {password}\n  api token: {token}")
        else:
            print("オペレーターは登録済みです / operators already exist")
    c.audit.checkpoint(c.factory, now)
    return 0


def cmd_operator_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from core.operators import create_operator

    c = ctx.container
    now = c.clock.now()
    with c.factory() as session, session.begin():
        op, password, token = create_operator(session, args.name, args.role, now, password=args.password)
        if args.totp:  # Enrolled at once: the secret is printed here, once (approving over the API needs it).
            import pyotp

            op.totp_secret = pyotp.random_base32()
        c.audit.append(session, at=now, actor="cli", action="operator_created",
                       detail={"username": args.name, "role": args.role, "totp": bool(args.totp)})
        out = {"username": args.name, "role": args.role, "password": password, "api_token": token}
        if op.totp_secret:
            out["totp_secret"] = op.totp_secret
    print(json.dumps(out))
    return 0


def cmd_audit_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from core.checkpoints import CheckpointFile

    c = ctx.container
    other = None
    if args.checkpoints is not None:  # e.g. a copy of /repository/audit-checkpoints kept elsewhere
        from madoguchi.app import audit_key

        other = CheckpointFile(args.checkpoints, audit_key(ctx.settings.data_dir))
    with c.factory() as session:
        result = c.audit.verify(session, other)
    if result.ok:  # A verified head becomes the next checkpoint.
        c.audit.checkpoint(c.factory, c.clock.now())
    print(json.dumps({"ok": result.ok, "checked": result.checked, "message": result.message}))
    return 0 if result.ok else 1


def cmd_serve(args: argparse.Namespace, ctx: CliContext) -> int:
    import asyncio

    from madoguchi.server import serve

    asyncio.run(serve(ctx.container))
    return 0


def cmd_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.load_only:
        from madoguchi.sample import load_sample_data

        people = load_sample_data(ctx.container)
        print(json.dumps(people, ensure_ascii=False) if args.json else "\n".join(
            f"{p['name']}  {p['email']}  {p['phone']}  {p['serials']}" for p in people))
        return 0
    from madoguchi.demo import run_demo

    return run_demo(ctx, base_url=args.url)


def cmd_import_applications(args: argparse.Namespace, ctx: CliContext) -> int:
    """Import an applications CSV through the import use case; exit 1 when rows were refused."""
    from core.applications_csv import CsvFileError
    from core.services.applications import ApplicationActions

    c = ctx.container
    data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    try:
        report = ApplicationActions(c.factory, c.audit).import_csv(
            data, actor=args.actor, now=c.clock.now(), dry_run=args.dry_run, skip_bad_rows=args.skip_bad_rows)
    except CsvFileError as exc:
        print(f"読み込めないファイルです / cannot read the file: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        for error in report.errors:
            print(f"{args.file}:{error.line}: {error.column}: {error.reason}")
        mode = "dry run" if report.dry_run else ("imported" if report.imported else "NOT imported (fix the rows "
                                                                                  "or use --skip-bad-rows)")
        print(f"{mode}: {report.rows} rows ({report.encoding}), created {len(report.created)}, updated "
              f"{len(report.updated)}, unchanged {len(report.unchanged)}, steps recorded {report.steps_recorded}, "
              f"bad rows {len({e.line for e in report.errors})}")
        if report.ignored_columns:
            print(f"ignored columns: {', '.join(report.ignored_columns)}")
    return 1 if report.errors else 0


def cmd_replay(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.container.store.replay(args.message_id)
    print(f"message {args.message_id} queued for processing again")
    return 0


def cmd_jobs_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from core.services import jobs

    with ctx.container.factory() as session:
        rows = jobs.list_jobs(session, (jobs.FAILED,) if args.failed else jobs.OPEN_STATUSES, limit=args.limit)
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False))
    for r in [] if args.json else rows:
        when = r.failed_at or r.run_at
        print(f"{r.id}\t{r.status}\t{r.kind}\t{r.case_tag or '-'}\t{r.attempts}/{r.max_attempts}\t"
              f"{when.isoformat(timespec='seconds')}\t{r.error_summary}")
    return 0


def _job_action(ctx: CliContext, action: str, work: Callable[[Any], Any]) -> int:
    """Run one use case of :mod:`core.services.jobs` in one transaction; print the job or the refusal."""
    from core.services import jobs

    try:
        with ctx.container.factory() as session, session.begin():
            done = work(session)
    except (jobs.JobNotFound, jobs.JobNotFailed, jobs.ReasonRequired) as exc:
        print(f"madoguchi jobs {action}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(done.as_json(), ensure_ascii=False))
    return 0


def cmd_jobs_retry(args: argparse.Namespace, ctx: CliContext) -> int:
    from core.services.jobs import retry_job

    c = ctx.container
    return _job_action(ctx, "retry", lambda s: retry_job(s, args.job_id, actor="cli", now=c.clock.now(),
                                                         audit=c.audit))


def cmd_jobs_discard(args: argparse.Namespace, ctx: CliContext) -> int:
    from core.services.jobs import discard_job

    c = ctx.container
    return _job_action(ctx, "discard", lambda s: discard_job(s, args.job_id, actor="cli", now=c.clock.now(),
                                                             reason=args.reason, audit=c.audit,
                                                             cases=c.cases))


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from madoguchi.backup import BackupError, backup

    try:
        manifest = backup(ctx.settings, args.directory)
    except BackupError as exc:
        print(f"madoguchi backup: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(manifest, ensure_ascii=False))
    return 0


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from madoguchi.backup import BackupError, restore

    try:
        done = restore(ctx.settings, args.directory)
    except BackupError as exc:
        print(f"madoguchi restore: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"crl_number_floor": done.crl_floor, "published": done.published}))
    return 0


def cmd_doctor(args: argparse.Namespace, ctx: CliContext) -> int:
    from madoguchi.doctor import diagnose, report

    findings = diagnose(ctx.settings)
    print(report(findings, args.json))
    return 1 if any(f.severity == "error" for f in findings) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="madoguchi", description="窓口 — CA help desk and request handler")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default ./data)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init", help="create the data directory, database, a development CA and the first admin")
    p.add_argument("--admin", default="admin")
    p.set_defaults(func=cmd_init)

    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply Alembic migrations").set_defaults(func=cmd_db_upgrade)

    sub.add_parser("serve", help="run SMTP intake, dashboard/API/repository, worker and scheduler").set_defaults(
        func=cmd_serve)

    p = sub.add_parser("demo", help="load sample data and drive one case through the running server")
    p.add_argument("--url", default=None, help="base URL of the running server (default from settings)")
    p.add_argument("--load-only", action="store_true", help="only load the sample data, drive no case")
    p.add_argument("--json", action="store_true", help="print the sample data as JSON")
    p.set_defaults(func=cmd_demo)

    op = sub.add_parser("operator", help="manage operators").add_subparsers(dest="op_command", required=True)
    p = op.add_parser("add", help="add an operator and print its API token")
    p.add_argument("name")
    p.add_argument("--role", choices=["operator", "supervisor", "admin"], default="operator")
    p.add_argument("--password", default=None)
    p.add_argument("--totp", action="store_true", help="enrol TOTP now and print its secret once")
    p.set_defaults(func=cmd_operator_add)

    audit = sub.add_parser("audit", help="audit log").add_subparsers(dest="audit_command", required=True)
    p = audit.add_parser("verify", help="verify the hash chain against the signed checkpoints")
    p.add_argument("--checkpoints", type=Path, default=None,
                   help="a checkpoint file to check against instead of <data_dir>/audit-checkpoints")
    p.set_defaults(func=cmd_audit_verify)

    jobs = sub.add_parser("jobs", help="background jobs; failed ones wait here for retry or discard").add_subparsers(
        dest="jobs_command", required=True)
    p = jobs.add_parser("list", help="jobs not yet done (pending, running, failed)")
    p.add_argument("--failed", action="store_true", help="only jobs that failed for good")
    p.add_argument("--json", action="store_true", help="one JSON array")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=cmd_jobs_list)
    p = jobs.add_parser("retry", help="put a failed job back in the queue (attempts 0, runnable now)")
    p.add_argument("job_id", type=int)
    p.set_defaults(func=cmd_jobs_retry)
    p = jobs.add_parser("discard", help="give up on a failed job; the reason goes to the audit log")
    p.add_argument("job_id", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_jobs_discard)

    p = sub.add_parser("backup", help="consistent copy of database, CA keys, repository and audit key (while serving)")
    p.add_argument("directory", type=Path)
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="restore a backup into a fresh data directory; CRL numbers move past it")
    p.add_argument("directory", type=Path)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("doctor", help="check the configuration for production; exit 1 when something must be fixed")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_doctor)

    imp = sub.add_parser("import", help="import the CA's records").add_subparsers(dest="import_command",
                                                                                  required=True)
    p = imp.add_parser("applications", help="applications CSV (UTF-8 or CP932, columns in the README); "
                                            "upsert by reference, all or nothing")
    p.add_argument("file", help="the CSV file, or - for standard input")
    p.add_argument("--dry-run", action="store_true", help="check every row and report; write nothing")
    p.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even when some are bad")
    p.add_argument("--actor", default="cli", help="name written to the audit log")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_import_applications)

    p = sub.add_parser("replay", help="process a quarantined inbound message again")
    p.add_argument("message_id", type=int)
    p.set_defaults(func=cmd_replay)

    from faq.cli import register as register_faq
    from intake.cli import register as register_intake
    from madoguchi.ca_commands import cmd_issue, cmd_revoke
    from madoguchi.online_commands import register as register_online
    from signing.cli import register as register_signing

    register_signing(sub, issue_command=cmd_issue, revoke_command=cmd_revoke)
    register_intake(sub)
    register_faq(sub)
    register_online(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    overrides = {"data_dir": args.data_dir} if args.data_dir else {}
    ctx = CliContext(load_settings(**overrides))
    result = args.func(args, ctx)
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())

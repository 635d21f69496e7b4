"""Server CPU time per message of the SMTP intake against the bare aiosmtpd sink.

Run ``.venv/bin/python bench/smtp_cpu.py [--postgresql ADMIN_URL] [--connections 1 16]``.
Wall-clock throughput on a shared, loaded machine says little, so this measures what the
server process itself spends per message: its user plus system CPU time (all its threads:
the event loop and the committer) over a run of messages sent by a client in another
process, for the sink and for the intake with Madoguchi's store, in alternating rounds.

``--root DIR`` imports ``intake`` and ``core`` from another checkout (for example an older
commit extracted with ``git archive``), so that two versions can be compared in one run of
this script.  Run it under ``valgrind --tool=callgrind`` with two message counts to get
instructions per message from the difference of the two totals.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
# The shared client and sink import nothing of Madoguchi, so --root still decides where intake comes from.
sys.path.insert(0, str(ROOT))

from bench.smtp_client import SinkHandler, drive, free_port  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "mail" / "outlook_revocation_01.eml"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _instrument(state: str) -> None:
    """Count only the measured run (``valgrind --tool=callgrind --instr-atstart=no``, ``SMTP_CPU_CALLGRIND=1``)."""
    if os.environ.get("SMTP_CPU_CALLGRIND"):
        subprocess.run(["callgrind_control", "-i", state, str(os.getpid())], check=True, capture_output=True)


def _switches() -> int:
    """Context switches (voluntary and not) of all this process's threads so far, on Linux."""
    total = 0
    for task in Path("/proc/self/task").iterdir():
        try:
            for line in (task / "status").read_text().splitlines():
                if line.endswith("ctxt_switches:") or "ctxt_switches:" in line:
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total


def _client(port: int, connections: int, messages: int, raw: bytes, cpus: set[int] | None) -> float:
    if cpus:
        os.sched_setaffinity(0, cpus)
    return asyncio.run(drive(port, connections, messages, raw))


class _Scratch:
    """A migrated scratch database (SQLite in a directory, or a new PostgreSQL database)."""

    def __init__(self, directory: Path, admin_url: str | None) -> None:
        from sqlalchemy import create_engine, make_url, text

        self.admin_url, self.database = admin_url, None
        if admin_url:
            self.database = f"madoguchi_cpu_{uuid.uuid4().hex[:10]}"
            self._admin(f'CREATE DATABASE "{self.database}"')
            self.url = make_url(admin_url).set(database=self.database).render_as_string(hide_password=False)
        else:
            self.url = f"sqlite:///{directory / 'madoguchi.sqlite3'}"
        from core.migrate import upgrade

        upgrade(self.url)
        if admin_url:
            engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.execute(text("VACUUM (ANALYZE)"))
            engine.dispose()
            self._admin("CHECKPOINT")

    def _admin(self, statement: str) -> None:
        from sqlalchemy import create_engine, text

        assert self.admin_url is not None
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(statement))
        admin.dispose()

    def drop(self) -> None:
        if self.database:
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def _make_engine(url: str) -> Any:
    try:
        from dbkit.db import make_engine
    except ImportError:  # Older checkouts kept it in core.
        from core.db import make_engine  # type: ignore[no-redef]
    return make_engine(url)


def run(kind: str, connections: int, warmup: int, messages: int, raw: bytes, admin_url: str | None,
        cpus: set[int] | None) -> tuple[float, float, float]:
    """One run; return server CPU ms per message, messages per second and context switches per message."""
    port = free_port()
    store: Any = None
    engine: Any = None
    scratch: _Scratch | None = None
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "sink":
            controller: Controller = Controller(SinkHandler(), hostname="127.0.0.1", port=port)
        else:
            from core.inbound import DatabaseMessageStore
            from core.ports import SystemClock
            from intake.smtp import build_controller

            scratch = _Scratch(Path(tmp), admin_url)
            engine = _make_engine(scratch.url)
            store = DatabaseMessageStore(engine, SystemClock())
            controller = build_controller(store, "127.0.0.1", port, ["ca.example.jp"], 10_000_000)
        controller.start()
        try:
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                pool.apply(_client, (port, connections, warmup, raw, cpus))
                _instrument("on")
                before, switches = _cpu(), _switches()
                rate = float(pool.apply(_client, (port, connections, messages, raw, cpus)))
                used, switched = _cpu() - before, _switches() - switches
                _instrument("off")
        finally:
            controller.stop()
            if store is not None:
                store.close()
                engine.dispose()
            if scratch is not None:
                scratch.drop()
    return used / messages * 1000, rate, switched / messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--postgresql", metavar="ADMIN_URL")
    parser.add_argument("--root", help="import intake and core from this checkout")
    parser.add_argument("--only", choices=["sink", "intake"], help="measure only one side (for callgrind)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve() if args.root else Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    cpus = sorted(os.sched_getaffinity(0))
    client_cpus = None
    if len(cpus) >= 2:
        client_cpus = {cpus[-1]}
        os.sched_setaffinity(0, set(cpus[:-1]))
    raw = SAMPLE.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    kinds = [args.only] if args.only else ["sink", "intake"]
    print(f"root {root}; {'PostgreSQL' if args.postgresql else 'SQLite'}; {args.messages} messages per run;"
          f" load {os.getloadavg()[0]:.2f}", flush=True)
    for connections in args.connections:
        results: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in kinds}
        for round_ in range(args.rounds):
            order = kinds if round_ % 2 == 0 else kinds[::-1]
            for kind in order:
                results[kind].append(run(kind, connections, args.warmup, args.messages, raw, args.postgresql,
                                         client_cpus))
        line = [f"conns {connections:>2}"]
        for kind in kinds:
            cpu = statistics.median(r[0] for r in results[kind])
            rate = statistics.median(r[1] for r in results[kind])
            switches = statistics.median(r[2] for r in results[kind])
            line.append(f"{kind}: CPU {cpu:.3f} ms/msg ({', '.join(f'{r[0]:.3f}' for r in results[kind])}),"
                        f" {rate:.0f} msg/s, {switches:.1f} switches/msg")
        print("; ".join(line) + f"; load {os.getloadavg()[0]:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

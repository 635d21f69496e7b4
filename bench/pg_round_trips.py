"""Round trips to PostgreSQL per stored mail, counted from libpq's trace (see ``dbkit.wiretrace``).

Run ``.venv/bin/python bench/pg_round_trips.py --postgresql ADMIN_URL``. On a scratch database
created beside ADMIN_URL's (and dropped afterwards) it stores mails through Madoguchi's own
store, first one at a time (a lone sender) and then in one burst from a single event loop
(concurrent senders), and prints per mail the round trips (the server's ``ReadyForQuery``) and
every protocol message sent and received. It counts, where ``bench/smtp.py`` times.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import uuid
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.inbound import DatabaseMessageStore  # noqa: E402
from core.migrate import upgrade  # noqa: E402
from core.ports import SystemClock  # noqa: E402
from dbkit.db import make_engine  # noqa: E402
from dbkit.wiretrace import WireTrace  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "mail" / "outlook_revocation_01.eml"


def _admin(url: str, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def _report(label: str, trace: WireTrace, mails: int) -> None:
    counts = trace.counts()
    print(f"{label}: {trace.round_trips() / mails:.2f} round trips per mail")
    for (direction, kind), number in sorted(counts.items()):
        print(f"    {'sent' if direction == 'F' else 'received':>8} {kind:<16} {number / mails:.2f} per mail")


def measure(url: str, mails: int) -> None:
    raw = SAMPLE.read_bytes()
    engine = make_engine(url)
    trace = WireTrace(engine)
    store = DatabaseMessageStore(engine, SystemClock(), hold_idle=60)
    try:
        # The first mail checks out the committer's connection and prepares its statements.
        store.store("a@example.jp", ["ca@ca.example.jp"], raw, "127.0.0.1:1")
        trace.mark()
        for _ in range(mails):
            store.store("a@example.jp", ["ca@ca.example.jp"], raw, "127.0.0.1:1")
        _report("lone sender", trace, mails)

        async def burst() -> None:
            await asyncio.gather(*(store.store_async("a@example.jp", ["ca@ca.example.jp"], raw, "127.0.0.1:1")
                                   for _ in range(mails)))

        asyncio.run(burst())  # Prepares the batch statement.
        trace.mark()
        asyncio.run(burst())
        _report(f"{mails} mails at once", trace, mails)
    finally:
        store.close()
        trace.close()
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgresql", metavar="ADMIN_URL", required=True,
                        help="e.g. postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql")
    parser.add_argument("--mails", type=int, default=100, help="mails per measurement")
    args = parser.parse_args(argv)
    database = f"madoguchi_trips_{uuid.uuid4().hex[:10]}"
    _admin(args.postgresql, f'CREATE DATABASE "{database}"')
    try:
        url = make_url(args.postgresql).set(database=database).render_as_string(hide_password=False)
        upgrade(url)
        measure(url, args.mails)
    finally:
        _admin(args.postgresql, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

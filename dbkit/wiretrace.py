"""What an engine's PostgreSQL connections say to the server, counted from libpq's own trace.

libpq can write every protocol message it sends and receives to a file (``PQtrace``). A
:class:`WireTrace` turns that on for each connection the engine's pool lends out while the
trace is open, and counts the messages by direction and type. The server ends each reply to
a ``Sync`` (or a simple query) with ``ReadyForQuery``, so the number of those received is the
number of round trips: this is how the intake's cost per message on PostgreSQL is checked
(one round trip per stored mail) without trusting our own reading of the code.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

# The direction column of libpq's trace: what the client (frontend) sent and what it received.
SENT, RECEIVED = "F", "B"


class WireTrace:
    """Count the protocol messages of every connection *engine* lends out from now until :meth:`close`.

    Only connections checked out after the trace opened are traced (a connection that a store
    already holds is not); call :meth:`mark` to count only what happens after that point. libpq
    buffers its trace, so :meth:`mark` and :meth:`counts` first flush it by ending and restarting
    each connection's trace: call them only while none of the connections is running a statement.
    """

    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("only PostgreSQL connections speak the protocol libpq traces")
        self.engine = engine
        handle, name = tempfile.mkstemp(prefix="madoguchi-wire-", suffix=".trace")
        os.close(handle)
        self.path = Path(name)
        self._traced: list[Any] = []
        self._offset = 0
        event.listen(engine, "checkout", self._on_checkout)

    def _on_checkout(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        pgconn = dbapi_connection.pgconn
        if pgconn in self._traced:
            return
        self._start(pgconn)
        self._traced.append(pgconn)

    def _start(self, pgconn: Any) -> None:
        # libpq keeps the stream it is given (and never closes it); each connection gets its own
        # descriptor, opened for appending, so that ending one trace never cuts off another.
        pgconn.trace(os.open(self.path, os.O_WRONLY | os.O_APPEND))

    def _flush(self, restart: bool) -> None:
        """Write out what libpq has buffered (``PQuntrace`` flushes the stream), then trace on if *restart*."""
        for pgconn in self._traced:
            if pgconn.status == 0:  # Still open (CONNECTION_OK).
                pgconn.untrace()
                if restart:
                    self._start(pgconn)

    def mark(self) -> None:
        """Count only the messages from now on."""
        self._flush(restart=True)
        self._offset = self.path.stat().st_size

    def counts(self) -> Counter[tuple[str, str]]:
        """The messages since the mark, as ``(direction, type)``: ``("B", "ReadyForQuery")`` and so on."""
        self._flush(restart=True)
        with self.path.open("rb") as trace:
            trace.seek(self._offset)
            lines = trace.read().decode("utf-8", "replace").splitlines()
        found: Counter[tuple[str, str]] = Counter()
        for line in lines:
            # Each line reads: timestamp, direction, length, then the type and its fields.
            fields = line.split("\t")
            if len(fields) >= 4 and fields[1] in (SENT, RECEIVED):
                found[(fields[1], fields[3].split(" ", 1)[0])] += 1
        return found

    def round_trips(self) -> int:
        """The server's replies that end with ``ReadyForQuery`` since the mark."""
        return self.counts()[(RECEIVED, "ReadyForQuery")]

    def close(self) -> None:
        """Stop tracing and remove the trace file."""
        event.remove(self.engine, "checkout", self._on_checkout)
        self._flush(restart=False)
        self._traced.clear()
        self.path.unlink(missing_ok=True)

"""The newest CRL of each generation, copied into the database so that every node serves it.

Each ``serve`` node publishes CRLs into its own repository directory (``<data_dir>/ca/repository``),
under the generation's row lock, so CRL numbers only move forward.  Several nodes on one
PostgreSQL database share the newest CRL through the ``crl_copies`` table: every node runs
:meth:`CrlSharer.sync` a few times a second.  A node whose file is newer than the copy uploads
it (an upsert that only ever raises the number); a node whose file is older than the copy
writes the copy's DER into its repository (atomically, and never over a newer file).  A CRL
published on any node is thus served by all within about two sync periods.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path

from cryptography import x509
from sqlalchemy import BigInteger, Integer, LargeBinary, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from core.ports import Clock
from dbkit.db import Base, UTCDateTime
from signing.authority import CertificateAuthority
from signing.models import CaGeneration
from signing.publish import publish_atomically

log = logging.getLogger(__name__)


class CrlCopy(Base):
    """The newest CRL of one generation (its DER), shared by every node."""

    __tablename__ = "crl_copies"

    generation: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # generation number
    number: Mapped[int] = mapped_column(BigInteger)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


def crl_number_of(der: bytes) -> int:
    crl = x509.load_der_x509_crl(der)
    return int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)


class CrlSharer:
    """Keeps this node's repository and the ``crl_copies`` table at the newest CRL."""

    def __init__(self, factory: sessionmaker[Session], ca: CertificateAuthority) -> None:
        self.factory, self.ca = factory, ca
        self._seen: dict[Path, tuple[int, int, int]] = {}  # path -> (mtime_ns, size, CRL number)

    def _local_number(self, path: Path) -> int:
        try:
            st = path.stat()
        except FileNotFoundError:
            return 0
        cached = self._seen.get(path)
        if cached is not None and cached[:2] == (st.st_mtime_ns, st.st_size):
            return cached[2]
        number = crl_number_of(path.read_bytes())
        self._seen[path] = (st.st_mtime_ns, st.st_size, number)
        return number

    def sync(self, now: dt.datetime) -> dict[str, int]:
        """One round: upload newer local CRLs, download newer shared ones; count what moved."""
        moved = {"uploaded": 0, "downloaded": 0}
        with self.factory() as session:
            gens = session.execute(select(CaGeneration.number, CaGeneration.crl_number)
                                   .where(CaGeneration.not_after > now)).all()
            copies = dict(session.execute(select(CrlCopy.generation, CrlCopy.number)).all())
        for generation, newest in gens:
            path = self.ca.crl_path(generation)
            local, shared = self._local_number(path), copies.get(generation, 0)
            if local > shared and local <= newest:
                self._upload(generation, path, now)
                moved["uploaded"] += 1
            elif shared > local:
                moved["downloaded"] += self._download(generation, path)
        return moved

    def _upload(self, generation: int, path: Path, now: dt.datetime) -> None:
        der = path.read_bytes()
        values = {"generation": generation, "number": crl_number_of(der), "der": der, "updated_at": now}
        with self.factory() as session, session.begin():
            dialect = session.get_bind().dialect.name
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            statement = insert(CrlCopy).values(**values)
            session.execute(statement.on_conflict_do_update(
                index_elements=[CrlCopy.generation],
                set_={"number": statement.excluded.number, "der": statement.excluded.der,
                      "updated_at": statement.excluded.updated_at},
                where=CrlCopy.number < statement.excluded.number))

    def _download(self, generation: int, path: Path) -> int:
        with self.factory() as session:
            copy = session.get(CrlCopy, generation)
            if copy is None:
                return 0
            der = copy.der
        number = crl_number_of(der)
        # The CA publishes under this lock in this process: a file is never replaced by an older one.
        with self.ca._publish_lock:
            if self._local_number(path) >= number:
                return 0
            publish_atomically(path, der)
        log.info("CRL %s of generation %s taken from the database", number, generation)
        return 1

    def run(self, stop: threading.Event, period: float, clock: Clock) -> None:
        """Sync every *period* seconds until *stop* is set (the body of a daemon thread)."""
        while not stop.wait(period):
            try:
                self.sync(clock.now())
            except Exception:  # noqa: BLE001 - the next round tries again.
                log.exception("CRL sharing round failed")

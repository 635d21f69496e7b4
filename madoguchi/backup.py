"""``madoguchi backup DIR`` and ``madoguchi restore DIR``.

A backup is taken while the server runs.  The database is copied first, consistently: SQLite's
online backup API (a snapshot of one committed state, taken page by page) or ``pg_dump`` (one
repeatable-read snapshot).  Then the files: the CA keys (still encrypted with the CA
passphrase), the published repository, the audit key, the audit checkpoints if present and the
TOML configuration if present.  Files copied after the database cover every key the database
refers to.  ``manifest.json`` lists what was taken and the highest CRL number seen.

A restore goes into a fresh data directory (and, for PostgreSQL, an empty database).  A
restored CA must never reuse a CRL number: the database may be older than the newest CRL
relying parties have seen (the repository files were copied later, or the backup is not the
last one).  So the restore raises each generation's CRL counter past the highest number found
in the database (``ca_crl``, ``ca_generation``) and in the repository files, plus
:data:`CRL_NUMBER_MARGIN`, records that in the audit log, and publishes a fresh CRL at once.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from core.settings import Settings

#: Added to the highest CRL number found when restoring: numbers published after the backup
#: by the lost system (and not in the copied repository) are skipped as well.
CRL_NUMBER_MARGIN = 1000
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_DUMP_FILE = "database.pgdump"
#: Paths inside the data directory that a backup carries (when they exist).
#: Copied before the database snapshot: what only ever records the past of the database. A
#: checkpoint (or a published CRL) written while the backup runs must not be newer than the
#: snapshot, or the restored chain would look cut short (``audit verify`` rightly fails then).
CARRIED_BEFORE = ("audit-checkpoints", "ca/repository")
#: Copied after it: what the database may refer to (a CA generation's key, the audit key).
CARRIED_AFTER = ("ca/keys", "audit.key", "madoguchi.toml")
CARRIED = CARRIED_BEFORE + CARRIED_AFTER


class BackupError(Exception):
    """The backup or restore cannot be made; the message says why."""


@dataclass(frozen=True)
class Restored:
    """What a restore did: the CRL counters it set and the CRLs it published."""

    crl_floor: dict[int, int]
    published: dict[int, int]


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string for pg_dump and pg_restore."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(settings: Settings, target: Path) -> dict[str, Any]:
    """Write a consistent backup of *settings*' system into the new or empty directory *target*."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    url = settings.effective_database_url
    started = dt.datetime.now(dt.UTC)
    carried = _carry(settings, target, CARRIED_BEFORE)
    if _is_sqlite(url):
        source_path = make_url(url).database
        if not source_path or not Path(source_path).exists():
            raise BackupError(f"no SQLite database at {source_path}")
        source = sqlite3.connect(source_path)
        dest = sqlite3.connect(target / SQLITE_FILE)
        try:
            with dest:
                source.backup(dest)
        finally:
            dest.close()
            source.close()
        database = {"kind": "sqlite", "file": SQLITE_FILE}
    else:
        out = subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target / PG_DUMP_FILE),
                              _libpq(url)], capture_output=True, text=True)
        if out.returncode != 0:
            raise BackupError(f"pg_dump failed: {out.stderr.strip()}")
        database = {"kind": "postgresql", "file": PG_DUMP_FILE}
    carried += _carry(settings, target, CARRIED_AFTER)
    if "ca/keys" not in carried or "audit.key" not in carried:
        raise BackupError("the data directory has no CA keys or no audit key: nothing worth restoring")
    manifest = {"format": 1, "started_at": started.isoformat(), "finished_at": dt.datetime.now(dt.UTC).isoformat(),
                "database": database, "files": carried,
                "repository_crl_numbers": _repository_crl_numbers(target / "data" / "ca" / "repository")}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _carry(settings: Settings, target: Path, names: tuple[str, ...]) -> list[str]:
    """Copy the files and folders *names* of the data directory into the backup; return those present."""
    carried = []
    for name in names:
        src = settings.data_dir / name
        if src.is_dir():
            shutil.copytree(src, target / "data" / name)
            carried.append(name)
        elif src.is_file():
            (target / "data" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / "data" / name)
            carried.append(name)
    return carried


def _repository_crl_numbers(repository: Path) -> dict[str, int]:
    """CRL number of each ``genN.crl`` file in *repository* (generation number as text → CRL number)."""
    numbers: dict[str, int] = {}
    for path in sorted(repository.glob("gen*.crl")) if repository.is_dir() else []:
        try:
            crl = x509.load_der_x509_crl(path.read_bytes())
            number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
        except (ValueError, x509.ExtensionNotFound):
            continue
        numbers[path.stem.removeprefix("gen")] = int(number)
    return numbers


def restore(settings: Settings, source: Path) -> Restored:
    """Restore the backup in *source* into *settings*' fresh data directory (and empty database)."""
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    data_dir = settings.data_dir
    for name in CARRIED:
        if (data_dir / name).exists() and name != "madoguchi.toml":
            raise BackupError(f"{data_dir / name} exists: restore only into a fresh data directory")
    url = settings.effective_database_url
    kind = manifest["database"]["kind"]
    if kind != ("sqlite" if _is_sqlite(url) else "postgresql"):
        raise BackupError(f"the backup holds a {kind} database but {url} is not one")
    data_dir.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        dest_path = Path(make_url(url).database or "")
        if dest_path.exists():
            raise BackupError(f"{dest_path} exists: restore only into a fresh data directory")
        shutil.copy2(source / manifest["database"]["file"], dest_path)
    else:
        _require_empty_postgres(url)
        out = subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", _libpq(url),
                              str(source / manifest["database"]["file"])], capture_output=True, text=True)
        if out.returncode != 0:
            raise BackupError(f"pg_restore failed: {out.stderr.strip()}")
    for name in manifest["files"]:
        src, dest = source / "data" / name, data_dir / name
        if name == "madoguchi.toml" and dest.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    for key in (data_dir / "ca" / "keys").glob("*"):
        key.chmod(0o600)
    (data_dir / "audit.key").chmod(0o600)
    from core.migrate import upgrade

    upgrade(url)
    return _advance_crl_numbers(settings, manifest)


def _require_empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        tables = inspect(engine).get_table_names()
    finally:
        engine.dispose()
    if tables:
        raise BackupError(f"the database at {make_url(url).render_as_string()} is not empty ({len(tables)} tables)")


def _advance_crl_numbers(settings: Settings, manifest: dict[str, Any]) -> Restored:
    """Raise every generation's CRL counter past anything ever published; audit it; publish."""
    from madoguchi.app import build_container
    from signing.models import CaCrl, CaGeneration

    c = build_container(settings)
    try:
        now = c.clock.now()
        files = {int(k): v for k, v in manifest.get("repository_crl_numbers", {}).items()}
        restored_files = _repository_crl_numbers(settings.data_dir / "ca" / "repository")
        floor: dict[int, int] = {}
        with c.factory() as session, session.begin():
            recorded = dict(session.execute(select(CaCrl.generation_id, func.max(CaCrl.number))
                                            .group_by(CaCrl.generation_id)).all())
            for gen in session.execute(select(CaGeneration).with_for_update()).scalars():
                highest = max(gen.crl_number, recorded.get(gen.id, 0), files.get(gen.number, 0),
                              restored_files.get(str(gen.number), 0))
                gen.crl_number = floor[gen.number] = highest + CRL_NUMBER_MARGIN
            c.audit.append(session, at=now, actor="cli", action="system_restored",
                           detail={"backup_started_at": manifest["started_at"], "margin": CRL_NUMBER_MARGIN,
                                   "crl_number_floor": {str(k): v for k, v in floor.items()}})
        published = {p.generation: p.number for p in c.ca.publish_crls(now)}
        return Restored(crl_floor=floor, published=published)
    finally:
        c.dispose()

"""CRL benchmark: our CRL builder beside ``openssl ca -gencrl``, and revoke -> published at scale.

Run: ``.venv/bin/python bench/crl.py [--sizes 10000,100000,1000000] [--service-size 1000000]``

For each size the same random revoked serials, dates and reasons are

* encoded and signed by us from scratch (``encode_entries`` + ``build_crl`` + atomic publish),
* signed by us from the pre-encoded entry blob (what the service does: entries are encoded
  once at revocation time and cached),
* written to an openssl ``index.txt`` and turned into a CRL by ``openssl ca -gencrl``.

Each measurement runs in a forked child (ours) or a child process (openssl); the peak
memory is the child's peak RSS from ``wait4`` minus its RSS at start (for ours), or its
whole peak RSS (for openssl).  Finally the CA service is loaded with ``--service-size``
revoked certificates in SQLite and the wall time of ``CertificateAuthority.revoke`` (which
returns once the new CRL is published and committed) is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dbkit.db import Base, make_engine, make_sessionmaker  # noqa: E402
from signing import models  # noqa: E402
from signing.authority import CertificateAuthority  # noqa: E402
from signing.cacerts import self_signed  # noqa: E402
from signing.crl import build_crl  # noqa: E402
from signing.keys import FileKeyStore, KeyBackend  # noqa: E402
from signing.profiles import SubjectFields  # noqa: E402
from signing.publish import publish_atomically  # noqa: E402
from signing.revocation import encode_entries  # noqa: E402
from signing.serials import Serial  # noqa: E402

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
REASONS: list[str | None] = [
    None,
    "keyCompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
]
Row = tuple[int, dt.datetime, str | None, None]


def rss_kib() -> int:
    """Current resident set size of this process in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def in_child(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Run *work* in a forked child; return (seconds, peak extra MiB, result)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        start_rss = rss_kib()
        started = time.perf_counter()
        result = work()
        elapsed = time.perf_counter() - started
        os.write(write_end, json.dumps([elapsed, start_rss, result]).encode())
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        raise RuntimeError("benchmark child failed")
    elapsed, start_rss, result = json.loads(b"".join(chunks))
    return elapsed, (usage.ru_maxrss - start_rss) / 1024, result


def make_rows(count: int, rng: random.Random) -> list[Row]:
    """Random revoked entries: unique 128-bit serials, dates within the last year."""
    serials: set[int] = set()
    while len(serials) < count:
        serials.add(rng.getrandbits(128) or 1)
    return [
        (serial, NOW - dt.timedelta(seconds=rng.randrange(365 * 86400)), rng.choice(REASONS), None)
        for serial in serials
    ]


def write_openssl_ca(workdir: Path, backend: KeyBackend, ca_cert: x509.Certificate, key_pem: bytes) -> None:
    """Write an openssl ``ca`` configuration around our CA certificate and key."""
    (workdir / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    (workdir / "ca.key").write_bytes(key_pem)
    (workdir / "crlnumber").write_text("01\n")
    (workdir / "index.txt.attr").write_text("unique_subject = no\n")
    (workdir / "openssl.cnf").write_text(
        "[ ca ]\ndefault_ca = CA_default\n[ CA_default ]\ndir = .\ndatabase = index.txt\n"
        "crlnumber = crlnumber\ncertificate = ca.pem\nprivate_key = ca.key\ndefault_md = sha256\n"
        "default_crl_days = 7\ncrl_extensions = crl_ext\nunique_subject = no\n"
        "[ crl_ext ]\nauthorityKeyIdentifier = keyid:always\n"
    )


def write_index(workdir: Path, rows: list[Row]) -> None:
    """Write openssl's index.txt with the same revoked serials, dates and reasons."""
    expiry = (NOW + dt.timedelta(days=400)).strftime("%y%m%d%H%M%SZ")
    with open(workdir / "index.txt", "w") as index:
        for serial, when, reason, _ in rows:
            revoked = when.strftime("%y%m%d%H%M%SZ") + (f",{reason}" if reason else "")
            hexserial = format(serial, "X")
            if len(hexserial) % 2:
                hexserial = "0" + hexserial
            index.write(f"R\t{expiry}\t{revoked}\t{hexserial}\tunknown\t/CN=bench\n")
    (workdir / "crlnumber").write_text("01\n")


def run_openssl(workdir: Path) -> tuple[float, float]:
    """Run ``openssl ca -gencrl``; return (seconds, peak RSS MiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        ["/usr/bin/openssl", "ca", "-config", "openssl.cnf", "-gencrl", "-out", "openssl.crl", "-batch"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        assert process.stderr is not None
        raise RuntimeError(process.stderr.read().decode())
    return elapsed, usage.ru_maxrss / 1024


def bench_size(count: int, workdir: Path, backend: KeyBackend, ca_cert: x509.Certificate) -> dict[str, Any]:
    """Compare ours and openssl's on *count* entries."""
    rows = make_rows(count, random.Random(count))
    target = workdir / "ours.crl"

    def ours(entries: bytes, number: int) -> int:
        crl = build_crl(
            backend,
            hashes.SHA256(),
            issuer=ca_cert,
            number=number,
            this_update=NOW,
            next_update=NOW + dt.timedelta(days=7),
            entries=entries,
        )
        publish_atomically(target, crl)
        return len(crl)

    def ours_full() -> int:
        return ours(encode_entries(rows), 2)

    blob = encode_entries(rows)

    def ours_cached() -> int:
        return ours(blob, 3)

    full_s, full_mib, size = in_child(ours_full)
    cached_s, cached_mib, _ = in_child(ours_cached)
    write_index(workdir, rows)
    openssl_s, openssl_mib = run_openssl(workdir)
    # Sanity: both CRLs list the same serials.
    ours_crl = x509.load_der_x509_crl(target.read_bytes())
    theirs = x509.load_pem_x509_crl((workdir / "openssl.crl").read_bytes())
    if len(ours_crl) != len(theirs) != count:
        raise RuntimeError("entry counts differ")
    verify = subprocess.run(
        [
            "/usr/bin/openssl",
            "crl",
            "-inform",
            "DER",
            "-in",
            str(target),
            "-noout",
            "-CAfile",
            str(workdir / "ca.pem"),
            "-verify",
        ],
        capture_output=True,
        text=True,
    )
    return {
        "entries": count,
        "crl_bytes": size,
        "ours_full_s": full_s,
        "ours_full_peak_mib": full_mib,
        "ours_cached_s": cached_s,
        "ours_cached_peak_mib": cached_mib,
        "openssl_s": openssl_s,
        "openssl_peak_mib": openssl_mib,
        "ratio_full": full_s / openssl_s,
        "ratio_cached": cached_s / openssl_s,
        "openssl_verify_ok": "verify OK" in verify.stdout + verify.stderr,
    }


def bench_service(count: int, workdir: Path, database_url: str | None, repeats: int) -> dict[str, Any]:
    """Load *count* revocations into a CA and time revoke() -> CRL published."""
    url = database_url or f"sqlite:///{workdir / 'service.sqlite3'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)
    ca = CertificateAuthority(
        factory,
        FileKeyStore(workdir / "service-keys", "bench", key_size=3072),
        workdir / "repository",
        "http://ca.madoguchi.example.jp",
    )
    ca.init("Bench CA", NOW - dt.timedelta(days=30))
    rng = random.Random(7)
    rows = make_rows(count, rng)
    started = time.perf_counter()
    not_after = NOW + dt.timedelta(days=300)
    with factory() as session, session.begin():
        generation = session.query(models.CaGeneration).one()
        batch = 50_000
        for offset in range(0, count, batch):
            chunk = rows[offset : offset + batch]
            # Bench filler: certificate rows carry an empty DER, only their metadata matters here.
            session.execute(
                insert(models.CaCertificate),
                [
                    {
                        "id": offset + i + 1,
                        "generation_id": generation.id,
                        "serial_hex": Serial(serial).key,
                        "profile": "general",
                        "subject": "CN=bench",
                        "email": "bench@example.jp",
                        "not_before": not_after - dt.timedelta(days=395),
                        "not_after": not_after,
                        "der": b"",
                        "sha256": "",
                        "created_at": NOW,
                    }
                    for i, (serial, _, _, _) in enumerate(chunk)
                ],
            )
            session.execute(
                insert(models.CaRevocation),
                [
                    {
                        "certificate_id": offset + i + 1,
                        "generation_id": generation.id,
                        "serial_hex": Serial(serial).key,
                        "revoked_at": when,
                        "reason": reason,
                        "cert_not_after": not_after,
                        "entry_der": encode_entries([(serial, when, reason, None)]),
                        "change_seq": 1,
                        "updated_at": when,
                    }
                    for i, (serial, when, reason, _) in enumerate(chunk)
                ],
            )
        generation.change_seq = 1
    load_s = time.perf_counter() - started
    if url.startswith("postgresql"):
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('ca_certificate', 'id'), "
                "(SELECT max(id) FROM ca_certificate))"
            )
    rss_before = rss_kib()
    started = time.perf_counter()
    first = ca.publish_crls(NOW)
    cold_s = time.perf_counter() - started
    cache_mib = (rss_kib() - rss_before) / 1024
    key = FileKeyStore(workdir / "subscriber", "x", key_size=2048).create("subscriber").public_key()
    timings = []
    for i in range(repeats):
        issued = ca.issue("general", SubjectFields("Bench"), f"b{i}@example.jp", key, now=NOW)  # type: ignore[arg-type]
        started = time.perf_counter()
        number = ca.revoke(issued.serial, "keyCompromise", None, NOW + dt.timedelta(seconds=i + 1))
        timings.append(time.perf_counter() - started)
    crl = x509.load_der_x509_crl(ca.crl_path(1).read_bytes())
    if crl.get_revoked_certificate_by_serial_number(issued.serial) is None:
        raise RuntimeError("revoked serial missing from the published CRL")
    engine.dispose()
    return {
        "revoked_on_record": count + repeats,
        "database": url.split(":")[0],
        "load_s": load_s,
        "cold_publish_s": cold_s,
        "cold_crl_bytes": first[0].size,
        "rss_growth_after_cold_publish_mib": cache_mib,
        "revoke_to_published_s": timings,
        "revoke_to_published_median_s": statistics.median(timings),
        "last_crl_number": number,
        "last_crl_entries": len(crl),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--service-size", type=int, default=1_000_000, help="0 skips the service benchmark")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results: dict[str, Any] = {"sizes": []}
    with tempfile.TemporaryDirectory(prefix="crl-bench-") as temp:
        workdir = Path(temp)
        store = FileKeyStore(workdir / "keys", "bench", key_size=3072)
        backend = store.create("bench-ca")
        ca_cert = self_signed(backend, hashes.SHA256(), "Bench CA", 1, NOW - dt.timedelta(days=1))
        key_pem = (workdir / "keys" / "bench-ca.p8.pem").read_bytes()
        plain = serialization.load_pem_private_key(key_pem, b"bench").private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        write_openssl_ca(workdir, backend, ca_cert, plain)
        print(
            f"{'entries':>9} {'CRL MB':>7} {'ours s':>8} {'ours MiB':>9} {'cached s':>9} {'openssl s':>10} "
            f"{'ossl MiB':>9} {'ours/ossl':>10} {'cached/ossl':>12}"
        )
        for size in sizes:
            row = bench_size(size, workdir, backend, ca_cert)
            results["sizes"].append(row)
            print(
                f"{row['entries']:>9} {row['crl_bytes'] / 1e6:>7.1f} {row['ours_full_s']:>8.3f} "
                f"{row['ours_full_peak_mib']:>9.1f} {row['ours_cached_s']:>9.3f} {row['openssl_s']:>10.3f} "
                f"{row['openssl_peak_mib']:>9.1f} {row['ratio_full']:>10.3f} {row['ratio_cached']:>12.3f}"
                + ("" if row["openssl_verify_ok"] else "  (openssl crl -verify FAILED)")
            )
        if args.service_size:
            service = bench_service(args.service_size, workdir, args.database_url, args.repeats)
            results["service"] = service
            print(
                f"service ({service['database']}): {service['revoked_on_record']} revoked on record, "
                f"load {service['load_s']:.1f}s, cold publish {service['cold_publish_s']:.2f}s "
                f"(RSS +{service['rss_growth_after_cold_publish_mib']:.0f} MiB for the entry cache), "
                f"revoke->published median {service['revoke_to_published_median_s']:.3f}s "
                f"(runs: {', '.join(f'{t:.3f}' for t in service['revoke_to_published_s'])})"
            )
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

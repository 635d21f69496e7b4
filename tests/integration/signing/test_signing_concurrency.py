"""Concurrent processes revoking and publishing: CRL numbers stay unique and increasing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from signing.authority import CertificateAuthority
from signing.keys import FileKeyStore
from signing.models import CaCrl
from signing.profiles import SubjectFields

ROOT = Path(__file__).resolve().parents[3]
WORKER = """
import datetime as dt, json, sys
from pathlib import Path
from dbkit.db import make_engine, make_sessionmaker
from signing.authority import CertificateAuthority
from signing.keys import FileKeyStore
url, tmp, serials = sys.argv[1], Path(sys.argv[2]), [int(s) for s in sys.argv[3].split(",")]
store = FileKeyStore(tmp / "keys", "pw", key_size=2048)
ca = CertificateAuthority(make_sessionmaker(make_engine(url)), store, tmp / "repo", "http://ca.madoguchi.example.jp")
numbers = []
for serial in serials:
    numbers.append(ca.revoke(serial, None, None, dt.datetime.now(dt.UTC)))
    numbers.extend(p.number for p in ca.publish_crls(dt.datetime.now(dt.UTC)))
print(json.dumps(numbers))
"""


def test_concurrent_revocations_and_publications(
    database_url: str,
    session_factory: sessionmaker[Session],
    tmp_path: Path,
    subscriber_key: rsa.RSAPrivateKey,
) -> None:
    ca = CertificateAuthority(
        session_factory,
        FileKeyStore(tmp_path / "keys", "pw", key_size=2048),
        tmp_path / "repo",
        "http://ca.madoguchi.example.jp",
    )
    now = dt.datetime.now(dt.UTC)
    ca.init("Concurrent CA", now)
    serials = [
        ca.issue("general", SubjectFields(f"P{i}"), f"p{i}@example.jp", subscriber_key.public_key(), now=now).serial
        for i in range(24)
    ]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, database_url, str(tmp_path), ",".join(map(str, serials[i::3]))],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    numbers: list[int] = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        own = json.loads(out)
        assert own == sorted(own) and len(set(own)) == len(own)
        numbers.extend(own)
    # 24 revocations and 24 explicit publications, after CRL 1 from init.
    assert sorted(numbers) == list(range(2, 50))
    with session_factory() as session:
        recorded = session.scalars(select(CaCrl.number).order_by(CaCrl.number)).all()
    assert list(recorded) == list(range(1, 50))
    final = x509.load_der_x509_crl(ca.crl_path(1).read_bytes())
    assert final.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 49
    assert {entry.serial_number for entry in final} == set(serials)

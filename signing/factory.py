"""Composition-root helper: a ready CertificateAuthority from a data directory and settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from signing.authority import CertificateAuthority
from signing.keys import FileKeyStore


def build_ca(
    data_dir: Path,
    session_factory: sessionmaker[Session],
    passphrase: str,
    base_url: str,
    crl_days: int = 7,
    *,
    key_size: int = 3072,
) -> CertificateAuthority:
    """Return the CA whose keys live in ``data_dir/ca/keys`` and repository in ``data_dir/ca/repository``.

    Keys are passphrase-encrypted PKCS#8 files; *crl_days* is the CRL validity
    (nextUpdate - thisUpdate), at most 10 days.
    """
    root = data_dir / "ca"
    keystore = FileKeyStore(root / "keys", passphrase, key_size=key_size)
    return CertificateAuthority(
        session_factory,
        keystore,
        root / "repository",
        base_url,
        crl_validity=dt.timedelta(days=crl_days),
    )

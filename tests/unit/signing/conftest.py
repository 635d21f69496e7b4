"""Fixtures for signing unit tests: a small file-backed CA key and certificate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from signing.cacerts import self_signed
from signing.keys import FileKeyStore, KeyBackend

T0 = dt.datetime(2026, 3, 1, 0, 0, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def ca_key(tmp_path_factory: pytest.TempPathFactory) -> tuple[KeyBackend, x509.Certificate]:
    """An RSA CA key in an encrypted file and its self-signed certificate."""
    store = FileKeyStore(tmp_path_factory.mktemp("keys"), "unit-pass", key_size=2048)
    backend = store.create("unit-ca")
    return backend, self_signed(backend, hashes.SHA256(), "Unit CA", 1, T0)


@pytest.fixture
def t0() -> dt.datetime:
    """A fixed UTC instant."""
    return T0


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A scratch directory."""
    return tmp_path

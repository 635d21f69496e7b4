"""Helpers for the online application tests: an application on record and requests to apply with."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from core.container import Container
from core.models import Applicant, Application

RECORD = {"name": "山田 太郎", "name_kana": "ヤマダ タロウ", "email": "taro@example.jp", "phone": "03-1234-5678",
          "address": "東京都千代田区千代田1-1"}


def add_application(c: Container, requested_count: int = 1, reference: str = "APP-00001") -> str:
    """An applicant with one open application whose inquiry came back and fee is paid."""
    now = c.clock.now()
    with c.factory() as session, session.begin():
        person = Applicant(name=RECORD["name"], name_kana=RECORD["name_kana"], email=RECORD["email"],
                           phone=RECORD["phone"], address=RECORD["address"], created_at=now)
        session.add(person)
        session.flush()
        session.add(Application(reference=reference, applicant_id=person.id, requested_count=requested_count,
                                inquiry_returned=True, fee_paid=True, created_at=now))
    return reference


def new_request(cn: str = "ignored") -> tuple[ec.EllipticCurvePrivateKey, bytes]:
    """A fresh P-256 key and its PEM request."""
    key = ec.generate_private_key(ec.SECP256R1())
    csr = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])).sign(key, hashes.SHA256())
    return key, csr.public_bytes(serialization.Encoding.PEM)

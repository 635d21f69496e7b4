"""S/MIME signatures on incoming mail, verified against our own CA with ``openssl cms -verify``.

A revocation request signed with the very certificate it asks to revoke is strong evidence that
the holder (or at least the holder of the key) wrote it; the case page marks it so. The signing
certificate must chain to one of our CA certificates; its validity period is not checked here
(an expired or already revoked certificate still proves possession of the key) and is reported.
"""

from __future__ import annotations

import subprocess
import tempfile
from email import message_from_bytes
from email.policy import compat32
from pathlib import Path
from typing import Any

from cryptography import x509

SIGNED_TYPES = ("application/pkcs7-signature", "application/x-pkcs7-signature")


def is_signed(raw: bytes) -> bool:
    """True for a top-level ``multipart/signed`` S/MIME mail or an opaque signed-data one."""
    msg = message_from_bytes(raw, policy=compat32)
    ctype = msg.get_content_type()
    if ctype == "multipart/signed":
        return str(msg.get_param("protocol", "")).lower() in SIGNED_TYPES
    return ctype in ("application/pkcs7-mime", "application/x-pkcs7-mime") and \
        str(msg.get_param("smime-type", "")).lower() == "signed-data"


def verify(raw: bytes, ca_certificates_pem: bytes) -> dict[str, Any] | None:
    """None for an unsigned mail; else ``{"result": "pass"|"fail", "signer_serial", ...}``."""
    if not is_signed(raw):
        return None
    if not ca_certificates_pem:
        return {"result": "fail", "error": "no CA certificate to verify against"}
    with tempfile.TemporaryDirectory(prefix="madoguchi-smime-") as tmp:
        d = Path(tmp)
        (d / "mail.eml").write_bytes(raw)
        (d / "ca.pem").write_bytes(ca_certificates_pem)
        proc = subprocess.run(
            ["openssl", "cms", "-verify", "-inform", "SMIME", "-in", str(d / "mail.eml"), "-CAfile", str(d / "ca.pem"),
             "-no_check_time", "-purpose", "any", "-signer", str(d / "signer.pem"), "-out", str(d / "content")],
            capture_output=True, timeout=30)
        signer = (d / "signer.pem").read_bytes() if (d / "signer.pem").is_file() else b""
    if proc.returncode != 0 or not signer:
        error = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return {"result": "fail", "error": (error[0] if error else "verification failed")[:300]}
    cert = x509.load_pem_x509_certificates(signer)[0]
    try:
        emails = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(
            x509.RFC822Name)
    except x509.ExtensionNotFound:
        emails = []
    return {"result": "pass", "signer_serial": format(cert.serial_number, "x"), "signer_emails": list(emails),
            "signer_subject": cert.subject.rfc4514_string(), "not_after": cert.not_valid_after_utc.isoformat()}

"""A reusable CRL consistency checker: compare each new CRL with its predecessor.

Rules: same issuer, signature valid under the issuer key, CRL number strictly greater,
thisUpdate and nextUpdate not earlier than before, nextUpdate within the allowed window,
and no serial that was listed before and whose certificate has not expired is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from cryptography import x509

from signing.errors import CrlCheckError


def _number(crl: x509.CertificateRevocationList) -> int:
    return crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number


def revoked_serials(crl: x509.CertificateRevocationList) -> set[int]:
    """Return the set of serial numbers listed in *crl*."""
    return {entry.serial_number for entry in crl}


def check_crl(
    new_der: bytes,
    issuer: x509.Certificate,
    *,
    previous_der: bytes | None = None,
    max_validity: dt.timedelta = dt.timedelta(days=10),
    not_after_of: Callable[[int], dt.datetime | None] | None = None,
    must_contain: Iterable[int] = (),
) -> x509.CertificateRevocationList:
    """Check *new_der* alone and against *previous_der*; raise :class:`CrlCheckError`.

    *not_after_of* maps a serial to its certificate's notAfter; a serial missing from the
    new CRL is acceptable only if that certificate has expired by the new thisUpdate.
    Without it, no serial may be dropped at all.
    """
    try:
        crl = x509.load_der_x509_crl(new_der)
    except ValueError as exc:
        raise CrlCheckError(f"not a DER CRL: {exc}") from exc
    if crl.issuer != issuer.subject:
        raise CrlCheckError("issuer name differs from the CA certificate subject")
    if not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
        raise CrlCheckError("signature does not verify with the issuer key")
    next_update = crl.next_update_utc
    if next_update is None:
        raise CrlCheckError("nextUpdate is missing")
    if next_update - crl.last_update_utc > max_validity:
        raise CrlCheckError("nextUpdate is further away than allowed")
    number = _number(crl)
    present = revoked_serials(crl)
    missing = set(must_contain) - present
    if missing:
        raise CrlCheckError(f"serials missing from the CRL: {sorted(missing)[:5]}")
    if previous_der is None:
        return crl
    previous = x509.load_der_x509_crl(previous_der)
    if previous.issuer != crl.issuer:
        raise CrlCheckError("issuer changed between CRLs")
    if number <= _number(previous):
        raise CrlCheckError(f"CRL number {number} does not increase over {_number(previous)}")
    previous_next = previous.next_update_utc
    if previous_next is not None and next_update < previous_next:
        raise CrlCheckError("nextUpdate went backwards")
    if crl.last_update_utc < previous.last_update_utc:
        raise CrlCheckError("thisUpdate went backwards")
    for serial in revoked_serials(previous) - present:
        not_after = not_after_of(serial) if not_after_of is not None else None
        if not_after is None or not_after >= crl.last_update_utc:
            raise CrlCheckError(f"serial {serial:x} was dropped before its certificate expired")
    return crl

"""The workflow's ``Signer`` port implemented on the certification authority of :mod:`signing`."""

from __future__ import annotations

import datetime as dt

from signing.authority import CertificateAuthority


class SigningAdapter:
    """Presents :class:`signing.authority.CertificateAuthority` as the workflow's ``Signer`` port.

    A revocation of an already revoked certificate raises :class:`signing.errors.AlreadyRevoked`;
    :func:`core.services.certificates.revoke_certificate` decides what that means (a refusal,
    or for a retried job the earlier revocation).
    """

    def __init__(self, ca: CertificateAuthority) -> None:
        self.ca = ca

    def revoke(self, serial: int, reason: str | None, invalidity_date: dt.datetime | None, now: dt.datetime) -> int:
        return int(self.ca.revoke(serial, reason, invalidity_date, now))

    def refresh_if_due(self, now: dt.datetime) -> list[int]:
        return [published.number for published in self.ca.refresh_if_due(now)]

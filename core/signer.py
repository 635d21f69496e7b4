"""The workflow's ``Signer`` port implemented on the certification authority of :mod:`signing`."""

from __future__ import annotations

import datetime as dt

from signing.authority import CertificateAuthority
from signing.errors import AlreadyRevoked


class SigningAdapter:
    """Presents :class:`signing.authority.CertificateAuthority` as the workflow's ``Signer`` port."""

    def __init__(self, ca: CertificateAuthority) -> None:
        self.ca = ca

    def revoke(self, serial: int, reason: str | None, invalidity_date: dt.datetime | None, now: dt.datetime) -> int:
        try:
            return int(self.ca.revoke(serial, reason, invalidity_date, now))
        except AlreadyRevoked:
            # A retried job: the first run revoked and published, then died before recording it.
            info = self.ca.revocation(serial)
            if info is None:
                raise
            return int(info.crl_number)

    def refresh_if_due(self, now: dt.datetime) -> list[int]:
        return [published.number for published in self.ca.refresh_if_due(now)]



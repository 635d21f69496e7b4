"""Exceptions raised by the signing package; callers catch these instead of checking flags."""

from __future__ import annotations


class SigningError(Exception):
    """Base class of every error raised by the CA."""


class NotInitialized(SigningError):
    """The CA has no generation yet: run ``init`` first."""


class AlreadyInitialized(SigningError):
    """``init`` was called on a CA that already has a generation."""


class UnknownCertificate(SigningError):
    """No certificate with this serial number was issued by this CA."""


class InvalidRequest(SigningError):
    """The issuance or revocation request is malformed (bad profile, email, reason...)."""


class AlreadyRevoked(SigningError):
    """The certificate is already revoked and the new request is not an upgrade to keyCompromise."""


class KeyStoreError(SigningError):
    """A key could not be created, found or used."""


class CrlCheckError(SigningError):
    """A CRL failed a consistency check against its predecessor."""

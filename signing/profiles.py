"""Issuance profiles: the general certificate and the document information manager one.

Both are S/MIME "individual validated, multipurpose" style certificates for RSA or EC
subscriber keys, valid exactly 1 year 1 month.  The document information manager
(文書情報管理士) profile records the JIIMA qualification registration number in the
subject: ``serialNumber`` carries the number verbatim and ``title`` says
"Document Information Manager".  Both attributes are standard (RFC 5280 / X.520) and
allowed by the S/MIME Baseline Requirements' individual-validated subject profile, so
any relying party can read them without a private extension.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from signing.errors import InvalidRequest

DOCUMENT_INFORMATION_MANAGER_TITLE = "Document Information Manager"
# CA/Browser Forum S/MIME BR reserved policy: individual-validated, multipurpose generation.
SMIME_INDIVIDUAL_MULTIPURPOSE = x509.ObjectIdentifier("2.23.140.1.5.4.2")

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_REGISTRATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")


class Profile(StrEnum):
    """The certificate kinds this CA issues."""

    GENERAL = "general"
    DOCUMENT_INFORMATION_MANAGER = "document-information-manager"


@dataclass(frozen=True)
class SubjectFields:
    """Subject attributes of a subscriber certificate (the email goes into the SAN)."""

    common_name: str
    given_name: str | None = None
    surname: str | None = None
    organization: str | None = None
    country: str = "JP"


@dataclass(frozen=True)
class Urls:
    """Where relying parties find the issuer's certificate, CRL and OCSP responder."""

    ca_issuers: str
    crl: str
    ocsp: str


def parse_profile(value: str) -> Profile:
    """Return the :class:`Profile` named *value* (aliases ``dim`` and ``document``)."""
    aliases = {"dim": Profile.DOCUMENT_INFORMATION_MANAGER, "document": Profile.DOCUMENT_INFORMATION_MANAGER}
    if value in aliases:
        return aliases[value]
    try:
        return Profile(value)
    except ValueError:
        raise InvalidRequest(f"unknown profile {value!r}") from None


def check_email(email: str) -> str:
    """Return *email* if it is a plain ASCII mailbox usable as an rfc822Name."""
    if len(email) > 254 or not _EMAIL.match(email):
        raise InvalidRequest(f"invalid email address {email!r}")
    return email


def subject_name(profile: Profile, fields: SubjectFields, registration_number: str | None) -> x509.Name:
    """Return the subject DN for *profile*, validating the registration number rule."""
    if not fields.common_name.strip() or len(fields.common_name) > 64:
        raise InvalidRequest("common name must be 1-64 characters")
    if len(fields.country) != 2 or not fields.country.isalpha() or not fields.country.isupper():
        raise InvalidRequest("country must be a two-letter upper-case ISO 3166 code")
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, fields.country)]
    if fields.organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, fields.organization))
    if fields.surname:
        attributes.append(x509.NameAttribute(NameOID.SURNAME, fields.surname))
    if fields.given_name:
        attributes.append(x509.NameAttribute(NameOID.GIVEN_NAME, fields.given_name))
    if profile is Profile.DOCUMENT_INFORMATION_MANAGER:
        if not registration_number or not _REGISTRATION.match(registration_number):
            raise InvalidRequest("a document information manager certificate needs a registration number")
        attributes.append(x509.NameAttribute(NameOID.TITLE, DOCUMENT_INFORMATION_MANAGER_TITLE))
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, registration_number))
    elif registration_number:
        raise InvalidRequest("a registration number is only recorded in the document-information-manager profile")
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, fields.common_name))
    return x509.Name(attributes)


def registration_number_of(certificate: x509.Certificate) -> str | None:
    """Return the registration number recorded by the document information manager profile."""
    titles = certificate.subject.get_attributes_for_oid(NameOID.TITLE)
    numbers = certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    if titles and titles[0].value == DOCUMENT_INFORMATION_MANAGER_TITLE and numbers:
        value = numbers[0].value
        return value if isinstance(value, str) else value.decode()
    return None


def leaf_extensions(
    *,
    subject_key: CertificateIssuerPublicKeyTypes,
    issuer_key: CertificateIssuerPublicKeyTypes,
    email: str,
    urls: Urls,
    client_auth: bool = False,
) -> Sequence[x509.Extension[x509.ExtensionType]]:
    """Return the extensions of a subscriber certificate, in a conventional order."""
    if not isinstance(subject_key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
        raise InvalidRequest("subscriber keys must be RSA or EC")
    if isinstance(subject_key, rsa.RSAPublicKey) and subject_key.key_size < 2048:
        raise InvalidRequest("RSA subscriber keys must be at least 2048 bits")
    # Key encipherment only makes sense for RSA (key transport); EC keys use key agreement.
    key_usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=isinstance(subject_key, rsa.RSAPublicKey),
        data_encipherment=False,
        key_agreement=isinstance(subject_key, ec.EllipticCurvePublicKey),
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    usages = [ExtendedKeyUsageOID.EMAIL_PROTECTION]
    if client_auth:
        usages.append(ExtendedKeyUsageOID.CLIENT_AUTH)
    values: list[tuple[x509.ExtensionType, bool]] = [
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (key_usage, True),
        (x509.ExtendedKeyUsage(usages), False),
        (x509.SubjectAlternativeName([x509.RFC822Name(check_email(email))]), False),
        (x509.SubjectKeyIdentifier.from_public_key(subject_key), False),
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key), False),
        (x509.CertificatePolicies([x509.PolicyInformation(SMIME_INDIVIDUAL_MULTIPURPOSE, None)]), False),
        (
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(urls.crl)], None, None, None)]
            ),
            False,
        ),
        (
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(urls.ocsp)
                    ),
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.CA_ISSUERS,
                        x509.UniformResourceIdentifier(urls.ca_issuers),
                    ),
                ]
            ),
            False,
        ),
    ]
    return [x509.Extension(v.oid, critical, v) for v, critical in values]

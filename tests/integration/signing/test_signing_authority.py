"""CertificateAuthority against SQLite and PostgreSQL: issuance, revocation, CRLs, status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from signing.authority import CertificateAuthority
from signing.crlcheck import check_crl
from signing.errors import (
    AlreadyInitialized,
    AlreadyRevoked,
    InvalidRequest,
    SigningError,
    UnknownCertificate,
)
from signing.profiles import SubjectFields, registration_number_of

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def _crl(ca: CertificateAuthority, generation: int = 1) -> x509.CertificateRevocationList:
    return x509.load_der_x509_crl(ca.crl_path(generation).read_bytes())


def _ca_cert(ca: CertificateAuthority, generation: int = 1) -> x509.Certificate:
    return x509.load_der_x509_certificate(ca.generations()[generation - 1].certificate)


def test_init_publishes_certificate_and_first_crl(ca: CertificateAuthority, t0: dt.datetime) -> None:
    crl = _crl(ca)
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 1
    assert len(crl) == 0
    assert crl.next_update_utc is not None
    assert crl.next_update_utc - crl.last_update_utc == dt.timedelta(days=7)
    assert crl.is_signature_valid(_ca_cert(ca).public_key())  # type: ignore[arg-type]
    with pytest.raises(AlreadyInitialized):
        ca.init("Again", t0)


def test_issue_general_profile(ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime) -> None:
    now = t0 + dt.timedelta(microseconds=123456)
    issued = ca.issue(
        "general", SubjectFields("Hanako Suzuki"), "hanako@example.jp", subscriber_key.public_key(), now=now
    )
    cert = x509.load_der_x509_certificate(issued.der)
    assert cert.serial_number == issued.serial
    assert 0 < issued.serial < 2**128
    assert cert.not_valid_before_utc == t0
    # 2026-01-31 + 1 year 1 month: February has no 31st, so the day is clamped.
    assert cert.not_valid_after_utc == dt.datetime(2027, 2, 28, 9, 30, 15, tzinfo=dt.UTC)
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical
    assert ku.value.digital_signature and ku.value.content_commitment and ku.value.key_encipherment
    assert not ku.value.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.EMAIL_PROTECTION]
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == ["hanako@example.jp"]
    ca_cert = _ca_cert(ca)
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    dp = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert dp[0].full_name == [x509.UniformResourceIdentifier("http://ca.madoguchi.example.jp/repository/gen1.crl")]
    aia = {
        a.access_method: a.access_location.value
        for a in cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    }
    assert aia[x509.oid.AuthorityInformationAccessOID.OCSP] == "http://ca.madoguchi.example.jp/ocsp"
    assert aia[x509.oid.AuthorityInformationAccessOID.CA_ISSUERS].endswith("/repository/gen1.cer")
    cert.verify_directly_issued_by(ca_cert)
    assert registration_number_of(cert) is None


def test_document_information_manager_records_registration_number(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    issued = ca.issue(
        "document-information-manager",
        SubjectFields("Taro Yamada", "Taro", "Yamada"),
        "taro@example.jp",
        subscriber_key.public_key(),
        "JIIMA-2024-0042",
        now=t0,
    )
    cert = x509.load_der_x509_certificate(issued.der)
    assert registration_number_of(cert) == "JIIMA-2024-0042"
    assert cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == "JIIMA-2024-0042"
    with pytest.raises(InvalidRequest):
        ca.issue(
            "document-information-manager",
            SubjectFields("X"),
            "x@example.jp",
            subscriber_key.public_key(),
            None,
            now=t0,
        )
    with pytest.raises(InvalidRequest):
        ca.issue("general", SubjectFields("X"), "x@example.jp", subscriber_key.public_key(), "123", now=t0)
    with pytest.raises(InvalidRequest):
        ca.issue("general", SubjectFields("X"), "not-an-email", subscriber_key.public_key(), now=t0)


def test_several_certificates_per_application(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    serials = {
        ca.issue(
            "general",
            SubjectFields("Ken"),
            "ken@example.jp",
            subscriber_key.public_key(),
            now=t0,
            application_ref="APP-1",
        ).serial
        for _ in range(3)
    }
    assert len(serials) == 3
    assert ca.status(t0)["generations"][0]["issued"] == 3


def test_revoke_reasons_invalidity_date_and_crl_sequence(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    key = subscriber_key.public_key()
    certs = [ca.issue("general", SubjectFields(f"U{i}"), f"u{i}@example.jp", key, now=t0) for i in range(5)]
    ca_cert = _ca_cert(ca)
    previous = ca.crl_path(1).read_bytes()
    reasons = [None, "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"]
    for i, (issued, reason) in enumerate(zip(certs, reasons, strict=True)):
        now = t0 + (i + 1) * HOUR
        invalidity = t0 if reason == "keyCompromise" else None
        number = ca.revoke(issued.serial, reason, invalidity, now)
        assert number == i + 2
        current = ca.crl_path(1).read_bytes()
        crl = check_crl(current, ca_cert, previous_der=previous, must_contain=[c.serial for c in certs[: i + 1]])
        assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == number
        previous = current
    crl = _crl(ca)
    entries = {e.serial_number: e for e in crl}
    with pytest.raises(x509.ExtensionNotFound):
        entries[certs[0].serial].extensions.get_extension_for_class(x509.CRLReason)
    kc = entries[certs[1].serial]
    assert kc.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.key_compromise
    assert kc.extensions.get_extension_for_class(x509.InvalidityDate).value.invalidity_date_utc == t0
    assert (
        entries[certs[4].serial].extensions.get_extension_for_class(x509.CRLReason).value.reason
        == x509.ReasonFlags.cessation_of_operation
    )
    assert entries[certs[2].serial].revocation_date_utc == t0 + 3 * HOUR


def test_rerevocation_only_upgrades_to_key_compromise(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    issued = ca.issue("general", SubjectFields("R"), "r@example.jp", subscriber_key.public_key(), now=t0)
    first = ca.revoke(issued.serial, "superseded", None, t0 + HOUR)
    with pytest.raises(AlreadyRevoked):
        ca.revoke(issued.serial, "superseded", None, t0 + 2 * HOUR)
    with pytest.raises(AlreadyRevoked):
        ca.revoke(issued.serial, None, None, t0 + 2 * HOUR)
    upgraded = ca.revoke(issued.serial, "keyCompromise", t0, t0 + 2 * HOUR)
    assert upgraded == first + 1
    with pytest.raises(AlreadyRevoked):
        ca.revoke(issued.serial, "keyCompromise", None, t0 + 3 * HOUR)
    (entry,) = list(_crl(ca))
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.key_compromise
    # The original revocation date is kept when the reason is upgraded.
    assert entry.revocation_date_utc == t0 + HOUR
    with pytest.raises(InvalidRequest):
        ca.revoke(issued.serial, "certificateHold", None, t0 + 3 * HOUR)
    with pytest.raises(UnknownCertificate):
        ca.revoke(12345, None, None, t0 + 3 * HOUR)


def test_invalid_requests_leave_crl_untouched(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    issued = ca.issue("general", SubjectFields("F"), "f@example.jp", subscriber_key.public_key(), now=t0)
    with pytest.raises(InvalidRequest):
        ca.revoke(issued.serial, "privilegeWithdrawn", None, t0 + HOUR)
    with pytest.raises(InvalidRequest):
        ca.revoke(issued.serial, "keyCompromise", t0 + 2 * DAY, t0 + HOUR)
    assert ca.status(t0)["generations"][0]["crl_number"] == 1
    assert ca.status(t0)["generations"][0]["revoked"] == 0


def test_refresh_if_due_reissues_without_changes(ca: CertificateAuthority, t0: dt.datetime) -> None:
    assert ca.refresh_if_due(t0 + DAY, margin=dt.timedelta(hours=24)) == []
    previous = ca.crl_path(1).read_bytes()
    published = ca.refresh_if_due(t0 + 6 * DAY + HOUR, margin=dt.timedelta(hours=24))
    assert [(p.generation, p.number) for p in published] == [(1, 2)]
    check_crl(ca.crl_path(1).read_bytes(), _ca_cert(ca), previous_der=previous)
    status = ca.status(t0 + 6 * DAY + HOUR)
    assert status["generations"][0]["crl_next_update"] == (t0 + 13 * DAY + HOUR).isoformat()
    assert ca.refresh_if_due(t0 + 6 * DAY + 2 * HOUR) == []


def test_expired_entries_are_dropped_and_checker_accepts_it(
    make_ca: Callable[..., CertificateAuthority], subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    ca = make_ca()
    ca.init("Expiry CA", t0)
    issued = ca.issue("general", SubjectFields("E"), "e@example.jp", subscriber_key.public_key(), now=t0)
    ca.revoke(issued.serial, None, None, t0 + HOUR)
    before = ca.crl_path(1).read_bytes()
    later = issued.not_after + DAY
    # A fresh instance has no cache, the first one drops from its cache: both must agree.
    for authority in (ca, make_ca()):
        authority.publish_crls(later)
        after = authority.crl_path(1).read_bytes()
        assert len(x509.load_der_x509_crl(after)) == 0
        check_crl(after, _ca_cert(ca), previous_der=before, not_after_of={issued.serial: issued.not_after}.get)
        before = after


def test_new_instance_rebuilds_the_same_entries(
    make_ca: Callable[..., CertificateAuthority], subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    first = make_ca()
    first.init("Cache CA", t0)
    serials = []
    for i in range(4):
        issued = first.issue("general", SubjectFields("C"), f"c{i}@example.jp", subscriber_key.public_key(), now=t0)
        serials.append(issued.serial)
    first.revoke(serials[0], None, None, t0 + HOUR)
    second = make_ca()
    second.revoke(serials[1], "superseded", None, t0 + 2 * HOUR)
    # The first instance's cache is stale; it must pick up the second instance's change.
    first.revoke(serials[2], "keyCompromise", None, t0 + 3 * HOUR)
    second.revoke(serials[0], "keyCompromise", None, t0 + 4 * HOUR)
    number = first.revoke(serials[3], None, None, t0 + 5 * HOUR)
    crl = _crl(first)
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == number == 6
    assert {e.serial_number for e in crl} == set(serials)
    entry = crl.get_revoked_certificate_by_serial_number(serials[0])
    assert entry is not None
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.key_compromise


def test_crl_validity_limits(make_ca: Callable[..., CertificateAuthority]) -> None:
    with pytest.raises(ValueError):
        make_ca(crl_validity=dt.timedelta(days=11))
    make_ca(crl_validity=dt.timedelta(days=10))


def test_naive_time_is_refused(ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(ValueError):
        ca.issue(
            "general",
            SubjectFields("N"),
            "n@example.jp",
            subscriber_key.public_key(),
            now=dt.datetime(2026, 2, 1),
        )


def test_this_update_stays_monotonic_within_tolerance(ca: CertificateAuthority, t0: dt.datetime) -> None:
    (first,) = ca.publish_crls(t0 + HOUR)
    # A publisher that read the clock a minute earlier, before waiting for the lock.
    (second,) = ca.publish_crls(t0 + HOUR - dt.timedelta(minutes=1))
    assert second.number == first.number + 1
    assert second.this_update == first.this_update
    with pytest.raises(SigningError, match="clock went backwards"):
        ca.publish_crls(t0)
    assert ca.status(t0)["generations"][0]["crl_number"] == second.number


def test_failed_revocation_keeps_published_state_consistent(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    a = ca.issue("general", SubjectFields("A"), "a@example.jp", subscriber_key.public_key(), now=t0)
    b = ca.issue("general", SubjectFields("B"), "b@example.jp", subscriber_key.public_key(), now=t0)
    ca.revoke(a.serial, None, None, t0 + 2 * HOUR)
    # Publishing far in the past fails after the cache was synchronised; the row is rolled back.
    with pytest.raises(SigningError):
        ca.revoke(b.serial, None, None, t0)
    number = ca.revoke(b.serial, "superseded", None, t0 + 3 * HOUR)
    crl = _crl(ca)
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == number == 3
    assert {e.serial_number for e in crl} == {a.serial, b.serial}


def test_invalidity_date_equal_to_now_with_microseconds(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    issued = ca.issue("general", SubjectFields("M"), "m@example.jp", subscriber_key.public_key(), now=t0)
    now = t0 + HOUR + dt.timedelta(microseconds=654321)
    ca.revoke(issued.serial, "keyCompromise", now, now)
    entry = _crl(ca).get_revoked_certificate_by_serial_number(issued.serial)
    assert entry is not None
    invalidity = entry.extensions.get_extension_for_class(x509.InvalidityDate).value.invalidity_date_utc
    assert invalidity == t0 + HOUR


def test_expired_entries_leave_at_the_next_full_rebuild(
    make_ca: Callable[..., CertificateAuthority], subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    ca = make_ca(cache_rebuild_interval=dt.timedelta(hours=6))
    ca.init("Rebuild CA", t0)
    issued = ca.issue("general", SubjectFields("E"), "e@example.jp", subscriber_key.public_key(), now=t0)
    ca.publish_crls(issued.not_after - HOUR)  # Full rebuild: the cache is fresh from here.
    ca.revoke(issued.serial, None, None, issued.not_after - HOUR)
    # Just after expiry, within the rebuild interval, keeping the entry is allowed.
    ca.publish_crls(issued.not_after + HOUR)
    assert [e.serial_number for e in _crl(ca)] == [issued.serial]
    ca.publish_crls(issued.not_after + 6 * HOUR)
    assert len(_crl(ca)) == 0


def test_revocation_lookup_for_idempotent_retries(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, t0: dt.datetime
) -> None:
    issued = ca.issue("general", SubjectFields("L"), "l@example.jp", subscriber_key.public_key(), now=t0)
    assert ca.revocation(issued.serial) is None
    number = ca.revoke(issued.serial, "superseded", None, t0 + HOUR)
    info = ca.revocation(issued.serial)
    assert info is not None
    assert (info.reason, info.revoked_at, info.crl_number) == ("superseded", t0 + HOUR, number)
    upgraded = ca.revoke(issued.serial, "keyCompromise", None, t0 + 2 * HOUR)
    info = ca.revocation(issued.serial)
    assert info is not None and (info.reason, info.crl_number) == ("keyCompromise", upgraded)
    (refreshed,) = ca.publish_crls(t0 + 3 * HOUR)
    info = ca.revocation(issued.serial)
    assert info is not None and info.crl_number == refreshed.number
    with pytest.raises(UnknownCertificate):
        ca.revocation(99)


def test_ec_subscriber_key_gets_key_agreement(ca: CertificateAuthority, t0: dt.datetime) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    issued = ca.issue("general", SubjectFields("EC"), "ec@example.jp", key.public_key(), now=t0)
    usage = x509.load_der_x509_certificate(issued.der).extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and usage.key_agreement
    # keyEncipherment is meaningless for EC keys (RFC 8813), so it is left out.
    assert not usage.key_encipherment

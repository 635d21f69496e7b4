"""Third-party checks with openssl: verify -crl_check across a CA key rollover, crl -verify."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from signing.authority import CertificateAuthority
from signing.crlcheck import check_crl
from signing.profiles import SubjectFields

DAY = dt.timedelta(days=1)


def _subject(der_bytes: bytes) -> str:
    return x509.load_der_x509_certificate(der_bytes).subject.rfc4514_string()


def test_rollover_links_and_crl_checks(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, openssl: Any, t0: dt.datetime
) -> None:
    key = subscriber_key.public_key()
    old_good = ca.issue("general", SubjectFields("Old Good"), "og@example.jp", key, now=t0)
    old_bad = ca.issue("general", SubjectFields("Old Bad"), "ob@example.jp", key, now=t0)
    ca.revoke(old_bad.serial, "keyCompromise", None, t0 + DAY)
    gen1_crl_before = ca.crl_path(1).read_bytes()

    info = ca.rollover(t0 + 2 * DAY)
    assert info.number == 2
    new_good = ca.issue("general", SubjectFields("New Good"), "ng@example.jp", key, now=t0 + 3 * DAY)
    new_bad = ca.issue("general", SubjectFields("New Bad"), "nb@example.jp", key, now=t0 + 3 * DAY)
    assert (new_good.generation, old_good.generation) == (2, 1)
    ca.revoke(new_bad.serial, "superseded", None, t0 + 4 * DAY)
    ca.publish_crls(t0 + 4 * DAY)

    gen1, gen2 = ca.generations()
    assert gen2.new_with_old is not None and gen2.old_with_new is not None
    # NewWithOld carries the new name and key under the old issuer; OldWithNew the reverse.
    assert _subject(gen2.new_with_old) == _subject(gen2.certificate)
    assert x509.load_der_x509_certificate(gen2.new_with_old).issuer.rfc4514_string() == _subject(gen1.certificate)
    assert _subject(gen2.old_with_new) == _subject(gen1.certificate)
    assert x509.load_der_x509_certificate(gen2.old_with_new).issuer.rfc4514_string() == _subject(gen2.certificate)

    crl1 = ca.crl_path(1).read_bytes()
    crl2 = ca.crl_path(2).read_bytes()
    check_crl(
        crl1,
        x509.load_der_x509_certificate(gen1.certificate),
        previous_der=gen1_crl_before,
        must_contain=[old_bad.serial],
    )
    check_crl(crl2, x509.load_der_x509_certificate(gen2.certificate), must_contain=[new_bad.serial])
    at = t0 + 5 * DAY

    # Same-generation paths.
    ok = openssl.verify(old_good.der, anchor=gen1.certificate, crls=[crl1], at=at)
    assert ok.returncode == 0, ok.stderr + ok.stdout
    bad = openssl.verify(old_bad.der, anchor=gen1.certificate, crls=[crl1], at=at)
    assert bad.returncode != 0 and "certificate revoked" in bad.stdout + bad.stderr
    ok = openssl.verify(new_good.der, anchor=gen2.certificate, crls=[crl2], at=at)
    assert ok.returncode == 0, ok.stderr + ok.stdout
    bad = openssl.verify(new_bad.der, anchor=gen2.certificate, crls=[crl2], at=at)
    assert bad.returncode != 0 and "certificate revoked" in bad.stdout + bad.stderr

    # Old leaf, relying party trusting only the new root: via OldWithNew.
    ok = openssl.verify(old_good.der, anchor=gen2.certificate, untrusted=[gen2.old_with_new], crls=[crl1], at=at)
    assert ok.returncode == 0, ok.stderr + ok.stdout
    bad = openssl.verify(old_bad.der, anchor=gen2.certificate, untrusted=[gen2.old_with_new], crls=[crl1], at=at)
    assert bad.returncode != 0 and "certificate revoked" in bad.stdout + bad.stderr
    # Without the link certificate there is no path at all.
    none = openssl.verify(old_good.der, anchor=gen2.certificate, crls=[crl1], at=at)
    assert none.returncode != 0

    # New leaf, relying party trusting only the old root: via NewWithOld.
    ok = openssl.verify(new_good.der, anchor=gen1.certificate, untrusted=[gen2.new_with_old], crls=[crl2], at=at)
    assert ok.returncode == 0, ok.stderr + ok.stdout
    bad = openssl.verify(new_bad.der, anchor=gen1.certificate, untrusted=[gen2.new_with_old], crls=[crl2], at=at)
    assert bad.returncode != 0 and "certificate revoked" in bad.stdout + bad.stderr

    # A CRL signed by the wrong generation is not accepted for the other generation's leaves.
    wrong = openssl.verify(old_good.der, anchor=gen1.certificate, crls=[crl2], at=at)
    assert wrong.returncode != 0

    # Every published CRL verifies with openssl under its own generation's certificate only.
    for crl_der, own, other in ((crl1, gen1, gen2), (crl2, gen2, gen1)):
        crl_pem = openssl.pem_crl(crl_der)
        good = openssl.run("crl", "-in", crl_pem, "-noout", "-CAfile", openssl.pem_cert(own.certificate), "-verify")
        assert good.returncode == 0 and "verify OK" in good.stderr + good.stdout
        mismatched = openssl.run(
            "crl", "-in", crl_pem, "-noout", "-CAfile", openssl.pem_cert(other.certificate), "-verify"
        )
        assert "verify OK" not in mismatched.stderr + mismatched.stdout

    # The link certificates themselves verify under their issuers.
    for link, issuer in ((gen2.new_with_old, gen1.certificate), (gen2.old_with_new, gen2.certificate)):
        result = openssl.run(
            "verify",
            "-attime",
            str(int(at.timestamp())),
            "-partial_chain",
            "-CAfile",
            openssl.pem_cert(issuer),
            openssl.pem_cert(link),
        )
        assert result.returncode == 0, result.stderr + result.stdout


def test_every_crl_of_a_revocation_series_verifies(
    ca: CertificateAuthority, subscriber_key: rsa.RSAPrivateKey, openssl: Any, t0: dt.datetime
) -> None:
    anchor = openssl.pem_cert(ca.generations()[0].certificate, "anchor.pem")
    previous = ca.crl_path(1).read_bytes()
    for i in range(4):
        issued = ca.issue("general", SubjectFields(f"S{i}"), f"s{i}@example.jp", subscriber_key.public_key(), now=t0)
        ca.revoke(issued.serial, None, None, t0 + (i + 1) * DAY)
        current = ca.crl_path(1).read_bytes()
        result = openssl.run("crl", "-inform", "DER", "-in", ca.crl_path(1), "-noout", "-CAfile", anchor, "-verify")
        assert result.returncode == 0 and "verify OK" in result.stderr + result.stdout
        check_crl(current, x509.load_der_x509_certificate(ca.generations()[0].certificate), previous_der=previous)
        previous = current

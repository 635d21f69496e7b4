"""Madoguchi package `signing`: the certification authority.

Entry points for the rest of the system:

* :func:`signing.factory.build_ca` builds a :class:`signing.authority.CertificateAuthority`
  (issue, revoke, publish_crls, refresh_if_due, rollover, status, ocsp_response).
* :func:`signing.http.build_router` serves ``/repository/`` and ``/ocsp``.
* :func:`signing.cli.register` adds the ``ca`` command to the command line.
* :func:`signing.crlcheck.check_crl` compares a new CRL with its predecessor.

Every signed structure is built as "TBS DER, sign with a :class:`signing.keys.KeyBackend`,
assemble", so file keys and PKCS#11 tokens (:mod:`signing.pkcs11`) sign the same way.
"""

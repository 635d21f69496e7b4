"""The CA's checks on a subscriber's PKCS#10 request: parse, self-signature, acceptable key."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

from signing.csr import MAX_REQUEST_BYTES, checked_request, key_fingerprint
from signing.errors import InvalidRequest


def request_for(key: object, hash_algorithm: hashes.HashAlgorithm | None = None) -> x509.CertificateSigningRequest:
    builder = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "APP-00001")]))
    algorithm = None if isinstance(key, ed25519.Ed25519PrivateKey) else (hash_algorithm or hashes.SHA256())
    return builder.sign(key, algorithm)  # type: ignore[arg-type]


@pytest.mark.parametrize("key", [
    rsa.generate_private_key(65537, 2048), rsa.generate_private_key(65537, 4096),
    ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP384R1()),
], ids=["rsa2048", "rsa4096", "p256", "p384"])
def test_acceptable_keys_pass_in_pem_and_der(key: object) -> None:
    csr = request_for(key)
    for data in (csr.public_bytes(serialization.Encoding.PEM), csr.public_bytes(serialization.Encoding.DER)):
        checked = checked_request(data)
        assert checked.public_key() == csr.public_key()
        assert key_fingerprint(checked) == key_fingerprint(csr)


@pytest.mark.parametrize("key, reason", [
    (rsa.generate_private_key(65537, 1024), "2048 to 4096 bits"),
    (rsa.generate_private_key(3, 2048), "exponent 65537"),
    (ec.generate_private_key(ec.SECP256K1()), "P-256 or P-384"),
    (ec.generate_private_key(ec.SECP521R1()), "P-256 or P-384"),
    (ed25519.Ed25519PrivateKey.generate(), "unsupported key type"),
], ids=["rsa1024", "rsa-e3", "secp256k1", "p521", "ed25519"])
def test_unacceptable_keys_are_refused(key: object, reason: str) -> None:
    data = request_for(key).public_bytes(serialization.Encoding.PEM)
    with pytest.raises(InvalidRequest, match=reason):
        checked_request(data)


def test_a_request_whose_signature_does_not_verify_is_refused() -> None:
    # An RSA request with one bit of its signature flipped: it still parses, but does not verify.
    good = request_for(rsa.generate_private_key(65537, 2048)).public_bytes(serialization.Encoding.DER)
    assert checked_request(good)
    tampered = bytearray(good)
    tampered[-5] ^= 0x01
    with pytest.raises(InvalidRequest, match="signature does not verify"):
        checked_request(bytes(tampered))


@pytest.mark.parametrize("data", [b"", b"not a request", b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END",
                                  b"\x30\x03\x02\x01\x00", b"A" * (MAX_REQUEST_BYTES + 1)],
                         ids=["empty", "text", "bad-pem", "short-der", "too-large"])
def test_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(InvalidRequest):
        checked_request(data)

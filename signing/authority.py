"""The certification authority service: issue, revoke, publish CRLs, roll keys over, answer OCSP.

This is the one class the rest of Madoguchi calls.  Every operation takes the current
time explicitly.  Revocations and CRL numbering of a generation are serialised on that
generation's row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite write transactions
start with ``BEGIN IMMEDIATE``), and each CRL is written to the publish directory while
the lock is held, so files only ever move forward in CRL number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.x509 import ocsp as x509_ocsp
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from dbkit.db import transaction
from signing import ocsp
from signing.cacerts import link_certificate, self_signed
from signing.certbuilder import sign_certificate
from signing.crl import build_crl
from signing.entrycache import EntryCache
from signing.errors import (
    AlreadyInitialized,
    InvalidRequest,
    NotInitialized,
    SigningError,
    UnknownCertificate,
)
from signing.keys import KeyStore
from signing.models import CaCertificate, CaCrl, CaGeneration, CaRevocation
from signing.profiles import Profile, SubjectFields, Urls, leaf_extensions, parse_profile, subject_name
from signing.publish import publish_atomically
from signing.revocation import check_invalidity_date, check_rerevocation, encode_entry, normalize_reason
from signing.serials import Serial, random_serial
from signing.validity import leaf_validity, require_aware

MAX_CRL_VALIDITY = dt.timedelta(days=10)
DEFAULT_REFRESH_MARGIN = dt.timedelta(hours=24)
CLOCK_TOLERANCE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class IssuedCertificate:
    """A freshly issued subscriber certificate."""

    serial: int
    der: bytes
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str  # SHA-256 of the DER, lower-case hex
    profile: str
    generation: int

    @property
    def pem(self) -> bytes:
        """The certificate in PEM form."""
        return x509.load_der_x509_certificate(self.der).public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class PublishedCrl:
    """A CRL that has just been signed and published."""

    generation: int
    number: int
    this_update: dt.datetime
    next_update: dt.datetime
    entries: int
    path: Path
    size: int


@dataclass(frozen=True)
class RevocationInfo:
    """The recorded revocation of one certificate."""

    serial: int
    revoked_at: dt.datetime
    reason: str | None
    invalidity_date: dt.datetime | None
    crl_number: int | None  # The generation's latest CRL, which lists it (imported rows: as recorded).


@dataclass(frozen=True)
class GenerationInfo:
    """One CA generation as shown in the repository."""

    number: int
    certificate: bytes
    new_with_old: bytes | None
    old_with_new: bytes | None
    not_before: dt.datetime
    not_after: dt.datetime
    crl_number: int
    crl_this_update: dt.datetime | None
    crl_next_update: dt.datetime | None


def _serial(serial: Serial | int) -> Serial:
    return serial if isinstance(serial, Serial) else Serial(serial)


def _seconds(when: dt.datetime) -> dt.datetime:
    return require_aware(when).replace(microsecond=0)


class CertificateAuthority:
    """A multi-generation CA backed by a database, a key store and a publish directory."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        keystore: KeyStore,
        publish_dir: Path,
        base_url: str,
        crl_validity: dt.timedelta = dt.timedelta(days=7),
        *,
        hash_algorithm: hashes.HashAlgorithm | None = None,
        ca_validity_years: int = 10,
        client_auth: bool = False,
        cache_rebuild_interval: dt.timedelta = dt.timedelta(hours=24),
    ) -> None:
        if not dt.timedelta(hours=1) <= crl_validity <= MAX_CRL_VALIDITY:
            raise ValueError("CRL validity (nextUpdate - thisUpdate) must be between 1 hour and 10 days")
        self.session_factory = session_factory
        self.keystore = keystore
        self.publish_dir = publish_dir
        self.base_url = base_url.rstrip("/")
        self.crl_validity = crl_validity
        self.hash_algorithm = hash_algorithm or hashes.SHA256()
        self.ca_validity_years = ca_validity_years
        self.client_auth = client_auth
        self.cache_rebuild_interval = cache_rebuild_interval
        self._caches: dict[int, EntryCache] = {}
        self._cache_touched = False
        # Serialises cache updates between threads of this process; the database row lock
        # serialises processes.
        self._publish_lock = threading.RLock()
        self._certificates: dict[int, x509.Certificate] = {}

    # Repository locations -------------------------------------------------------------

    def crl_path(self, generation: int) -> Path:
        """Return the published CRL file of *generation*."""
        return self.publish_dir / f"gen{generation}.crl"

    def certificate_path(self, generation: int) -> Path:
        """Return the published CA certificate file of *generation*."""
        return self.publish_dir / f"gen{generation}.cer"

    def urls(self, generation: int) -> Urls:
        """Return the AIA and CRL DP URLs written into certificates of *generation*."""
        return Urls(
            ca_issuers=f"{self.base_url}/repository/gen{generation}.cer",
            crl=f"{self.base_url}/repository/gen{generation}.crl",
            ocsp=f"{self.base_url}/ocsp",
        )

    # Generations ----------------------------------------------------------------------

    def init(self, name: str, now: dt.datetime) -> GenerationInfo:
        """Create generation 1: a key, its self-signed certificate and the first CRL."""
        now = _seconds(now)
        if not name.strip():
            raise InvalidRequest("the CA needs a name")
        with self.session_factory() as session:
            if session.scalar(select(func.count()).select_from(CaGeneration)):
                raise AlreadyInitialized("the CA already has a key generation")
        backend = self.keystore.create(f"ca-g1-{secrets.token_hex(4)}")
        certificate = self_signed(backend, self.hash_algorithm, name, 1, now, self.ca_validity_years)
        with self._guard(), transaction(self.session_factory) as session:
            generation = self._add_generation(session, name, 1, backend.label, certificate, now)
            self._publish_certificates(generation)
            self._publish_locked(session, generation, now)
        return self._info(generation)

    def rollover(self, now: dt.datetime) -> GenerationInfo:
        """Start a new generation with a new key, linked to the current one both ways."""
        now = _seconds(now)
        with self._guard(), transaction(self.session_factory) as session:
            current = self._lock(session, self._current(session).id)
            old_backend = self.keystore.open(current.key_label)
            old_certificate = self._certificate(current)
            number = current.number + 1
            backend = self.keystore.create(f"ca-g{number}-{secrets.token_hex(4)}")
            certificate = self_signed(
                backend, self.hash_algorithm, current.ca_name, number, now, self.ca_validity_years
            )
            new_with_old = link_certificate(old_backend, old_certificate, certificate, self.hash_algorithm, now)
            old_with_new = link_certificate(backend, certificate, old_certificate, self.hash_algorithm, now)
            generation = self._add_generation(session, current.ca_name, number, backend.label, certificate, now)
            generation.new_with_old_der = new_with_old.public_bytes(serialization.Encoding.DER)
            generation.old_with_new_der = old_with_new.public_bytes(serialization.Encoding.DER)
            session.flush()
            self._publish_certificates(generation)
            self._publish_locked(session, generation, now)
        return self._info(generation)

    def generations(self) -> list[GenerationInfo]:
        """Return every generation, oldest first."""
        with self.session_factory() as session:
            rows = session.scalars(select(CaGeneration).order_by(CaGeneration.number)).all()
            return [self._info(row) for row in rows]

    # Issuance -------------------------------------------------------------------------

    def issue(
        self,
        profile: Profile | str,
        subject: SubjectFields,
        email: str,
        public_key: CertificatePublicKeyTypes,
        registration_number: str | None = None,
        *,
        now: dt.datetime,
        application_ref: str | None = None,
    ) -> IssuedCertificate:
        """Issue a subscriber certificate from the newest generation."""
        profile = parse_profile(profile) if isinstance(profile, str) else profile
        not_before, not_after = leaf_validity(now)
        name = subject_name(profile, subject, registration_number)
        with transaction(self.session_factory) as session:
            generation = self._current(session)
            if not_after > generation.not_after:
                raise SigningError(f"generation {generation.number} expires before the certificate would; roll over")
            backend = self.keystore.open(generation.key_label)
            certificate_ca = self._certificate(generation)
            serial = random_serial()
            while session.scalar(select(CaCertificate.id).where(CaCertificate.serial_hex == Serial(serial).key)):
                serial = random_serial()  # A 128-bit collision; practically unreachable.
            certificate = sign_certificate(
                backend,
                self.hash_algorithm,
                serial=serial,
                issuer=certificate_ca.subject,
                subject=name,
                public_key=public_key,
                not_before=not_before,
                not_after=not_after,
                extensions=leaf_extensions(
                    subject_key=public_key,  # type: ignore[arg-type]
                    issuer_key=backend.public_key(),
                    email=email,
                    urls=self.urls(generation.number),
                    client_auth=self.client_auth,
                ),
            )
            der_bytes = certificate.public_bytes(serialization.Encoding.DER)
            fingerprint = hashlib.sha256(der_bytes).hexdigest()
            session.add(
                CaCertificate(
                    generation_id=generation.id,
                    serial_hex=Serial(serial).key,
                    profile=profile.value,
                    subject=name.rfc4514_string(),
                    email=email,
                    registration_number=registration_number,
                    application_ref=application_ref,
                    not_before=not_before,
                    not_after=not_after,
                    der=der_bytes,
                    sha256=fingerprint,
                    created_at=not_before,
                )
            )
            number = generation.number
        return IssuedCertificate(serial, der_bytes, not_before, not_after, fingerprint, profile.value, number)

    # Revocation and CRLs --------------------------------------------------------------

    def revoke(
        self, serial: Serial | int, reason: str | None, invalidity_date: dt.datetime | None, now: dt.datetime
    ) -> int:
        """Revoke *serial* and publish its generation's CRL; return that CRL's number.

        A certificate already revoked may only be revoked again to upgrade the reason to
        keyCompromise; anything else raises :class:`signing.errors.AlreadyRevoked`.  The
        revocation row records the number of the CRL published for it (``crl_number``).
        """
        serial = _serial(serial)
        check_invalidity_date(invalidity_date, require_aware(now))
        now = _seconds(now)
        reason = normalize_reason(reason)
        if invalidity_date is not None:
            invalidity_date = _seconds(invalidity_date)
        with self._guard(), transaction(self.session_factory) as session:
            certificate = session.scalar(select(CaCertificate).where(CaCertificate.serial_hex == serial.key))
            if certificate is None:
                raise UnknownCertificate(f"no certificate with serial {serial}")
            if certificate.generation_id is None:
                raise InvalidRequest(f"certificate {serial} was imported from the old register, not issued here")
            generation = self._lock(session, certificate.generation_id)
            if certificate.not_after < now:
                raise InvalidRequest("the certificate has already expired")
            revocation = session.scalar(select(CaRevocation).where(CaRevocation.certificate_id == certificate.id))
            generation.change_seq += 1
            if revocation is None:
                revocation = CaRevocation(
                    certificate_id=certificate.id,
                    generation_id=generation.id,
                    serial_hex=certificate.serial_hex,
                    revoked_at=now,
                    reason=reason,
                    invalidity_date=invalidity_date,
                    cert_not_after=certificate.not_after,
                )
                session.add(revocation)
            else:
                check_rerevocation(revocation.reason, reason)
                revocation.reason = reason
                revocation.invalidity_date = invalidity_date or revocation.invalidity_date
            revocation.entry_der = encode_entry(
                serial.value, revocation.revoked_at, reason, revocation.invalidity_date
            )
            revocation.change_seq = generation.change_seq
            revocation.updated_at = now
            session.flush()
            number = self._publish_locked(session, generation, now).number
            revocation.crl_number = number
            return number

    def revocation(self, serial: Serial | int) -> RevocationInfo | None:
        """Return how *serial* was revoked, or None if it is not revoked.

        Callers that retry a revocation (after a crash between ``revoke`` and their own
        commit) use this to recover the CRL number instead of revoking twice.
        """
        serial = _serial(serial)
        with self.session_factory() as session:
            row = session.scalar(select(CaRevocation).where(CaRevocation.serial_hex == serial.key))
            if row is None:
                if session.scalar(select(CaCertificate.id).where(CaCertificate.serial_hex == serial.key)):
                    return None
                raise UnknownCertificate(f"no certificate with serial {serial}")
            number = row.crl_number  # Imported revocations: the number the help desk recorded.
            if row.generation_id is not None:
                # Entries stay listed until expiry, so the generation's latest CRL contains this one.
                generation = session.get(CaGeneration, row.generation_id)
                assert generation is not None
                number = generation.crl_number
            return RevocationInfo(serial.value, row.revoked_at, row.reason, row.invalidity_date, number)

    def publish_crls(self, now: dt.datetime) -> list[PublishedCrl]:
        """Sign and publish a fresh CRL for every unexpired generation."""
        return self._publish_where(now, lambda _generation: True)

    def refresh_if_due(self, now: dt.datetime, margin: dt.timedelta = DEFAULT_REFRESH_MARGIN) -> list[PublishedCrl]:
        """Re-issue every CRL whose nextUpdate is within *margin* of *now*, changed or not."""
        now = _seconds(now)
        return self._publish_where(now, lambda g: g.crl_next_update is None or g.crl_next_update - margin <= now)

    def status(self, now: dt.datetime) -> dict[str, Any]:
        """Return a JSON-friendly summary: generations, CRL numbers, next updates, counts."""
        now = _seconds(now)
        with self.session_factory() as session:
            rows = session.scalars(select(CaGeneration).order_by(CaGeneration.number)).all()
            issued = dict(
                session.execute(
                    select(CaCertificate.generation_id, func.count()).group_by(CaCertificate.generation_id)
                ).all()
            )
            revoked = dict(
                session.execute(
                    select(CaRevocation.generation_id, func.count()).group_by(CaRevocation.generation_id)
                ).all()
            )
        generations = [
            {
                "number": row.number,
                "subject": row.subject,
                "not_before": row.not_before.isoformat(),
                "not_after": row.not_after.isoformat(),
                "sha256": hashlib.sha256(row.cert_der).hexdigest(),
                "crl_number": row.crl_number,
                "crl_this_update": row.crl_this_update.isoformat() if row.crl_this_update else None,
                "crl_next_update": row.crl_next_update.isoformat() if row.crl_next_update else None,
                "crl_overdue": row.crl_next_update is None or row.crl_next_update <= now,
                "issued": issued.get(row.id, 0),
                "revoked": revoked.get(row.id, 0),
                "expired": row.not_after <= now,
            }
            for row in rows
        ]
        return {
            "initialized": bool(rows),
            "ca_name": rows[0].ca_name if rows else None,
            "current_generation": rows[-1].number if rows else None,
            "crl_validity_seconds": int(self.crl_validity.total_seconds()),
            "generations": generations,
        }

    # OCSP -----------------------------------------------------------------------------

    def ocsp_response(self, request_der: bytes, now: dt.datetime) -> bytes:
        """Answer a DER OCSP request with a DER OCSP response signed by the issuing generation."""
        now = _seconds(now)
        try:
            request = x509_ocsp.load_der_ocsp_request(request_der)
        except ValueError:
            return ocsp.error_response(ocsp.MALFORMED_REQUEST)
        if not ocsp.supported_hash(request):
            return ocsp.error_response(ocsp.MALFORMED_REQUEST)
        with self.session_factory() as session:
            generation = None
            for row in session.scalars(select(CaGeneration).order_by(CaGeneration.number.desc())):
                name_hash, key_hash = ocsp.issuer_hashes(self._certificate(row), request.hash_algorithm)
                if (name_hash, key_hash) == (request.issuer_name_hash, request.issuer_key_hash):
                    generation = row
                    break
            if generation is None:
                return ocsp.error_response(ocsp.UNAUTHORIZED)
            status = ocsp.UNKNOWN
            key = Serial(request.serial_number).key if 0 < request.serial_number < 2**159 else None
            certificate = None
            if key is not None:
                certificate = session.scalar(
                    select(CaCertificate).where(
                        CaCertificate.serial_hex == key, CaCertificate.generation_id == generation.id
                    )
                )
            if certificate is not None:
                revocation = session.scalar(select(CaRevocation).where(CaRevocation.certificate_id == certificate.id))
                status = ocsp.GOOD
                if revocation is not None:
                    status = ocsp.CertStatus("revoked", revocation.revoked_at, revocation.reason)
            backend = self.keystore.open(generation.key_label)
        return ocsp.build_response(
            backend,
            self.hash_algorithm,
            request=request,
            status=status,
            produced_at=now,
            next_update=now + self.crl_validity,
        )

    # Internals ------------------------------------------------------------------------

    def _guard(self) -> _CacheGuard:
        return _CacheGuard(self)

    def _current(self, session: Session) -> CaGeneration:
        row = session.scalar(select(CaGeneration).order_by(CaGeneration.number.desc()).limit(1))
        if row is None:
            raise NotInitialized("the CA is not initialised; run `ca init`")
        return row

    def _lock(self, session: Session, generation_id: int) -> CaGeneration:
        statement = (
            select(CaGeneration)
            .where(CaGeneration.id == generation_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return session.execute(statement).scalar_one()

    def _certificate(self, generation: CaGeneration) -> x509.Certificate:
        cached = self._certificates.get(generation.id)
        if cached is None:
            cached = x509.load_der_x509_certificate(generation.cert_der)
            self._certificates[generation.id] = cached
        return cached

    def _add_generation(
        self,
        session: Session,
        name: str,
        number: int,
        label: str,
        certificate: x509.Certificate,
        now: dt.datetime,
    ) -> CaGeneration:
        generation = CaGeneration(
            number=number,
            ca_name=name,
            key_label=label,
            subject=certificate.subject.rfc4514_string(),
            cert_der=certificate.public_bytes(serialization.Encoding.DER),
            key_id=x509.SubjectKeyIdentifier.from_public_key(certificate.public_key()).digest.hex(),  # type: ignore[arg-type]
            not_before=certificate.not_valid_before_utc,
            not_after=certificate.not_valid_after_utc,
            crl_number=0,
            change_seq=0,
            created_at=now,
        )
        session.add(generation)
        session.flush()
        return generation

    def _publish_certificates(self, generation: CaGeneration) -> None:
        publish_atomically(self.certificate_path(generation.number), generation.cert_der)
        if generation.new_with_old_der is not None:
            publish_atomically(
                self.publish_dir / f"gen{generation.number}-new-with-old.cer", generation.new_with_old_der
            )
        if generation.old_with_new_der is not None:
            publish_atomically(
                self.publish_dir / f"gen{generation.number}-old-with-new.cer", generation.old_with_new_der
            )

    def _publish_where(self, now: dt.datetime, due: Any) -> list[PublishedCrl]:
        now = _seconds(now)
        with self.session_factory() as session:
            ids = session.scalars(
                select(CaGeneration.id).where(CaGeneration.not_after > now).order_by(CaGeneration.number)
            ).all()
        published = []
        for generation_id in ids:
            with self._guard(), transaction(self.session_factory) as session:
                generation = self._lock(session, generation_id)
                # The condition is re-read under the lock so two workers do not both refresh.
                if due(generation):
                    published.append(self._publish_locked(session, generation, now))
        return published

    def _sync_cache(self, session: Session, generation: CaGeneration, now: dt.datetime) -> EntryCache:
        """Bring the entry cache of *generation* up to date (incrementally when possible)."""
        self._cache_touched = True
        cache = self._caches.get(generation.id)
        query = select(CaRevocation.serial_hex, CaRevocation.entry_der, CaRevocation.change_seq).where(
            CaRevocation.generation_id == generation.id
        )
        stale = cache is None or cache.seq > generation.change_seq
        if cache is None or stale or now - cache.built_at >= self.cache_rebuild_interval:
            # A full rebuild also drops the entries of certificates that have expired.
            cache = EntryCache(built_at=now)
            query = query.where(CaRevocation.cert_not_after >= now)
        else:
            query = query.where(CaRevocation.change_seq > cache.seq)
        # A Core execution on the session's connection skips ORM row processing.
        cache.apply((s, e, c) for s, e, c in session.connection().execute(query))
        cache.seq = generation.change_seq
        self._caches[generation.id] = cache
        return cache

    def _publish_locked(self, session: Session, generation: CaGeneration, now: dt.datetime) -> PublishedCrl:
        """Sign and publish the next CRL of *generation*, whose row the caller has locked."""
        this_update = _seconds(now)
        last = generation.crl_this_update
        if last is not None and this_update < last:
            # Callers read the clock before waiting for the lock, so a concurrent publisher may
            # have used a slightly later time; thisUpdate is kept monotonic within a tolerance.
            if last - this_update > CLOCK_TOLERANCE:
                raise SigningError("the clock went backwards: thisUpdate would precede the last CRL's")
            this_update = last
        next_update = this_update + self.crl_validity
        if generation.crl_next_update is not None and next_update < generation.crl_next_update:
            next_update = generation.crl_next_update  # Never promise an earlier nextUpdate than before.
        cache = self._sync_cache(session, generation, this_update)
        number = generation.crl_number + 1
        crl_der = build_crl(
            self.keystore.open(generation.key_label),
            self.hash_algorithm,
            issuer=self._certificate(generation),
            number=number,
            this_update=this_update,
            next_update=next_update,
            entries=cache.blob(),
        )
        path = self.crl_path(generation.number)
        publish_atomically(path, crl_der)
        generation.crl_number = number
        generation.crl_this_update = this_update
        generation.crl_next_update = next_update
        session.add(
            CaCrl(
                generation_id=generation.id,
                number=number,
                this_update=this_update,
                next_update=next_update,
                entry_count=len(cache),
                size=len(crl_der),
                sha256=hashlib.sha256(crl_der).hexdigest(),
            )
        )
        session.flush()
        return PublishedCrl(generation.number, number, this_update, next_update, len(cache), path, len(crl_der))

    def _info(self, row: CaGeneration) -> GenerationInfo:
        return GenerationInfo(
            number=row.number,
            certificate=row.cert_der,
            new_with_old=row.new_with_old_der,
            old_with_new=row.old_with_new_der,
            not_before=row.not_before,
            not_after=row.not_after,
            crl_number=row.crl_number,
            crl_this_update=row.crl_this_update,
            crl_next_update=row.crl_next_update,
        )


class _CacheGuard:
    """Hold the CA's publish lock; drop the entry caches if a transaction that touched them fails.

    A failed transaction may have merged rows into a cache that were then rolled back.
    Failures before the cache is touched (validation errors) keep the cache.
    """

    def __init__(self, ca: CertificateAuthority) -> None:
        self._ca = ca

    def __enter__(self) -> None:
        self._ca._publish_lock.acquire()
        self._ca._cache_touched = False

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        try:
            if exc_type is not None and self._ca._cache_touched:
                self._ca._caches.clear()
        finally:
            self._ca._publish_lock.release()

"""``madoguchi ca ...``: init, issue, revoke, crl, rollover and status from the command line.

Serial numbers are shown and read as hexadecimal (an optional ``0x`` prefix is accepted).
The command line is the application boundary, so it reads the wall clock and passes it
to the library explicitly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from signing.authority import CertificateAuthority
from signing.errors import SigningError
from signing.factory import build_ca
from signing.profiles import Profile, SubjectFields
from signing.progress import ProgressBar


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ca(ctx: Any) -> CertificateAuthority:
    settings = ctx.settings
    return build_ca(
        Path(settings.data_dir),
        ctx.session_factory,
        settings.ca_key_passphrase,
        settings.public_base_url,
        settings.crl_next_update_days,
    )


def parse_serial(text: str) -> int:
    """Parse a hexadecimal serial number (colons and a 0x prefix are tolerated)."""
    cleaned = text.strip().lower().removeprefix("0x").replace(":", "")
    try:
        return int(cleaned, 16)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a hexadecimal serial number: {text!r}") from None


def parse_time(text: str) -> dt.datetime:
    """Parse an ISO 8601 time; a time without zone is refused."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give a time zone, e.g. 2026-01-02T03:04:05+09:00")
    return value


def register(subparsers: Any) -> None:
    """Add the ``ca`` command and its subcommands to an argparse *subparsers* object."""
    parser = subparsers.add_parser("ca", help="certification authority operations")
    commands = parser.add_subparsers(dest="ca_command", required=True)

    init = commands.add_parser("init", help="create the first CA key generation")
    init.add_argument("--name", help="CA name (default: settings.ca_name)")
    init.set_defaults(func=cmd_init)

    issue = commands.add_parser("issue", help="generate subscriber keys and issue certificates")
    issue.add_argument("--profile", choices=[p.value for p in Profile] + ["dim"], default=Profile.GENERAL.value)
    issue.add_argument("--cn", required=True, help="subject common name")
    issue.add_argument("--email", required=True)
    issue.add_argument("--given-name")
    issue.add_argument("--surname")
    issue.add_argument("--organization")
    issue.add_argument("--registration-number", help="document information manager registration number")
    issue.add_argument("--application-ref", help="application this issuance belongs to")
    issue.add_argument("--count", type=int, default=1, help="number of certificates (default 1)")
    issue.add_argument("--key-size", type=int, default=2048)
    issue.add_argument("--out", type=Path, required=True, help="directory for <serial>.pem (cert + key)")
    issue.set_defaults(func=cmd_issue)

    revoke = commands.add_parser("revoke", help="revoke a certificate and publish the CRL")
    revoke.add_argument("serial", type=parse_serial, help="serial number in hexadecimal")
    revoke.add_argument(
        "--reason",
        default="unspecified",
        choices=["unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"],
    )
    revoke.add_argument("--invalidity-date", type=parse_time)
    revoke.set_defaults(func=cmd_revoke)

    crl = commands.add_parser("crl", help="publish CRLs (all, or only those due)")
    crl.add_argument("--if-due", action="store_true", help="only re-issue CRLs close to nextUpdate")
    crl.add_argument("--margin-hours", type=float, default=None)
    crl.set_defaults(func=cmd_crl)

    rollover = commands.add_parser("rollover", help="create a new key generation with link certificates")
    rollover.set_defaults(func=cmd_rollover)

    status = commands.add_parser("status", help="show generations and CRL state")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=cmd_status)


def _run(action: Any) -> int:
    try:
        action()
    except SigningError as exc:
        print(f"error: {exc}")
        return 1
    return 0


def cmd_init(args: argparse.Namespace, ctx: Any) -> int:
    """Create generation 1."""

    def action() -> None:
        info = _ca(ctx).init(args.name or ctx.settings.ca_name, _now())
        print(f"initialised generation {info.number}; CRL number {info.crl_number}")

    return _run(action)


def cmd_issue(args: argparse.Namespace, ctx: Any) -> int:
    """Issue ``--count`` certificates, each with a fresh key, written as PEM files."""

    def action() -> None:
        ca = _ca(ctx)
        fields = SubjectFields(args.cn, args.given_name, args.surname, args.organization)
        args.out.mkdir(parents=True, exist_ok=True)
        bar = ProgressBar(args.count, "issuing")
        for _ in range(args.count):
            key = rsa.generate_private_key(public_exponent=65537, key_size=args.key_size)
            issued = ca.issue(
                args.profile,
                fields,
                args.email,
                key.public_key(),
                args.registration_number,
                now=_now(),
                application_ref=args.application_ref,
            )
            path = args.out / f"{issued.serial:x}.pem"
            key_pem = key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            # The file holds a private key, so it is created readable by the owner only.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(issued.pem + key_pem)
            bar.advance()
            print(f"{issued.serial:x} {issued.not_after.isoformat()} {path}")
        bar.close()

    return _run(action)


def cmd_revoke(args: argparse.Namespace, ctx: Any) -> int:
    """Revoke one certificate."""

    def action() -> None:
        reason = None if args.reason == "unspecified" else args.reason
        number = _ca(ctx).revoke(args.serial, reason, args.invalidity_date, _now())
        print(f"revoked {args.serial:x}; published CRL number {number}")

    return _run(action)


def cmd_crl(args: argparse.Namespace, ctx: Any) -> int:
    """Publish CRLs."""

    def action() -> None:
        ca = _ca(ctx)
        if args.if_due:
            hours = args.margin_hours
            if hours is None:
                hours = getattr(ctx.settings, "crl_refresh_margin_hours", 24)
            published = ca.refresh_if_due(_now(), dt.timedelta(hours=hours))
        else:
            bar = ProgressBar(1, "publishing CRLs")
            published = ca.publish_crls(_now())
            bar.advance()
            bar.close()
        for crl in published:
            print(f"generation {crl.generation}: CRL {crl.number}, {crl.entries} entries, next {crl.next_update}")
        if not published:
            print("no CRL was due")

    return _run(action)


def cmd_rollover(args: argparse.Namespace, ctx: Any) -> int:
    """Roll the CA key over."""

    def action() -> None:
        info = _ca(ctx).rollover(_now())
        print(f"new generation {info.number}; link certificates published")

    return _run(action)


def cmd_status(args: argparse.Namespace, ctx: Any) -> int:
    """Print the CA status."""

    def action() -> None:
        status = _ca(ctx).status(_now())
        if args.json:
            print(json.dumps(status, indent=2, ensure_ascii=False))
            return
        if not status["initialized"]:
            print("CA not initialised")
            return
        print(f"{status['ca_name']}: current generation {status['current_generation']}")
        for g in status["generations"]:
            print(
                f"  G{g['number']}: CRL {g['crl_number']} next {g['crl_next_update']} "
                f"issued {g['issued']} revoked {g['revoked']}{' (expired)' if g['expired'] else ''}"
            )

    return _run(action)

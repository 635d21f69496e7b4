"""``madoguchi ca ...``: init, issue, revoke, crl, rollover and status from the command line.

Serial numbers are read in any written form (:meth:`signing.serials.Serial.parse`) and shown
canonical.  The command line is the application boundary, so it reads the wall clock and
passes it to the library explicitly.

``issue`` and ``revoke`` change the certificate register the help desk works on, so they go
through the help desk's use cases (application checks, audit events); this package does not
know those, so the composition root hands the two command functions in (:func:`register`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from signing.authority import CertificateAuthority
from signing.errors import SigningError
from signing.factory import build_ca
from signing.profiles import Profile
from signing.progress import ProgressBar
from signing.serials import InvalidSerial, Serial


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


def parse_serial(text: str) -> Serial:
    """Parse a serial number in any written form (colons, spaces, ``0x``, full-width...)."""
    try:
        return Serial.parse(text)
    except InvalidSerial as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_time(text: str) -> dt.datetime:
    """Parse an ISO 8601 time; a time without zone is refused."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give a time zone, e.g. 2026-01-02T03:04:05+09:00")
    return value


Command = Callable[[argparse.Namespace, Any], int]


def register(subparsers: Any, *, issue_command: Command, revoke_command: Command) -> None:
    """Add the ``ca`` command and its subcommands to an argparse *subparsers* object.

    *issue_command* and *revoke_command* carry out ``ca issue`` and ``ca revoke`` (see the
    module docstring); the other subcommands are this module's own.
    """
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
    issue.add_argument("--application", "--application-ref", dest="application",
                       help="reference of the application this issuance belongs to (e.g. APP-2026-0001)")
    issue.add_argument("--count", type=int, default=1, help="number of certificates (default 1)")
    issue.add_argument("--key-size", type=int, default=2048)
    issue.add_argument("--out", type=Path, required=True, help="directory for <serial>.pem (cert + key)")
    issue.set_defaults(func=issue_command)

    revoke = commands.add_parser("revoke", help="revoke a certificate and publish the CRL")
    revoke.add_argument("serial", type=parse_serial, help="serial number in hexadecimal (any written form)")
    revoke.add_argument(
        "--reason",
        default="unspecified",
        choices=["unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"],
    )
    revoke.add_argument("--invalidity-date", type=parse_time)
    revoke.set_defaults(func=revoke_command)

    crl = commands.add_parser("crl", help="publish CRLs (all, or only those due)")
    crl.add_argument("--if-due", action="store_true", help="only re-issue CRLs close to nextUpdate")
    crl.add_argument("--margin-hours", type=float, default=None)
    crl.set_defaults(func=cmd_crl)

    rollover = commands.add_parser("rollover", help="create a new key generation with link certificates")
    rollover.set_defaults(func=cmd_rollover)

    status = commands.add_parser("status", help="show generations and CRL state")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=cmd_status)


def run(action: Callable[[], object], *expected: type[Exception]) -> int:
    """Run *action*; print an expected error (a :class:`SigningError` or one of *expected*) and return 1."""
    caught: tuple[type[Exception], ...] = (SigningError, *expected)
    try:
        action()
    except caught as exc:
        print(f"error: {exc}")
        return 1
    return 0


def cmd_init(args: argparse.Namespace, ctx: Any) -> int:
    """Create generation 1."""

    def action() -> None:
        info = _ca(ctx).init(args.name or ctx.settings.ca_name, _now())
        print(f"initialised generation {info.number}; CRL number {info.crl_number}")

    return run(action)


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

    return run(action)


def cmd_rollover(args: argparse.Namespace, ctx: Any) -> int:
    """Roll the CA key over."""

    def action() -> None:
        info = _ca(ctx).rollover(_now())
        print(f"new generation {info.number}; link certificates published")

    return run(action)


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

    return run(action)

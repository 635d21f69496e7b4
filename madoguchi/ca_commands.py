"""``madoguchi ca issue`` and ``ca revoke``: the CA command line on the help desk's use cases.

:mod:`signing.cli` defines the ``ca`` commands; the two that change the certificate register
are carried out here, through :mod:`core.services.certificates`, so a certificate issued or
revoked from the command line is checked, audited and seen by the help desk exactly like one
issued for sample data or revoked by a case.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from core.services.certificates import (
    ApplicationCancelled,
    Refused,
    UnknownApplication,
    issue_certificate,
    revoke_certificate,
)
from signing.cli import run
from signing.profiles import SubjectFields
from signing.progress import ProgressBar
from signing.serials import Serial

#: The actor written into the audit log for command-line actions.
ACTOR = "cli"


def cmd_issue(args: argparse.Namespace, ctx: Any) -> int:
    """Issue ``--count`` certificates, each with a fresh key, written as PEM files."""

    def action() -> None:
        c = ctx.container
        fields = SubjectFields(args.cn, args.given_name, args.surname, args.organization)
        args.out.mkdir(parents=True, exist_ok=True)
        bar = ProgressBar(args.count, "issuing")
        for _ in range(args.count):
            key = rsa.generate_private_key(public_exponent=65537, key_size=args.key_size)
            issued = issue_certificate(
                c.factory, c.ca, c.audit, application_ref=args.application, profile=args.profile,
                subject=fields, email=args.email, public_key=key.public_key(), actor=ACTOR,
                now=c.clock.now(), registration_number=args.registration_number,
            )
            serial = Serial(issued.serial)
            path = args.out / f"{serial}.pem"
            key_pem = key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            # The file holds a private key, so it is created readable by the owner only.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(issued.pem + key_pem)
            bar.advance()
            print(f"{serial} {issued.not_after.isoformat()} {path}")
        bar.close()

    return run(action, UnknownApplication, ApplicationCancelled)


def cmd_revoke(args: argparse.Namespace, ctx: Any) -> int:
    """Revoke one certificate (the case register sees it at once: it is the same register)."""

    def action() -> None:
        c = ctx.container
        reason = None if args.reason == "unspecified" else args.reason
        result = revoke_certificate(c.factory, c.ca, c.audit, args.serial, reason, actor=ACTOR,
                                    now=c.clock.now(), invalidity_date=args.invalidity_date)
        print(f"revoked {result.serial}; published CRL number {result.crl_number}")

    return run(action, Refused)

"""``madoguchi application code REF``: the one-time code printed on the inquiry form (照会書).

The code is shown once and only its hash is kept; issuing a new code replaces the old one and
ends the portal sessions opened with it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.services.online import OnlineRefused, issue_code

ACTOR = "cli"


def cmd_application_code(args: argparse.Namespace, ctx: Any) -> int:
    """Print a new one-time code for the application *args.reference*."""
    c = ctx.container
    try:
        code = issue_code(c.factory, c.audit, args.reference, actor=ACTOR, now=c.clock.now())
    except (LookupError, OnlineRefused) as exc:
        print(f"madoguchi application code: {exc}", file=sys.stderr)
        return 1
    print(f"{args.reference} {code}")
    return 0


def register(sub: Any) -> None:
    """Add the ``application code`` command to the top-level parser's subcommands."""
    group = sub.add_parser("application", help="applications of the CA's records")
    commands = group.add_subparsers(dest="application_command", required=True)
    p = commands.add_parser("code", help="issue the one-time code of the online application (printed on the "
                                         "inquiry form); only its hash is stored")
    p.add_argument("reference")
    p.set_defaults(func=cmd_application_code)

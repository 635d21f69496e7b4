"""``madoguchi doctor``: is this configuration fit for production?  Prints what to fix.

Each check yields findings with a severity: an ``error`` makes the command exit 1 (the systemd
unit runs it before ``serve``), a ``warning`` is printed and does not.  Nothing is changed.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import stat
import subprocess
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from core.settings import Settings

DEV_PASSPHRASE = Settings.model_fields["ca_key_passphrase"].default
#: No CA of ours was ever run before this day: a clock showing an earlier date is wrong.
EARLIEST_SANE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
MAX_DB_SKEW = dt.timedelta(seconds=5)


@dataclass(frozen=True)
class Finding:
    """One thing to fix (error) or to look at (warning)."""

    severity: str  # "error" | "warning"
    check: str
    problem: str
    fix: str


def _local(host: str) -> bool:
    if host in ("localhost", "") or host.endswith(".localhost") or host.endswith(".test"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_public_url(s: Settings) -> Iterator[Finding]:
    url = urllib.parse.urlsplit(s.public_base_url)
    if url.scheme != "https":
        yield Finding("error", "public_base_url", f"{s.public_base_url} is not https (it is written into "
                      "certificates and used for session cookies)", "set public_base_url = \"https://…\"")
    if _local(url.hostname or ""):
        yield Finding("error", "public_base_url", f"{url.hostname} is not reachable by relying parties",
                      "use the public host name of the repository")


def check_passphrase(s: Settings) -> Iterator[Finding]:
    if s.ca_key_passphrase == DEV_PASSPHRASE:
        yield Finding("error", "ca_key_passphrase", "the CA keys use the development passphrase",
                      "set MADOGUCHI_CA_KEY_PASSPHRASE from a secret store before `madoguchi init`")
    elif len(s.ca_key_passphrase) < 16:
        yield Finding("error", "ca_key_passphrase", "the CA key passphrase is shorter than 16 characters",
                      "use a long random passphrase")


def check_smtp_tls(s: Settings) -> Iterator[Finding]:
    if s.smtp_tls_cert and s.smtp_tls_key:
        for path in (s.smtp_tls_cert, s.smtp_tls_key):
            if not Path(path).is_file():
                yield Finding("error", "smtp_tls", f"{path} does not exist", "point smtp_tls_cert/key at PEM files")
        return
    if not _local(s.smtp_host):
        yield Finding("error", "smtp_tls", f"SMTP listens on {s.smtp_host} without STARTTLS",
                      "set smtp_tls_cert and smtp_tls_key, or put Postfix in front (LMTP) and bind SMTP to 127.0.0.1")
    elif not (s.lmtp_socket or s.lmtp_port):
        yield Finding("warning", "smtp_tls", "SMTP is loopback only and no LMTP is configured: who delivers mail?",
                      "set lmtp_socket for Postfix, or smtp_tls_cert/key and a public smtp_host")


def check_relay(s: Settings) -> Iterator[Finding]:
    if not s.relay_host:
        yield Finding("error", "relay_host", "no relay: replies are only written to <data_dir>/outgoing",
                      "set relay_host (e.g. 127.0.0.1 with Postfix) and relay_port")
    if s.mail_domain.endswith(".test") or any(d.endswith(".test") for d in s.smtp_domains):
        yield Finding("error", "mail_domain", "mail_domain or smtp_domains still use the .test example domain",
                      "set mail_domain, mail_from and smtp_domains to the CA's domain")


def check_cookies(s: Settings) -> Iterator[Finding]:
    if not s.secure_cookies:
        yield Finding("error", "secure_cookies", "session cookies are sent without the Secure flag",
                      "set secure_cookies = true (the dashboard is served over https)")
    if not s.metrics_token:
        yield Finding("warning", "metrics_token", "metrics are off", "set metrics_token and scrape /metrics")


def _ntp_synchronized() -> bool | None:
    if shutil.which("timedatectl"):
        out = subprocess.run(["timedatectl", "show", "-p", "NTPSynchronized", "--value"], capture_output=True,
                             text=True, timeout=5)
        if out.returncode == 0 and out.stdout.strip() in ("yes", "no"):
            return out.stdout.strip() == "yes"
    if Path("/run/systemd/timesync/synchronized").exists():
        return True
    return None


def check_clock(s: Settings, now: dt.datetime | None = None) -> Iterator[Finding]:
    now = now or dt.datetime.now(dt.UTC)
    if now < EARLIEST_SANE:
        yield Finding("error", "clock", f"the clock says {now:%Y-%m-%d}", "set the time and enable NTP")
    synced = _ntp_synchronized()
    if synced is False:
        yield Finding("error", "clock", "the system clock is not NTP-synchronised (CRL and certificate times come "
                      "from it)", "enable systemd-timesyncd or chrony")
    elif synced is None:
        yield Finding("warning", "clock", "could not tell whether NTP synchronises the clock",
                      "check chrony or systemd-timesyncd runs")
    if s.database_url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        engine = create_engine(s.database_url)
        try:
            with engine.connect() as conn:
                db_now = conn.execute(text("SELECT now()")).scalar_one()
            skew = abs(db_now - dt.datetime.now(dt.UTC))
            if skew > MAX_DB_SKEW:
                yield Finding("error", "clock", f"this host and the database differ by {skew}",
                              "synchronise both with NTP")
        except Exception as exc:  # noqa: BLE001 - an unreachable database is a finding, not a crash.
            yield Finding("error", "database", f"cannot reach the database: {exc}", "check database_url")
        finally:
            engine.dispose()


def _loose(path: Path, allowed: int) -> bool:
    return bool(stat.S_IMODE(path.stat().st_mode) & ~allowed)


def check_permissions(s: Settings) -> Iterator[Finding]:
    d = s.data_dir
    if not d.is_dir():
        yield Finding("error", "data_dir", f"{d} does not exist", "run `madoguchi init`")
        return
    if _loose(d, 0o750):
        yield Finding("error", "data_dir", f"{d} is mode {stat.S_IMODE(d.stat().st_mode):o}: others may read or "
                      "write it", f"chmod 750 {d}")
    secrets = [d / "audit.key", *sorted((d / "ca" / "keys").glob("*"))]
    for path in (p for p in secrets if p.is_file()):
        if _loose(path, 0o600):
            yield Finding("error", "data_dir", f"{path} is readable by others", f"chmod 600 {path}")
    keys = d / "ca" / "keys"
    if keys.is_dir() and _loose(keys, 0o700):
        yield Finding("error", "data_dir", f"{keys} is open to others", f"chmod 700 {keys}")
    config = d / "madoguchi.toml"
    if config.is_file() and _loose(config, 0o640):
        yield Finding("error", "data_dir", f"{config} (holds secrets) is readable by others", f"chmod 640 {config}")


CHECKS: list[Callable[[Settings], Iterator[Finding]]] = [
    check_public_url, check_passphrase, check_smtp_tls, check_relay, check_cookies, check_clock, check_permissions,
]


def diagnose(s: Settings) -> list[Finding]:
    return [f for check in CHECKS for f in check(s)]


def report(findings: list[Finding], as_json: bool) -> str:
    if as_json:
        import json

        return json.dumps([asdict(f) for f in findings], ensure_ascii=False)
    if not findings:
        return "ok: nothing to fix"
    mark = {"error": "✗", "warning": "!"}
    return "\n".join(f"{mark[f.severity]} [{f.check}] {f.problem}\n    → {f.fix}" for f in findings)

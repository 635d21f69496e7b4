"""Settings from environment variables (``MADOGUCHI_*``) and an optional TOML file.

The TOML file is looked up at ``$MADOGUCHI_CONFIG`` or ``<data_dir>/madoguchi.toml``.
Environment variables win over the file; the file wins over the defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """All configuration of one Madoguchi instance."""

    model_config = SettingsConfigDict(env_prefix="MADOGUCHI_", extra="ignore")

    data_dir: Path = Field(default=Path("./data"))
    database_url: str = ""  # empty means SQLite in data_dir
    # SMTP intake.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_domains: list[str] = Field(default_factory=lambda: ["madoguchi.test"])
    smtp_max_size: int = 25 * 1024 * 1024
    #: Longest line accepted in a mail, as Postfix does (fax gateways write long base64 lines).
    smtp_max_line_length: int = 64 * 1024
    # Messages one client address may start per minute over SMTP (0: no limit); beyond it MAIL
    # is answered 451 4.7.1. Trusted relays in front (Postfix on loopback) are exempt.
    smtp_peer_messages_per_minute: int = 30
    smtp_peer_limit_exempt: list[str] = Field(default_factory=lambda: ["127.0.0.1", "::1"])
    # STARTTLS for the SMTP listener (PEM files); when set, mail is refused before STARTTLS.
    smtp_tls_cert: str = ""
    smtp_tls_key: str = ""
    # LMTP intake for a local Postfix: a unix socket path, or a TCP port (0 and empty: off).
    lmtp_host: str = "127.0.0.1"
    lmtp_port: int = 0
    lmtp_socket: str = ""
    # Outgoing mail.
    mail_from: str = "ca-support@madoguchi.test"
    mail_domain: str = "madoguchi.test"
    # Empty: no relay; outgoing mail is written as .eml files to <data_dir>/outgoing (development).
    relay_host: str = ""
    relay_port: int = 2525
    # Automatic replies (acks, FAQ answers, immediate refusals) per recipient and for everyone, per hour.
    ack_rate_per_hour: int = 5
    auto_reply_global_per_hour: int = 200
    # Sender authenticity: SPF/DMARC are read only from the topmost Authentication-Results header,
    # and only when its authserv-id is this one (our receiving MTA). Empty: trust none.
    trusted_authserv_id: str = ""
    # HTTP: dashboard, API, public repository.
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    public_base_url: str = "http://127.0.0.1:8080"
    # Session cookies are Secure (and __Host- prefixed) unless this is False. Unset (None) means: Secure,
    # except for the development case of a plain-http loopback public_base_url (the quick start).
    secure_cookies: bool | None = None
    # CA.
    ca_name: str = "Madoguchi Development CA"
    ca_key_passphrase: str = "change-me-dev-only"
    crl_next_update_days: int = 7
    crl_refresh_margin_hours: int = 24
    # Audit: a signed checkpoint after every this many events (and on every worker tick).
    audit_checkpoint_every: int = 50
    # Worker.
    worker_poll_seconds: float = 0.2
    # A job "running" longer than this belongs to a dead worker and is run again.
    job_stale_seconds: float = 300.0
    worker_id: str = Field(default_factory=lambda: f"{os.uname().nodename}-{os.getpid()}")
    # Telegram.
    telegram_token: str = ""
    telegram_webhook_secret: str = ""
    telegram_base_url: str = "https://api.telegram.org/bot"
    # FAQ.
    faq_threshold: float = 0.35
    # Operations: /metrics answers only with "Authorization: Bearer <metrics_token>" (empty: off).
    metrics_token: str = ""
    # "text" (default) or "json": one JSON object per log line, with case tag and message id.
    log_format: str = "text"

    @property
    def cookies_secure(self) -> bool:
        """Whether session cookies get ``Secure``: see ``secure_cookies``."""
        if self.secure_cookies is not None:
            return self.secure_cookies
        from urllib.parse import urlsplit

        url = urlsplit(self.public_base_url)
        loopback = (url.hostname or "") in ("127.0.0.1", "localhost", "::1")
        return not (url.scheme == "http" and loopback)

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'madoguchi.sqlite3').resolve()}"


def load_settings(**overrides: Any) -> Settings:
    """Build settings from the TOML file (if any), the environment and *overrides*."""
    env_dir = os.environ.get("MADOGUCHI_DATA_DIR")
    data_dir = Path(overrides.get("data_dir") or env_dir or "./data")
    config_path = Path(os.environ.get("MADOGUCHI_CONFIG", data_dir / "madoguchi.toml"))
    file_values: dict[str, Any] = {}
    if config_path.is_file():
        file_values = tomllib.loads(config_path.read_text(encoding="utf-8"))
    env_keys = {k[len("MADOGUCHI_") :].lower() for k in os.environ if k.startswith("MADOGUCHI_")}
    values = {k: v for k, v in file_values.items() if k not in env_keys}
    values.update(overrides)
    return Settings(**values)

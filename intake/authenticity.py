"""Is the mail really from the address in its ``From`` header? DKIM, SPF and DMARC, shown and used.

* **DKIM** is verified here with dkimpy; DNS goes through an injectable ``dns(name) -> TXT`` so
  tests sign with keys they generate and answer from a local stub.
* **SPF and DMARC** are taken from the ``Authentication-Results`` header of our receiving MTA: only
  the topmost such header, and only when its authserv-id is the configured trusted one (our MTA
  adds its header on top; anything below it came with the mail and proves nothing).

A sender counts as *verified* when a DKIM signature passes for the From domain (or a parent or
subdomain of it, i.e. aligned) or the trusted MTA reports ``dmarc=pass``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from email import message_from_bytes
from email.policy import compat32
from typing import Any

log = logging.getLogger(__name__)

#: ``dns(name) -> TXT record`` (bytes), or None when there is none.
DnsTxt = Callable[[str], bytes | None]


@dataclass
class Authenticity:
    """What could be established about the sender; stored with the mail and shown on its case."""

    from_domain: str = ""
    dkim: list[dict[str, str]] = field(default_factory=list)  # [{"domain", "result"}]
    spf: str = ""
    dmarc: str = ""
    verified: bool = False
    verified_by: str = ""  # e.g. "dkim:example.co.jp" or "dmarc:example.co.jp"
    flags: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def aligned(signing_domain: str, from_domain: str) -> bool:
    """Relaxed alignment: the same domain, or one a subdomain of the other."""
    d, f = signing_domain.lower().rstrip("."), from_domain.lower().rstrip(".")
    return bool(d and f) and (d == f or f.endswith("." + d) or d.endswith("." + f))


def check_dkim(raw: bytes, dns: DnsTxt | None) -> list[dict[str, str]]:
    """Verify every DKIM signature of *raw*; one ``{"domain", "result"}`` per signature."""
    import dkim

    try:
        signer = dkim.DKIM(raw, timeout=5, logger=log)
    except Exception:  # noqa: BLE001 - a message dkimpy cannot even read has no valid signature.
        return []
    count = sum(1 for name, _ in signer.headers if name.lower() == b"dkim-signature")
    out: list[dict[str, str]] = []
    for idx in range(count):
        signer.domain = None
        try:
            if dns is not None:
                ok = signer.verify(idx=idx, dnsfunc=lambda name, timeout=5: dns(_text(name).rstrip(".")))
            else:
                ok = signer.verify(idx=idx)
            result = "pass" if ok else "fail"
        except dkim.DnsTimeoutError:
            result = "temperror"
        except Exception:  # noqa: BLE001 - any other problem is a failed signature.
            result = "fail"
        out.append({"domain": _text(signer.domain or b""), "result": result})
    return out


def trusted_results(raw: bytes, authserv_id: str) -> dict[str, str]:
    """``{"spf": ..., "dmarc": ..., "dmarc_from": ...}`` from our own MTA's topmost header, or {}."""
    if not authserv_id:
        return {}
    import authres

    msg = message_from_bytes(raw, policy=compat32)
    values = msg.get_all("Authentication-Results") or []
    if not values:
        return {}
    try:
        header = authres.AuthenticationResultsHeader.parse_value(" ".join(str(values[0]).split()))
    except Exception:  # noqa: BLE001 - an unparseable header is no evidence.
        return {}
    if str(header.authserv_id).lower() != authserv_id.lower():
        return {}
    found: dict[str, str] = {}
    for res in header.results:
        method = str(res.method).lower()
        if method in ("spf", "dmarc") and method not in found:
            found[method] = str(res.result).lower()
            if method == "dmarc":
                found["dmarc_from"] = next((str(p.value) for p in res.properties if p.name == "from"), "")
    return found


def assess(raw: bytes, from_addr: str, *, dns: DnsTxt | None, authserv_id: str,
           sender_flags: list[str] | None = None) -> Authenticity:
    """Everything known about the sender of *raw*."""
    domain = from_addr.rpartition("@")[2].lower() if from_addr else ""
    result = Authenticity(from_domain=domain, flags=list(sender_flags or []))
    result.dkim = check_dkim(raw, dns)
    mta = trusted_results(raw, authserv_id)
    result.spf, result.dmarc = mta.get("spf", ""), mta.get("dmarc", "")
    if not domain:
        return result
    passed = [d["domain"] for d in result.dkim if d["result"] == "pass" and aligned(d["domain"], domain)]
    if passed:
        result.verified, result.verified_by = True, f"dkim:{passed[0]}"
    elif result.dmarc == "pass" and (not mta.get("dmarc_from") or aligned(mta["dmarc_from"], domain)):
        result.verified, result.verified_by = True, f"dmarc:{domain}"
    return result


def _text(value: bytes | str) -> str:
    return value.decode("ascii", "replace") if isinstance(value, bytes) else value

"""Register-changing effects as job payloads: one codec, keyed by the effect's type.

An approved request becomes a job whose payload names the effect by a stable wire name
(never by matching a class name in a handler) and carries the effect's fields; the worker
decodes it back into the typed effect and dispatches on its type.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from core import workflow as wf

RegisterEffect = wf.RevokeCertificate | wf.CancelApplication | wf.ReissueCertificate

#: Stable wire names of the effects that change the register.
WIRE_NAMES: dict[type[RegisterEffect], str] = {
    wf.RevokeCertificate: "revoke_certificate",
    wf.CancelApplication: "cancel_application",
    wf.ReissueCertificate: "reissue_certificate",
}
_BY_NAME: dict[str, type[RegisterEffect]] = {name: cls for cls, name in WIRE_NAMES.items()}
# Jobs queued before this codec existed named the effect by its class and kept the reason beside it.
_LEGACY_NAMES: dict[str, type[RegisterEffect]] = {cls.__name__: cls for cls in WIRE_NAMES}


class UnknownEffect(ValueError):
    """A payload names no effect this version knows; the job fails visibly instead of guessing."""


def encode(effect: RegisterEffect) -> dict[str, Any]:
    """The JSON payload of *effect*: its wire name under ``type`` and its fields."""
    return {"type": WIRE_NAMES[type(effect)], **dataclasses.asdict(effect)}


def decode(payload: dict[str, Any]) -> RegisterEffect:
    """The typed effect described by *payload* (a job's ``effect`` value, or a legacy job payload)."""
    name = payload.get("type")
    cls = _BY_NAME.get(name) if isinstance(name, str) else None
    if cls is None and isinstance(payload.get("effect"), str):
        cls = _LEGACY_NAMES.get(payload["effect"])
    if cls is None:
        raise UnknownEffect(f"no register effect named {name or payload.get('effect')!r}")
    fields = {f.name: payload[f.name] for f in dataclasses.fields(cls) if f.name in payload}
    return cls(**fields)

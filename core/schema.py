"""Imports every module that declares tables, so ``Base.metadata`` describes the whole schema."""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

from core.db import Base

MODEL_MODULES = ("core.models", "signing.models", "faq.models", "core.web.dashboard.models")


def metadata() -> MetaData:
    """Return the complete metadata (importing the model modules that exist)."""
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return Base.metadata

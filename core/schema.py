"""Imports every module that declares tables, so ``Base.metadata`` describes the whole schema."""

from __future__ import annotations

from sqlalchemy import MetaData

import core.models
import core.web.dashboard.models
import faq.models
import signing.models
from core.db import Base

MODEL_MODULES = (core.models, signing.models, faq.models, core.web.dashboard.models)


def metadata() -> MetaData:
    """Return the complete metadata (every table of every package)."""
    return Base.metadata

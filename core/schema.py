"""Imports every module that declares tables, so ``Base.metadata`` describes the whole schema."""

from __future__ import annotations

from sqlalchemy import MetaData

import core.crlcopy
import core.models
import core.online_models
import core.sessions
import faq.models
import signing.models
from dbkit.db import Base

MODEL_MODULES = (core.models, signing.models, faq.models, core.sessions, core.crlcopy,
                 core.online_models)


def metadata() -> MetaData:
    """Return the complete metadata (every table of every package)."""
    return Base.metadata

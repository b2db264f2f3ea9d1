// log and log1p, vectorisable (log_d in fastmath.h: fdlibm's reduction and polynomial, < 1 ulp): x = 2^k·m with
// m in [√2/2, √2), f = m − 1, s = f/(2+f), log m = f − (f²/2 − s(f²/2 + R(s²))).
// Exponent and mantissa come from integer bit operations only (no int64↔double conversion,
// which AVX2 lacks). Single precision evaluates in double and rounds once.
#include "ckernels.h"
#include "dispatch.h"
#include "fastmath.h"

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

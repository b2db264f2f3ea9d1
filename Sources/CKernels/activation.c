// tanh, sigmoid and silu on the branch-free exp. tanh(|x|) = e/(e + 2) with e = expm1(2|x|),
// expm1 from the same reduction as exp (2^k·q + (2^k − 1), q = e^r − 1 without its constant
// term), so small arguments keep full relative accuracy. Single precision evaluates in double.
#include "ckernels.h"
#include "dispatch.h"
#include "fastmath.h"

static inline __attribute__((always_inline)) double tanh_d(double x) {
    double a = x < 0 ? -x : x;
    double y = 2.0 * (a > 20.0 ? 20.0 : a);
    const double shifter = 6755399441055744.0;
    double t = y * 1.4426950408889634 + shifter;
    double n = t - shifter;
    double r = (y - n * 0.6931471803691238) - n * 1.9082149292705877e-10;
    double q = 1.0 / 6227020800.0;
    q = q * r + 1.0 / 479001600.0;
    q = q * r + 1.0 / 39916800.0;
    q = q * r + 1.0 / 3628800.0;
    q = q * r + 1.0 / 362880.0;
    q = q * r + 1.0 / 40320.0;
    q = q * r + 1.0 / 5040.0;
    q = q * r + 1.0 / 720.0;
    q = q * r + 1.0 / 120.0;
    q = q * r + 1.0 / 24.0;
    q = q * r + 1.0 / 6.0;
    q = q * r + 0.5;
    q = q * r + 1.0;
    q = q * r;  // e^r − 1
    int64_t bt, bs;
    memcpy(&bt, &t, 8); memcpy(&bs, &shifter, 8);
    int64_t e2 = (bt - bs + 1023) << 52;  // 0 ≤ n ≤ 58: one exact power of two
    double s;
    memcpy(&s, &e2, 8);
    double e = s * q + (s - 1.0);
    double th = e / (e + 2.0);
    th = a > 19.1 ? 1.0 : th;
    th = __builtin_copysign(th, x);
    return x != x ? x : th;
}

static inline __attribute__((always_inline)) double sigmoid_d(double x) { return 1.0 / (1.0 + exp_d(-x)); }
static inline __attribute__((always_inline)) double silu_d(double x) { return x / (1.0 + exp_d(-x)); }

#define ACT_LOOPS(fn, suffix, attr)                                                                \
    attr static void fn##_f64_##suffix(const double *restrict x, double *restrict o, ptrdiff_t n) { \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = fn##_d(x[i]);                                     \
    }                                                                                              \
    attr static void fn##_f32_##suffix(const float *restrict x, float *restrict o, ptrdiff_t n) {   \
        for (ptrdiff_t i = 0; i < n; i++) o[i] = (float)fn##_d((double)x[i]);                      \
    }
#define ALL_ACTS(suffix, attr) ACT_LOOPS(tanh, suffix, attr) ACT_LOOPS(sigmoid, suffix, attr) ACT_LOOPS(silu, suffix, attr)

ALL_ACTS(base, )
#if defined(__x86_64__)
ALL_ACTS(avx2, __attribute__((target("avx2,fma"))))
ALL_ACTS(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))))
#endif

DTR_UNARY_DISPATCH(double, tanh_f64)
DTR_UNARY_DISPATCH(float, tanh_f32)
DTR_UNARY_DISPATCH(double, sigmoid_f64)
DTR_UNARY_DISPATCH(float, sigmoid_f32)
DTR_UNARY_DISPATCH(double, silu_f64)
DTR_UNARY_DISPATCH(float, silu_f32)

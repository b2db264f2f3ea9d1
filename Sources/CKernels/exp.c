// exp for double and float: x = n·ln2 + r (Cody–Waite), Taylor polynomial of e^r on
// |r| ≤ ln2/2 (degree 13 / 7), scaled by 2^n as two exact powers of two (subnormals and
// overflow come out right without branches). Same algorithm as Swift's FastMath.exp.
#include "ckernels.h"
#include "dispatch.h"
#include "fastmath.h"

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
    DTR_PICK(exp_f64)(x, o, n);
}

void dtr_exp_f32(const float *x, float *o, ptrdiff_t n) {
    DTR_PICK(exp_f32)(x, o, n);
}

// Diffusion schedule kernels, compiled per instruction set (the exactness below assumes glibc's
// libm, as the reference values were computed with it): the cosine schedule's ᾱ exactly as
// guided-diffusion's Python computes them, and the element-wise fields of any schedule in one
// vectorised pass (restrict pointers). Each element's operations are numpy's, in numpy's order and
// without contraction into FMAs, so every field but log-SNR is bit-identical to
// guided-diffusion's arrays; log-SNR uses log_d (< 1 ulp).
// Before the includes, so fastmath.h's log_d is not fused either: the same bits at every
// instruction-set level.
#pragma STDC FP_CONTRACT OFF

#include "ckernels.h"
#include "dispatch.h"
#include "fastmath.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

static inline __attribute__((always_inline)) void fields_d(
    const double *restrict beta, const double *restrict ab, const double *restrict abPrev,
    double *restrict sab, double *restrict s1m, double *restrict snr, double *restrict lsnr,
    double *restrict pv, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) {
        double c = ab[i], om = 1.0 - c;
        // ᾱ and 1 − ᾱ lie in [0, 1]; the fabs lets sqrt be the instruction (no errno path).
        sab[i] = __builtin_sqrt(__builtin_fabs(c));
        s1m[i] = __builtin_sqrt(__builtin_fabs(om));
        double r = c / om;
        snr[i] = r;
        lsnr[i] = log_d(r);
        pv[i] = beta[i] * (1.0 - abPrev[i]) / om;
    }
}

#define FIELDS(suffix, attr)                                                                          \
    attr static void fields_##suffix(const double *restrict beta, const double *restrict ab,         \
                                     const double *restrict abPrev, double *restrict sab,            \
                                     double *restrict s1m, double *restrict snr,                     \
                                     double *restrict lsnr, double *restrict pv, ptrdiff_t n) {      \
        fields_d(beta, ab, abPrev, sab, s1m, snr, lsnr, pv, n);                                       \
    }

FIELDS(base, )
#if defined(__x86_64__)
FIELDS(avx2, __attribute__((target("avx2,fma"))))
FIELDS(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))))
#endif

void dtr_schedule_fields_f64(const double *beta, const double *ab, const double *abPrev, double *sab,
                             double *s1m, double *snr, double *lsnr, double *pv, ptrdiff_t n) {
    DTR_PICK(fields)(beta, ab, abPrev, sab, s1m, snr, lsnr, pv, n);
}

// ---------------------------------------------------------------- cosine ᾱ, as Python computes it

// The exact rounding error of p = c·c: with FMA one instruction, without it Dekker's product
// (c split into 26-bit halves, so every partial product is exact; no contraction here).
static inline __attribute__((always_inline)) double square_error_fma(double c, double p) {
    return __builtin_fma(c, c, -p);
}
static inline __attribute__((always_inline)) double square_error_dekker(double c, double p) {
    double t = 134217729.0 * c, hi = t - (t - c), lo = c - hi;
    return ((hi * hi - p) + 2.0 * hi * lo) + lo * lo;
}

// Whether libm's pow(c, 2) may differ from p = c·c. glibc's pow (e_pow.c) is documented
// within 0.54 ulp, and within 0.52 ulp when |y·log x| is moderate — here |ln p| ≤ 69, i.e. p in
// [2^-100, 2^100], which holds every cosine ᾱ. So pow can pick the other neighbour only when the
// exact c² lies within 0.02 (0.04) ulp of a rounding tie: |error| ≥ 0.48 (0.46) ulp(p). Powers
// of two (a smaller ulp below), and p outside the normal range with an exponent above 52, go to
// pow as well.
static inline __attribute__((always_inline)) int near_tie(double p, double error) {
    uint64_t bits;
    memcpy(&bits, &p, 8);
    uint64_t expo = bits & 0x7ff0000000000000ULL;
    uint64_t ulpBits = expo - (52ULL << 52);
    double ulp;
    memcpy(&ulp, &ulpBits, 8);
    int ordinary = (expo > (52ULL << 52)) & (expo != 0x7ff0000000000000ULL)
                   & ((bits & 0x000fffffffffffffULL) != 0);
    int moderate = (expo >= ((1023ULL - 100) << 52)) & (expo <= ((1023ULL + 100) << 52));
    double bound = moderate ? 0.48 : 0.46;
    return !ordinary | !(__builtin_fabs(error) < bound * ulp);
}

double dtr_libm_pow2(double x) {
    volatile double two = 2.0;  // volatile: compilers otherwise rewrite pow(x, 2.0) as x * x
    return pow(x, two);
}

// x[i] = x[i] ** 2 as Python computes it (pow), by blocks of 8: the squares and the near-tie
// test vectorised, libm's pow called only for the few near-tie lanes.
#define PYTHON_SQUARE(suffix, attr, ERR)                                                       \
    attr static void python_square_##suffix(double *restrict x, ptrdiff_t n) {                \
        ptrdiff_t b = 0;                                                                       \
        for (; b + 8 <= n; b += 8) {                                                           \
            double c[8];                                                                       \
            int any = 0;                                                                       \
            for (int j = 0; j < 8; j++) {                                                      \
                c[j] = x[b + j];                                                               \
                double p = c[j] * c[j];                                                        \
                any |= near_tie(p, ERR(c[j], p));                                              \
                x[b + j] = p;                                                                  \
            }                                                                                  \
            if (any) {                                                                         \
                for (int j = 0; j < 8; j++)                                                    \
                    if (near_tie(x[b + j], ERR(c[j], x[b + j]))) x[b + j] = dtr_libm_pow2(c[j]); \
            }                                                                                  \
        }                                                                                      \
        for (; b < n; b++) {                                                                   \
            double c = x[b], p = c * c;                                                        \
            x[b] = near_tie(p, ERR(c, p)) ? dtr_libm_pow2(c) : p;                              \
        }                                                                                      \
    }                                                                                          \
    attr static void cosine_##suffix(double *restrict out, ptrdiff_t T) {                      \
        double n = (double)T;                                                                  \
        for (ptrdiff_t i = 0; i <= T; i++) out[i] = ((double)i / n + 0.008) / 1.008 * M_PI / 2; \
        for (ptrdiff_t i = 0; i <= T; i++) out[i] = cos(out[i]);                               \
        python_square_##suffix(out, T + 1);                                                    \
    }

PYTHON_SQUARE(base, , square_error_dekker)
#if defined(__x86_64__)
PYTHON_SQUARE(avx2, __attribute__((target("avx2,fma"))), square_error_fma)
PYTHON_SQUARE(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))), square_error_fma)
#endif

void dtr_python_square_f64(double *x, ptrdiff_t n) {
    DTR_PICK(python_square)(x, n);
}

void dtr_cosine_alpha_bars_f64(double *out, ptrdiff_t T) {
    DTR_PICK(cosine)(out, T);
}

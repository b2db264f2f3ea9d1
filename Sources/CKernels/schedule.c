// The element-wise fields of a diffusion schedule in one vectorised pass (restrict pointers,
// compiled per instruction set). Each element's operations are numpy's, in numpy's order and
// without contraction into FMAs, so every field but log-SNR is bit-identical to
// guided-diffusion's arrays; log-SNR uses log_d (< 1 ulp).
#include "ckernels.h"
#include "fastmath.h"

#pragma STDC FP_CONTRACT OFF

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
#if defined(__x86_64__)
    switch (dtr_kernel_level()) {
    case 3: fields_avx512(beta, ab, abPrev, sab, s1m, snr, lsnr, pv, n); return;
    case 2: fields_avx2(beta, ab, abPrev, sab, s1m, snr, lsnr, pv, n); return;
    default: break;
    }
#endif
    fields_base(beta, ab, abPrev, sab, s1m, snr, lsnr, pv, n);
}

// One definition of the run-time instruction-set dispatch shared by the kernel files:
// `DTR_UNARY_DISPATCH(T, fn)` defines `dtr_fn(x, o, n)`, calling fn_avx512 / fn_avx2 / fn_base
// by `dtr_kernel_level()` (only fn_base off x86-64).
#ifndef DTR_DISPATCH_H
#define DTR_DISPATCH_H
#include "ckernels.h"

#if defined(__x86_64__)
#define DTR_UNARY_DISPATCH(T, fn)                                         \
    void dtr_##fn(const T *x, T *o, ptrdiff_t n) {                        \
        switch (dtr_kernel_level()) {                                     \
        case 3: fn##_avx512(x, o, n); return;                             \
        case 2: fn##_avx2(x, o, n); return;                               \
        default: fn##_base(x, o, n); return;                              \
        }                                                                 \
    }
#else
#define DTR_UNARY_DISPATCH(T, fn) \
    void dtr_##fn(const T *x, T *o, ptrdiff_t n) { fn##_base(x, o, n); }
#endif
#endif

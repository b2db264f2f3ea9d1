// One definition of the run-time instruction-set dispatch shared by the kernel files:
// `DTR_PICK(fn)` is fn_avx512, fn_avx2 or fn_base by `dtr_kernel_level()` (only fn_base off
// x86-64), to be called with fn's arguments; `DTR_UNARY_DISPATCH(T, fn)` defines the common
// `dtr_fn(x, o, n)` with it.
#ifndef DTR_DISPATCH_H
#define DTR_DISPATCH_H
#include "ckernels.h"

#if defined(__x86_64__)
#define DTR_PICK(fn) \
    (dtr_kernel_level() == 3 ? fn##_avx512 : dtr_kernel_level() == 2 ? fn##_avx2 : fn##_base)
#else
#define DTR_PICK(fn) fn##_base
#endif

#define DTR_UNARY_DISPATCH(T, fn) \
    void dtr_##fn(const T *x, T *o, ptrdiff_t n) { DTR_PICK(fn)(x, o, n); }
#endif

// Row reductions in C so that they run with the widest vectors the CPU has.
// sum: pairwise like Swift's ReduceKernels.sum — leaves of 128 elements summed with 8
// interleaved accumulators, combined ((a0+a1)+(a2+a3))+((a4+a5)+(a6+a7)), remainder added in
// order; leaves cascaded as a binary counter folded from the smallest subtree up. The result
// is bit-identical to the Swift version on every instruction set (no reassociation).
// max/min: NaN-propagating (numpy's np.max).
#include "ckernels.h"
#include "dispatch.h"

#define LEAF 128

#define REDUCE_KERNELS(T, NAME, suffix, attr)                                                    \
    attr static T leaf_##NAME##_##suffix(const T *restrict p, ptrdiff_t n) {                    \
        T a[8] = {0, 0, 0, 0, 0, 0, 0, 0};                                                      \
        ptrdiff_t i = 0;                                                                        \
        for (; i + 8 <= n; i += 8)                                                              \
            for (int j = 0; j < 8; j++) a[j] += p[i + j];                                       \
        T s = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));                \
        for (; i < n; i++) s += p[i];                                                           \
        return s;                                                                               \
    }                                                                                           \
    attr static T sum_##NAME##_##suffix(const T *restrict p, ptrdiff_t n) {                     \
        if (n <= LEAF) return leaf_##NAME##_##suffix(p, n);                                     \
        T stack[64];                                                                            \
        ptrdiff_t count = (n + LEAF - 1) / LEAF;                                                \
        for (ptrdiff_t i = 0; i < count; i++) {                                                 \
            ptrdiff_t lo = i * LEAF, len = n - lo < LEAF ? n - lo : LEAF;                      \
            T s = leaf_##NAME##_##suffix(p + lo, len);                                          \
            ptrdiff_t k = i; int level = 0;                                                     \
            while (k & 1) { s = stack[level] + s; level++; k >>= 1; }                           \
            stack[level] = s;                                                                   \
        }                                                                                       \
        T total = 0; int first = 1;                                                             \
        for (int level = 0; level < 64; level++)                                                \
            if ((count >> level) & 1) { total = first ? stack[level] : stack[level] + total; first = 0; } \
        return total;                                                                           \
    }                                                                                           \
    attr static T max_##NAME##_##suffix(const T *restrict p, ptrdiff_t n) {                     \
        T m[16];                                                                                \
        for (int j = 0; j < 16; j++) m[j] = p[0];                                               \
        ptrdiff_t i = 0;                                                                        \
        for (; i + 16 <= n; i += 16)                                                            \
            for (int j = 0; j < 16; j++) { T v = p[i + j]; m[j] = (v > m[j] || v != v) ? v : m[j]; } \
        for (; i < n; i++) { T v = p[i]; m[0] = (v > m[0] || v != v) ? v : m[0]; }              \
        for (int j = 1; j < 16; j++) m[0] = (m[j] > m[0] || m[j] != m[j]) ? m[j] : m[0];        \
        return m[0];                                                                            \
    }                                                                                           \
    attr static T min_##NAME##_##suffix(const T *restrict p, ptrdiff_t n) {                     \
        T m[16];                                                                                \
        for (int j = 0; j < 16; j++) m[j] = p[0];                                               \
        ptrdiff_t i = 0;                                                                        \
        for (; i + 16 <= n; i += 16)                                                            \
            for (int j = 0; j < 16; j++) { T v = p[i + j]; m[j] = (v < m[j] || v != v) ? v : m[j]; } \
        for (; i < n; i++) { T v = p[i]; m[0] = (v < m[0] || v != v) ? v : m[0]; }              \
        for (int j = 1; j < 16; j++) m[0] = (m[j] < m[0] || m[j] != m[j]) ? m[j] : m[0];        \
        return m[0];                                                                            \
    }

#define ALL_TYPES(suffix, attr)                 \
    REDUCE_KERNELS(double, f64, suffix, attr)   \
    REDUCE_KERNELS(float, f32, suffix, attr)

ALL_TYPES(base, )
#if defined(__x86_64__)
ALL_TYPES(avx2, __attribute__((target("avx2,fma"))))
ALL_TYPES(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))))
#endif
#define DISPATCH(T, fn, NAME) \
    T dtr_##fn##_##NAME(const T *x, ptrdiff_t n) { return DTR_PICK(fn##_##NAME)(x, n); }

DISPATCH(double, sum, f64)
DISPATCH(float, sum, f32)
DISPATCH(double, max, f64)
DISPATCH(float, max, f32)
DISPATCH(double, min, f64)
DISPATCH(float, min, f32)

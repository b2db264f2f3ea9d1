// Branch-free exp and log used by several kernel files (see exp.c and log.c for the algorithms).
#ifndef DTR_FASTMATH_H
#define DTR_FASTMATH_H
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

// log, vectorisable (< 1 ulp; log.c's algorithm): fdlibm's reduction and polynomial, x = 2^k·m
// with m in [√2/2, √2), f = m − 1, s = f/(2+f), log m = f − (f²/2 − s(f²/2 + R(s²))); exponent
// and mantissa from integer bit operations only.
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

#endif

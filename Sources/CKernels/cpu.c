// Run-time choice of the instruction set for the C kernels (CPUID + XGETBV: the CPU has the
// extension and the OS saves its registers). DTR_KERNEL_LEVEL=0|2|3 caps it (for testing).
#include "ckernels.h"
#include <stdlib.h>
#if defined(__x86_64__)
#include <cpuid.h>
#include <stdint.h>

static uint64_t xgetbv0(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

static int detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!osxsave || !avx) return 0;
    uint64_t xcr0 = xgetbv0();
    if ((xcr0 & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int avx2 = (b >> 5) & 1, f = (b >> 16) & 1, dq = (b >> 17) & 1, vl = (b >> 31) & 1;
    int level = (avx2 && fma) ? 2 : 0;
    if (level == 2 && f && dq && vl && (xcr0 & 0xE6) == 0xE6) level = 3;
    return level;
}
#else
static int detect(void) { return 0; }
#endif

int dtr_kernel_level(void) {
    static int level = -1;  // benign race: every thread computes the same value
    int l = __atomic_load_n(&level, __ATOMIC_RELAXED);
    if (l >= 0) return l;
    l = detect();
    const char *cap = getenv("DTR_KERNEL_LEVEL");
    if (cap && cap[0] >= '0' && cap[0] <= '9' && cap[0] - '0' < l) l = cap[0] - '0';
    __atomic_store_n(&level, l, __ATOMIC_RELAXED);
    return l;
}

// Vectorised math kernels in C, compiled for several instruction sets (baseline x86-64,
// AVX2+FMA, AVX-512) and chosen at run time by CPUID: Swift cannot compile one function for
// a wider instruction set than the whole module, and numpy's own kernels are AVX-512.
#ifndef DTR_CKERNELS_H
#define DTR_CKERNELS_H
#include <stddef.h>

/// o[i] = exp(x[i]) for i < n (within ~2 ulp; NaN stays NaN, overflow gives +inf).
void dtr_exp_f64(const double *x, double *o, ptrdiff_t n);
/// o[i] = exp(x[i]) for i < n, single precision.
void dtr_exp_f32(const float *x, float *o, ptrdiff_t n);
/// o[i] = log(x[i]) / log1p(x[i]) for i < n (< 1 ulp in double; f32 rounds a double result).
void dtr_log_f64(const double *x, double *o, ptrdiff_t n);
void dtr_log_f32(const float *x, float *o, ptrdiff_t n);
void dtr_log1p_f64(const double *x, double *o, ptrdiff_t n);
void dtr_log1p_f32(const float *x, float *o, ptrdiff_t n);
/// o[i] = tanh / sigmoid / silu of x[i] for i < n (a few ulp; f32 rounds a double result).
void dtr_tanh_f64(const double *x, double *o, ptrdiff_t n);
void dtr_tanh_f32(const float *x, float *o, ptrdiff_t n);
void dtr_sigmoid_f64(const double *x, double *o, ptrdiff_t n);
void dtr_sigmoid_f32(const float *x, float *o, ptrdiff_t n);
void dtr_silu_f64(const double *x, double *o, ptrdiff_t n);
void dtr_silu_f32(const float *x, float *o, ptrdiff_t n);
/// o[i] = GELU(x[i]) = 0.5·x·erfc(−x/√2) in single precision (erfc in double from a fitted
/// form, relative error 2.5e-11), and the same for one value (strided loops).
void dtr_gelu_f32(const float *x, float *o, ptrdiff_t n);
float dtr_gelu_one_f32(float x);
/// Pairwise sum of x[0..<n] (the same tree and result as Swift's ReduceKernels.sum).
double dtr_sum_f64(const double *x, ptrdiff_t n);
float dtr_sum_f32(const float *x, ptrdiff_t n);
/// NaN-propagating maximum / minimum of x[0..<n], n ≥ 1.
double dtr_max_f64(const double *x, ptrdiff_t n);
float dtr_max_f32(const float *x, ptrdiff_t n);
double dtr_min_f64(const double *x, ptrdiff_t n);
float dtr_min_f32(const float *x, ptrdiff_t n);
/// The element-wise fields of a diffusion schedule from β, ᾱ and ᾱ_{t−1} (n each): √ᾱ, √(1 − ᾱ),
/// snr = ᾱ/(1 − ᾱ), log snr (< 1 ulp) and the posterior variance β(1 − ᾱ_{t−1})/(1 − ᾱ), in
/// numpy's operation order (all but log snr bit-identical to numpy's f64 arrays).
void dtr_schedule_fields_f64(const double *beta, const double *ab, const double *abPrev, double *sab,
                             double *s1m, double *snr, double *lsnr, double *pv, ptrdiff_t n);
/// out[i] = ᾱ(i/T) = cos((i/T + 0.008)/1.008·π/2) ** 2 for i = 0…T (T + 1 values), bit for bit
/// as Python's `math.cos(…) ** 2` in guided-diffusion's cosine schedule (libm `cos`, and `** 2`
/// as `pow`; see dtr_python_square_f64).
void dtr_cosine_alpha_bars_f64(double *out, ptrdiff_t T);
/// x[i] = x[i] ** 2 in place, bit for bit as Python's float `**` (C `pow`) with glibc's libm:
/// `x * x` except where the exact square is within 0.02–0.04 ulp of a rounding tie (glibc's pow
/// is within 0.52–0.54 ulp), where `pow` itself is called.
void dtr_python_square_f64(double *x, ptrdiff_t n);
/// `pow(x, 2.0)` exactly as the C library computes it — a real libm call, never folded into
/// `x * x` (which can differ in the last bit: glibc's pow is within 0.54 ulp). Python's `x ** 2`.
double dtr_libm_pow2(double x);
/// The instruction set the kernels run with: 0 baseline, 2 AVX2+FMA, 3 AVX-512.
int dtr_kernel_level(void);

#endif

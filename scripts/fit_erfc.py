#!/usr/bin/env python3
"""Fits the erfc approximation used by the f32 GELU kernels (Sources/CKernels/gelu.c).

For z >= 0, with t = 1/(1 + z/2):  erfc(z) = t * exp(-z^2 + P(t)),  P a Chebyshev series of
degree 14 in u = (2t - a - b)/(b - a) on t in [a, b] = [1/7, 1] (z in [0, 12]), fitted by
least squares at Chebyshev nodes against Python's math.erfc. (The form is Numerical Recipes'
erfcc, refitted to a higher degree: their degree-9 fit is good to 1.2e-7.) Prints the
coefficients as C and the maximum relative error of the reconstruction (about 2.5e-11,
ample for single precision: GELU in f32 needs ~6e-8).
Usage: bench/.venv/bin/python scripts/fit_erfc.py   (needs numpy)
"""
import math
import numpy as np

A, B, DEG = 1 / 7, 1.0, 14


def target(z):
    t = 1 / (1 + z / 2)
    return np.array([math.log(math.erfc(v)) for v in z]) + z * z - np.log(t)


k = np.arange(4 * DEG)
u = np.cos(np.pi * (k + 0.5) / (4 * DEG))
t = (u * (B - A) + A + B) / 2
c = np.polynomial.chebyshev.chebfit(u, target(2 * (1 - t) / t), DEG)

zz = np.concatenate([np.linspace(0, 12, 200001), np.logspace(-8, 0, 2000)])
tt = 1 / (1 + zz / 2)
approx = tt * np.exp(-zz * zz + np.polynomial.chebyshev.chebval((2 * tt - A - B) / (B - A), c))
exact = np.array([math.erfc(v) for v in zz])
print("// max relative error on z in [0, 12]: %.3g" % (np.abs(approx - exact) / exact).max())
print("static const double erfc_cheb[%d] = {" % (DEG + 1))
for v in c:
    print("    %r," % float(v))
print("};")

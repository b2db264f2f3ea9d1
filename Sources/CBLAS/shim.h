// Header-only view of OpenBLAS's CBLAS interface. The library itself is not linked:
// Tensor/BLAS.swift dlopen()s libopenblas after choosing OPENBLAS_CORETYPE by CPUID,
// because OpenBLAS reads that variable in its load-time constructor.
#include <cblas.h>

import CKernels

/// The instruction set the vectorised C kernels (`CKernels`) run with, chosen once by CPUID
/// and capped by `DTR_KERNEL_LEVEL=0|2|3`.
public enum KernelLevel {
    /// 0 baseline x86-64 (or not x86), 2 AVX2+FMA, 3 AVX-512.
    public static var current: Int { Int(dtr_kernel_level()) }

    /// The level's name as `dtr --version` prints it.
    public static func name(_ level: Int) -> String {
        switch level {
        case 3: return "AVX-512"
        case 2: return "AVX2+FMA"
        default: return "baseline"
        }
    }
}

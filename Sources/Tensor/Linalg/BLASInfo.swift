#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the linear-algebra back end is, for `dtr --version`: the OpenBLAS file that was
/// loaded, its build configuration and the kernel family it runs.
public struct BLASInfo: Sendable {
    /// The library name that was opened ("libopenblas.so.0").
    public let name: String
    /// The shared object in use (a resolved path, e.g. `/usr/lib/x86_64-linux-gnu/libopenblas.so.0`).
    public let path: String
    /// OpenBLAS's own description ("OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64").
    public let config: String?
    /// The kernel family OpenBLAS runs ("SkylakeX", "Haswell", …).
    public let coreName: String?
    /// The `OPENBLAS_CORETYPE` dtr chose from the CPU flags, or nil when it kept the user's
    /// value or the CPU has neither AVX-512 nor AVX2+FMA (OpenBLAS then decides itself).
    public let chosenCoreType: String?
    /// `OPENBLAS_CORETYPE` as OpenBLAS saw it (chosen by dtr or set by the user).
    public let coreTypeSetting: String?

    /// Loads OpenBLAS if it is not loaded yet and describes it, or the reason it cannot be loaded.
    public static func current() -> Result<BLASInfo, TensorError> {
        BLAS.shared.map { blas in
            BLASInfo(name: blas.name, path: blas.path, config: blas.config, coreName: blas.coreName,
                     chosenCoreType: blas.chosenCoreType,
                     coreTypeSetting: getenv("OPENBLAS_CORETYPE").map { String(cString: $0) })
        }
    }
}

import CBuildInfo
import Tensor

/// What `dtr --version` prints: the version, the git commit of the build, the BLAS library
/// that was loaded with its kernel choice, and the C kernels' instruction set. Loading
/// OpenBLAS here is deliberate (it shows what a matmul would use); a missing library is
/// reported on its line, not as an error.
enum VersionReport {
    static func text() -> String {
        var lines = [CLI.version]
        let commit = String(cString: dtr_build_commit())
        lines.append("commit: " + (commit == "unknown" ? "unknown (not built by scripts/package.sh)" : commit))
        switch BLASInfo.current() {
        case .success(let blas):
            lines.append("BLAS: \(blas.name) = \(blas.path)" + (blas.config.map { " (\($0))" } ?? ""))
            let core = blas.coreName ?? "unknown"
            let why: String
            if let chosen = blas.chosenCoreType {
                why = "OPENBLAS_CORETYPE=\(chosen), chosen by dtr from the CPU flags"
            } else if let set = blas.coreTypeSetting {
                why = "OPENBLAS_CORETYPE=\(set), set by you"
            } else {
                why = "chosen by OpenBLAS (no AVX-512 or AVX2+FMA seen)"
            }
            lines.append("BLAS kernels: \(core) (\(why))")
        case .failure(let error):
            lines.append("BLAS: not loaded — \(error)")
        }
        let level = KernelLevel.current
        lines.append("C kernels: \(KernelLevel.name(level)) (level \(level); DTR_KERNEL_LEVEL=0|2 caps it)")
        return lines.joined(separator: "\n")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU's instruction-set flags, read from `/proc/cpuinfo` (Linux), used to pick
/// OpenBLAS kernels. Empty where the file does not exist.
enum CPUFeatures {
    /// Flags of the first processor listed ("avx2", "fma", "avx512f", …).
    static let flags: Set<String> = readFlags(path: "/proc/cpuinfo")

    static func readFlags(path: String) -> Set<String> {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var cap = 0
        defer { free(line) }
        while getline(&line, &cap, file) > 0 {
            guard let line else { break }
            let text = String(cString: line)
            if text.hasPrefix("flags") || text.hasPrefix("Features") {
                guard let colon = text.firstIndex(of: ":") else { continue }
                return parseFlags(String(text[text.index(after: colon)...]))
            }
        }
        return []
    }

    /// Splits a flags line into its words.
    static func parseFlags(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
    }

    /// The `OPENBLAS_CORETYPE` suiting `flags`: SKYLAKEX with the AVX-512 subsets OpenBLAS's
    /// SkylakeX kernels need, HASWELL with AVX2 and FMA, otherwise nil (let OpenBLAS decide).
    static func openBLASCoreType(for flags: Set<String>) -> String? {
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"].allSatisfy(flags.contains) { return "SKYLAKEX" }
        if flags.contains("avx2") && flags.contains("fma") { return "HASWELL" }
        return nil
    }
}

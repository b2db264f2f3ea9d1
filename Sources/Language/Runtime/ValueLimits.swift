import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Caps on values that grow without a tensor allocation (strings, lists) and on what one
/// run may print, so a runaway `s = s + s` or print loop ends in a diagnostic instead of
/// exhausting memory. Tensors are capped by `Limits.maxBytes` (`--max-memory`).
public enum ValueLimits {
    /// Longest string, in UTF-8 bytes: 256 MiB, or the tensor memory limit if lower.
    public static var maxStringBytes: Int { Swift.min(1 << 28, Limits.maxBytes) }
    /// Most items in one list: 16 Mi, or fewer when the memory limit is low (16 bytes an item).
    public static var maxListCount: Int { Swift.min(1 << 24, Swift.max(1, Limits.maxBytes / 16)) }

    /// Throws "string too long" when a string of `bytes` UTF-8 bytes would pass the cap.
    static func checkString(bytes: Int, _ span: SourceSpan) throws(Unwind) {
        guard bytes > maxStringBytes else { return }
        throw Unwind.error("string too long: \(Limits.formatBytes(bytes)), more than the limit of \(Limits.formatBytes(maxStringBytes))", span)
    }

    /// Throws "list too long" when a list of `count` items would pass the cap.
    static func checkList(count: Int, _ span: SourceSpan) throws(Unwind) {
        guard count > maxListCount else { return }
        throw Unwind.error("list too long: \(count) items, more than the limit of \(maxListCount)", span)
    }
}

extension ValueLimits {
    /// The tensor memory limit (largest single allocation, bytes): `--max-memory`.
    /// Default: half of physical memory.
    public static var memoryLimit: Int {
        get { Limits.maxBytes }
        set { Limits.maxBytes = newValue }
    }

    /// Parses a `--max-memory` value: bytes with an optional unit (`512M`, `1.5GB`, `2GiB`,
    /// `100000`) or a percentage of physical memory (`25%`). nil when malformed or not positive.
    public static func parseMemorySize(_ text: String) -> Int? {
        let t = String(text.uppercased().filter { $0 != " " })
        if t.hasSuffix("%") {
            guard let p = Double(t.dropLast()), p > 0, p <= 100 else { return nil }
            let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
            guard pages > 0, pageSize > 0 else { return nil }
            let physical = Double(pages) * Double(pageSize)
            return Int(physical * p / 100)
        }
        let k = 1024.0, m = k * k, g = m * k, tb = g * k
        let units: [(String, Double)] = [("KIB", k), ("MIB", m), ("GIB", g), ("TIB", tb), ("KB", k), ("MB", m), ("GB", g),
                                         ("TB", tb), ("K", k), ("M", m), ("G", g), ("T", tb), ("B", 1)]
        var number = Substring(t), scale = 1.0
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            number = t.dropLast(suffix.count)
            scale = factor
            break
        }
        guard let x = Double(number), x.isFinite, x > 0 else { return nil }
        let bytes = x * scale
        guard bytes >= 1, bytes < 9e18 else { return nil }
        return Int(bytes)
    }
}

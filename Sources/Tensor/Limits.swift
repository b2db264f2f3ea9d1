import Synchronization

/// Engine-wide limits, shared by every tensor allocation.
public enum Limits {
    private static let maxBytesStorage = Atomic<Int>(defaultMaxBytes())

    /// Largest single tensor allocation in bytes. Default: half of physical memory.
    public static var maxBytes: Int {
        get { maxBytesStorage.load(ordering: .relaxed) }
        set { maxBytesStorage.store(newValue, ordering: .relaxed) }
    }

    static func defaultMaxBytes() -> Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 4 << 30 }
        let (total, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max / 2 : total / 2
    }

    /// Human-readable byte count ("1.5 GiB").
    public static func formatBytes(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        return "\(rounded) \(units[unit])"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

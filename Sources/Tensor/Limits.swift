import Synchronization

/// Engine-wide limits, shared by every tensor allocation.
public enum Limits {
    private static let maxBytesStorage = Atomic<Int>(defaultMaxBytes())

    /// Largest single tensor allocation in bytes. Default: half of physical memory, or less
    /// under a cgroup or `ulimit` limit (``MemoryBudget``).
    public static var maxBytes: Int {
        get { maxBytesStorage.load(ordering: .relaxed) }
        set { maxBytesStorage.store(newValue, ordering: .relaxed) }
    }

    /// The default: the smallest of half of physical memory, the cgroup memory limit and
    /// what `RLIMIT_AS`/`RLIMIT_DATA` leave beside the process's current mappings
    /// (see ``MemoryBudget``).
    static func defaultMaxBytes() -> Int {
        MemoryBudget.defaultLimit()
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

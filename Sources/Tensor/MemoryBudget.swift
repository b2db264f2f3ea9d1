#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory this process may still use, for the default memory limit: the smallest of
/// half of physical memory, the cgroup's memory limit (v2 `memory.max` of the process's
/// cgroup and its ancestors, or v1 `memory.limit_in_bytes`), and the address-space and
/// data-segment limits (`RLIMIT_AS`, `RLIMIT_DATA`, as `ulimit -v` / `ulimit -d` set them)
/// minus what the process already maps. Shared servers and containers set the latter two.
enum MemoryBudget {
    /// Half of physical memory (4 GiB when it cannot be read).
    static func halfOfPhysicalMemory() -> Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 4 << 30 }
        let (total, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max / 2 : total / 2
    }

    /// The default limit: the smallest of the bounds that apply, at least 1 MiB.
    static func defaultLimit() -> Int {
        var limit = halfOfPhysicalMemory()
        if let c = cgroupLimit() { limit = Swift.min(limit, c) }
        let mapped = mappedBytes()
        if let a = resourceLimit(Int32(RLIMIT_AS.rawValue)) { limit = Swift.min(limit, a - mapped.total) }
        if let d = resourceLimit(Int32(RLIMIT_DATA.rawValue)) { limit = Swift.min(limit, d - mapped.data) }
        return Swift.max(limit, 1 << 20)
    }

    /// The soft limit of `resource` in bytes, or nil when unlimited.
    static func resourceLimit(_ resource: Int32) -> Int? {
        var r = rlimit()
        #if canImport(Glibc)
        guard getrlimit(__rlimit_resource_t(UInt32(resource)), &r) == 0 else { return nil }
        #else
        guard getrlimit(resource, &r) == 0 else { return nil }
        #endif
        guard r.rlim_cur != rlim_t.max, r.rlim_cur < rlim_t(Int.max) else { return nil }  // RLIM_INFINITY is all ones
        return Int(r.rlim_cur)
    }

    /// Bytes the process maps now: all of its address space, and its data segment (heap and
    /// private anonymous mappings, what `RLIMIT_DATA` counts), from `/proc/self/statm`.
    static func mappedBytes() -> (total: Int, data: Int) {
        guard let text = readSmallFile("/proc/self/statm") else { return (0, 0) }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        let page = Swift.max(1, sysconf(Int32(_SC_PAGESIZE)))
        guard fields.count >= 6 else { return (0, 0) }
        return (fields[0] * page, fields[5] * page)
    }

    /// The memory limit of the process's cgroup (the smallest along its path), or nil.
    static func cgroupLimit() -> Int? {
        guard let membership = readSmallFile("/proc/self/cgroup") else { return nil }
        var best: Int?
        func consider(_ value: Int?) {
            guard let value, value > 0 else { return }
            best = best.map { Swift.min($0, value) } ?? value
        }
        for line in membership.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = String(parts[2])
            if parts[0] == "0" && parts[1].isEmpty {
                // cgroup v2: memory.max of the cgroup and of each ancestor.
                var components = path.split(separator: "/").map(String.init)
                while true {
                    let folder = "/sys/fs/cgroup" + (components.isEmpty ? "" : "/" + components.joined(separator: "/"))
                    consider(readLimit(folder + "/memory.max"))
                    if components.isEmpty { break }
                    components.removeLast()
                }
            } else if parts[1].split(separator: ",").contains("memory") {
                // cgroup v1: the memory controller's limit (a huge number means none).
                consider(readLimit("/sys/fs/cgroup/memory" + path + "/memory.limit_in_bytes"))
                consider(readLimit("/sys/fs/cgroup/memory/memory.limit_in_bytes"))
            }
        }
        return best
    }

    /// A limit file's value in bytes: nil for "max", unreadable files and v1's "no limit"
    /// (a value near the largest page-aligned 64-bit number).
    static func readLimit(_ path: String) -> Int? {
        guard let text = readSmallFile(path) else { return nil }
        let t = text.split(whereSeparator: { $0 == "\n" || $0 == " " }).first.map(String.init) ?? ""
        guard let value = Int(t), value > 0, value < (1 << 60) else { return nil }
        return value
    }

    /// The first 4 KiB of a (proc or sysfs) file as text, or nil.
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}

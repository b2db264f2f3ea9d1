#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a loaded address belongs to, from `/proc/self/maps` (Linux; nil elsewhere).
/// Used to report the shared object `dlopen` actually resolved a library name to.
enum MappedFile {
    static func path(containing address: UInt) -> String? {
        guard let file = fopen("/proc/self/maps", "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var cap = 0
        defer { free(line) }
        while getline(&line, &cap, file) > 0 {
            guard let line else { break }
            if let path = path(in: String(cString: line), containing: address) { return path }
        }
        return nil
    }

    /// The path of one maps line ("start-end perms offset dev inode path") when it covers `address`.
    static func path(in line: String, containing address: UInt) -> String? {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count == 6 else { return nil }
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let lo = UInt(range[0], radix: 16), let hi = UInt(range[1], radix: 16),
              lo <= address, address < hi else { return nil }
        let path = fields[5].trimmingCharacters(in: " \n")
        return path.hasPrefix("/") ? path : nil
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Storage {
    /// Allocations at least this large are 2 MiB aligned and marked for transparent huge pages.
    static let hugePageThreshold = 4 << 20

    /// Raw memory for `byteCount` bytes: 64-byte aligned; large blocks are 2 MiB aligned and
    /// advised `MADV_HUGEPAGE` (as numpy does), which makes first touch of big tensors several
    /// times cheaper (one fault per 2 MiB instead of per 4 KiB page).
    static func allocateRaw(byteCount: Int) -> UnsafeMutableRawPointer {
        guard byteCount >= hugePageThreshold else {
            return UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        }
        let huge = 2 << 20
        let p = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: huge)
        #if os(Linux)
        _ = madvise(p, byteCount, MADV_HUGEPAGE)
        #endif
        return p
    }
}

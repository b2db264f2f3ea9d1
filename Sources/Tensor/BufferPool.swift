#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The allocator behind `Storage`. Small blocks come from plain `malloc` (16-byte aligned,
/// fast) and are aligned to 64 bytes by hand, the original address kept just below the block
/// (`posix_memalign` costs ~4× a `malloc`, which dominates ops on tiny tensors); large blocks
/// (≥ 4 MiB) are 2 MiB aligned, advised for transparent huge pages, and kept in a small cache
/// when freed so that the next tensor of the same size class reuses already-mapped memory
/// instead of paying the kernel's page faults and zeroing again (like PyTorch's caching
/// allocator). The cache holds at most `maxCachedBlocks` blocks and `maxCachedBytes` bytes.
enum BufferPool {
    /// Blocks at least this large are pooled.
    static let largeThreshold = 4 << 20
    /// Size classes for large blocks are multiples of this (one huge page).
    static let granule = 2 << 20
    static let maxCachedBlocks = 8
    static var maxCachedBytes: Int { Swift.min(1 << 30, Limits.maxBytes / 4) }

    private struct State: ~Copyable {
        var blocks: [(bytes: Int, address: UInt)] = []  // addresses: raw pointers are not Sendable
        var total = 0
    }
    private static let state = Locked(State())

    /// Size actually reserved for a request of `bytes`.
    @inline(__always)
    static func capacity(for bytes: Int) -> Int {
        bytes < largeThreshold ? bytes : (bytes + granule - 1) / granule * granule
    }

    /// A block of at least `bytes` bytes, 64-byte aligned (2 MiB aligned when large), or nil
    /// when the system refuses the memory (an address-space or cgroup limit): then the cache
    /// is emptied and the request tried once more before giving up.
    static func allocate(bytes: Int) -> UnsafeMutableRawPointer? {
        if let p = tryAllocate(bytes: bytes) { return p }
        drain()
        return tryAllocate(bytes: bytes)
    }

    private static func tryAllocate(bytes: Int) -> UnsafeMutableRawPointer? {
        if bytes < largeThreshold {
            // Alignment 16 is malloc's own: no aligned-allocation path.
            guard let base = malloc(Swift.max(bytes, 8) + 72) else { return nil }
            let address = (UInt(bitPattern: base) + 8 + 63) & ~UInt(63)
            let block = base + Int(address - UInt(bitPattern: base))
            (block - 8).storeBytes(of: UInt(bitPattern: base), as: UInt.self)
            return block
        }
        let cap = capacity(for: bytes)
        let cached: UInt = state.withLock { s in
            guard let i = s.blocks.firstIndex(where: { $0.bytes == cap }) else { return 0 }
            s.total -= cap
            return s.blocks.remove(at: i).address
        }
        if let p = UnsafeMutableRawPointer(bitPattern: cached) { return p }
        var p: UnsafeMutableRawPointer?
        guard posix_memalign(&p, granule, cap) == 0, let p else { return nil }
        #if os(Linux)
        _ = madvise(p, cap, 14 /* MADV_HUGEPAGE */)
        #endif
        return p
    }

    /// Returns a block obtained from `allocate(bytes:)` with the same `bytes`.
    static func deallocate(_ p: UnsafeMutableRawPointer, bytes: Int) {
        if bytes < largeThreshold {
            free(UnsafeMutableRawPointer(bitPattern: (p - 8).load(as: UInt.self)))
            return
        }
        let cap = capacity(for: bytes)
        let address = UInt(bitPattern: p)
        let evicted: [UInt] = state.withLock { s in
            var out: [UInt] = []
            guard cap <= maxCachedBytes else { return [address] }
            while !s.blocks.isEmpty && (s.blocks.count >= maxCachedBlocks || s.total + cap > maxCachedBytes) {
                let old = s.blocks.removeFirst()
                s.total -= old.bytes
                out.append(old.address)
            }
            s.blocks.append((cap, address))
            s.total += cap
            return out
        }
        for q in evicted { free(UnsafeMutableRawPointer(bitPattern: q)) }
    }

    /// Frees every cached block (e.g. before a memory-hungry step, or in tests).
    static func drain() {
        let all = state.withLock { s in
            let b = s.blocks.map(\.address)
            s.blocks = []
            s.total = 0
            return b
        }
        for q in all { free(UnsafeMutableRawPointer(bitPattern: q)) }
    }
}

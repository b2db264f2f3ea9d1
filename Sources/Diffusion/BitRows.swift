#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import Tensor

/// The rows of a 0/1 matrix packed 64 channels per word, with each row's popcount and first
/// set channel: the fast path of `affinity`. When every row is one contiguous run of ones (DTR,
/// interval and dense masks) the IoU of two rows follows from their runs in O(1); otherwise the
/// packed words are ANDed and popcounted. Either way the counts are exact integers, so the
/// result equals numpy's `inter / union` bit for bit. Words live in `Storage` (memory cap);
/// packing and the pair loop are split over the cores (rows interleaved, balancing the triangle).
struct BitRows {
    let rows: Int, words: Int
    private let bits: Storage?
    /// counts[r] then starts[r] (first set channel, 0 for an empty row), as Int.
    private let meta: Storage
    /// Whether every row is a single run of ones (or empty).
    let allRuns: Bool

    /// Worker count for the parallel loops.
    static let workers = max(1, min(8, ProcessorCount.online))

    /// Scans `p` (rows × cols, row-major): nil when some value is not exactly 0 or 1. Rows are
    /// only bit-packed when some row is not a single run of ones.
    init?(_ p: UnsafePointer<Double>, rows: Int, cols: Int) throws(TensorError) {
        let words = (cols + 63) / 64
        self.rows = rows; self.words = words
        meta = try Storage(count: 2 * rows, dtype: .f64)
        let metaPtr = meta.raw.bindMemory(to: Int.self, capacity: 2 * rows)
        let workers = rows >= 64 ? BitRows.workers : 1
        let bad = Atomic<Bool>(false), broken = Atomic<Bool>(false)
        let scan = Shared(src: p, bits: nil, meta: metaPtr, out: nil)
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            guard let src = scan.src else { return }
            var r = k
            while r < rows {
                if bad.load(ordering: .relaxed) || Interrupt.isRequested { return }
                guard let (count, start, isRun) = BitRows.summary(src + r * cols, cols: cols) else {
                    bad.store(true, ordering: .relaxed)
                    return
                }
                scan.meta[r] = count
                scan.meta[rows + r] = start
                if !isRun { broken.store(true, ordering: .relaxed) }
                r += workers
            }
        }
        try Interrupt.check()
        if bad.load(ordering: .relaxed) { return nil }
        allRuns = !broken.load(ordering: .relaxed)
        if allRuns { bits = nil; return }
        let packed = try Storage(count: rows * words, dtype: .f64)
        bits = packed
        let shared = Shared(src: p, bits: packed.raw.bindMemory(to: UInt64.self, capacity: rows * words),
                            meta: metaPtr, out: nil)
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            guard let src = shared.src, let bits = shared.bits else { return }
            var r = k
            while r < rows {
                if Interrupt.isRequested { return }
                BitRows.pack(src + r * cols, cols: cols, into: bits + r * words)
                r += workers
            }
        }
        try Interrupt.check()
    }

    /// One row's popcount, first set channel (0 if none) and whether its ones form one
    /// contiguous run; nil if a value is not exactly 0 or 1. x·(x − 1) is 0 only for x = 0 or 1
    /// (NaN and ±inf give NaN or inf), so validity is a branch-free, vectorisable sum.
    @inline(__always)
    static func summary(_ row: UnsafePointer<Double>, cols: Int) -> (Int, Int, Bool)? {
        // Four independent accumulators (exact: sums of 0/1 values, and of non-negative terms
        // that are all 0 exactly when the row is valid), so the loop is not latency-bound.
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, o0 = 0.0, o1 = 0.0, o2 = 0.0, o3 = 0.0
        var c = 0
        while c + 4 <= cols {
            let x0 = row[c], x1 = row[c + 1], x2 = row[c + 2], x3 = row[c + 3]
            s0 += x0; s1 += x1; s2 += x2; s3 += x3
            o0 += (x0 * (x0 - 1)).magnitude; o1 += (x1 * (x1 - 1)).magnitude
            o2 += (x2 * (x2 - 1)).magnitude; o3 += (x3 * (x3 - 1)).magnitude
            c += 4
        }
        while c < cols {
            let x = row[c]
            s0 += x; o0 += (x * (x - 1)).magnitude
            c += 1
        }
        let sum = (s0 + s1) + (s2 + s3), off = (o0 + o1) + (o2 + o3)
        guard off == 0 else { return nil }
        // A sum of at most 2^53 ones is exact.
        let count = Int(exactly: sum) ?? 0
        if count == 0 { return (0, 0, true) }
        var first = 0
        while row[first] != 1 { first += 1 }
        var last = cols - 1
        while row[last] != 1 { last -= 1 }
        return (count, first, last - first + 1 == count)
    }

    /// Packs one validated 0/1 row, 64 channels per word.
    @inline(__always)
    static func pack(_ row: UnsafePointer<Double>, cols: Int, into out: UnsafeMutablePointer<UInt64>) {
        var c = 0, w = 0
        while c < cols {
            var word: UInt64 = 0
            let end = Swift.min(c + 64, cols)
            for i in c..<end where row[i] == 1 { word |= 1 << UInt64(i - c) }
            out[w] = word
            c = end; w += 1
        }
    }

    /// Writes the rows × rows IoU matrix (empty ∪ empty → 1). Runs: every full row directly.
    /// Packed rows: the upper triangle, then mirrored in cache-sized blocks.
    func iouMatrix(into o: UnsafeMutablePointer<Double>) throws(TensorError) {
        let T = rows, W = words
        let metaPtr = meta.raw.assumingMemoryBound(to: Int.self)
        let shared = Shared(src: nil, bits: bits.map { $0.raw.assumingMemoryBound(to: UInt64.self) },
                            meta: metaPtr, out: o)
        let workers = T >= 64 ? BitRows.workers : 1
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            let cnt = shared.meta, start = shared.meta + T
            guard let o = shared.out else { return }
            var i = k
            while i < T {
                if Interrupt.isRequested { return }
                let ni = cnt[i], row = o + i * T
                if let base = shared.bits {
                    let a = base + i * W
                    for j in i..<T {
                        let c = base + j * W
                        var inter = 0
                        for w in 0..<W { inter &+= (a[w] & c[w]).nonzeroBitCount }
                        let union = ni + cnt[j] - inter
                        row[j] = union == 0 ? 1 : Double(inter) / Double(union)
                    }
                } else {
                    let si = start[i], ei = si + ni
                    for j in 0..<T {
                        let nj = cnt[j], sj = start[j]
                        let inter = Swift.max(0, Swift.min(ei, sj + nj) - Swift.max(si, sj))
                        let union = ni + nj - inter
                        row[j] = union == 0 ? 1 : Double(inter) / Double(union)
                    }
                }
                i += workers
            }
        }
        try Interrupt.check()
        guard bits != nil else { return }
        let block = 64
        for bi in stride(from: 0, to: T, by: block) {
            for bj in stride(from: 0, to: bi + 1, by: block) {
                for i in bi..<Swift.min(bi + block, T) {
                    for j in bj..<Swift.min(bj + block, i) { o[i * T + j] = o[j * T + i] }
                }
            }
        }
    }
}

/// Pointers handed to the worker closures (each worker touches disjoint rows).
private struct Shared: @unchecked Sendable {
    let src: UnsafePointer<Double>?
    let bits: UnsafeMutablePointer<UInt64>?
    let meta: UnsafeMutablePointer<Int>
    let out: UnsafeMutablePointer<Double>?
}

/// Online processor count (sysconf), at least 1.
enum ProcessorCount {
    static let online: Int = {
        #if canImport(Glibc)
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        #else
        let n = 1
        #endif
        return n > 0 ? n : 1
    }()
}

#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import Tensor

/// The rows of a 0/1 matrix packed 64 channels per word, with each row's popcount: the fast
/// path of `affinity`. The words live in a `Storage`, so the memory cap applies. Packing and
/// the pair loop are split over the cores (rows interleaved, so the triangle stays balanced).
struct BitRows {
    let rows: Int, words: Int
    private let storage: Storage
    private let counts: Storage

    /// Worker count for the parallel loops.
    static let workers = max(1, min(8, ProcessInfoCores.count))

    /// Packs `p` (rows × cols, row-major); nil when some value is not exactly 0 or 1.
    init?(_ p: UnsafePointer<Double>, rows: Int, cols: Int) throws(TensorError) {
        let words = (cols + 63) / 64
        self.rows = rows; self.words = words
        storage = try Storage(count: rows * words, dtype: .f64)
        counts = try Storage(count: rows, dtype: .f64)
        let shared = Shared(src: p, bits: storage.raw.bindMemory(to: UInt64.self, capacity: rows * words),
                            counts: counts.raw.bindMemory(to: Int.self, capacity: rows), out: nil)
        let bad = Atomic<Bool>(false)
        let workers = rows >= 64 ? BitRows.workers : 1
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            guard let src = shared.src else { return }
            var r = k
            while r < rows {
                if bad.load(ordering: .relaxed) || Interrupt.isRequested { return }
                if !BitRows.pack(src + r * cols, cols: cols, into: shared.bits + r * words, count: shared.counts + r) {
                    bad.store(true, ordering: .relaxed)
                    return
                }
                r += workers
            }
        }
        try Interrupt.check()
        if bad.load(ordering: .relaxed) { return nil }
    }

    /// Packs one row; false when a value is neither 0 nor 1.
    @inline(__always)
    static func pack(_ row: UnsafePointer<Double>, cols: Int, into out: UnsafeMutablePointer<UInt64>,
                     count: UnsafeMutablePointer<Int>) -> Bool {
        var c = 0, w = 0, n = 0
        while c < cols {
            var word: UInt64 = 0, bad = false
            let end = Swift.min(c + 64, cols)
            for i in c..<end {
                let v = row[i]
                word |= (v == 1 ? 1 : 0) << UInt64(i - c)
                bad = bad || (v != 0 && v != 1)
            }
            if bad { return false }
            out[w] = word
            n += word.nonzeroBitCount
            c = end; w += 1
        }
        count.pointee = n
        return true
    }

    /// Writes the rows × rows IoU matrix (empty ∪ empty → 1): the upper triangle in parallel,
    /// then mirrored in cache-sized blocks.
    func iouMatrix(into o: UnsafeMutablePointer<Double>) throws(TensorError) {
        let T = rows, W = words
        let shared = Shared(src: nil, bits: storage.raw.assumingMemoryBound(to: UInt64.self),
                            counts: counts.raw.assumingMemoryBound(to: Int.self), out: o)
        let workers = T >= 64 ? BitRows.workers : 1
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            let base = shared.bits, cnt = shared.counts
            guard let o = shared.out else { return }
            var i = k
            while i < T {
                if Interrupt.isRequested { return }
                let a = base + i * W, ni = cnt[i]
                for j in i..<T {
                    let c = base + j * W
                    var inter = 0
                    for w in 0..<W { inter &+= (a[w] & c[w]).nonzeroBitCount }
                    let union = ni + cnt[j] - inter
                    o[i * T + j] = union == 0 ? 1 : Double(inter) / Double(union)
                }
                i += workers
            }
        }
        try Interrupt.check()
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
    let bits: UnsafeMutablePointer<UInt64>
    let counts: UnsafeMutablePointer<Int>
    let out: UnsafeMutablePointer<Double>?
}

/// Online processor count (sysconf), at least 1.
enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        #else
        let n = 1
        #endif
        return n > 0 ? n : 1
    }()
}

import Tensor

/// The rows of a 0/1 matrix packed 64 channels per word, with each row's popcount: the fast
/// path of `affinity`.
struct BitRows {
    let rows: Int, words: Int
    var bits: [UInt64]
    var counts: [Int]

    /// Packs `p` (rows × cols, row-major); nil when some value is not exactly 0 or 1.
    init?(_ p: UnsafePointer<Double>, rows: Int, cols: Int) throws(TensorError) {
        let words = (cols + 63) / 64
        self.rows = rows; self.words = words
        bits = [UInt64](repeating: 0, count: rows * words)
        counts = [Int](repeating: 0, count: rows)
        let ok = bits.withUnsafeMutableBufferPointer { b -> Bool in
            for r in 0..<rows {
                let row = p + r * cols, out = b.baseAddress.map { $0 + r * words }
                guard let out else { return false }
                var c = 0, w = 0
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
                    c = end; w += 1
                }
            }
            return true
        }
        guard ok else { return nil }
        for r in 0..<rows {
            var n = 0
            for w in 0..<words { n += bits[r * words + w].nonzeroBitCount }
            counts[r] = n
        }
    }

    /// Writes the rows × rows IoU matrix (empty ∪ empty → 1).
    func iouMatrix(into o: UnsafeMutablePointer<Double>) throws(TensorError) {
        let T = rows, W = words
        try bits.withUnsafeBufferPointer { (b) throws(TensorError) in
            guard let base = b.baseAddress else { return }
            for i in 0..<T {
                if i & 15 == 0 { try Interrupt.check() }
                let a = base + i * W
                let ni = counts[i]
                for j in i..<T {
                    let c = base + j * W
                    var inter = 0
                    for w in 0..<W { inter &+= (a[w] & c[w]).nonzeroBitCount }
                    let union = ni + counts[j] - inter
                    let v = union == 0 ? 1 : Double(inter) / Double(union)
                    o[i * T + j] = v
                    o[j * T + i] = v
                }
            }
        }
    }
}

/// numpy broadcasting: shapes are aligned at their last axis; each pair of extents must be
/// equal or one of them 1 (a 0-d tensor broadcasts against anything, an extent 0 stays 0).
enum Broadcast {
    /// The broadcast shape of `a` and `b`, or `.shapeMismatch(op:…)` naming `op`.
    static func shape(_ a: [Int], _ b: [Int], op: String) throws(TensorError) -> [Int] {
        if a == b { return a }
        let r = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let da = i < r - a.count ? 1 : a[i - (r - a.count)]
            let db = i < r - b.count ? 1 : b[i - (r - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else {
                throw .shapeMismatch(op: op, lhs: a, rhs: b)
            }
        }
        return out
    }

    /// Strides of `t` viewed as `shape` (which `t.shape` broadcasts to): 0 on broadcast axes.
    static func strides(of t: Tensor, to shape: [Int]) -> [Int] {
        var s = [Int](repeating: 0, count: shape.count)
        let lead = shape.count - t.rank
        for i in 0..<t.rank where t.shape[i] != 1 { s[lead + i] = t.strides[i] }
        return s
    }
}

/// Iteration plan for an elementwise kernel writing a contiguous output of `shape` from up to
/// three strided operands. Axes of extent 1 are dropped and adjacent axes that are contiguous
/// for every operand are merged, so most cases reduce to one long row.
struct StridedPlan {
    /// Coalesced output shape (at least one axis).
    var shape: [Int]
    /// Per operand, the coalesced strides (same rank as `shape`).
    var strides: [[Int]]
    /// Per operand, the storage offset of element 0.
    var offsets: [Int]

    init(shape full: [Int], strides operandStrides: [[Int]], offsets: [Int]) {
        var shape: [Int] = []
        var strides = [[Int]](repeating: [], count: operandStrides.count)
        for ax in 0..<full.count where full[ax] != 1 {
            if let last = shape.last,
               operandStrides.indices.allSatisfy({ strides[$0][strides[$0].count - 1] == operandStrides[$0][ax] &* full[ax] }) {
                shape[shape.count - 1] = last &* full[ax]
                for k in operandStrides.indices { strides[k][strides[k].count - 1] = operandStrides[k][ax] }
            } else {
                shape.append(full[ax])
                for k in operandStrides.indices { strides[k].append(operandStrides[k][ax]) }
            }
        }
        if shape.isEmpty {
            shape = [1]
            for k in strides.indices { strides[k] = [0] }
        }
        self.shape = shape
        self.strides = strides
        self.offsets = offsets
    }

    /// Length and per-operand stride of the innermost axis.
    var rowLength: Int { shape[shape.count - 1] }
    func innerStride(_ k: Int) -> Int { strides[k][strides[k].count - 1] }

    /// Calls `body(outStart, n, offsets)` for the pieces of rows that cover output elements
    /// `lo..<hi` in order; `offsets[k]` is operand k's storage offset of output element `outStart`.
    @inline(__always)
    func forEachRow(_ lo: Int, _ hi: Int, _ body: (Int, Int, UnsafeMutableBufferPointer<Int>) -> Void) {
        let r = shape.count, m = offsets.count, len = rowLength
        withUnsafeTemporaryAllocation(of: Int.self, capacity: r + m) { tmp in
            let idx = UnsafeMutableBufferPointer(rebasing: tmp[0..<r])
            let offs = UnsafeMutableBufferPointer(rebasing: tmp[r..<(r + m)])
            // Decompose lo into a multi-index and starting offsets.
            var rest = lo
            for ax in stride(from: r - 1, through: 0, by: -1) {
                idx[ax] = rest % shape[ax]
                rest /= shape[ax]
            }
            for k in 0..<m {
                var o = offsets[k]
                for ax in 0..<r { o &+= idx[ax] &* strides[k][ax] }
                offs[k] = o
            }
            var pos = lo
            while pos < hi {
                let n = Swift.min(len - idx[r - 1], hi - pos)
                body(pos, n, offs)
                pos &+= n
                if pos >= hi { break }
                // Advance to the start of the next row.
                for k in 0..<m { offs[k] &+= n &* strides[k][r - 1] }
                idx[r - 1] = len
                var ax = r - 1
                while ax >= 0 {
                    if idx[ax] < shape[ax] { break }
                    for k in 0..<m { offs[k] &-= shape[ax] &* strides[k][ax] }
                    idx[ax] = 0
                    ax -= 1
                    if ax >= 0 {
                        idx[ax] += 1
                        for k in 0..<m { offs[k] &+= strides[k][ax] }
                    }
                }
            }
        }
    }
}

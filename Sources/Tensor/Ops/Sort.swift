extension Tensor {
    /// Sorted copy along `axis` (default: last). Stable; NaN sorts last, as in numpy.
    public static func sort(_ x: Tensor, axis: Int = -1) throws(TensorError) -> Tensor {
        try sorted(x, axis: axis, indices: false)
    }

    /// Indices (as f64) that would sort `x` along `axis` (default: last). Stable: equal
    /// elements keep their order; NaN sorts last.
    public static func argsort(_ x: Tensor, axis: Int = -1) throws(TensorError) -> Tensor {
        try sorted(x, axis: axis, indices: true)
    }

    static func sorted(_ x: Tensor, axis: Int, indices: Bool) throws(TensorError) -> Tensor {
        let rows = try AxisRows(x, axis: axis)
        let out = try rows.makeOutput(dtype: indices ? .f64 : x.dtype)
        switch x.dtype {
        case .f64: try SortKernels.run(rows, UnsafePointer(rows.data.storage.f64) + rows.data.offset, out, indices: indices)
        case .f32: try SortKernels.run(rows, UnsafePointer(rows.data.storage.f32) + rows.data.offset, out, indices: indices)
        }
        return rows.result(out)
    }
}

enum SortKernels {
    /// Strict weak order: numbers ascending, NaN after every number, ties by position.
    @inline(__always)
    static func before<T: Elem>(_ p: UnsafePointer<T>, _ i: Int, _ j: Int) -> Bool {
        let a = p[i], b = p[j]
        if a < b { return true }
        if b < a { return false }
        let an = a != a, bn = b != b
        if an != bn { return bn }
        return i < j
    }

    static func run<T: Elem>(_ rows: AxisRows, _ x: UnsafePointer<T>, _ out: Tensor, indices: Bool) throws(TensorError) {
        let n = rows.length
        try rows.forEachRow { r in
            let p = x + r * n
            withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { buffer in
                var idx = buffer
                for i in 0..<n { idx[i] = i }
                idx.sort { before(p, $0, $1) }
                if indices {
                    let o = out.storage.f64 + r * n
                    for i in 0..<n { o[i] = Double(idx[i]) }
                } else {
                    let o = T.pointer(out.storage) + r * n
                    for i in 0..<n { o[i] = p[idx[i]] }
                }
            }
        }
    }
}

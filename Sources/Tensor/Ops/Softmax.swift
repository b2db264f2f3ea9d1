extension Tensor {
    /// Softmax along `axis` (default: last): `exp(x - max) / sum(exp(x - max))`, computed
    /// stably (subtracting the row maximum first). A NaN in a row makes the row NaN.
    public static func softmax(_ x: Tensor, axis: Int = -1) throws(TensorError) -> Tensor {
        if x.dtype == .bool { return try softmax(x.numeric(), axis: axis) }
        let rows = try AxisRows(x, axis: axis)
        let out = try rows.makeOutput(dtype: x.dtype)
        if rows.length == 0 { return rows.result(out) }
        switch x.dtype {
        case .f64: try softmaxRows(rows, UnsafePointer(rows.data.storage.f64) + rows.data.offset, out.storage.f64)
        case .f32: try softmaxRows(rows, UnsafePointer(rows.data.storage.f32) + rows.data.offset, out.storage.f32)
        case .bool: break  // converted to f64 on entry
        }
        return rows.result(out)
    }

    static func softmaxRows<T: Elem>(_ rows: AxisRows, _ x: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        let n = rows.length
        try rows.forEachRow { r in
            let p = x + r * n, q = o + r * n
            let m = ReduceKernels.extreme(p, n, isMax: true)
            for i in 0..<n { q[i] = T.mexp(p[i] - m) }
            let s = ReduceKernels.sum(UnsafePointer(q), n) { $0 }
            let inv = 1 / s
            for i in 0..<n { q[i] *= inv }
        }
    }

    /// Euclidean (L2) norm along `axis`, or of all elements (Frobenius for a matrix) when nil.
    public static func norm(_ x: Tensor, axis: Int? = nil, keepdims: Bool = false) throws(TensorError) -> Tensor {
        try unary(.sqrt, reduce(.sum, unary(.square, x), axis: axis, keepdims: keepdims))
    }

    /// Outer product: `out[i, j] = a[i] * b[j]` over the flattened inputs (numpy's `outer`).
    public static func outer(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        let a = try dense(a), b = try dense(b)
        let col = Tensor(storage: a.storage, shape: [a.count, 1], strides: [1, 0], offset: 0)
        let row = Tensor(storage: b.storage, shape: [1, b.count], strides: [0, 1], offset: 0)
        return try binary(.mul, col, row)
    }
}

/// Reductions over a non-last axis of a contiguous tensor, without transposing it: seen as
/// (outer, len, inner), each output row `out[o, :]` accumulates the input rows `x[o, k, :]`
/// for k in order (numpy's order for such axes), with vectorised loops over `inner`.
extension Tensor {
    /// `op` over axis `a` (normalised) on this path, or nil when it does not apply (other ops,
    /// the last axis, a strided or empty input).
    static func reduceInPlace(_ op: ReduceOp, _ x: Tensor, axis a: Int, keepdims: Bool) throws(TensorError) -> Tensor? {
        switch op {
        case .sum, .mean, .max, .min, .prod: break
        default: return nil
        }
        guard x.isContiguous, a < x.rank - 1, x.shape[a] > 0, x.count > 0 else { return nil }
        var shape = x.shape
        if keepdims { shape[a] = 1 } else { shape.remove(at: a) }
        let out = try Tensor(uninitialized: shape, dtype: x.dtype)
        switch x.dtype {
        case .f64: try InnerReducer<Double>.run(op, x, axis: a, out)
        case .f32: try InnerReducer<Float>.run(op, x, axis: a, out)
        case .bool: return nil  // `reduce` converts bool to f64 first
        }
        return out
    }
}

enum InnerReducer<T: Elem> {
    static func run(_ op: ReduceOp, _ x: Tensor, axis a: Int, _ out: Tensor) throws(TensorError) {
        let len = x.shape[a]
        let outer = x.shape[..<a].reduce(1, &*), inner = x.shape[(a + 1)...].reduce(1, &*)
        let src = UnsafePointer(T.pointer(x.storage)) + x.offset, dst = T.pointer(out.storage)
        let span = Swift.max(1, Swift.min(inner, Parallel.grain / Swift.max(len, 1)))
        let pieces = (inner + span - 1) / span
        try Parallel.forItems(outer * pieces, parallel: x.count >= Parallel.threshold) { item in
            let o = item / pieces, i0 = (item % pieces) * span, n = Swift.min(span, inner - i0)
            let q = dst + o * inner + i0
            let base = src + o * len * inner + i0
            q.update(from: base, count: n)
            for k in 1..<len {
                let p = base + k * inner
                switch op {
                case .sum, .mean: for i in 0..<n { q[i] += p[i] }
                case .prod: for i in 0..<n { q[i] *= p[i] }
                case .max: for i in 0..<n { let v = p[i]; q[i] = (v > q[i] || v != v) ? v : q[i] }
                default: for i in 0..<n { let v = p[i]; q[i] = (v < q[i] || v != v) ? v : q[i] }
                }
            }
            if op == .mean {
                let c = T(len)
                for i in 0..<n { q[i] /= c }
            }
        }
    }
}

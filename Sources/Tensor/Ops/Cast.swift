extension Tensor {
    /// `x` with elements converted to `dtype` (x itself when it already has it), as a dense
    /// tensor. Strided inputs are walked row by row and large ones in parallel.
    static func cast(_ x: Tensor, to dtype: DType) throws(TensorError) -> Tensor {
        if x.dtype == dtype { return x }
        // Bool conversions are not on hot paths: one walk in row-major order.
        if x.dtype == .bool || dtype == .bool { return try x.converted(to: dtype) }
        let out = try Tensor(uninitialized: x.shape, dtype: dtype)
        let n = x.count
        if n == 0 { return out }
        let plan = StridedPlan(shape: x.shape, strides: [Broadcast.strides(of: x, to: x.shape)], offsets: [x.offset])
        let s = plan.innerStride(0)
        switch dtype {
        case .f64:
            let src = UnsafePointer(x.storage.f32), dst = out.storage.f64
            try Parallel.forRanges(n) { lo, hi in
                plan.forEachRow(lo, hi) { start, len, offs in
                    let p = src + offs[0], q = dst + start
                    for i in 0..<len { q[i] = Double(p[i &* s]) }
                }
            }
        case .f32:
            let src = UnsafePointer(x.storage.f64), dst = out.storage.f32
            try Parallel.forRanges(n) { lo, hi in
                plan.forEachRow(lo, hi) { start, len, offs in
                    let p = src + offs[0], q = dst + start
                    for i in 0..<len { q[i] = Float(p[i &* s]) }
                }
            }
        case .bool: break  // handled above
        }
        return out
    }
}

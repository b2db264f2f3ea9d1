extension Tensor {
    /// Elementwise choice: `a` where `cond` is non-zero (NaN counts as true), else `b`.
    /// All three broadcast together; the dtype is that of `a` with `b` (f64 if either is).
    /// - Throws: `.shapeMismatch(op: "where", …)` when the shapes do not broadcast.
    public static func `where`(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        let ab = try Broadcast.shape(a.shape, b.shape, op: "where")
        let shape = try Broadcast.shape(cond.shape, ab, op: "where")
        let dtype = a.dtype.promoted(with: b.dtype)
        if dtype == .bool {
            // Choosing between two bool tensors gives bool (numpy); select in f64.
            return try `where`(cond, a.numeric(), b.numeric()).converted(to: .bool)
        }
        let c = try cast(cond, to: dtype), a = try cast(a, to: dtype), b = try cast(b, to: dtype)
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        let n = out.count
        if n == 0 { return out }
        let plan = StridedPlan(shape: shape,
                               strides: [Broadcast.strides(of: c, to: shape), Broadcast.strides(of: a, to: shape),
                                         Broadcast.strides(of: b, to: shape)],
                               offsets: [c.offset, a.offset, b.offset])
        switch dtype {
        case .f64: try selectRows(plan, n, c.storage.f64, a.storage.f64, b.storage.f64, out.storage.f64)
        case .f32: try selectRows(plan, n, c.storage.f32, a.storage.f32, b.storage.f32, out.storage.f32)
        case .bool: break  // handled above
        }
        return out
    }

    /// `where` with a scalar for `b`; the scalar takes `a`'s dtype (a weak scalar, as in numpy 2).
    public static func `where`(_ cond: Tensor, _ a: Tensor, _ b: Double) throws(TensorError) -> Tensor {
        try `where`(cond, a, Tensor(scalar: b, dtype: a.dtype))
    }

    /// `where` with a scalar for `a`; the scalar takes `b`'s dtype (a weak scalar, as in numpy 2).
    public static func `where`(_ cond: Tensor, _ a: Double, _ b: Tensor) throws(TensorError) -> Tensor {
        try `where`(cond, Tensor(scalar: a, dtype: b.dtype), b)
    }

    /// `where` choosing between two scalars: an f64 tensor of `cond`'s shape.
    public static func `where`(_ cond: Tensor, _ a: Double, _ b: Double) throws(TensorError) -> Tensor {
        try `where`(cond, Tensor(scalar: a), Tensor(scalar: b))
    }

    static func selectRows<T: Elem>(_ plan: StridedPlan, _ n: Int, _ c: UnsafePointer<T>, _ a: UnsafePointer<T>,
                                    _ b: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        let sc = plan.innerStride(0), sa = plan.innerStride(1), sb = plan.innerStride(2)
        try Parallel.forRanges(n) { lo, hi in
            plan.forEachRow(lo, hi) { start, len, offs in
                let cp = c + offs[0], ap = a + offs[1], bp = b + offs[2], q = o + start
                for i in 0..<len { q[i] = cp[i &* sc] != 0 ? ap[i &* sa] : bp[i &* sb] }
            }
        }
    }

    /// Limits every element to `lo...hi` (numpy's `clip`: `minimum(maximum(x, lo), hi)`;
    /// NaN stays NaN). Keeps the dtype.
    public static func clip(_ x: Tensor, _ lo: Double, _ hi: Double) throws(TensorError) -> Tensor {
        let x = try dense(x.numeric())
        let out = try Tensor(uninitialized: x.shape, dtype: x.dtype)
        switch x.dtype {
        case .f64: try clipRows(x.count, x.storage.f64, out.storage.f64, lo, hi)
        case .f32: try clipRows(x.count, x.storage.f32, out.storage.f32, Float(lo), Float(hi))
        case .bool: break  // converted to f64 on entry
        }
        return out
    }

    /// `clip` with tensor bounds, broadcasting all three.
    public static func clip(_ x: Tensor, _ lo: Tensor, _ hi: Tensor) throws(TensorError) -> Tensor {
        try binary(.minimum, binary(.maximum, x, lo), hi)
    }

    static func clipRows<T: Elem>(_ n: Int, _ x: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>, _ lo: T, _ hi: T) throws(TensorError) {
        try Parallel.forRanges(n) { start, end in
            for i in start..<end {
                let v = x[i]
                let a = (v >= lo || v != v) ? v : lo
                o[i] = (a <= hi || a != a) ? a : hi
            }
        }
    }
}

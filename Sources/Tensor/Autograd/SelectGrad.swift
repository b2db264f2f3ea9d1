/// Differentiable selection: `where`, `clip`, elementwise `maximum`/`minimum`.
/// - where(c, a, b): g flows to `a` where c is non-zero and to `b` elsewhere (summed back over
///   broadcast axes); the condition gets no gradient.
/// - clip(x, lo, hi) with number bounds: g where lo ≤ x ≤ hi (bounds inclusive, as PyTorch),
///   else 0. With tensor bounds it is `minimum(maximum(x, lo), hi)`, so ties split evenly.
/// - maximum / minimum: see `BinaryGrad` (ties split evenly).
extension Variable {
    /// Elementwise `cond ? a : b` with broadcasting, as `Tensor.where`.
    public static func `where`(_ cond: Variable, _ a: Variable, _ b: Variable) throws(TensorError) -> Variable {
        let out = try Tensor.where(cond.value, a.value, b.value)
        let c = cond.value, av = a.value, bv = b.value
        return try make(out, [a, b]) { g, needs throws(TensorError) in
            let zero = Tensor(scalar: 0, dtype: g.dtype)
            let ga = needs[0] ? try Tensor.unbroadcast(Tensor.where(c, g, zero), to: av.shape, dtype: av.dtype) : nil
            let gb = needs[1] ? try Tensor.unbroadcast(Tensor.where(c, zero, g), to: bv.shape, dtype: bv.dtype) : nil
            return [ga, gb]
        }
    }

    /// Limits every element to `lo...hi`, as `Tensor.clip`.
    public static func clip(_ x: Variable, _ lo: Double, _ hi: Double) throws(TensorError) -> Variable {
        let out = try Tensor.clip(x.value, lo, hi)
        let xv = x.value
        return try make(out, [x]) { g, _ throws(TensorError) in
            let inside = try Tensor.binary(.mul, Tensor.binary(.ge, xv, lo), Tensor.binary(.le, xv, hi))
            return [try Tensor.unbroadcast(Tensor.binary(.mul, g, inside), to: xv.shape, dtype: xv.dtype)]
        }
    }

    /// `clip` with tensor bounds (broadcasting all three): `minimum(maximum(x, lo), hi)`.
    public static func clip(_ x: Variable, _ lo: Variable, _ hi: Variable) throws(TensorError) -> Variable {
        try binary(.minimum, binary(.maximum, x, lo), hi)
    }

    /// Elementwise maximum (NaN propagates); ties split the gradient evenly.
    public static func maximum(_ a: Variable, _ b: Variable) throws(TensorError) -> Variable {
        try binary(.maximum, a, b)
    }

    /// Elementwise minimum (NaN propagates); ties split the gradient evenly.
    public static func minimum(_ a: Variable, _ b: Variable) throws(TensorError) -> Variable {
        try binary(.minimum, a, b)
    }
}

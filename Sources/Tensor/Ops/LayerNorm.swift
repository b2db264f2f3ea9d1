/// Layer normalisation over the last axis without a learned gain or bias (Ba, Kiros &
/// Hinton 2016; `torch.nn.LayerNorm(C, elementwise_affine=False)`, as in DiT's blocks):
/// y = (x − μ)/√(σ² + eps) per row of C values, μ and the biased variance σ² taken over the
/// row. Statistics accumulate in f64 for either dtype.
extension Tensor {
    /// `layer_norm(x, eps)` over the last axis, keeping x's shape and dtype.
    public static func layerNorm(_ x: Tensor, eps: Double) throws(TensorError) -> Tensor {
        try layerNormWithStats(x, eps: eps).y
    }

    /// The normalised tensor and each row's 1/√(σ² + eps) (f64, one per row).
    static func layerNormWithStats(_ x: Tensor, eps: Double) throws(TensorError) -> (y: Tensor, rstd: [Double]) {
        if x.dtype == .bool { return try layerNormWithStats(x.numeric(), eps: eps) }
        guard x.rank >= 1, let c = x.shape.last, c > 0 else {
            throw .invalidArgument("layer_norm needs a tensor with a non-empty last axis, got shape \(Shape.describe(x.shape))")
        }
        guard eps >= 0, eps.isFinite else { throw .invalidArgument("layer_norm needs eps ≥ 0, got \(eps)") }
        let src = try dense(x)
        let out = try Tensor(uninitialized: x.shape, dtype: x.dtype)
        let rows = x.count / c
        var rstd = [Double](repeating: 0, count: rows)
        switch x.dtype {
        case .f64: normaliseRows(src.storage.f64, out.storage.f64, rows, c, eps, &rstd)
        case .f32: normaliseRows(src.storage.f32, out.storage.f32, rows, c, eps, &rstd)
        case .bool: break  // converted to f64 on entry
        }
        return (out, rstd)
    }

    /// x̄ = rstd·(ḡ − mean(ḡ) − ŷ·mean(ḡ·ŷ)) per row, with ŷ the forward output.
    static func layerNormBackward(_ g: Tensor, y: Tensor, rstd: [Double]) throws(TensorError) -> Tensor {
        let gd = try dense(g.converted(to: y.dtype))
        let out = try Tensor(uninitialized: y.shape, dtype: y.dtype)
        let c = y.shape[y.rank - 1], rows = rstd.count
        switch y.dtype {
        case .f64: backwardRows(gd.storage.f64, y.storage.f64, out.storage.f64, rows, c, rstd)
        case .f32: backwardRows(gd.storage.f32, y.storage.f32, out.storage.f32, rows, c, rstd)
        case .bool: break  // y is never bool: the forward pass converts bool input to f64
        }
        return out
    }

    private static func normaliseRows<F: BinaryFloatingPoint>(_ x: UnsafeMutablePointer<F>, _ y: UnsafeMutablePointer<F>,
                                                              _ rows: Int, _ c: Int, _ eps: Double, _ rstd: inout [Double]) {
        for r in 0..<rows {
            let row = x + r * c, o = y + r * c
            var s = 0.0
            for j in 0..<c { s += Double(row[j]) }
            let mu = s / Double(c)
            var v = 0.0
            for j in 0..<c { let d = Double(row[j]) - mu; v += d * d }
            let k = 1 / (v / Double(c) + eps).squareRoot()
            rstd[r] = k
            for j in 0..<c { o[j] = F((Double(row[j]) - mu) * k) }
        }
    }

    private static func backwardRows<F: BinaryFloatingPoint>(_ g: UnsafeMutablePointer<F>, _ y: UnsafeMutablePointer<F>,
                                                             _ out: UnsafeMutablePointer<F>, _ rows: Int, _ c: Int,
                                                             _ rstd: [Double]) {
        for r in 0..<rows {
            let gr = g + r * c, yr = y + r * c, o = out + r * c
            var sg = 0.0, sgy = 0.0
            for j in 0..<c { let gj = Double(gr[j]); sg += gj; sgy += gj * Double(yr[j]) }
            let mg = sg / Double(c), mgy = sgy / Double(c), k = rstd[r]
            for j in 0..<c { o[j] = F(k * (Double(gr[j]) - mg - Double(yr[j]) * mgy)) }
        }
    }
}

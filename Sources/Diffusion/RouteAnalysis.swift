import Tensor

/// Task affinity of a routing mask (Park et al. 2024): the T×T matrix of intersection-over-union
/// between rows, |m_i ∧ m_j| / |m_i ∨ m_j|. Two empty rows count as identical (IoU 1), so the
/// diagonal is always 1.
///
/// For a 0/1 mask rows are bit-packed and compared with popcounts (exact, and equal bit for
/// bit to numpy's `inter = m @ m.T; inter / (n_i + n_j − inter)`). Any other values use the
/// same formula in floating point — the Tanimoto coefficient m_i·m_j / (|m_i|² + |m_j|² − m_i·m_j),
/// which is IoU on 0/1 rows.
public func affinity(_ m: Tensor) throws(TensorError) -> Tensor {
    let (T, C) = try maskShape(m, "affinity")
    let x = try denseF64(m)
    let out = try Tensor(uninitialized: [T, T])
    if let packed = try BitRows(x.storage.f64, rows: T, cols: C) {
        try packed.iouMatrix(into: out.storage.f64)
    } else {
        try tanimotoMatrix(x.storage.f64, rows: T, cols: C, into: out.storage.f64)
    }
    return out
}

/// IoU of row t with row t + lag for t = 0…T−1−lag (length T − lag); same definition as
/// `affinity`. Needs 0 ≤ lag < T.
public func overlap(_ m: Tensor, lag: Int = 1) throws(TensorError) -> Tensor {
    let (T, C) = try maskShape(m, "overlap")
    guard lag >= 0, lag < T else { throw .invalidArgument("overlap needs 0 ≤ lag < T = \(T), got lag = \(lag)") }
    let x = try denseF64(m)
    let p = x.storage.f64
    let out = try Tensor(uninitialized: [T - lag])
    for t in 0..<(T - lag) {
        if t & 255 == 0 { try Interrupt.check() }
        out.storage.f64[t] = tanimoto(p + t * C, p + (t + lag) * C, C)
    }
    return out
}

/// Tasks per channel: the column sums of a T×C mask (length C).
public func usage(_ m: Tensor) throws(TensorError) -> Tensor {
    let (T, C) = try maskShape(m, "usage")
    let x = try denseF64(m)
    let p = x.storage.f64
    let out = try Tensor(repeating: 0, shape: [C])
    let o = out.storage.f64
    for t in 0..<T {
        if t & 255 == 0 { try Interrupt.check() }
        let row = p + t * C
        for c in 0..<C { o[c] += row[c] }
    }
    return out
}

/// (T, C) of a 2-D mask with T, C ≥ 1.
func maskShape(_ m: Tensor, _ what: String) throws(TensorError) -> (Int, Int) {
    guard m.rank == 2, m.shape[0] >= 1, m.shape[1] >= 1 else {
        throw .invalidArgument("\(what) needs a T×C mask (2-D, non-empty), got shape \(Shape.describe(m.shape))")
    }
    return (m.shape[0], m.shape[1])
}

/// a·b / (a·a + b·b − a·b); 1 when both rows are zero.
@inline(__always)
func tanimoto(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
    var ab = 0.0, aa = 0.0, bb = 0.0
    for c in 0..<n {
        let x = a[c], y = b[c]
        ab += x * y; aa += x * x; bb += y * y
    }
    let union = aa + bb - ab
    return union == 0 ? 1 : ab / union
}

/// The general (non-0/1) affinity: Tanimoto of every pair of rows, symmetric.
func tanimotoMatrix(_ p: UnsafePointer<Double>, rows T: Int, cols C: Int,
                    into o: UnsafeMutablePointer<Double>) throws(TensorError) {
    var norms = [Double](repeating: 0, count: T)
    for t in 0..<T {
        var s = 0.0
        for c in 0..<C { s += p[t * C + c] * p[t * C + c] }
        norms[t] = s
    }
    for i in 0..<T {
        try Interrupt.check()
        let a = p + i * C
        for j in i..<T {
            let b = p + j * C
            var ab = 0.0
            for c in 0..<C { ab += a[c] * b[c] }
            let union = norms[i] + norms[j] - ab
            let v = union == 0 ? 1 : ab / union
            o[i * T + j] = v
            o[j * T + i] = v
        }
    }
}

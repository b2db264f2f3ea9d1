import Tensor

/// Reads user timesteps: one value (a scalar, broadcast to every row) or one per row.
/// Each must be an integer in 0..<T.
/// - Returns: `nil` for a single timestep shared by all rows, else one index per row.
func timestepIndices(_ t: Tensor, rows: Int, T: Int, what: String) throws(TensorError) -> (shared: Int?, perRow: [Int]) {
    let values = t.toArray()
    func index(_ v: Double) throws(TensorError) -> Int {
        let i = try Shape.integer(v, "timestep")
        guard i >= 0, i < T else {
            throw .invalidArgument("\(what): timestep \(i) is out of range 0…\(T - 1) for T = \(T)")
        }
        return i
    }
    if values.count == 1, t.rank <= 1 {
        return (try index(values[0]), [])
    }
    guard t.rank == 1, values.count == rows else {
        throw .invalidArgument("\(what): t must be one timestep or one per row (\(rows)), got shape \(Shape.describe(t.shape))")
    }
    var out = [Int](repeating: 0, count: rows)
    for r in 0..<rows { out[r] = try index(values[r]) }
    return (nil, out)
}

/// A contiguous f64 copy (or self) whose elements start at `storage.f64`.
func denseF64(_ x: Tensor) throws(TensorError) -> Tensor {
    try x.converted(to: .f64).contiguous()
}

/// Throws `tooLarge` unless `n` doubles (plus `extra`) fit under the memory cap; call before
/// building Swift arrays whose length comes from the user.
func checkVectorSize(_ n: Int, extra: Int = 0) throws(TensorError) {
    let (m, o1) = n.addingReportingOverflow(extra)
    let (bytes, o2) = m.multipliedReportingOverflow(by: 8)
    guard !o1, !o2, bytes <= Limits.maxBytes else {
        throw .tooLarge(bytes: o1 || o2 ? Int.max : bytes, limit: Limits.maxBytes)
    }
}

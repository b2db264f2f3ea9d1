import Tensor

/// The forward process q(x_t | x_0) of Ho et al. 2020: x_t = √ᾱ_t·x0 + √(1 − ᾱ_t)·noise.
///
/// `t` is one timestep for all of `x0`, or a 1-D tensor with one timestep per row (first axis)
/// of `x0`; each an integer in 0…T−1. `noise` has the shape of `x0`. Computed in f64.
public func qSample(_ s: Schedule, x0: Tensor, t: Tensor, noise: Tensor) throws(TensorError) -> Tensor {
    guard noise.shape == x0.shape else { throw .shapeMismatch(op: "q_sample noise", lhs: x0.shape, rhs: noise.shape) }
    let rows = x0.rank == 0 ? 1 : x0.shape[0]
    let (shared, perRow) = try timestepIndices(t, rows: rows, T: s.T, what: "q_sample")
    let x = try denseF64(x0), e = try denseF64(noise)
    let out = try Tensor(uninitialized: x0.shape)
    let n = x0.count
    let px = x.storage.f64, pe = e.storage.f64, po = out.storage.f64
    let a = s.sqrtAlphaBar.storage.f64 + s.sqrtAlphaBar.offset
    let b = s.sqrtOneMinusAlphaBar.storage.f64 + s.sqrtOneMinusAlphaBar.offset
    let per = rows == 0 ? 0 : n / rows
    for r in 0..<rows {
        if r & 63 == 0 { try Interrupt.check() }
        let ti = shared ?? perRow[r]
        let ca = a[ti], cb = b[ti]
        let base = r * per
        for i in base..<(base + per) { po[i] = ca * px[i] + cb * pe[i] }
    }
    return out
}

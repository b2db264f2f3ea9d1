import Tensor

/// The DTR block (Park et al. 2024): `block(x·m[t]) + x·(1 − m[t])`. `block` reads only the routed
/// channels; it includes its own residual path (as in the official DiT block), so its update
/// still reaches every channel, and the unread part `x·(1 − m[t])` is added back.
///
/// `x` is B×C (or a single row of C), `m` a T×C mask, and `t` one timestep for every row or a
/// 1-D tensor with one timestep per row (each sample uses the mask row of its own timestep).
/// `block` must return a tensor of x's shape.
public func applyRoute(_ x: Tensor, mask m: Tensor, t: Tensor, block: (Tensor) throws -> Tensor) throws -> Tensor {
    guard x.rank == 1 || x.rank == 2 else {
        throw TensorError.invalidArgument("apply_route needs x of shape B×C or C, got \(Shape.describe(x.shape))")
    }
    let (T, C) = try maskShape(m, "apply_route")
    let B = x.rank == 2 ? x.shape[0] : 1
    guard x.shape[x.rank - 1] == C else {
        throw TensorError.shapeMismatch(op: "apply_route (x and mask channels)", lhs: x.shape, rhs: m.shape)
    }
    let (shared, perRow) = try timestepIndices(t, rows: B, T: T, what: "apply_route")
    let xs = try denseF64(x), ms = try denseF64(m)
    let px = xs.storage.f64, pm = ms.storage.f64
    let routed = try Tensor(uninitialized: x.shape)
    let bypass = try Tensor(uninitialized: x.shape)
    let pr = routed.storage.f64, pb = bypass.storage.f64
    for r in 0..<B {
        let row = pm + (shared ?? perRow[r]) * C
        for c in 0..<C {
            let v = px[r * C + c], g = row[c]
            pr[r * C + c] = v * g
            pb[r * C + c] = v * (1 - g)
        }
    }
    let y = try block(routed)
    guard y.shape == x.shape else {
        throw TensorError.shapeMismatch(op: "apply_route (block output must keep x's shape)", lhs: x.shape, rhs: y.shape)
    }
    let ys = try denseF64(y)
    let py = ys.storage.f64
    for i in 0..<(B * C) { pb[i] += py[i] }
    return bypass
}

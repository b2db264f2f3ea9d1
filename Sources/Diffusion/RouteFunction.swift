import Tensor

/// A T×C routing mask from a user function: row t is `rowFor(t)`, which must return exactly
/// C values, each 0 or 1. Errors name the offending t (and channel).
public func route(T: Int, C: Int, rowFor: (Int) throws -> [Double]) throws -> Tensor {
    guard T >= 1 else { throw TensorError.invalidArgument("route needs T ≥ 1 tasks, got T = \(T)") }
    guard C >= 1 else { throw TensorError.invalidArgument("route needs C ≥ 1 channels, got C = \(C)") }
    let m = try Tensor(uninitialized: [T, C])
    let p = m.storage.f64
    for t in 0..<T {
        try Interrupt.check()
        let row = try rowFor(t)
        guard row.count == C else {
            throw TensorError.invalidArgument("route function returned \(row.count) values for t = \(t), expected C = \(C)")
        }
        for (c, v) in row.enumerated() {
            guard v == 0 || v == 1 else {
                throw TensorError.invalidArgument("route function returned \(numberText(v)) at channel \(c) for t = \(t); rows must hold only 0 and 1")
            }
            p[t * C + c] = v == 0 ? 0 : 1
        }
    }
    return m
}

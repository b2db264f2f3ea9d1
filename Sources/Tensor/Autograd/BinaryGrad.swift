/// Differentiable elementwise binary ops, each forward beside its backward rule.
///
/// Rules (g is the output cotangent, both sides then summed back over broadcast axes):
/// - `a + b`: g, g · `a - b`: g, −g · `a * b`: g·b, g·a · `a / b`: g/b, −g·out/b
/// - `a ^ b`: g·b·a^(b−1) (0 where b = 0), g·out·log a (log taken as 0 where a = 0, as JAX)
/// - `max(a, b)` / `min(a, b)`: g goes to the selected operand; on ties it is split evenly
///   (half to each), so the gradient of `max(x, x)` is g.
/// - `a % b`: g, −g·floor(a/b)
/// - comparisons (`== != < <= > >=`) have zero gradient: their result is untracked.
extension Variable {
    /// `a op b` elementwise with broadcasting (see `Tensor.binary`), differentiable in both.
    public static func binary(_ op: BinaryOp, _ a: Variable, _ b: Variable) throws(TensorError) -> Variable {
        let out = try Tensor.binary(op, a.value, b.value)
        guard op.isDifferentiable else { return Variable(constant: out) }
        let av = a.value, bv = b.value
        return try make(out, [a, b]) { g, needs throws(TensorError) in
            let (ga, gb) = try binaryCotangents(op, g, av, bv, out, needs[0], needs[1])
            return [try ga.map { t throws(TensorError) in try Tensor.unbroadcast(t, to: av.shape, dtype: av.dtype) },
                    try gb.map { t throws(TensorError) in try Tensor.unbroadcast(t, to: bv.shape, dtype: bv.dtype) }]
        }
    }

    /// `x op s` with an untracked scalar (weak: keeps `x`'s dtype, as `Tensor.binary`).
    public static func binary(_ op: BinaryOp, _ x: Variable, _ s: Double) throws(TensorError) -> Variable {
        let out = try Tensor.binary(op, x.value, s)
        guard op.isDifferentiable else { return Variable(constant: out) }
        let xv = x.value
        return try make(out, [x]) { g, _ throws(TensorError) in
            let sv = Tensor(scalar: s, dtype: xv.dtype)
            return [try binaryCotangents(op, g, xv, sv, out, true, false).0]
        }
    }

    /// `s op x` with an untracked scalar on the left.
    public static func binary(_ op: BinaryOp, _ s: Double, _ x: Variable) throws(TensorError) -> Variable {
        let out = try Tensor.binary(op, s, x.value)
        guard op.isDifferentiable else { return Variable(constant: out) }
        let xv = x.value
        return try make(out, [x]) { g, _ throws(TensorError) in
            let sv = Tensor(scalar: s, dtype: xv.dtype)
            return [try binaryCotangents(op, g, sv, xv, out, false, true).1]
        }
    }

    /// Cotangents of `out = a op b` in the broadcast shape (before unbroadcasting).
    static func binaryCotangents(_ op: BinaryOp, _ g: Tensor, _ a: Tensor, _ b: Tensor, _ out: Tensor,
                                 _ needA: Bool, _ needB: Bool) throws(TensorError) -> (Tensor?, Tensor?) {
        typealias T = Tensor
        let zero = T(scalar: 0, dtype: out.dtype), one = T(scalar: 1, dtype: out.dtype)
        switch op {
        case .add:
            return (needA ? g : nil, needB ? g : nil)
        case .sub:
            return (needA ? g : nil, needB ? try T.unary(.neg, g) : nil)
        case .mul:
            return (needA ? try T.binary(.mul, g, b) : nil, needB ? try T.binary(.mul, g, a) : nil)
        case .div:
            return (needA ? try T.binary(.div, g, b) : nil,
                    needB ? try T.unary(.neg, T.binary(.div, T.binary(.mul, g, out), b)) : nil)
        case .pow:
            var ga: T? = nil, gb: T? = nil
            if needA {
                let d = try T.binary(.mul, b, T.binary(.pow, a, T.binary(.sub, b, 1.0)))
                ga = try T.binary(.mul, g, T.where(T.binary(.eq, b, 0.0), zero, d))
            }
            if needB {
                let logA = try T.unary(.log, T.where(T.binary(.eq, a, 0.0), one, a))
                gb = try T.binary(.mul, g, T.binary(.mul, out, logA))
            }
            return (ga, gb)
        case .maximum, .minimum:
            let wins = try T.binary(op == .maximum ? .gt : .lt, a, b)
            let mask = try T.binary(.add, wins, T.binary(.mul, T.binary(.eq, a, b), 0.5))
            return (needA ? try T.binary(.mul, g, mask) : nil,
                    needB ? try T.binary(.mul, g, T.binary(.sub, 1.0, mask)) : nil)
        case .mod:
            return (needA ? g : nil,
                    needB ? try T.unary(.neg, T.binary(.mul, g, T.unary(.floor, T.binary(.div, a, b)))) : nil)
        case .eq, .ne, .lt, .le, .gt, .ge:
            return (nil, nil)
        }
    }

    // MARK: - Operators

    /// `a + b` (differentiable, broadcasting).
    public static func + (a: Variable, b: Variable) throws(TensorError) -> Variable { try binary(.add, a, b) }
    /// `a - b` (differentiable, broadcasting).
    public static func - (a: Variable, b: Variable) throws(TensorError) -> Variable { try binary(.sub, a, b) }
    /// `a * b` (differentiable, broadcasting).
    public static func * (a: Variable, b: Variable) throws(TensorError) -> Variable { try binary(.mul, a, b) }
    /// `a / b` (differentiable, broadcasting).
    public static func / (a: Variable, b: Variable) throws(TensorError) -> Variable { try binary(.div, a, b) }
    /// `x + s`.
    public static func + (x: Variable, s: Double) throws(TensorError) -> Variable { try binary(.add, x, s) }
    /// `x - s`.
    public static func - (x: Variable, s: Double) throws(TensorError) -> Variable { try binary(.sub, x, s) }
    /// `x * s`.
    public static func * (x: Variable, s: Double) throws(TensorError) -> Variable { try binary(.mul, x, s) }
    /// `x / s`.
    public static func / (x: Variable, s: Double) throws(TensorError) -> Variable { try binary(.div, x, s) }
    /// `s * x`.
    public static func * (s: Double, x: Variable) throws(TensorError) -> Variable { try binary(.mul, s, x) }
    /// `s - x`.
    public static func - (s: Double, x: Variable) throws(TensorError) -> Variable { try binary(.sub, s, x) }
    /// `-x`.
    public static prefix func - (x: Variable) throws(TensorError) -> Variable { try unary(.neg, x) }
}

extension BinaryOp {
    /// Whether gradients flow through this op (false for comparisons, whose gradient is zero).
    public var isDifferentiable: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge: false
        default: true
        }
    }
}

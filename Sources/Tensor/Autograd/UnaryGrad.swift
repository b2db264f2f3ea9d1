import Foundation

/// Differentiable elementwise unary ops. The backward rule is one fused pass computing
/// `g · f'(x)` from the input x, the output y and the cotangent g:
/// - neg: −g · abs: g·sign(x) (0 at 0) · exp: g·y · log: g/x · log1p: g/(1+x) · sqrt: g/(2y)
/// - sin: g·cos x · cos: −g·sin x · tanh: g·(1−y²) · sigmoid: g·y(1−y) · square: 2g·x
/// - relu: g where x > 0, else 0 (0 at x = 0, as PyTorch and JAX)
/// - gelu (exact, erf-based as the forward): g·(Φ(x) + x·φ(x)). In f64 Φ comes from erfc;
///   in f32 it is recovered from the forward's output as Φ(x) = y/x (½ at 0), which is exact
///   to f32 rounding and avoids a second erfc pass (the hot spot of GELU training steps).
/// - silu: g·(s + x·s(1−s)) with s = sigmoid(x)
/// - round, floor, sign, isnan: zero gradient (their result is untracked).
extension Variable {
    /// `op` applied to every element (see `Tensor.unary`), differentiable where it has a derivative.
    public static func unary(_ op: UnaryOp, _ x: Variable) throws(TensorError) -> Variable {
        let out = try Tensor.unary(op, x.value)
        guard op.isDifferentiable else { return Variable(constant: out) }
        let xv = x.value
        return try make(out, [x]) { g, _ throws(TensorError) in
            [try Tensor.unaryBackward(op, g, xv, out)]
        }
    }
}

extension UnaryOp {
    /// Whether gradients flow through this op (false for round, floor, sign and isnan,
    /// whose gradient is zero almost everywhere).
    public var isDifferentiable: Bool {
        switch self {
        case .round, .floor, .sign, .isnan: false
        default: true
        }
    }
}

extension Tensor {
    /// `g · f'(x)` for `y = op(x)`, of x's shape and dtype.
    static func unaryBackward(_ op: UnaryOp, _ g: Tensor, _ x: Tensor, _ y: Tensor) throws(TensorError) -> Tensor {
        let g = try dense(broadcastView(g.converted(to: x.dtype), to: x.shape))
        let x = try dense(x), y = try dense(y)
        let out = try Tensor(uninitialized: x.shape, dtype: x.dtype)
        let n = x.count
        if n == 0 { return out }
        switch x.dtype {
        case .f64:
            try UnaryGradKernels.run(op, n, UnsafePointer(g.storage.f64), UnsafePointer(x.storage.f64),
                                     UnsafePointer(y.storage.f64), out.storage.f64)
        case .f32 where op == .gelu:
            try UnaryGradKernels.geluF32(n, UnsafePointer(g.storage.f32), UnsafePointer(x.storage.f32),
                                         UnsafePointer(y.storage.f32), out.storage.f32)
        case .f32:
            try UnaryGradKernels.run(op, n, UnsafePointer(g.storage.f32), UnsafePointer(x.storage.f32),
                                     UnsafePointer(y.storage.f32), out.storage.f32)
        case .bool: break  // gradients are float tensors
        }
        return out
    }
}

enum UnaryGradKernels {
    /// 1/√(2π)
    static let invSqrt2Pi = 0.3989422804014327

    /// The derivative of exact GELU, Φ(x) + x·φ(x), evaluated in Double.
    @inline(__always)
    static func geluDerivative(_ x: Double) -> Double {
        0.5 * erfc(x * -0.7071067811865476) + x * invSqrt2Pi * Foundation.exp(-0.5 * x * x)
    }

    @inline(__always)
    static func loop<T: Elem>(_ n: Int, _ g: UnsafePointer<T>, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>,
                              _ o: UnsafeMutablePointer<T>, _ f: (T, T, T) -> T) {
        for i in 0..<n { o[i] = f(g[i], x[i], y[i]) }
    }

    static func rows<T: Elem>(_ op: UnaryOp, _ n: Int, _ g: UnsafePointer<T>, _ x: UnsafePointer<T>,
                              _ y: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>) {
        switch op {
        case .neg: loop(n, g, x, y, o) { g, _, _ in -g }
        case .abs: loop(n, g, x, y, o) { g, x, _ in x > 0 ? g : (x < 0 ? -g : 0) }
        case .exp: loop(n, g, x, y, o) { g, _, y in g * y }
        case .log: loop(n, g, x, y, o) { g, x, _ in g / x }
        case .log1p: loop(n, g, x, y, o) { g, x, _ in g / (1 + x) }
        case .sqrt: loop(n, g, x, y, o) { g, _, y in g / (2 * y) }
        case .sin: loop(n, g, x, y, o) { g, x, _ in g * T.mcos(x) }
        case .cos: loop(n, g, x, y, o) { g, x, _ in -g * T.msin(x) }
        case .tanh: loop(n, g, x, y, o) { g, _, y in g * (1 - y * y) }
        case .sigmoid: loop(n, g, x, y, o) { g, _, y in g * y * (1 - y) }
        case .relu: loop(n, g, x, y, o) { g, x, _ in x > 0 ? g : 0 }
        case .gelu: loop(n, g, x, y, o) { g, x, _ in g * T(geluDerivative(x.double)) }
        case .silu:
            loop(n, g, x, y, o) { g, x, _ in
                let s = 1 / (1 + T.mexp(-x))
                return g * (s + x * s * (1 - s))
            }
        case .square: loop(n, g, x, y, o) { g, x, _ in 2 * g * x }
        case .round, .floor, .sign, .isnan: loop(n, g, x, y, o) { _, _, _ in 0 }
        }
    }

    /// f32 GELU backward from the forward output: g·(y/x + x·φ(x)), vectorisable (no libm call).
    static func geluF32(_ n: Int, _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                        _ o: UnsafeMutablePointer<Float>) throws(TensorError) {
        try Parallel.forRanges(n) { lo, hi in
            let g = g + lo, x = x + lo, y = y + lo, o = o + lo
            for i in 0..<(hi - lo) {
                // Unconditional loads and a select keep the loop vectorisable.
                let xi = x[i], ratio = y[i] / xi
                let cdf = xi != 0 ? ratio : 0.5
                let pdf = Float(invSqrt2Pi) * FastMath.exp(-0.5 * xi * xi)
                o[i] = g[i] * (cdf + xi * pdf)
            }
        }
    }

    static func run<T: Elem>(_ op: UnaryOp, _ n: Int, _ g: UnsafePointer<T>, _ x: UnsafePointer<T>,
                             _ y: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        try Parallel.forRanges(n) { lo, hi in rows(op, hi - lo, g + lo, x + lo, y + lo, o + lo) }
    }
}
